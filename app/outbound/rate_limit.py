"""The shared send rate: one row holds the next free moment for every worker."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, update

from app.core.extensions import db
from app.core.sql import dialect_insert
from app.outbound.models import SmsSendSlot


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
