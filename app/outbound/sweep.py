"""Housekeeping: work a dead worker or a lost queue left behind."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update

from app.core.extensions import db
from app.core.types import now_utc
from app.outbound.delivery import UNCONFIRMED
from app.outbound.models import OutboundMessage, OutboundStatus
from app.outbound.queueing import enqueue_send

log = logging.getLogger(__name__)

# A row left in "sending" this long means its worker died mid-call.
SENDING_STALE_AFTER = timedelta(minutes=10)
# Queued and due this long ago with no progress: its task was lost (e.g. Redis restarted).
LOST_AFTER = timedelta(minutes=5)


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
