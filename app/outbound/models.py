"""Texts we send, the shared send slot, and scheduled check-ins."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.core.extensions import db
from app.core.types import UTCDateTime, db_enum, now_utc


class OutboundStatus(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    FAILED = "failed"
    OPTED_OUT = "opted_out"
    CANCELLED = "cancelled"


class OutboundMessage(db.Model):
    """A text we mean to send, once: the idempotency key makes a retry find the same row."""

    __tablename__ = "outbound_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(160), unique=True)
    purpose: Mapped[str] = mapped_column(String(32))
    respondent_id: Mapped[int | None] = mapped_column(ForeignKey("respondent.id"), index=True)
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitation.id"), index=True)
    phone_hash: Mapped[str] = mapped_column(String(64), index=True)
    to_encrypted: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    # "sms" or "whatsapp" (a Channel value); WhatsApp's first contact is a template (below).
    channel: Mapped[str] = mapped_column(String(16), default="sms", server_default="sms")
    # A WhatsApp template (Twilio Content API) and its variables as JSON: never names.
    content_sid: Mapped[str | None] = mapped_column(String(64))
    content_variables: Mapped[str | None] = mapped_column(Text)
    status: Mapped[OutboundStatus] = mapped_column(
        db_enum(OutboundStatus, "outbound_status"), default=OutboundStatus.QUEUED
    )
    twilio_sid: Mapped[str | None] = mapped_column(String(64), unique=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(16))
    error_message: Mapped[str | None] = mapped_column(String(500))
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)


class SmsSendSlot(db.Model):
    """The next free moment to send, shared by every queue worker: the SMS rate limit."""

    __tablename__ = "sms_send_slot"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    # Microseconds since the epoch: exact arithmetic on both databases.
    next_at_us: Mapped[int] = mapped_column(BigInteger)


class CheckinSchedule(db.Model):
    """Scheduled SMS check-ins for one respondent: every N weeks/months or at fixed offsets."""

    __tablename__ = "checkin_schedule"
    __table_args__ = (UniqueConstraint("respondent_id", "campaign_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("respondent.id"))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    rule: Mapped[str] = mapped_column(String(16))  # "weeks" | "months" | "offsets"
    interval: Mapped[int | None] = mapped_column(Integer)
    offsets_months: Mapped[list[int] | None] = mapped_column(JSON)
    start_date: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_count: Mapped[int] = mapped_column(Integer, default=0)
    next_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)


# --- Staff, analysis results, the safeguarding trail and "you said, we did" -----------------
