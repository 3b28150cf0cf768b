"""Numbers that replied STOP (or that Twilio reports unsubscribed): never messaged again on
that channel (SMS and WhatsApp each keep their own choice; a call honours the SMS one)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from app.conversations.channels import contact_model
from app.core.extensions import db
from app.core.sql import dialect_insert
from app.core.types import Channel, now_utc


def is_opted_out(phone_hash: str, channel: Channel | str = Channel.SMS) -> bool:
    model = contact_model(channel)
    return bool(db.session.scalar(select(model.opted_out).where(model.phone_hash == phone_hash)))


def opted_out_among(phone_hashes: set[str], channel: Channel | str = Channel.SMS) -> set[str]:
    """Which of these numbers have opted out: one query for many."""
    model = contact_model(channel)
    return set(
        db.session.scalars(
            select(model.phone_hash).where(
                model.opted_out.is_(True), model.phone_hash.in_(phone_hashes)
            )
        )
    )


def mark_opted_out(
    phone_hash: str, at: datetime | None = None, channel: Channel | str = Channel.SMS
) -> None:
    """Record an opt-out learnt from Twilio (error 21610), safely under races. Flushes."""
    at = (at or now_utc()).astimezone(UTC)
    model = contact_model(channel)
    statement = dialect_insert(model).values(
        phone_hash=phone_hash, opted_out=True, opted_out_at=at, created_at=at
    )
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=["phone_hash"], set_={"opted_out": True, "opted_out_at": at}
        )
    )
