"""Twilio's status callbacks: delivery states only move forward."""

from __future__ import annotations

from sqlalchemy import and_, or_, select, update

from app.core.extensions import db
from app.core.types import now_utc
from app.outbound.delivery import TWILIO_UNSUBSCRIBED, UNCONFIRMED
from app.outbound.models import OutboundMessage, OutboundStatus
from app.outbound.opt_outs import mark_opted_out

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
        row = db.session.execute(
            select(OutboundMessage.phone_hash, OutboundMessage.channel).where(
                OutboundMessage.twilio_sid == sid
            )
        ).first()
        if row is not None and row.phone_hash:
            mark_opted_out(row.phone_hash, channel=row.channel)  # on that channel only
    return bool(changed)
