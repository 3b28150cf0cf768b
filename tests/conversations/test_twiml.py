"""SMS replies are built as strings, byte for byte what Twilio's own TwiML builder gives."""

from __future__ import annotations

import pytest
from twilio.twiml.messaging_response import MessagingResponse

from app.blueprints.twilio_hooks import sms_twiml


@pytest.mark.parametrize(
    "messages",
    [
        [],
        ["Q2/12: How happy are you at school? Reply 1-5"],
        ["Fish & chips <3 > \"quotes\" 'apostrophes' é 😀\r\n\ttabs"],
        ["One.", "Two."],
        [""],
        ["]]>", "<Message>not a tag</Message>"],
    ],
)
def test_sms_twiml_matches_twilios_builder(messages):
    expected = MessagingResponse()
    for message in messages:
        expected.message(message)
    assert sms_twiml(messages) == str(expected)
