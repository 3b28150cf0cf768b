"""Safeguarding flags and their trail of events."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.types import Channel, UTCDateTime, db_enum, now_utc
from surveys.vocabulary import FlagOutcome

if TYPE_CHECKING:
    from app.responses.models import Response


class SafeguardingFlag(db.Model):
    """Free text that may disclose harm. Kept even if the answer is later changed."""

    __tablename__ = "safeguarding_flag"
    __table_args__ = (UniqueConstraint("source_key", "text_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Null when the words came from outside a survey, e.g. a text from an unknown number.
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id"), index=True)
    question_key: Mapped[str | None] = mapped_column(String(64))
    phone_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    # Encrypted number of a sender outside any survey, so duty staff can reach them.
    phone_encrypted: Mapped[str | None] = mapped_column(Text)
    # What the words answered ("response:12:q3" or "sms:<message sid>"): one flag per source.
    source_key: Mapped[str] = mapped_column(String(160))
    channel: Mapped[Channel] = mapped_column(db_enum(Channel, "flag_channel"))
    category: Mapped[str] = mapped_column(String(32))
    categories: Mapped[list[str]] = mapped_column(JSON)
    rules: Mapped[list[str]] = mapped_column(JSON)
    text: Mapped[str] = mapped_column(Text)
    # Lets a retried submission of the same words land on the same row.
    text_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, index=True)
    alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    outcome: Mapped[FlagOutcome | None] = mapped_column(db_enum(FlagOutcome, "flag_ack_outcome"))

    response: Mapped[Response | None] = relationship()


class FlagEvent(db.Model):
    """The safeguarding trail: alerted, escalated, viewed, acknowledged - never deleted."""

    __tablename__ = "flag_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    flag_id: Mapped[int] = mapped_column(ForeignKey("safeguarding_flag.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    kind: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    outcome: Mapped[FlagOutcome | None] = mapped_column(db_enum(FlagOutcome, "flag_outcome"))
    note: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
