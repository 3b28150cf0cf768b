"""Board packs: drafts, and the figures as published."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.types import UTCDateTime, db_enum, now_utc

if TYPE_CHECKING:
    from app.campaigns.models import Campaign


class BoardPackStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class BoardPack(db.Model):
    """A Corporate Parenting Board pack for one survey wave or a date range, with its storyboard.

    While a draft its figures are worked out afresh each time; publishing freezes them in
    `content`, so the board reads what was published even after more answers arrive.
    """

    __tablename__ = "board_pack"
    __table_args__ = (
        CheckConstraint(
            "campaign_id IS NOT NULL OR (starts_at IS NOT NULL AND ends_at IS NOT NULL)",
            name="wave_or_dates",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id"))
    # A date range: from the start of `starts_at`'s day up to, not including, `ends_at`.
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The storyboard's four headings, written by the participation officer.
    where_we_were: Mapped[str | None] = mapped_column(Text)
    what_we_did: Mapped[str | None] = mapped_column(Text)
    difference_made: Mapped[str | None] = mapped_column(Text)
    what_next: Mapped[str | None] = mapped_column(Text)
    status: Mapped[BoardPackStatus] = mapped_column(
        db_enum(BoardPackStatus, "board_pack_status"), default=BoardPackStatus.DRAFT
    )
    # The figures as published: aggregated and suppressed only, never raw answers.
    content: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)

    campaign: Mapped[Campaign | None] = relationship()
