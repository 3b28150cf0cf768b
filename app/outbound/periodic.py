"""The periodic tick: everything time-driven, in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.core.types import now_utc
from app.outbound.checkins import queue_due_checkins
from app.outbound.reminders import queue_reminders
from app.outbound.sweep import sweep


@dataclass
class TickSummary:
    checkins: int
    reminders: int
    requeued: int
    unconfirmed: int


def tick(at: datetime | None = None) -> TickSummary:
    """Everything time-driven: due check-ins, due reminders, and lost or stuck messages."""
    at = (at or now_utc()).astimezone(UTC)
    checkins = queue_due_checkins(at)
    reminders = queue_reminders(at)
    swept = sweep(at)
    return TickSummary(checkins, reminders, len(swept.requeued), swept.unconfirmed)
