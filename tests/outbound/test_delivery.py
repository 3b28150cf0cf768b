"""Queueing and delivery: once per key, through Twilio's API as described, honouring opt-out,
retries and permanent failures (quiet hours: test_quiet_hours.py)."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.core.extensions import db
from app.core.phones import normalise, vault
from app.models import OutboundMessage, OutboundStatus, SmsContact, now_utc
from app.outbound.delivery import UNCONFIRMED, deliver
from app.outbound.delivery_status import record_status
from app.outbound.invitations import send_invitations
from app.outbound.opt_outs import is_opted_out
from app.outbound.queue import get_tasks
from app.outbound.queueing import queue_sms
from app.outbound.sweep import sweep
from surveys import gsm7_length

from .conftest import (
    FROM_NUMBER,
    PUBLIC_BASE,
    FakeClock,
    make_campaign,
    make_person,
    message_with_key,
    run_task,
    twilio_error,
)


def test_invitation_is_sent_once_through_prism_even_when_the_task_runs_twice(app, twilio_front):
    with app.app_context():
        campaign = make_campaign()
        person = make_person()
        summary = send_invitations(campaign, [person])
        db.session.commit()  # immediate queue: the send task runs now
        assert summary.queued == 1
        message = summary.messages[0]
        key = message.idempotency_key
        sent = message_with_key(key)
        assert sent.status == OutboundStatus.SENT
        assert sent.twilio_sid and sent.twilio_sid.startswith(("SM", "MM"))
        assert sent.attempts == 1

        # The task again (a redelivery), and the whole invitation run again: nothing new.
        run_task(app, sent.id)
        again = send_invitations(campaign, [person])
        db.session.commit()
        assert again.queued == 0 and again.already_invited == 1
        assert message_with_key(key).attempts == 1
        assert db.session.scalar(select(func.count(OutboundMessage.id))) == 1

    assert len(twilio_front.seen) == 1
    form = twilio_front.seen[0].form
    assert form["To"] == "+447700900" + form["To"][-3:]
    assert form["From"] == FROM_NUMBER
    assert form["StatusCallback"] == f"{PUBLIC_BASE}/sms/status?m={sent.id}"
    assert form["Body"].startswith("Shireford County Council: ")
    assert f"{PUBLIC_BASE}/s/" in form["Body"]
    assert gsm7_length(form["Body"]) <= 160


def test_every_request_is_valid_by_twilios_description(app, prism):
    """Straight at Prism: a messaging service sender, a callback and a long body all pass."""
    valid_before, invalid_before = prism.counts()
    with app.app_context():
        app.config["TWILIO_MESSAGING_SERVICE_SID"] = "MG" + "ab" * 16
        queue_sms(make_person(), "Hello " * 200, "test", "valid:1")
        queue_sms(normalise("07700 900555"), "Hi \N{GRINNING FACE}", "test", "valid:2")
        db.session.commit()
        assert message_with_key("valid:1").status == OutboundStatus.SENT
        assert message_with_key("valid:2").status == OutboundStatus.SENT
    valid_after, invalid_after = prism.counts()
    assert valid_after - valid_before == 2
    assert invalid_after == invalid_before


@pytest.mark.invalid_ok
def test_a_request_twilio_would_refuse_fails_loudly(app, prism):
    """Prism is strict: a malformed sender is refused (422), recorded, never retried."""
    _, invalid_before = prism.counts()
    with app.app_context():
        app.config["TWILIO_MESSAGING_SERVICE_SID"] = "MG-not-a-sid"
        queue_sms(make_person(), "Hello", "test", "invalid:1")
        db.session.commit()
        failed = message_with_key("invalid:1")
        assert failed.status == OutboundStatus.FAILED
        assert failed.error_code == "422" and failed.attempts == 1
    assert prism.counts()[1] == invalid_before + 1


def test_same_key_gives_the_same_row(app, twilio_front):
    with app.app_context():
        person = make_person()
        first = queue_sms(person, "One", "test", "same:1")
        second = queue_sms(person, "Two", "test", "same:1")
        db.session.commit()
        assert first.id == second.id
        assert message_with_key("same:1").body == "One"
    assert len(twilio_front.seen) == 1


def test_opted_out_number_is_recorded_and_never_sent(app, twilio_front):
    with app.app_context():
        person = make_person()
        db.session.add(SmsContact(phone_hash=person.phone_hash, opted_out=True))
        message = queue_sms(person, "Hello", "test", "optout:1")
        db.session.commit()
        assert message.status == OutboundStatus.OPTED_OUT
        run_task(app, message.id)  # a stray task changes nothing
        assert message_with_key("optout:1").status == OutboundStatus.OPTED_OUT
        # Invitations skip them altogether: no invitation, no conversation.
        summary = send_invitations(make_campaign(), [person])
        assert summary.opted_out == 1 and summary.queued == 0
    assert twilio_front.seen == []


def test_opt_out_after_queueing_is_honoured_at_send_time(app, twilio_front):
    with app.app_context():
        app.config["QUEUE_IMMEDIATE"] = True
        person = make_person()
        clock = FakeClock(now_utc())
        message = queue_sms(person, "Hello", "test", "optout:2")
        db.session.flush()
        # STOP arrives before the worker gets to it.
        db.session.info.pop("gt_after_commit", None)  # hold the task back
        db.session.add(SmsContact(phone_hash=person.phone_hash, opted_out=True))
        db.session.commit()
        outcome = deliver(message.id, clock)
        assert outcome.status == OutboundStatus.OPTED_OUT
        assert message_with_key("optout:2").status == OutboundStatus.OPTED_OUT
    assert twilio_front.seen == []


def test_consent_withdrawn_or_survey_finished_cancels(app, twilio_front):
    with app.app_context():
        person = make_person()
        message = queue_sms(person, "Hello", "test", "consent:1")
        db.session.info.pop("gt_after_commit", None)
        person.consent_to_contact = False
        db.session.commit()
        assert deliver(message.id).status == OutboundStatus.CANCELLED
        assert message_with_key("consent:1").error_message == "consent to contact withdrawn"
    assert twilio_front.seen == []


def test_transient_errors_are_retried_with_back_off_then_succeed(app, twilio_front):
    with app.app_context():
        app.config.update(SMS_MAX_ATTEMPTS=4, SMS_RETRY_BASE_SECONDS=30)
        twilio_front.script[:] = [
            twilio_error(429, 20429, "Too Many Requests"),
            twilio_error(503, 20503, "Service Unavailable"),
        ]
        start = now_utc()
        clock = FakeClock(start)
        message = queue_sms(make_person(), "Hello", "test", "retry:1", at=start)
        db.session.info.pop("gt_after_commit", None)
        db.session.commit()

        first = deliver(message.id, clock)
        assert first.status == OutboundStatus.QUEUED
        assert first.retry_at == clock.now() + timedelta(seconds=30)
        row = message_with_key("retry:1")
        assert (row.attempts, row.error_code) == (1, "20429")

        # Too early: nothing happens.
        clock.advance(seconds=10)
        assert deliver(message.id, clock).retry_at == first.retry_at
        assert len(twilio_front.seen) == 1

        clock.t = first.retry_at
        second = deliver(message.id, clock)
        assert second.retry_at == clock.now() + timedelta(seconds=60)  # doubled
        assert message_with_key("retry:1").error_code == "20503"

        clock.t = second.retry_at
        assert deliver(message.id, clock).status == OutboundStatus.SENT
        row = message_with_key("retry:1")
        assert (row.attempts, row.status, row.error_code) == (3, OutboundStatus.SENT, None)
    assert len(twilio_front.seen) == 3


def test_retries_through_the_queue_end_in_success(app, twilio_front):
    """The real task path: it re-schedules itself; the immediate queue keeps the retry as
    scheduled work, which we then run as the consumer's scheduler would."""
    with app.app_context():
        # A back-off no slow machine outruns; the test moves time on instead of sleeping.
        app.config["SMS_RETRY_BASE_SECONDS"] = 60
        twilio_front.script[:] = [twilio_error(500, 20500, "Internal Server Error")]
        message = queue_sms(make_person(), "Hello", "test", "retry:2")
        db.session.commit()
        assert message_with_key("retry:2").status == OutboundStatus.QUEUED
        huey = get_tasks(app).huey
        scheduled = huey.scheduled()
        assert [task.args for task in scheduled] == [(message.id,)]
        huey.storage.flush_schedule()
        db.session.execute(
            update(OutboundMessage)
            .where(OutboundMessage.id == message.id)
            .values(not_before=now_utc() - timedelta(seconds=1))
        )
        db.session.commit()  # and let the worker's transaction begin (SQLite)
        huey.execute(scheduled[0], timestamp=scheduled[0].eta)
        assert message_with_key("retry:2").status == OutboundStatus.SENT
    assert len(twilio_front.seen) == 2


def test_a_retry_whose_back_off_is_over_runs_at_once(app, twilio_front):
    """On a slow machine (or with no back-off) the retry is due before it is enqueued, and the
    immediate queue runs it inside the failed attempt's task: that task must have given its
    connection back first, or on SQLite the retry waits for a write lock it holds itself."""
    with app.app_context():
        app.config["SMS_RETRY_BASE_SECONDS"] = 0
        twilio_front.script[:] = [twilio_error(500, 20500, "Internal Server Error")]
        queue_sms(make_person(), "Hello", "test", "retry:now")
        db.session.commit()
        assert get_tasks(app).huey.scheduled() == []
        assert message_with_key("retry:now").status == OutboundStatus.SENT
    assert len(twilio_front.seen) == 2


def test_retries_are_bounded(app, twilio_front):
    with app.app_context():
        app.config["SMS_MAX_ATTEMPTS"] = 3
        twilio_front.script[:] = [twilio_error(503, 20503, "Service Unavailable")] * 5
        clock = FakeClock(now_utc())
        message = queue_sms(make_person(), "Hello", "test", "bounded:1")
        db.session.info.pop("gt_after_commit", None)
        db.session.commit()
        for _ in range(3):
            outcome = deliver(message.id, clock)
            if outcome.retry_at:
                clock.t = outcome.retry_at
        assert outcome.status == OutboundStatus.FAILED and outcome.retry_at is None
        assert deliver(message.id, clock).status == OutboundStatus.FAILED
        row = message_with_key("bounded:1")
        assert (row.attempts, row.error_code) == (3, "20503")
    assert len(twilio_front.seen) == 3


def test_permanent_error_is_recorded_without_personal_data_and_not_retried(
    app, twilio_front, caplog
):
    caplog.set_level(logging.DEBUG)
    with app.app_context():
        person = make_person(phone="07700 900321")
        twilio_front.script[:] = [
            twilio_error(400, 21211, "The 'To' number +447700900321 is not a valid phone number.")
        ]
        message = queue_sms(person, "Secret words here", "test", "perm:1")
        db.session.commit()
        row = message_with_key("perm:1")
        assert row.status == OutboundStatus.FAILED
        assert row.error_code == "21211" and row.attempts == 1
        assert "+447700900321" not in row.error_message and "[number]" in row.error_message
        run_task(app, message.id)
        assert message_with_key("perm:1").attempts == 1
    assert len(twilio_front.seen) == 1
    assert "+447700900321" not in caplog.text and "Secret words" not in caplog.text


def test_unsubscribed_at_twilio_marks_the_number_opted_out(app, twilio_front):
    with app.app_context():
        person = make_person()
        twilio_front.script[:] = [
            twilio_error(400, 21610, "Attempt to send to unsubscribed recipient")
        ]
        queue_sms(person, "Hello", "test", "unsub:1")
        db.session.commit()
        assert message_with_key("unsub:1").status == OutboundStatus.OPTED_OUT
        assert is_opted_out(person.phone_hash)
        later = queue_sms(person, "Hello again", "test", "unsub:2")
        db.session.commit()
        assert later.status == OutboundStatus.OPTED_OUT
    assert len(twilio_front.seen) == 1


def test_connection_refused_is_retried(app):
    from .conftest import free_port

    with app.app_context():
        app.config["TWILIO_API_BASE_URL"] = f"http://127.0.0.1:{free_port()}"  # nobody there
        clock = FakeClock(now_utc())
        message = queue_sms(make_person(), "Hello", "test", "refused:1")
        db.session.info.pop("gt_after_commit", None)
        db.session.commit()
        outcome = deliver(message.id, clock)
        assert outcome.status == OutboundStatus.QUEUED and outcome.retry_at is not None
        assert message_with_key("refused:1").error_code == "connection"


def test_a_dropped_connection_after_the_request_is_never_resent(app, twilio_front):
    """The request reached Twilio and no answer came: it may have been sent. Do not risk a
    duplicate; mark it unconfirmed. Twilio's callback (which carries our row id) can still
    tell us what happened."""
    with app.app_context():
        twilio_front.script[:] = ["drop"]
        message = queue_sms(make_person(), "Hello", "test", "drop:1")
        db.session.commit()
        row = message_with_key("drop:1")
        assert (row.status, row.error_code, row.attempts) == (
            OutboundStatus.FAILED,
            UNCONFIRMED,
            1,
        )
        run_task(app, message.id)
        sweep()
        db.session.commit()
        assert len(twilio_front.seen) == 1

        # Twilio's callback arrives for the message we could not confirm.
        assert record_status("SM" + "f" * 32, "delivered", None, message.id)
        db.session.commit()
        row = message_with_key("drop:1")
        assert (row.status, row.twilio_sid) == (OutboundStatus.DELIVERED, "SM" + "f" * 32)


def test_a_worker_that_died_mid_send_leaves_the_row_unconfirmed_not_resent(app, twilio_front):
    with app.app_context():
        message = queue_sms(make_person(), "Hello", "test", "stuck:1")
        db.session.info.pop("gt_after_commit", None)
        db.session.commit()
        row = message_with_key("stuck:1")
        row.status = OutboundStatus.SENDING  # claimed, then the process was killed
        row.attempts = 1
        db.session.commit()
        later = now_utc() + timedelta(minutes=11)
        result = sweep(later)
        db.session.commit()
        assert result.unconfirmed == 1 and result.requeued == []
        assert message_with_key("stuck:1").status == OutboundStatus.FAILED
        assert deliver(message.id).status == OutboundStatus.FAILED
    assert twilio_front.seen == []


def test_lost_tasks_are_found_by_the_sweep(app, twilio_front):
    with app.app_context():
        message = queue_sms(make_person(), "Hello", "test", "lost:1")
        db.session.info.pop("gt_after_commit", None)  # as if Redis lost the task
        db.session.commit()
        assert sweep(now_utc()).requeued == []  # too soon to call it lost
        db.session.rollback()
        result = sweep(now_utc() + timedelta(minutes=6))
        assert result.requeued == [message.id]
        db.session.commit()  # enqueues; the immediate queue sends
        assert message_with_key("lost:1").status == OutboundStatus.SENT
    assert len(twilio_front.seen) == 1


def test_nothing_is_enqueued_when_the_transaction_rolls_back(app, twilio_front):
    with app.app_context():
        queue_sms(make_person(), "Hello", "test", "rollback:1")
        db.session.rollback()
        db.session.commit()
        assert db.session.scalar(select(func.count(OutboundMessage.id))) == 0
    assert twilio_front.seen == []


def test_missing_settings_leave_messages_queued(app, twilio_front, caplog):
    with app.app_context():
        app.config.update(TWILIO_FROM_NUMBER="", TWILIO_MESSAGING_SERVICE_SID="")
        queue_sms(make_person(), "Hello", "test", "config:1")
        db.session.commit()
        row = message_with_key("config:1")
        assert (row.status, row.attempts) == (OutboundStatus.QUEUED, 0)
    assert "TWILIO_FROM_NUMBER" in caplog.text
    assert twilio_front.seen == []


def test_phone_numbers_are_stored_encrypted(app, twilio_front):
    with app.app_context():
        message = queue_sms("07700 900777", "Hello", "test", "enc:1")
        db.session.commit()
        assert "900777" not in message.to_encrypted
        assert vault().decrypt(message.to_encrypted) == "+447700900777"
        assert message.phone_hash == vault().hash("+447700900777")


def test_only_mobile_numbers_are_texted(app, twilio_front):
    """Issue 15 point 11: a landline or a pager range is recorded as failed, never sent."""
    with app.app_context():
        landline = queue_sms(make_person(phone="01632 960001"), "Hello", "test", "landline:1")
        pager = queue_sms(make_person(phone="07600 123456"), "Hello", "test", "pager:1")
        mobile = queue_sms(make_person(phone="07700 900321"), "Hello", "test", "mobile:1")
        db.session.commit()
        ids = landline.id, pager.id, mobile.id
        for message_id in ids:
            deliver(message_id, FakeClock(now_utc()))
        for key in ("landline:1", "pager:1"):
            refused = message_with_key(key)
            assert refused.status == OutboundStatus.FAILED, key
            assert refused.error_message == "not a mobile number"
        assert message_with_key("mobile:1").status != OutboundStatus.FAILED
    assert len(twilio_front.seen) == 1
