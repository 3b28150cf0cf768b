"""Staff accounts, their roles, and the audit log."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.types import UTCDateTime, db_enum, now_utc


class Role(enum.StrEnum):
    ADMIN = "admin"
    PARTICIPATION_OFFICER = "participation_officer"
    CONFERENCE_CHAIR = "conference_chair"
    DUTY_OFFICER = "duty_officer"
    BOARD_MEMBER = "board_member"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class User(db.Model):
    """A member of staff. Passwords are Argon2 hashes; the session version ends old sessions."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(db_enum(Role, "role"))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    totp_secret: Mapped[str | None] = mapped_column(String(255))  # encrypted
    # The last 30-second step whose code was accepted: no code is accepted twice.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    phone_encrypted: Mapped[str | None] = mapped_column(Text)  # for urgent SMS alerts
    on_duty: Mapped[bool] = mapped_column(Boolean, default=False)
    # Tries (passwords and codes) since the last sign-in, taken atomically (app/core/attempts).
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped at logout and when disabled: cookies carrying an older version stop working.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    # Flask-Login's interface, kept here so the model needs no mixin from the web layer.
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"


class AuditEvent(db.Model):
    """Who looked at identifiable data or changed something, and when. No personal data inside."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str | None] = mapped_column(String(64))
    object_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    user: Mapped[User | None] = relationship()
