"""A new flag asks for its alert itself (`flags.record_flag`): whichever path wrote it, the
duty officer's email goes after the request that committed it, and never after one that
rolled it back."""

# ruff: noqa: F811 - the fixtures imported from test_safeguarding_inbox are parameters here

from __future__ import annotations

from sqlalchemy import func, select

from app.conversations.store import Delivery
from app.core.extensions import db
from app.models import Role, SafeguardingFlag
from tests.conversations.twilio_helpers import sms_respondent, text

from .test_safeguarding_inbox import DUTY, app, mailbox, smtp_server  # noqa: F401 - fixtures

PHONE = "07700 900472"


def _flags(flask_app) -> int:
    with flask_app.app_context():
        return db.session.scalar(select(func.count()).select_from(SafeguardingFlag))


def test_a_free_text_answer_flagged_on_the_sms_path_is_alerted_after_the_request(
    app, client, mailbox, make_user
):
    """The answer's flag is written by record_flag's own statement (no ORM INSERT to spot),
    inside a delivery whose answer waits for its last statement."""
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    sms_respondent(app, PHONE)
    text(client, PHONE, "hi").close()
    text(client, PHONE, "2").close()  # Q1 scale; Q2 is free text
    reply = text(client, PHONE, "i keep cutting myself")
    assert "Thank you for telling us" in reply.get_data(as_text=True)
    assert mailbox.messages == []  # not before the reply has gone
    reply.close()
    assert [rcpts for rcpts, _content in mailbox.messages] == [[DUTY]]
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.category == "self_harm" and flag.alerted_at is not None


def test_a_request_that_rolls_back_its_flag_sends_no_alert(
    app, client, mailbox, make_user, monkeypatch
):
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    sms_respondent(app, PHONE)
    text(client, PHONE, "hi").close()

    def fail(_delivery: Delivery, _reply: str) -> None:
        raise RuntimeError("the database went away before the reply was stored")

    monkeypatch.setattr(Delivery, "write_with_reply", fail)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a 500 page, as in production
    reply = text(client, PHONE, "my foster carer hits me")
    assert reply.status_code == 500
    reply.close()
    assert _flags(app) == 0  # recorded, then rolled back with the rest of the delivery
    assert mailbox.messages == []
    monkeypatch.undo()
    # The next request that commits a flag is alerted as usual: nothing was left pending.
    text(client, PHONE, "he hurts me every night").close()
    assert _flags(app) == 1
    assert len(mailbox.messages) == 1


def test_a_redelivered_text_does_not_alert_twice(app, client, mailbox, make_user):  # noqa: F811
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    sms_respondent(app, PHONE)
    text(client, PHONE, "hi").close()
    text(client, PHONE, "my foster carer hits me", sid="SM-twice").close()
    text(client, PHONE, "my foster carer hits me", sid="SM-twice").close()
    assert _flags(app) == 1
    assert len(mailbox.messages) == 1


def test_an_unknown_numbers_disclosure_is_alerted_after_the_request(
    app, client, mailbox, make_user
):
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    text(client, "07700 900473", "i want to die").close()
    assert _flags(app) == 1
    assert len(mailbox.messages) == 1
