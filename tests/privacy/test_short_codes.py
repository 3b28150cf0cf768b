"""Issue 15 point 11: a text from a short code, an alphanumeric sender or a landline gets no
reply and leaves no trace; a mobile we do not know still gets the "no survey" reply."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.models import Conversation, InboundMessage
from surveys.phones import InvalidPhone, is_mobile, normalise
from tests.conversations.twilio_helpers import AUTH_TOKEN, messages, text

NOT_MOBILES = ("12345", "+4412345", "80800", "61234", "1234567", "+441632960001", "VODAFONE")


@pytest.fixture
def app(app):
    app.config.update(TWILIO_AUTH_TOKEN=AUTH_TOKEN, TWILIO_ACCOUNT_SID="AC" + "0" * 32)
    return app


def _rows(app) -> int:
    with app.app_context():
        return sum(
            db.session.scalar(select(func.count()).select_from(model)) or 0
            for model in (InboundMessage, Conversation)
        )


def test_short_codes_and_landlines_get_no_reply(app, client):
    for sender in NOT_MOBILES:
        reply = text(client, sender, "hello")
        assert messages(reply) == [], sender
    assert _rows(app) == 0
    # The same text from a mobile we do not know is answered: the refusal above is the check.
    answered = messages(text(client, "+447700900777", "hello"))
    assert answered and "survey" in " ".join(answered).lower()


@pytest.mark.parametrize("raw", ["12345", "+4412345", "80800", "61234"])
def test_short_codes_are_not_phone_numbers(raw):
    with pytest.raises(InvalidPhone):
        normalise(raw)


@pytest.mark.parametrize(
    ("raw", "mobile"),
    [
        ("07700 900123", True),
        ("+447624123456", True),  # Isle of Man
        ("+4915112345678", True),
        ("+441632960001", False),
        ("+447000123456", False),  # personal numbering
        ("+447600123456", False),  # pager
        ("1234567", False),
    ],
)
def test_is_mobile(raw, mobile):
    assert is_mobile(normalise(raw)) is mobile
