"""What the analysis (and officers' corrections) say about each free-text answer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    ForeignKey,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.core.extensions import db
from app.core.types import UTCDateTime, now_utc

if TYPE_CHECKING:
    from app.responses.models import Answer


def without_repeats(tags: Iterable[str]) -> list[str]:
    """A tag list as stored: in order, each item once. The board pack counts an answer once
    per item its lists hold, so every write keeps them so (the model on assignment, raw
    inserts through this)."""
    return list(dict.fromkeys(tags))


class AnswerAnalysis(db.Model):
    """What analysis/ made of one free-text answer, and officers' corrections, which win."""

    __tablename__ = "answer_analysis"
    __table_args__ = (
        # Approved quotes are a handful among every analysed answer; read newest first.
        db.Index(
            "ix_answer_analysis_quote_approved_at",
            "quote_approved_at",
            "id",
            postgresql_where=db.text("quote IS NOT NULL"),
            sqlite_where=db.text("quote IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), unique=True)
    # The answer's response, copied (an answer never moves): the board pack picks a wave's
    # analyses through their responses without reading every answer.
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    pledges: Mapped[list[str]] = mapped_column(JSON)
    themes: Mapped[list[str]] = mapped_column(JSON)
    sentiment: Mapped[str] = mapped_column(String(8))
    polarity: Mapped[float] = mapped_column(db.Float)
    redacted: Mapped[str] = mapped_column(Text)
    safeguarding_category: Mapped[str | None] = mapped_column(String(32))
    # The detector's tier ("urgent", "today", "routine") and score (0 to 1), kept so the read
    # queue orders by them in SQL (see app/reading/tiers.py).
    tier: Mapped[str] = mapped_column(String(8), default="routine", server_default="routine")
    score: Mapped[float] = mapped_column(db.Float, default=0.0, server_default="0")
    analysed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    # none_as_null: "not corrected" must be SQL NULL, not a JSON null that IS NOT NULL matches.
    corrected_pledges: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    corrected_themes: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    corrected_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    corrected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A quote approved for the board: the redacted words as the officer approved them.
    quote: Mapped[str | None] = mapped_column(Text)
    quote_approved_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    quote_approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    answer: Mapped[Answer] = relationship()

    @validates("pledges", "themes", "corrected_pledges", "corrected_themes")
    def _without_repeats(self, _key: str, items: list[str] | None) -> list[str] | None:
        return None if items is None else without_repeats(items)

    @property
    def final_pledges(self) -> list[str]:
        return self.corrected_pledges if self.corrected_pledges is not None else self.pledges

    @property
    def final_themes(self) -> list[str]:
        return self.corrected_themes if self.corrected_themes is not None else self.themes
