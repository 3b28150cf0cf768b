"""Texting each invitee with a mobile number their own feedback link, once each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.conferences.models import Conference, ConferenceInvitee
from app.core.extensions import db
from app.core.phones import vault
from app.core.tokens import new_token, token_hash
from app.outbound.models import OutboundMessage, OutboundStatus
from app.staff.audit import record

SMS_PURPOSE = "conference_link"


@dataclass
class TextsResult:
    queued: int = 0
    already: int = 0
    opted_out: int = 0
    no_phone: int = 0


def sms_key(conference: Conference, invitee: ConferenceInvitee) -> str:
    return f"conference:{conference.id}:{invitee.id}"


def queue_link_texts(conference: Conference, link_for: Any) -> TextsResult | None:
    """Text each invitee who gave a mobile number their own link, once each. Flushes.

    `link_for(token)` makes the absolute personal link. Returns None when the outbound queue
    is not available in this build.
    """
    try:
        from app.outbound.queueing import queue_sms
    except ImportError:  # pragma: no cover - the queue ships in the same release
        return None
    result = TextsResult()
    held = conference.held_on
    day = f"{held.day} {held:%B}"
    for invitee in sorted(conference.invitees, key=lambda i: i.id):
        if not invitee.phone_encrypted:
            result.no_phone += 1
            continue
        key = sms_key(conference, invitee)
        if db.session.scalar(
            select(OutboundMessage.id).where(OutboundMessage.idempotency_key == key)
        ):
            result.already += 1
            continue
        token = new_token()
        invitee.invitation_token_hash = token_hash(token)
        body = (
            f"Thank you for coming to the meeting on {day}. Please tell us what you thought of "
            f"it. It takes about 5 minutes: {link_for(token)}"
        )
        message = queue_sms(
            vault().decrypt(invitee.phone_encrypted), body, SMS_PURPOSE, idempotency_key=key
        )
        if message.status == OutboundStatus.OPTED_OUT:
            result.opted_out += 1
        else:
            result.queued += 1
    db.session.flush()
    record(
        "conference.texts_queued",
        conference,
        detail={"queued": result.queued, "already": result.already, "opted_out": result.opted_out},
    )
    return result


def invitee_by_token(conference: Conference, token: str) -> ConferenceInvitee | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(
        select(ConferenceInvitee).where(
            ConferenceInvitee.invitation_token_hash == token_hash(token),
            ConferenceInvitee.conference_id == conference.id,
        )
    )
