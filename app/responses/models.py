"""Responses and their answers: rows pin the survey key, version and question key."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.types import Channel, UTCDateTime, db_enum, now_utc

if TYPE_CHECKING:
    from app.campaigns.models import Campaign, Invitation


class ResponseStatus(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"


class Response(db.Model):
    """One person's answers to one survey version, through one channel."""

    __tablename__ = "response"
    __table_args__ = (
        CheckConstraint(
            "(status = 'complete') = (completed_at IS NOT NULL)", name="completed_when_complete"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    # Unique: a second visit to the same invitation resumes, never starts again.
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitation.id"), unique=True)
    respondent_id: Mapped[int | None] = mapped_column(ForeignKey("respondent.id"), index=True)
    # Anonymous (open-link) responses are resumed with this token; only its hash is kept. The
    # token is derived from the start form's idempotency key, so a double tap starts one response.
    resume_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    survey_key: Mapped[str] = mapped_column(String(64))
    survey_version: Mapped[int] = mapped_column(Integer)
    variant: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[Channel] = mapped_column(db_enum(Channel, "response_channel"))
    status: Mapped[ResponseStatus] = mapped_column(
        db_enum(ResponseStatus, "response_status"), default=ResponseStatus.IN_PROGRESS
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Conference feedback: which conference, and in what role the person took part.
    conference_id: Mapped[int | None] = mapped_column(ForeignKey("conference.id"), index=True)
    participant_role: Mapped[str | None] = mapped_column(String(32))
    # The language the questions are being shown in now (a code from surveys.languages); each
    # answer keeps the language its question was given in, since a texter may switch midway.
    language: Mapped[str] = mapped_column(String(16), default="en", server_default="en")
    # "I am helping a child to answer": someone else held the phone or tablet.
    assisted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    campaign: Mapped[Campaign] = relationship()
    invitation: Mapped[Invitation | None] = relationship(back_populates="response")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", order_by="Answer.id", cascade="all, delete-orphan"
    )

    @property
    def is_complete(self) -> bool:
        return self.status == ResponseStatus.COMPLETE


class Answer(db.Model):
    """The current answer to one question; unique per response and question key."""

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("response_id", "question_key"),
        # Reports group by the value as text; with no statistics for that expression PostgreSQL
        # guesses 200 values and sorts a million answers on disk instead of hashing a handful.
        # Migration 0008 creates the same; dropping the table drops it.
        {
            "listeners": [
                (
                    "after_create",
                    db.DDL(
                        "CREATE STATISTICS answer_value_text ON ((value)::text) FROM answer"
                    ).execute_if(
                        dialect="postgresql",
                        # Statistics on an expression came in PostgreSQL 14.
                        callable_=lambda _ddl, _table, bind, **_kw: (
                            bind.dialect.server_version_info >= (14,)
                        ),
                    ),
                )
            ]
        },
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    question_key: Mapped[str] = mapped_column(String(64))
    value: Mapped[Any] = mapped_column(JSON)
    # Copies of the value in typed columns so reports can aggregate in SQL.
    value_number: Mapped[int | None] = mapped_column(Integer)
    value_text: Mapped[str | None] = mapped_column(Text)
    # How the answer arrived when that matters, e.g. a voice transcript's confidence.
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The language the question was given in; None for answers stored before languages.
    language: Mapped[str | None] = mapped_column(String(16))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)

    response: Mapped[Response] = relationship(back_populates="answers")
