"""Numbers that replied STOP (or that Twilio reports unsubscribed): never texted again."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from app.conversations.models import SmsContact
from app.core.extensions import db
from app.core.sql import dialect_insert
from app.core.types import now_utc


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
