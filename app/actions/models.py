""" "You said, we did": actions and the quotes behind them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    ForeignKey,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.types import UTCDateTime, db_enum, now_utc
from surveys.vocabulary import ActionStatus, Cohort

if TYPE_CHECKING:
    from app.review.models import AnswerAnalysis


class Action(db.Model):
    """ "You said, we did": what the council does about a theme, followed up to the end."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    pledge: Mapped[str | None] = mapped_column(String(32))
    theme: Mapped[str | None] = mapped_column(String(120))
    cohort: Mapped[Cohort | None] = mapped_column(db_enum(Cohort, "action_cohort"))
    owner: Mapped[str] = mapped_column(String(120))
    due_date: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[ActionStatus] = mapped_column(
        db_enum(ActionStatus, "action_status"), default=ActionStatus.NOT_STARTED
    )
    at_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    you_said: Mapped[str | None] = mapped_column(Text)
    we_did: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    quotes: Mapped[list[AnswerAnalysis]] = relationship(secondary="action_quote")


class ActionQuote(db.Model):
    """Links an action to the approved quotes that prompted it."""

    __tablename__ = "action_quote"

    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("answer_analysis.id"), primary_key=True)


# --- Child protection conferences ---------------------------------------------------------
