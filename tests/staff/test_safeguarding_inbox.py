"""The safeguarding inbox and alerts: a real SMTP server on loopback receives what staff would."""

from __future__ import annotations

import email
import email.policy
import hashlib
import itertools
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from analysis import assess
from app.core.extensions import db
from app.core.phones import vault
from app.models import (
    AuditEvent,
    Channel,
    FlagEvent,
    FlagOutcome,
    OutboundMessage,
    Respondent,
    Role,
    SafeguardingFlag,
    now_utc,
)
from app.safeguarding import alerts
from tests.conversations.twilio_helpers import AUTH_TOKEN, sms_respondent, text
from tests.web.helpers import csrf_token

from .staff_helpers import sign_in

PHONE = "07700 900123"
E164 = "+447700900123"
PHONE_FORMS = (PHONE, E164, "07700900123", "7700900123", "7700 900123")
DUTY = "duty.officer@shireford.example"
SECOND = "safeguarding.lead@shireford.example"
ADMIN = "admin@shireford.example"
_sources = itertools.count(1)


@dataclass
class Mailbox:
    """What the loopback SMTP server received: (envelope recipients, raw message)."""

    messages: list[tuple[list[str], str]] = field(default_factory=list)
    port: int = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        raw = envelope.content.decode("utf-8", errors="replace")
        # Headers and the decoded body, then the raw form: both are checked for leaks.
        content = f"{message['Subject']}\n\n{message.get_content()}\n\n{raw}"
        self.messages.append((list(envelope.rcpt_tos), content))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[str]:
        return [content for rcpts, content in self.messages if address in rcpts]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def smtp_server() -> Iterator[Mailbox]:
    box = Mailbox(port=_free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


@pytest.fixture
def mailbox(smtp_server: Mailbox) -> Mailbox:
    smtp_server.messages.clear()
    return smtp_server


@pytest.fixture
def app(app, mailbox):
    app.config.update(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=mailbox.port,
        SMTP_STARTTLS=False,
        ALERT_FROM_EMAIL="golden-thread@shireford.example",
        ESCALATION_EMAIL=SECOND,
        DUTY_EMAIL="",
        ALERT_ESCALATE_AFTER_MINUTES=15,
        # As tests/conversations/conftest.py: signed Twilio webhooks.
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_ACCOUNT_SID="AC" + "0" * 32,
        SUPPORT_CONTACTS=[{"name": "Childline", "phone": "0800 1111"}],
    )
    return app


def make_flag(app, words: str, *, minutes_ago: float = 0, **extra) -> int:
    """A flag as the detector would record it, received `minutes_ago`."""
    result = assess(words)
    assert result.flagged, words
    with app.app_context():
        flag = SafeguardingFlag(
            source_key=f"test:{next(_sources)}",
            channel=extra.pop("channel", Channel.WEB),
            category=result.category,
            categories=list(result.categories),
            rules=list(result.matches),
            text=words,
            text_hash=hashlib.sha256(words.encode()).hexdigest(),
            created_at=now_utc() - timedelta(minutes=minutes_ago),
            **extra,
        )
        db.session.add(flag)
        db.session.commit()
        return flag.id


def flag_events(app, flag_id: int) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(FlagEvent.kind).where(FlagEvent.flag_id == flag_id).order_by(FlagEvent.id)
            )
        )


def run(app, fn, at: datetime | None = None) -> int:
    with app.app_context():
        return fn(at)


def assert_nothing_personal(content: str, *words: str) -> None:
    for secret in (*PHONE_FORMS, *words):
        assert secret.lower() not in content.lower(), secret


# --- (1) An SMS disclosure reaches the duty officer's mailbox -------------------------------


def test_sms_disclosure_reaches_duty_officer_within_the_request(app, client, mailbox, make_user):
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    make_user(Role.DUTY_OFFICER, "off.duty@shireford.example")  # not on duty: not emailed
    sms_respondent(app, PHONE, reference="SMS-REF-77")
    text(client, PHONE, "hi").close()
    reply = text(client, PHONE, "my foster carer hits me")
    assert "Thank you for telling us" in reply.get_data(as_text=True)
    assert mailbox.messages == []  # nothing holds up the child's reply...
    reply.close()  # ...and once the server has sent it (a WSGI server closes every response)
    assert len(mailbox.messages) == 1
    rcpts, content = mailbox.messages[0]
    assert rcpts == [DUTY]
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.alerted_at is not None
    assert "Possible disclosure needs review" in content
    assert "Allegation about a carer or worker (LADO)" in content
    assert f"http://localhost/staff/safeguarding/{flag.id}" in content
    assert_nothing_personal(content, "hits me", "foster carer hits", "SMS-REF-77")
    assert flag_events(app, flag.id) == ["alerted"]
    # A tick finds nothing more to send: one alert per flag.
    assert run(app, alerts.alert_new_flags) == 0
    assert len(mailbox.messages) == 1


def test_text_from_unknown_number_alerts_the_team_mailbox_on_the_tick(app, client, mailbox):
    app.config["DUTY_EMAIL"] = "duty-team@shireford.example"  # nobody marked on duty
    reply = text(client, "07700 900456", "i want to die")
    assert reply.status_code == 200  # left unclosed: the periodic tick is the safety net
    assert mailbox.messages == []
    result = app.test_cli_runner().invoke(args=["safeguarding", "tick"])
    assert result.exit_code == 0, result.output
    assert "1 flag(s) alerted" in result.output
    (rcpts, content), *_ = mailbox.messages
    assert rcpts == ["duty-team@shireford.example"]
    assert "Suicidal thoughts" in content
    assert_nothing_personal(content, "want to die", "07700 900456", "+447700900456")


def test_mail_server_down_never_breaks_the_reply_and_the_tick_retries(
    app, client, mailbox, make_user
):
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    sms_respondent(app, PHONE)
    text(client, PHONE, "hi").close()
    app.config["SMTP_PORT"] = _free_port()  # nothing listens there
    reply = text(client, PHONE, "he hurts me every night")
    assert "Thank you for telling us" in reply.get_data(as_text=True)
    reply.close()
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.alerted_at is None  # not sent, so not marked: never lost
    app.config["SMTP_PORT"] = mailbox.port
    assert run(app, alerts.alert_new_flags) == 1
    assert mailbox.to(DUTY)


def test_on_duty_officer_with_a_phone_also_gets_a_text(app, mailbox, make_user):
    with app.app_context():
        officer_phone = vault().encrypt("+447700900777")
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True, phone_encrypted=officer_phone)
    flag_id = make_flag(app, "I self harm most nights")
    assert run(app, alerts.alert_new_flags) == 1
    with app.app_context():
        sms = db.session.scalars(select(OutboundMessage)).one()
        assert sms.purpose == alerts.SMS_PURPOSE
        assert f"/staff/safeguarding/{flag_id}" in sms.body and "Self-harm" in sms.body
        assert "self harm most nights" not in sms.body.lower()


# --- (2) Escalation when nobody acknowledges ------------------------------------------------


def test_unacknowledged_flag_escalates_to_second_contact_exactly_once(app, mailbox, make_user):
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    make_user(Role.ADMIN, ADMIN)
    app.config["PUBLIC_BASE_URL"] = "https://feedback.shireford.example"
    flag_id = make_flag(app, "my dad beats me when he is drunk")
    start = now_utc()
    assert run(app, alerts.alert_new_flags, start) == 1
    assert run(app, alerts.escalate_unacknowledged, start + timedelta(minutes=14)) == 0
    assert not mailbox.to(SECOND)
    assert run(app, alerts.escalate_unacknowledged, start + timedelta(minutes=16)) == 1
    assert run(app, alerts.escalate_unacknowledged, start + timedelta(minutes=45)) == 0
    with app.app_context():
        assert alerts.tick(start + timedelta(hours=3)) == alerts.TickResult(0, 0)
    escalations = mailbox.to(SECOND)
    assert len(escalations) == 1 and mailbox.to(ADMIN) == escalations
    assert "Not yet acknowledged" in escalations[0] and "15 minutes" in escalations[0]
    assert f"https://feedback.shireford.example/staff/safeguarding/{flag_id}" in escalations[0]
    assert_nothing_personal(escalations[0], "beats me", "drunk")
    assert flag_events(app, flag_id) == ["alerted", "escalated"]


def test_configured_escalation_time_is_used(app, mailbox, make_user):
    app.config["ALERT_ESCALATE_AFTER_MINUTES"] = 5
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    make_flag(app, "i want to kill myself")
    start = now_utc()
    run(app, alerts.alert_new_flags, start)
    assert run(app, alerts.escalate_unacknowledged, start + timedelta(minutes=6)) == 1


# --- (3) Acknowledging stops escalation and keeps the trail ---------------------------------


def test_acknowledging_with_outcome_and_note_stops_escalation(app, mailbox, make_user):
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    make_user(Role.ADMIN, ADMIN)
    flag_id = make_flag(app, "my foster carer hits me with a belt", minutes_ago=1)
    start = now_utc()
    run(app, alerts.alert_new_flags, start)
    client = app.test_client()
    sign_in(client, DUTY)
    url = f"/staff/safeguarding/{flag_id}"

    page = client.get(url).get_data(as_text=True)
    assert "my foster carer hits me with a belt" in page
    assert 'value="referred_lado"' in page and "Referred to the LADO" in page
    assert "allegation about a carer or worker" in page  # the LADO warning
    empty = client.post(url, data={"csrf_token": csrf_token(page)})
    body = empty.get_data(as_text=True)
    assert empty.status_code == 200 and "There is a problem" in body
    assert 'href="#outcome"' in body and "Select what you did" in body
    assert "Enter a note saying what you did and why" in body
    assert "govuk-form-group--error" in body

    done = client.post(
        url,
        data={
            "csrf_token": csrf_token(page),
            "outcome": "referred_lado",
            "note": "Rang the LADO, case opened; carer's own team not told.",
        },
    )
    assert done.status_code == 302 and f"done={flag_id}" in done.headers["Location"]
    inbox = client.get(done.headers["Location"]).get_data(as_text=True)
    assert f"Flag {flag_id} acknowledged. Outcome: Referred to the LADO" in inbox

    assert run(app, alerts.escalate_unacknowledged, start + timedelta(hours=2)) == 0
    assert not mailbox.to(SECOND)
    again = client.post(
        url,
        data={"csrf_token": csrf_token(page), "outcome": "false_alarm", "note": "changing my mind"},
    )
    assert "already been acknowledged" in again.get_data(as_text=True)

    with app.app_context():
        flag = db.session.get(SafeguardingFlag, flag_id)
        assert flag.outcome == FlagOutcome.REFERRED_LADO and flag.acknowledged_by is not None
        ack = db.session.scalars(select(FlagEvent).where(FlagEvent.kind == "acknowledged")).one()
        assert ack.note.startswith("Rang the LADO") and ack.outcome == FlagOutcome.REFERRED_LADO
        audit = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert audit.count("flag.acknowledged") == 1 and audit.count("flag.viewed") >= 2
    kinds = flag_events(app, flag_id)
    assert kinds[0] == "alerted" and "acknowledged" in kinds and "escalated" not in kinds
    assert kinds.count("viewed") == 3  # the page, the page with errors, the refused second go
    trail = client.get(url).get_data(as_text=True)
    assert "Rang the LADO, case opened" in trail and "Duty officer alerted" in trail
    assert "Acknowledged – Referred to the LADO" in trail
    assert 'name="outcome"' not in trail  # nothing left to acknowledge


# --- (4) Inbox order and who may see what ---------------------------------------------------


def test_inbox_lists_waiting_first_newest_first_with_lado_marker(app, make_user):
    _id, email = make_user(Role.DUTY_OFFICER, DUTY)
    old = make_flag(app, "i want to die", minutes_ago=90)
    new = make_flag(app, "my foster carer hits me", minutes_ago=5, channel=Channel.SMS)
    newest_done = make_flag(app, "i cut myself", minutes_ago=1, channel=Channel.VOICE)
    with app.app_context():
        flag = db.session.get(SafeguardingFlag, newest_done)
        flag.acknowledged_at, flag.outcome = now_utc(), FlagOutcome.ALREADY_KNOWN
        db.session.commit()
    client = app.test_client()
    sign_in(client, email)
    html = client.get("/staff/safeguarding").get_data(as_text=True)
    order = [int(i) for i in re.findall(r'data-flag="(\d+)"', html)]
    assert order == [new, old, newest_done]
    rows = html.split('data-flag="')
    new_row = next(r for r in rows if r.startswith(f'{new}"'))
    assert "LADO" in new_row and "Text message (not in a survey)" in new_row
    assert "5 minutes" in new_row
    assert "LADO" not in next(r for r in rows if r.startswith(f'{old}"'))
    assert "1 hour 30 minutes" in html and "Already known" in html and "Phone call" in html
    assert "i want to die" not in html  # the list never shows the words


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.DUTY_OFFICER, 200),
        (Role.PARTICIPATION_OFFICER, 200),
        (Role.ADMIN, 200),
        (Role.CONFERENCE_CHAIR, 403),
        (Role.BOARD_MEMBER, 403),
    ],
)
def test_role_access_and_reference_for_duty_staff_only(app, make_user, role, status):
    sms_respondent(app, PHONE, reference="SMS-REF-77")
    with app.app_context():
        person = db.session.scalars(select(Respondent)).one()
        phone_hash = person.phone_hash
    flag_id = make_flag(app, "i want to die", channel=Channel.SMS, phone_hash=phone_hash)
    _id, email = make_user(role)
    client = app.test_client()
    sign_in(client, email)
    assert client.get("/staff/safeguarding").status_code == status
    page = client.get(f"/staff/safeguarding/{flag_id}")
    assert page.status_code == status
    html = page.get_data(as_text=True)
    if status == 200:
        assert "i want to die" in html
        assert ("SMS-REF-77" in html) == (role in (Role.DUTY_OFFICER, Role.ADMIN))
    else:
        assert "i want to die" not in html
    with app.app_context():
        viewed = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "flag.viewed"))
        assert len(list(viewed)) == (1 if status == 200 else 0)
    assert client.get("/staff/safeguarding/999999").status_code == (404 if status == 200 else 403)
