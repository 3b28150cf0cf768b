"""Outbound SMS: queued once, sent at most once, at a steady rate, never in quiet hours and never
to a number that has opted out.

`queue_sms` records the message (one row per idempotency key) and enqueues a send task once the
row is committed. The task calls `deliver`, which is its own unit of work and commits at each
step, because the claim must be durable before Twilio is called:

1. checks (opt-out, consent, survey already finished, quiet hours) — may stop or defer;
2. waits for a slot from the shared rate limiter (`reserve_send_slot`);
3. claims the row (queued -> sending, attempts + 1) with one conditional UPDATE: of two tasks
   for the same row only one wins, and a row already sent is never claimed again;
4. calls Twilio, then records the SID (-> sent), a retry (-> queued, later), or a failure.

A worker that dies during step 4 leaves the row in "sending": we cannot know whether Twilio
took the message, so it is never sent again automatically (a second text to a young person is
worse than a missed invitation). `sweep` marks such rows failed/"unconfirmed" after a while, and
the status callback URL carries the row id, so Twilio's own callback still records the SID and
the real delivery status if the message did go out.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Protocol
from zoneinfo import ZoneInfo

import requests
from flask import current_app
from sqlalchemy import and_, case, or_, select, update
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from app.campaigns.models import Invitation
from app.conversations.models import SmsContact
from app.core.extensions import db
from app.core.phones import InvalidPhone, normalise, vault
from app.core.sql import dialect_insert
from app.core.twilio import twilio_client
from app.core.types import now_utc
from app.outbound.models import OutboundMessage, OutboundStatus, SmsSendSlot
from app.respondents.models import Respondent

log = logging.getLogger(__name__)

UK = ZoneInfo("Europe/London")
# Twilio: "the recipient has unsubscribed" (replied STOP to our sender).
TWILIO_UNSUBSCRIBED = 21610
# A row left in "sending" this long means its worker died mid-call.
SENDING_STALE_AFTER = timedelta(minutes=10)
# Queued and due this long ago with no progress: its task was lost (e.g. Redis restarted).
LOST_AFTER = timedelta(minutes=5)
MAX_BACKOFF = timedelta(hours=1)
UNCONFIRMED = "unconfirmed"
HTTP_TIMEOUT_SECONDS = 30.0

# Delivery states only move forward; a late "sent" callback must not undo "delivered".
_RANK = {
    OutboundStatus.QUEUED: 0,
    OutboundStatus.SENDING: 1,
    OutboundStatus.SENT: 2,
    OutboundStatus.DELIVERED: 3,
    OutboundStatus.UNDELIVERED: 3,
    OutboundStatus.FAILED: 3,
}
_TWILIO_STATUS = {
    "accepted": OutboundStatus.QUEUED,
    "scheduled": OutboundStatus.QUEUED,
    "queued": OutboundStatus.QUEUED,
    "sending": OutboundStatus.SENDING,
    "sent": OutboundStatus.SENT,
    "delivered": OutboundStatus.DELIVERED,
    "read": OutboundStatus.DELIVERED,
    "undelivered": OutboundStatus.UNDELIVERED,
    "failed": OutboundStatus.FAILED,
}


class NotConfigured(RuntimeError):
    """Twilio credentials or a sender are missing: nothing can be sent until they are set."""


class Clock(Protocol):
    def now(self) -> datetime: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return now_utc()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


SYSTEM_CLOCK = SystemClock()


def _now(clock: Clock) -> datetime:
    # Always UTC: SQLite keeps no offset, so any other zone would be read back wrong.
    return clock.now().astimezone(UTC)


# --- Quiet hours -----------------------------------------------------------------------------


def parse_quiet_hours(setting: str) -> tuple[dtime, dtime] | None:
    """'21:00-08:00' -> (21:00, 08:00); '' or 'none' -> None (no quiet hours)."""
    text = (setting or "").strip().lower()
    if text in ("", "none", "off"):
        return None
    try:
        start, end = (dtime.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError as exc:
        raise ValueError(f"SMS_QUIET_HOURS must look like 21:00-08:00, not {setting!r}") from exc
    return (start, end) if start != end else None


# Texts to staff about a possible disclosure: quiet hours protect young people's sleep, not these.
URGENT_PURPOSES = frozenset({"safeguarding_alert"})


def quiet_until(at: datetime, setting: str | None = None) -> datetime | None:
    """If `at` falls in quiet hours (UK time), the UTC moment they end; otherwise None.

    Works on the UK wall clock, so 08:00 is 08:00 GMT in winter and 08:00 BST in summer.
    """
    window = parse_quiet_hours(
        setting if setting is not None else current_app.config["SMS_QUIET_HOURS"]
    )
    if window is None:
        return None
    start, end = window
    local = at.astimezone(UK)
    clock = local.time().replace(tzinfo=None)
    wraps_midnight = start > end
    quiet = (clock >= start or clock < end) if wraps_midnight else start <= clock < end
    if not quiet:
        return None
    end_day: date = local.date()
    if wraps_midnight and clock >= start:
        end_day += timedelta(days=1)
    return datetime.combine(end_day, end, tzinfo=UK).astimezone(UTC)


# --- Rate limit ------------------------------------------------------------------------------


def reserve_send_slot(at: datetime, rate: float, name: str = "sms") -> float:
    """Reserve the next send slot; returns how many seconds to wait for it. Flushes.

    One row holds the next free moment for every worker, on every machine. A single
    conditional UPDATE moves it on by 1/rate and hands back the old value, so two workers can
    never take the same slot: starts are at least 1/rate apart, whatever the number of workers.
    Reserving happens only when a worker is ready to send, so no wait exceeds workers/rate.
    """
    if rate <= 0:
        return 0.0
    interval = max(1, round(1_000_000 / rate))
    now_us = int(at.timestamp() * 1_000_000)
    db.session.execute(
        dialect_insert(SmsSendSlot)
        .values(name=name, next_at_us=0)
        .on_conflict_do_nothing(index_elements=["name"])
    )
    current = SmsSendSlot.next_at_us
    next_at = db.session.execute(
        update(SmsSendSlot)
        .where(SmsSendSlot.name == name)
        .values(next_at_us=case((current > now_us, current), else_=now_us) + interval)
        .returning(SmsSendSlot.next_at_us)
    ).scalar_one()
    return (next_at - interval - now_us) / 1_000_000


# --- Queueing --------------------------------------------------------------------------------


def is_opted_out(phone_hash: str) -> bool:
    return bool(
        db.session.scalar(select(SmsContact.opted_out).where(SmsContact.phone_hash == phone_hash))
    )


def opted_out_among(phone_hashes: set[str]) -> set[str]:
    """Which of these numbers have opted out: one query for many."""
    return set(
        db.session.scalars(
            select(SmsContact.phone_hash).where(
                SmsContact.opted_out.is_(True), SmsContact.phone_hash.in_(phone_hashes)
            )
        )
    )


def keys_taken(keys: Sequence[str]) -> set[str]:
    """Which of these idempotency keys already have a message."""
    return set(
        db.session.scalars(
            select(OutboundMessage.idempotency_key).where(OutboundMessage.idempotency_key.in_(keys))
        )
    )


def mark_opted_out(phone_hash: str, at: datetime | None = None) -> None:
    """Record an opt-out learnt from Twilio (error 21610), safely under races. Flushes."""
    at = (at or now_utc()).astimezone(UTC)
    statement = dialect_insert(SmsContact).values(
        phone_hash=phone_hash, opted_out=True, opted_out_at=at, created_at=at
    )
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=["phone_hash"], set_={"opted_out": True, "opted_out_at": at}
        )
    )


def queue_sms(
    respondent_or_phone: Respondent | str,
    body: str,
    purpose: str,
    idempotency_key: str,
    invitation: Invitation | None = None,
    not_before: datetime | None = None,
    *,
    at: datetime | None = None,
) -> OutboundMessage:
    """Record a text to send (once per idempotency key) and send it after the commit. Flushes.

    A second call with the same key returns the first row and changes nothing. A number that
    has opted out gets a row with status opted_out, so the decision is on record.
    """
    text = Text(respondent_or_phone, body, idempotency_key, invitation)
    return queue_many([text], purpose, not_before, at=at)[0]


@dataclass(frozen=True)
class Text:
    """One text for `queue_many`: to a respondent (their stored number) or a phone number."""

    to: Respondent | str
    body: str
    idempotency_key: str
    invitation: Invitation | None = None


def queue_many(
    texts: Sequence[Text],
    purpose: str,
    not_before: datetime | None = None,
    *,
    at: datetime | None = None,
) -> list[OutboundMessage]:
    """`queue_sms` for many texts in three statements; returns their rows in the same order."""
    if not texts:
        return []
    # Stored in UTC: SQLite keeps no offset, so any other zone would be read back wrong.
    at = (at or now_utc()).astimezone(UTC)
    not_before = not_before.astimezone(UTC) if not_before else None
    # An urgent safeguarding text to the officer on duty goes at any hour.
    quiet_end = None if purpose in URGENT_PURPOSES else quiet_until(at)
    due = max((t for t in (not_before, quiet_end) if t is not None), default=None)
    rows = []
    for text in texts:
        if isinstance(text.to, Respondent):
            if not (text.to.phone_encrypted and text.to.phone_hash):
                raise ValueError("respondent has no phone number")
            respondent_id: int | None = text.to.id
            to_encrypted, phone_hash = text.to.phone_encrypted, text.to.phone_hash
        else:
            e164 = normalise(text.to)
            respondent_id, to_encrypted, phone_hash = (
                None,
                vault().encrypt(e164),
                vault().hash(e164),
            )
        rows.append(
            {
                "idempotency_key": text.idempotency_key,
                "purpose": purpose,
                "respondent_id": respondent_id,
                "invitation_id": text.invitation.id if text.invitation else None,
                "phone_hash": phone_hash,
                "to_encrypted": to_encrypted,
                "body": text.body,
                "status": OutboundStatus.QUEUED.value,
                "attempts": 0,
                "not_before": due,
                "created_at": at,
                "updated_at": at,
            }
        )
    opted_out = opted_out_among({row["phone_hash"] for row in rows})
    for row in rows:
        if row["phone_hash"] in opted_out:
            row["status"] = OutboundStatus.OPTED_OUT.value
    keys = [row["idempotency_key"] for row in rows]
    existing = keys_taken(keys)
    new_rows: dict[str, dict] = {}
    for row in rows:
        if row["idempotency_key"] not in existing:
            new_rows.setdefault(row["idempotency_key"], row)
    inserted: set[str] = set()
    if new_rows:
        # ON CONFLICT guards a key another transaction takes meanwhile: never doubled, and
        # RETURNING tells which rows are ours to send.
        inserted = set(
            db.session.scalars(
                dialect_insert(OutboundMessage)
                .on_conflict_do_nothing(index_elements=["idempotency_key"])
                .returning(OutboundMessage.idempotency_key),
                list(new_rows.values()),
            )
        )
    messages = {
        message.idempotency_key: message
        for message in db.session.scalars(
            select(OutboundMessage).where(OutboundMessage.idempotency_key.in_(keys))
        )
    }
    for key in new_rows:
        message = messages[key]
        if key in inserted and message.status == OutboundStatus.QUEUED:
            enqueue_send(message.id, due)
    return [messages[key] for key in keys]


def enqueue_send(message_id: int, eta: datetime | None = None) -> None:
    """Enqueue the send task once the current transaction commits."""
    from app.core.transaction import after_commit
    from app.outbound.queue import get_tasks

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    after_commit(lambda: get_tasks(app).send(message_id, eta))


# --- Sending ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one run of the send task did; `retry_at` asks for another run then."""

    status: OutboundStatus | None
    retry_at: datetime | None = None


def _sender() -> dict[str, str]:
    config = current_app.config
    if not (config["TWILIO_ACCOUNT_SID"] and config["TWILIO_AUTH_TOKEN"]):
        raise NotConfigured("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not set")
    if config["TWILIO_MESSAGING_SERVICE_SID"]:
        return {"messaging_service_sid": config["TWILIO_MESSAGING_SERVICE_SID"]}
    if config["TWILIO_FROM_NUMBER"]:
        return {"from_": config["TWILIO_FROM_NUMBER"]}
    raise NotConfigured("set TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER")


def status_callback_url(message_id: int) -> str | None:
    """Where Twilio reports delivery. The row id lets a callback find a row whose SID we lost."""
    base = current_app.config["PUBLIC_BASE_URL"]
    return f"{base}/sms/status?m={message_id}" if base else None


def _stop_reason(message: OutboundMessage, at: datetime) -> tuple[OutboundStatus, str] | None:
    """Why this message must not be sent at all any more, if it must not."""
    if is_opted_out(message.phone_hash):
        return OutboundStatus.OPTED_OUT, "number has opted out"
    if message.respondent_id is not None:
        respondent = db.session.get(Respondent, message.respondent_id)
        if respondent is not None and not respondent.consent_to_contact:
            return OutboundStatus.CANCELLED, "consent to contact withdrawn"
    if message.invitation_id is not None:
        invitation = db.session.get(Invitation, message.invitation_id)
        if invitation is not None:
            if invitation.response is not None and invitation.response.is_complete:
                return OutboundStatus.CANCELLED, "survey already completed"
            if not invitation.campaign.is_open(at):
                return OutboundStatus.CANCELLED, "campaign not open"
            if invitation.expires_at and at >= invitation.expires_at:
                return OutboundStatus.CANCELLED, "invitation expired"
    return None


def _wait_until(message: OutboundMessage, at: datetime) -> datetime | None:
    """When this message may go, if not now: its own not_before, or the end of quiet hours."""
    if message.not_before and message.not_before > at:
        return message.not_before
    return None if message.purpose in URGENT_PURPOSES else quiet_until(at)


def _stop(message: OutboundMessage, status: OutboundStatus, reason: str) -> Outcome:
    message.status = status
    message.error_message = reason
    db.session.commit()
    log.info("sms %s not sent: %s", message.id, reason)
    return Outcome(status)


def _defer(message: OutboundMessage, until: datetime) -> Outcome:
    message.not_before = until
    db.session.commit()
    return Outcome(OutboundStatus.QUEUED, until)


def _check(message_id: int, at: datetime) -> tuple[OutboundMessage | None, Outcome | None]:
    """The row if it should be sent now; otherwise None and what happened instead."""
    message = db.session.get(OutboundMessage, message_id, populate_existing=True)
    if message is None or message.status != OutboundStatus.QUEUED:
        db.session.rollback()
        return None, Outcome(message.status if message else None)
    stop = _stop_reason(message, at)
    if stop is not None:
        return None, _stop(message, *stop)
    until = _wait_until(message, at)
    if until is not None:
        return None, _defer(message, until)
    return message, None


def deliver(message_id: int, clock: Clock = SYSTEM_CLOCK) -> Outcome:
    """Send one queued message if it is due, honouring every rule. Commits (see module doc)."""
    message, outcome = _check(message_id, _now(clock))
    if message is None:
        assert outcome is not None
        return outcome
    sender = _sender()  # before claiming: a missing setting must not use up an attempt
    try:
        to = vault().decrypt(message.to_encrypted)
    except InvalidPhone:
        # Encrypted under another key (PHONE_ENCRYPTION_KEY changed): it can never be sent.
        return _stop(message, OutboundStatus.FAILED, "stored number cannot be decrypted")
    wait = reserve_send_slot(_now(clock), float(current_app.config["SMS_RATE_PER_SECOND"]))
    db.session.commit()
    clock.sleep(wait)

    # Things may have changed while we waited (a STOP, a finished survey): check again, claim.
    at = _now(clock)
    message, outcome = _check(message_id, at)
    if message is None:
        assert outcome is not None
        return outcome
    claimed = db.session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.id == message_id, OutboundMessage.status == OutboundStatus.QUEUED)
        .values(status=OutboundStatus.SENDING, attempts=OutboundMessage.attempts + 1, updated_at=at)
    ).rowcount
    db.session.commit()
    if claimed != 1:
        return Outcome(None)  # another worker took it
    db.session.refresh(message)
    return _call_twilio(message, to, sender, clock)


def _call_twilio(
    message: OutboundMessage, to: str, sender: dict[str, str], clock: Clock
) -> Outcome:
    callback = status_callback_url(message.id)
    try:
        created = _client().messages.create(
            to=to,
            body=message.body,
            **({"status_callback": callback} if callback else {}),
            **sender,
        )
    except TwilioRestException as exc:
        return _failed_call(message, exc, _now(clock))
    except requests.RequestException as exc:
        return _failed_call(message, exc, _now(clock))
    at = _now(clock)
    # A callback may already have moved the row on (found by the id in its URL): keep its news.
    db.session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.id == message.id)
        .values(
            twilio_sid=created.sid,
            sent_at=at,
            updated_at=at,
            error_code=None,
            error_message=None,
            status=case(
                (OutboundMessage.status == OutboundStatus.SENDING, OutboundStatus.SENT.value),
                else_=OutboundMessage.status,
            ),
        )
    )
    db.session.commit()
    log.info("sms %s sent (%s, attempt %s)", message.id, message.purpose, message.attempts)
    return Outcome(OutboundStatus.SENT)


def _client() -> Client:
    client = twilio_client()
    # The library waits for ever by default; a hung call would hold a worker and its claim.
    client.http_client.timeout = HTTP_TIMEOUT_SECONDS
    return client


def _never_reached_twilio(exc: requests.RequestException) -> bool:
    """True when the request cannot have been received (so resending cannot duplicate)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    if isinstance(exc, requests.ConnectionError):
        reason = getattr(exc.args[0] if exc.args else None, "reason", None)
        from urllib3.exceptions import NewConnectionError

        return isinstance(reason, NewConnectionError)
    return False


_PHONE_LIKE = re.compile(r"\+?\d[\d ()-]{5,}\d")


def safe_error_text(text: str | None) -> str:
    """An error message fit to store: phone numbers removed, bounded length."""
    return _PHONE_LIKE.sub("[number]", text or "")[:200]


def backoff(attempts: int) -> timedelta:
    """Wait after the n-th failed attempt: base, 2 x base, 4 x base, ... capped at an hour."""
    base = float(current_app.config["SMS_RETRY_BASE_SECONDS"])
    return min(timedelta(seconds=base * 2 ** max(0, attempts - 1)), MAX_BACKOFF)


def _failed_call(
    message: OutboundMessage, exc: TwilioRestException | requests.RequestException, at: datetime
) -> Outcome:
    if isinstance(exc, TwilioRestException):
        code = str(exc.code or exc.status)
        text = f"HTTP {exc.status}: {safe_error_text(exc.msg)}"
        transient = exc.status == 429 or exc.status >= 500
        unconfirmed = False
    else:
        code = "connection"
        text = type(exc).__name__
        transient = _never_reached_twilio(exc)
        unconfirmed = not transient
    message.error_code = code
    message.error_message = text
    message.updated_at = at
    if isinstance(exc, TwilioRestException) and exc.code == TWILIO_UNSUBSCRIBED:
        mark_opted_out(message.phone_hash, at)
        message.status = OutboundStatus.OPTED_OUT
    elif unconfirmed:
        # The request may have reached Twilio; sending again could text the person twice.
        message.status = OutboundStatus.FAILED
        message.error_code = UNCONFIRMED
        message.error_message = f"{text}: outcome unknown, not retried"
    elif transient and message.attempts < int(current_app.config["SMS_MAX_ATTEMPTS"]):
        retry_at = at + backoff(message.attempts)
        message.status = OutboundStatus.QUEUED
        message.not_before = retry_at
        db.session.commit()
        log.warning(
            "sms %s attempt %s failed (%s); retry at %s",
            message.id,
            message.attempts,
            code,
            retry_at.isoformat(),
        )
        return Outcome(OutboundStatus.QUEUED, retry_at)
    else:
        message.status = OutboundStatus.FAILED
    db.session.commit()
    log.warning(
        "sms %s %s after %s attempt(s) (%s)",
        message.id,
        message.status.value,
        message.attempts,
        code,
    )
    return Outcome(message.status)


# --- Status callbacks ------------------------------------------------------------------------


def record_status(
    sid: str, twilio_status: str, error_code: str | None = None, message_id: int | None = None
) -> bool:
    """Apply a Twilio status callback. Only moves forward; unknown SIDs are ignored. Flushes.

    Returns True if a row changed.
    """
    new = _TWILIO_STATUS.get((twilio_status or "").lower())
    if new is None or not sid:
        return False
    lower = [status for status, rank in _RANK.items() if rank < _RANK[new]]
    values: dict[str, object] = {"status": new, "updated_at": now_utc()}
    if error_code and new in (OutboundStatus.UNDELIVERED, OutboundStatus.FAILED):
        values["error_code"] = error_code[:16]
        values["error_message"] = "reported by Twilio's status callback"
    changed = db.session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.twilio_sid == sid, OutboundMessage.status.in_(lower))
        .values(**values)
    ).rowcount
    if not changed and message_id is not None:
        known = db.session.scalar(
            select(OutboundMessage.id).where(OutboundMessage.twilio_sid == sid)
        )
        if known is None:
            # Our worker died before recording the SID: Twilio's callback tells us after all.
            changed = db.session.execute(
                update(OutboundMessage)
                .where(
                    OutboundMessage.id == message_id,
                    OutboundMessage.twilio_sid.is_(None),
                    or_(
                        OutboundMessage.status == OutboundStatus.SENDING,
                        and_(
                            OutboundMessage.status == OutboundStatus.FAILED,
                            OutboundMessage.error_code == UNCONFIRMED,
                        ),
                    ),
                )
                .values(twilio_sid=sid, **values)
            ).rowcount
    if changed and error_code == str(TWILIO_UNSUBSCRIBED):
        phone_hash = db.session.scalar(
            select(OutboundMessage.phone_hash).where(OutboundMessage.twilio_sid == sid)
        )
        if phone_hash:
            mark_opted_out(phone_hash)
    return bool(changed)


# --- Housekeeping ----------------------------------------------------------------------------


@dataclass
class SweepResult:
    requeued: list[int]
    unconfirmed: int


def sweep(at: datetime | None = None) -> SweepResult:
    """Find work a dead worker or a lost queue left behind. Flushes; the caller enqueues.

    Queued rows long overdue get their task again (a duplicate task is harmless: the claim lets
    one through). Rows stuck in "sending" are marked failed/unconfirmed, never resent.
    """
    at = (at or now_utc()).astimezone(UTC)
    overdue = at - LOST_AFTER
    lost: Sequence[int] = db.session.scalars(
        select(OutboundMessage.id)
        .where(
            OutboundMessage.status == OutboundStatus.QUEUED,
            or_(OutboundMessage.not_before.is_(None), OutboundMessage.not_before <= overdue),
            OutboundMessage.updated_at <= overdue,
        )
        .order_by(OutboundMessage.id)
        .limit(1000)
    ).all()
    for message_id in lost:
        enqueue_send(message_id)
    stuck = db.session.execute(
        update(OutboundMessage)
        .where(
            OutboundMessage.status == OutboundStatus.SENDING,
            OutboundMessage.updated_at <= at - SENDING_STALE_AFTER,
        )
        .values(
            status=OutboundStatus.FAILED,
            error_code=UNCONFIRMED,
            error_message="worker stopped during the send: outcome unknown, not retried",
            updated_at=at,
        )
    ).rowcount
    if stuck:
        log.warning("%s sms left unconfirmed by a stopped worker", stuck)
    return SweepResult(list(lost), stuck)
