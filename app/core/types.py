"""Column types and enums every domain's tables use."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Enum,
)

from app.core.extensions import db


def now_utc() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(db.TypeDecorator):
    """Timezone-aware datetimes on both SQLite (which drops the zone) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime stored; use now_utc()")
        # SQLite keeps no offset, so anything stored must already be UTC.
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Channel(enum.StrEnum):
    WEB = "web"
    SMS = "sms"
    VOICE = "voice"
    KIOSK = "kiosk"
    WHATSAPP = "whatsapp"

    @property
    def label(self) -> str:
        """The channel in words for staff, the same on every page and alert (staff pages are
        in English, so these are not translated)."""
        return _CHANNEL_LABELS[self]

    @classmethod
    def label_of(cls, value: str) -> str:
        """A stored channel's label; a value no channel has is shown as it is, so a channel
        added later never breaks a page."""
        try:
            return cls(value).label
        except ValueError:
            return str(value)


_CHANNEL_LABELS = {
    Channel.WEB: "Web survey",
    Channel.SMS: "Text message",
    Channel.VOICE: "Phone call",
    Channel.KIOSK: "Tablet",
    Channel.WHATSAPP: "WhatsApp message",
}


def db_enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as plain strings with a CHECK, so new values need only a migration, not a PG type.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )
