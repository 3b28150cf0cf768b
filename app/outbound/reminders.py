"""Reminders to people who were texted an invitation or check-in and have not finished.

The idempotency key `remind:<invitation id>:<n>` (n = 1, 2) makes each reminder happen once.
Flushes only.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import select

from app.campaigns.models import Invitation
from app.core.extensions import db
from app.core.types import Channel, now_utc
from app.outbound import whatsapp
from app.outbound.models import OutboundMessage, OutboundStatus
from app.outbound.queueing import queue_many, queue_sms
from app.outbound.reachability import cannot_text
from app.outbound.texts import reminder_text, survey_link

MAX_REMINDERS = 2


def reminder_days() -> tuple[int, ...]:
    """Days after the invitation text for reminder 1 and 2 (never more than two)."""
    raw = current_app.config["SMS_REMINDER_DAYS"]
    if isinstance(raw, str):
        raw = [part for part in raw.replace(" ", "").split(",") if part]
    return tuple(sorted(int(day) for day in raw))[:MAX_REMINDERS]


def queue_reminders(at: datetime | None = None) -> int:
    """Remind people who were texted an invitation or check-in and have not finished.

    At most two reminders per invitation, never to a finished survey, a closed campaign, an
    expired link, or a number that opted out. Reminder 2 waits its own gap after reminder 1,
    so a worker that was down does not send both at once.
    """
    at = (at or now_utc()).astimezone(UTC)
    days = reminder_days()
    if not days:
        return 0
    first_due = at - timedelta(days=days[0])
    sent = db.session.execute(
        select(OutboundMessage.invitation_id, OutboundMessage.sent_at)
        .where(
            OutboundMessage.purpose.in_(("invite", "checkin")),
            OutboundMessage.invitation_id.is_not(None),
            OutboundMessage.status.in_((OutboundStatus.SENT, OutboundStatus.DELIVERED)),
            OutboundMessage.sent_at <= first_due,
        )
        .order_by(OutboundMessage.invitation_id)
    ).all()
    queued = 0
    for invitation_id, sent_at in sent:
        invitation = db.session.get(Invitation, invitation_id)
        if invitation is None or not _wants_reminder(invitation, at):
            continue
        earlier = db.session.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.idempotency_key.like(f"remind:{invitation_id}:%"))
            .order_by(OutboundMessage.created_at)
        ).all()
        n = len(earlier) + 1
        if n > len(days):
            continue
        due = sent_at + timedelta(days=days[n - 1])
        if earlier:
            due = max(due, earlier[-1].created_at + timedelta(days=days[n - 1] - days[n - 2]))
        if due > at:
            continue
        key = f"remind:{invitation_id}:{n}"
        if invitation.channel == Channel.WHATSAPP:
            if not whatsapp.configured("remind"):
                continue  # no approved reminder template: WhatsApp allows no free words here
            link = survey_link(invitation)
            text = whatsapp.first_contact(invitation.respondent, invitation, "remind", key, link)
            queue_many([text], "remind", at=at)
        else:
            queue_sms(
                invitation.respondent, reminder_text(invitation), "remind", key, invitation, at=at
            )
        queued += 1
    return queued


def _wants_reminder(invitation: Invitation, at: datetime) -> bool:
    if invitation.response is not None and invitation.response.is_complete:
        return False
    if not invitation.campaign.is_open(at):
        return False
    if invitation.expires_at and at >= invitation.expires_at:
        return False
    newer = db.session.scalar(
        select(Invitation.id).where(
            Invitation.campaign_id == invitation.campaign_id,
            Invitation.respondent_id == invitation.respondent_id,
            Invitation.checkin_round > invitation.checkin_round,
        )
    )
    if newer is not None:
        return False  # a later check-in has replaced this one
    return cannot_text(invitation.respondent, invitation.channel) is None
