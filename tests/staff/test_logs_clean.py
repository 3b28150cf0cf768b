"""No phone number, reference, name or free text reaches the logs, even with everything at DEBUG."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from sqlalchemy import select

from app.core.extensions import db
from app.models import Role, SafeguardingFlag, now_utc
from app.safeguarding import alerts
from surveys import default_registry
from tests.conversations.twilio_helpers import sms_respondent, text
from tests.web.helpers import answer_current, csrf_token, make_invitation, path_of, question_key_of

from .staff_helpers import sign_in
from .test_safeguarding_inbox import app, mailbox, smtp_server  # noqa: F401 - fixtures

NAME = "Jasmine Okonkwo"
WORDS = f"{NAME} hurts me when I go home, ring her on 07700 900461"
PHONES = ("07700 900461", "07700900461", "+447700900461", "7700900461", "7700 900461")
SMS_PHONE = "07700 900123"
STRANGER = "07700 900789"
SECRETS = (
    *PHONES,
    SMS_PHONE,
    "+447700900123",
    "07700900123",
    "7700900123",
    STRANGER,
    "+447700900789",
    "7700900789",
    NAME,
    "Okonkwo",
    "hurts me when",
    "kill myself tonight",
    "LOGREF-WEB-314",
    "LOGREF-SMS-271",
    "Alex Officer",  # the staff member's name
    "the LADO knows Jasmine",
)


def everything_at_debug(caplog) -> None:
    """Root at DEBUG, and every named logger too, as a careless production setting might be.

    SQLAlchemy's own loggers are left alone: turning them up is SQL echo, a deliberate
    debugging switch that prints bound values by design; the app must never turn it on.
    """
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        if not name.startswith("sqlalchemy"):
            caplog.set_level(logging.DEBUG, logger=name)


def web_survey(flask_app) -> None:
    """A whole pledge survey on the web, every free-text answer naming someone and a phone."""
    token = make_invitation(flask_app, "pledge", reference="LOGREF-WEB-314")
    survey = default_registry().get("pledge").resolve("teen")
    client = flask_app.test_client()
    location = f"/s/{token}/q/{survey.questions[0].key}"
    assert client.get(f"/s/{token}").status_code == 200
    while "/q/" in location:
        question = survey.question(question_key_of(location))
        value = WORDS if question.kind == "free_text" else None
        reply = answer_current(client, location, question, value)
        assert reply.status_code == 302
        location = path_of(reply.headers["Location"])
        if "/support" in location or "/feeling" in location:  # help pages link onward
            page = client.get(location).get_data(as_text=True)
            found = re.search(rf'href="(/s/{token}/(?:q/[^"?]+|check))', page)
            assert found, "the help page links to the next step"
            location = found.group(1)
    check = client.get(location).get_data(as_text=True)
    done = client.post(f"/s/{token}/submit", data={"csrf_token": csrf_token(check)})
    assert "/done" in done.headers["Location"]
    done.close()


def sms_conversation(flask_app) -> None:
    client = flask_app.test_client()
    sms_respondent(flask_app, SMS_PHONE, reference="LOGREF-SMS-271")
    for body in ("hi", "4", WORDS, "STOP", "START"):
        text(client, SMS_PHONE, body).close()  # closed as a server would: alerts go out
    text(client, STRANGER, f"{NAME} says I should kill myself tonight").close()


def staff_review(flask_app) -> None:
    client = flask_app.test_client()
    sign_in(client, "duty.officer@shireford.example", "not the password at all")
    sign_in(client, "duty.officer@shireford.example")
    assert client.get("/staff/safeguarding").status_code == 200
    with flask_app.app_context():
        flag_ids = list(db.session.scalars(select(SafeguardingFlag.id)))
    assert len(flag_ids) >= 3  # web, SMS in a survey, SMS from a stranger
    for flag_id in flag_ids:
        page = client.get(f"/staff/safeguarding/{flag_id}")
        assert NAME in page.get_data(as_text=True)  # staff see the words; logs never do
    acknowledged = client.post(
        f"/staff/safeguarding/{flag_ids[0]}",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "outcome": "referred_lado",
            "note": "Rang 07700 900461: the LADO knows Jasmine",
        },
    )
    assert acknowledged.status_code == 302


def test_a_representative_flow_logs_no_personal_data(app, make_user, mailbox, caplog):  # noqa: F811
    everything_at_debug(caplog)
    make_user(Role.ADMIN, "admin@shireford.example")
    make_user(Role.DUTY_OFFICER, "duty.officer@shireford.example", on_duty=True)
    web_survey(app)
    sms_conversation(app)
    staff_review(app)
    with app.app_context():
        alerts.tick()  # web answers' responses were left open: the tick alerts those
        alerts.tick(now_utc() + timedelta(hours=1))  # and escalates the rest
    assert mailbox.messages, "the flow should have sent alerts"

    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    leaks = [secret for secret in SECRETS if secret.lower() in logged.lower()]
    assert not leaks, f"personal data in the logs: {leaks}"
    # The check is not empty: the app did log what happened, without saying who or what.
    names = {record.name for record in caplog.records}
    assert "app.safeguarding.alerts" in names
    assert any("duty officer alerted" in r.getMessage() for r in caplog.records)
    assert not logging.getLogger("sqlalchemy.engine").isEnabledFor(logging.INFO)
