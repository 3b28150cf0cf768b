"""The read queue's process figure for the board: of the free-text answers that arrived in a
period and are due by now (or were read already), how many a person read in time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, not_, or_, select

from app.core.extensions import db
from app.core.types import now_utc
from app.core.working_days import overdue_before
from app.reading.models import AnswerReading
from app.reading.queue import service_days
from app.responses.models import Answer
from app.review.models import AnswerAnalysis


@dataclass(frozen=True)
class ReadInTime:
    answers: int  # arrived in the period and due by now, or read already
    in_time: int  # of those, read by a person by the end of their last working day
    days: int


def read_in_time(start: datetime, end: datetime, now: datetime | None = None) -> ReadInTime:
    """Answers whose words arrived in [start, end). One not yet due and not yet read is left
    out: it is neither late nor on time yet."""
    now = now or now_utc()
    days = service_days()
    read = and_(AnswerReading.read_at.is_not(None), AnswerReading.read_at >= Answer.updated_at)
    in_time = and_(read, AnswerReading.read_at <= AnswerReading.due_at)
    # A reading without a due time was taken over by migration 0010 from before the service
    # level existed: neither in time nor late, so left out.
    counted = or_(
        and_(read, AnswerReading.due_at.is_not(None)),
        and_(not_(read), Answer.updated_at < overdue_before(now, days)),
    )
    answers, on_time = db.session.execute(
        select(
            func.coalesce(func.sum(case((counted, 1), else_=0)), 0),
            func.coalesce(func.sum(case((in_time, 1), else_=0)), 0),
        )
        .select_from(AnswerAnalysis)
        .join(Answer, Answer.id == AnswerAnalysis.answer_id)
        .outerjoin(AnswerReading, AnswerReading.answer_id == AnswerAnalysis.answer_id)
        .where(Answer.updated_at >= start, Answer.updated_at < end)
    ).one()
    return ReadInTime(int(answers), int(on_time), days)
