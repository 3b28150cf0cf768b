"""Whether a person has read each free-text answer, and whether its lateness was escalated.

No row means unread: an answer needs no write here when it arrives. A row is written when
someone reads the answer, or when the participation lead is told it is late (whichever is
first). An answer whose words change after it was read (`answer.updated_at` later than
`read_at`) is unread again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.core.extensions import db
from app.core.types import UTCDateTime


class AnswerReading(db.Model):
    __tablename__ = "answer_reading"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), unique=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # When the words read were due (their arrival plus the service level then in force), kept
    # with the reading so the board pack counts "read in time" in SQL.
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
