"""Numbers that replied STOP (or that Twilio reports unsubscribed): never messaged again on
that channel (SMS and WhatsApp each keep their own choice; a call honours the SMS one)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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


# The channels we write to; a call reaches the person whatever they replied to our messages.
MESSAGE_CHANNELS = (Channel.SMS, Channel.WHATSAPP)


@dataclass(frozen=True)
class Reach:
    """On which channels we may write to one number: the one rule for "can we reach this
    sender". SMS: unless they replied STOP there. WhatsApp: only once they opted in there, and
    not after a STOP there. A STOP on one channel leaves the other as it was."""

    stopped: frozenset[Channel] = frozenset()
    whatsapp_opted_in: bool = False

    def may_message(self, channel: Channel | str) -> bool:
        if channel == Channel.WHATSAPP:
            return self.whatsapp_opted_in and Channel.WHATSAPP not in self.stopped
        return Channel.SMS not in self.stopped

    @property
    def channels(self) -> tuple[Channel, ...]:
        """The channels they can be written to on, SMS first."""
        return tuple(c for c in MESSAGE_CHANNELS if self.may_message(c))


def reach_among(phone_hashes: Iterable[str | None]) -> dict[str, Reach]:
    """Each of these numbers' Reach (numbers never seen: SMS only): one query a channel."""
    wanted = {h for h in phone_hashes if h}
    stopped: dict[str, set[Channel]] = {h: set() for h in wanted}
    opted_in: set[str] = set()
    if wanted:
        for channel in MESSAGE_CHANNELS:
            model = contact_model(channel)
            rows = db.session.execute(
                select(model.phone_hash, model.opted_out, model.opted_in_at).where(
                    model.phone_hash.in_(wanted)
                )
            )
            for phone_hash, opted_out, opted_in_at in rows:
                if opted_out:
                    stopped[phone_hash].add(channel)
                elif channel == Channel.WHATSAPP and opted_in_at is not None:
                    opted_in.add(phone_hash)
    return {h: Reach(frozenset(stopped[h]), h in opted_in) for h in wanted}


def reach_of(phone_hash: str) -> Reach:
    return reach_among({phone_hash}).get(phone_hash, Reach())


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
