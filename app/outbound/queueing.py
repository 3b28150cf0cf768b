"""Queueing texts: one row per idempotency key, a send task once the row is committed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select

from app.campaigns.models import Invitation
from app.conversations.channels import sender
from app.core.extensions import db
from app.core.phones import InvalidPhone, vault
from app.core.sql import dialect_insert
from app.core.types import Channel, now_utc
from app.outbound.models import OutboundMessage, OutboundStatus
from app.outbound.opt_outs import opted_out_among
from app.outbound.quiet_hours import URGENT_PURPOSES, quiet_until
from app.respondents.models import Respondent


def keys_taken(keys: Sequence[str]) -> set[str]:
    """Which of these idempotency keys already have a message."""
    return set(
        db.session.scalars(
            select(OutboundMessage.idempotency_key).where(OutboundMessage.idempotency_key.in_(keys))
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

    to: Respondent | str  # a number, or "whatsapp:+44..." for WhatsApp
    body: str
    idempotency_key: str
    invitation: Invitation | None = None
    channel: Channel = Channel.SMS
    # A WhatsApp template (outbound.whatsapp); `body` then records what it says, for staff.
    content_sid: str | None = None
    content_variables: str | None = None


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
        channel = text.channel
        if isinstance(text.to, Respondent):
            if not (text.to.phone_encrypted and text.to.phone_hash):
                raise ValueError("respondent has no phone number")
            respondent_id: int | None = text.to.id
            to_encrypted, phone_hash = text.to.phone_encrypted, text.to.phone_hash
        else:
            found = sender(text.to)
            if found is None:
                raise InvalidPhone("not a phone number")
            channel, e164 = found
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
                "channel": channel.value,
                "content_sid": text.content_sid,
                "content_variables": text.content_variables,
                "status": OutboundStatus.QUEUED.value,
                "attempts": 0,
                "not_before": due,
                "created_at": at,
                "updated_at": at,
            }
        )
    for channel in {row["channel"] for row in rows}:  # each channel's own opt-outs
        opted_out = opted_out_among(
            {row["phone_hash"] for row in rows if row["channel"] == channel}, channel
        )
        for row in rows:
            if row["channel"] == channel and row["phone_hash"] in opted_out:
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
