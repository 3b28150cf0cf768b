"""Delivering one queued text: sent at most once, at a steady rate, never in quiet hours and never
to a number that has opted out.

`queue_sms` (queueing.py) records the message (one row per idempotency key) and enqueues a send
task once the row is committed. The task calls `deliver`, which is its own unit of work and
commits at each step, because the claim must be durable before Twilio is called:

1. checks (opt-out, consent, survey already finished, quiet hours) — may stop or defer;
2. waits for a slot from the shared rate limiter (`reserve_send_slot`);
3. claims the row (queued -> sending, attempts + 1) with one conditional UPDATE: of two tasks
   for the same row only one wins, and a row already sent is never claimed again;
4. calls Twilio, then records the SID (-> sent), a retry (-> queued, later), or a failure.

A worker that dies during step 4 leaves the row in "sending": we cannot know whether Twilio
took the message, so it is never sent again automatically (a second text to a young person is
worse than a missed invitation). `sweep` (sweep.py) marks such rows failed/"unconfirmed" after a
while, and the status callback URL carries the row id, so Twilio's own callback still records the
SID and the real delivery status if the message did go out.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

import requests
from flask import current_app
from sqlalchemy import case, update
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from app.campaigns.models import Invitation
from app.conversations.channels import address, conversable
from app.core.extensions import db
from app.core.phones import InvalidPhone, vault
from app.core.twilio import twilio_client
from app.core.types import Channel, now_utc
from app.outbound import whatsapp
from app.outbound.models import OutboundMessage, OutboundStatus
from app.outbound.not_configured import NotConfigured
from app.outbound.opt_outs import is_opted_out, mark_opted_out
from app.outbound.quiet_hours import URGENT_PURPOSES, quiet_until
from app.outbound.rate_limit import reserve_send_slot
from app.respondents.models import Respondent

log = logging.getLogger(__name__)

# Twilio: "the recipient has unsubscribed" (replied STOP to our sender).
TWILIO_UNSUBSCRIBED = 21610
MAX_BACKOFF = timedelta(hours=1)
UNCONFIRMED = "unconfirmed"
HTTP_TIMEOUT_SECONDS = 30.0


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


@dataclass(frozen=True)
class Outcome:
    """What one run of the send task did; `retry_at` asks for another run then."""

    status: OutboundStatus | None
    retry_at: datetime | None = None


def _sender(channel: str = Channel.SMS) -> dict[str, str]:
    config = current_app.config
    if not (config["TWILIO_ACCOUNT_SID"] and config["TWILIO_AUTH_TOKEN"]):
        raise NotConfigured("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not set")
    if channel == Channel.WHATSAPP:
        return whatsapp.sender()
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
    if is_opted_out(message.phone_hash, message.channel):
        return OutboundStatus.OPTED_OUT, "number has opted out"
    if message.channel == Channel.WHATSAPP:
        refused = whatsapp.refusal(message, at)
        if refused is not None:
            return OutboundStatus.CANCELLED, refused
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
    # Before claiming: a missing setting must not use up an attempt.
    sender = _sender(message.channel)
    try:
        to = vault().decrypt(message.to_encrypted)
    except InvalidPhone:
        # Encrypted under another key (PHONE_ENCRYPTION_KEY changed): it can never be sent.
        return _stop(message, OutboundStatus.FAILED, "stored number cannot be decrypted")
    if not conversable(message.channel, to):
        return _stop(message, OutboundStatus.FAILED, "not a mobile number")
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
            to=address(message.channel, to),
            **whatsapp.content(message),
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
        mark_opted_out(message.phone_hash, at, message.channel)
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
        # Logged before the commit: reading the expired row afterwards would begin a new
        # transaction (on SQLite, BEGIN IMMEDIATE: the write lock) just to print its id.
        log.warning(
            "sms %s attempt %s failed (%s); retry at %s",
            message.id,
            message.attempts,
            code,
            retry_at.isoformat(),
        )
        db.session.commit()
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
