"""Child protection conferences and who was invited."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.types import UTCDateTime, db_enum, now_utc
from surveys.vocabulary import ConferenceKind, ParticipantRole


class Conference(db.Model):
    """A child protection conference, known by a reference code, never a child's name."""

    __tablename__ = "conference"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64))
    kind: Mapped[ConferenceKind] = mapped_column(db_enum(ConferenceKind, "conference_kind"))
    held_on: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # For the short link and QR code participants open on their own phones.
    short_code: Mapped[str] = mapped_column(String(16), unique=True)
    # The chair's PIN that lets a shared tablet leave feedback mode (Argon2 hash).
    kiosk_pin_hash: Mapped[str | None] = mapped_column(String(255))
    # Tries at that PIN, taken atomically (app/core/attempts.py); a new PIN starts again.
    pin_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    pin_locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    invitees: Mapped[list[ConferenceInvitee]] = relationship(back_populates="conference")


class ConferenceInvitee(db.Model):
    """Who was invited, by role (and agency for professionals); a phone only if they gave one."""

    __tablename__ = "conference_invitee"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    role: Mapped[ParticipantRole] = mapped_column(db_enum(ParticipantRole, "participant_role"))
    agency: Mapped[str | None] = mapped_column(String(64))
    phone_encrypted: Mapped[str | None] = mapped_column(Text)
    phone_hash: Mapped[str | None] = mapped_column(String(64))
    invitation_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    conference: Mapped[Conference] = relationship(back_populates="invitees")


# --- Corporate Parenting Board packs -------------------------------------------------------
