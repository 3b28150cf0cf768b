"""SMS replies are TwiML exactly as Twilio's own builder writes it: whatever a reply holds,
Twilio gets well-formed XML with each message intact."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from twilio.twiml.messaging_response import MessagingResponse

from app.conversations.webhooks import sms_twiml

REPLIES = [
    [],
    ["Q2/12: How happy are you at school? Reply 1-5"],
    ["Fish & chips <3 > \"quotes\" 'apostrophes' é 😀\r\n\ttabs"],
    ["One.", "Two."],
    ["]]>", "<Message>not a tag</Message>"],
    ["", "&amp; already escaped &#60;", "ﬁ \u200b\u202e mixed\u00a0spaces"],
]


@pytest.mark.parametrize("messages", REPLIES)
def test_same_bytes_as_twilios_builder(messages):
    """Built as a string for speed, so held to the library's own output."""
    twiml = MessagingResponse()
    for message in messages:
        twiml.message(message)
    assert sms_twiml(messages) == str(twiml)


@pytest.mark.parametrize("messages", REPLIES)
def test_each_message_reaches_twilio_whole(messages):
    root = ElementTree.fromstring(sms_twiml(messages).encode())
    assert root.tag == "Response"
    found = [element.text or "" for element in root]
    assert [e.tag for e in root] == ["Message"] * len(messages)
    # XML turns a lone \r into \n on reading: compare what a phone would show.
    assert found == [m.replace("\r\n", "\n") for m in messages]
