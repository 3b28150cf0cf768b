"""The read queue: every free-text answer (web, SMS, voice transcript, tablet, own phone) that no
person has read yet, most urgent first, and marking answers read (who and when, audited).

Every channel stores its free-text answers through `responses.save_answer`, which keeps one
`answer_analysis` row per answer with the detector's tier and score: that row is the queue's
item. The service level is READ_WITHIN_WORKING_DAYS working days from the words' arrival
(`answer.updated_at`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, Select, case, func, or_, select

from app.campaigns.models import Campaign
from app.core.extensions import db
from app.core.sql import dialect_insert
from app.core.times import uk_day, uk_time
from app.core.types import Channel, now_utc
from app.core.working_days import due_at, overdue_before
from app.reading.models import AnswerReading
from app.reading.tiers import TIER_LABELS, TIERS, TODAY, URGENT
from app.responses.models import Answer, Response
from app.review.models import AnswerAnalysis
from app.review.service import question_text
from app.staff.audit import record
from app.staff.models import User

PAGE_SIZE = 50


def service_days() -> int:
    return int(current_app.config["READ_WITHIN_WORKING_DAYS"])


def unread() -> ColumnElement[bool]:
    """Nobody has read the answer's current words (no reading, or words changed since)."""
    return or_(AnswerReading.read_at.is_(None), AnswerReading.read_at < Answer.updated_at)


def _tier_rank() -> Any:
    return case(
        {tier: rank for rank, tier in enumerate(TIERS)},
        value=AnswerAnalysis.tier,
        else_=len(TIERS),
    )


def unread_query(*columns: Any) -> Select[Any]:
    """SELECT `columns` over unread free-text answers (answer_analysis joined to its answer
    and its reading, if any)."""
    return (
        select(*columns)
        .select_from(AnswerAnalysis)
        .join(Answer, Answer.id == AnswerAnalysis.answer_id)
        .outerjoin(AnswerReading, AnswerReading.answer_id == AnswerAnalysis.answer_id)
        .where(unread())
    )


@dataclass(frozen=True)
class QueueItem:
    analysis_id: int
    answer_id: int
    tier: str
    score: float
    redacted: str
    flagged: bool
    received: datetime
    due: datetime
    channel: str
    campaign: str
    question: str | None
    escalated: bool

    @property
    def tier_label(self) -> str:
        return TIER_LABELS.get(self.tier, self.tier.capitalize())

    def overdue(self, now: datetime) -> bool:
        return self.due <= now

    @property
    def due_label(self) -> str:
        return last_day_label(self.due)


def last_day_label(due: datetime) -> str:
    """The last day to read something due at `due` (a UK midnight): 'Wednesday 27 May 2026'."""
    day = uk_day(due - timedelta(seconds=1))
    return f"{day:%A} {day.day} {day:%B %Y}"


def _channel_label(channel: str) -> str:
    label = Channel.label_of(channel)
    # A call's answer is the speech recogniser's transcript: the reader allows for mishearing.
    return f"{label} (transcript)" if channel == Channel.VOICE else label


def queue(tier: str | None = None, page: int = 1) -> tuple[list[QueueItem], int]:
    """One page of unread answers, urgent first, then by score, then the longest waiting; and
    how many unread answers there are (of `tier`, if given)."""
    where = [AnswerAnalysis.tier == tier] if tier else []
    total = db.session.scalar(unread_query(func.count()).where(*where)) or 0
    rows = db.session.execute(
        unread_query(
            AnswerAnalysis.id,
            AnswerAnalysis.answer_id,
            AnswerAnalysis.tier,
            AnswerAnalysis.score,
            AnswerAnalysis.redacted,
            AnswerAnalysis.safeguarding_category,
            Answer.updated_at,
            Answer.question_key,
            Response.channel,
            Response.survey_key,
            Response.survey_version,
            Response.variant,
            Campaign.name,
            AnswerReading.escalated_at,
        )
        .join(Response, Response.id == Answer.response_id)
        .join(Campaign, Campaign.id == Response.campaign_id)
        .where(*where)
        .order_by(_tier_rank(), AnswerAnalysis.score.desc(), Answer.updated_at, AnswerAnalysis.id)
        .limit(PAGE_SIZE)
        .offset((max(page, 1) - 1) * PAGE_SIZE)
    ).all()
    days = service_days()
    items = [
        QueueItem(
            analysis_id=row[0],
            answer_id=row[1],
            tier=row[2],
            score=float(row[3]),
            redacted=row[4],
            flagged=row[5] is not None,
            received=row[6],
            due=due_at(row[6], days),
            channel=_channel_label(row[8]),
            campaign=row[12],
            question=question_text(row[9], row[10], row[11], row[7]),
            escalated=row[13] is not None,
        )
        for row in rows
    ]
    return items, total


@dataclass(frozen=True)
class Summary:
    """The queue at a glance, for the dashboard: exact counts of answers (officers' work, not
    figures about children)."""

    unread: int
    by_tier: dict[str, int]
    overdue: int
    oldest: datetime | None


def summary(now: datetime | None = None) -> Summary:
    now = now or now_utc()
    by_tier = dict(
        db.session.execute(
            unread_query(AnswerAnalysis.tier, func.count()).group_by(AnswerAnalysis.tier)
        ).all()
    )
    oldest = db.session.scalar(unread_query(func.min(Answer.updated_at)))
    overdue = db.session.scalar(
        unread_query(func.count()).where(Answer.updated_at < overdue_before(now, service_days()))
    )
    return Summary(
        unread=sum(by_tier.values()),
        by_tier={tier: by_tier.get(tier, 0) for tier in TIERS},
        overdue=overdue or 0,
        oldest=oldest,
    )


def read_today(limit: int = 20) -> tuple[list[QueueItem], int]:
    """Unread answers in the `today` tier, for the duty officer's inbox."""
    items, total = queue(TODAY)
    return items[:limit], total


# --- Marking read ------------------------------------------------------------------------------


def _mark_statement(
    answer_id: int, user_id: int, at: datetime, due: datetime, updated_at: datetime
) -> Any:
    # Only if still unread when the row is written: of two officers marking at once, the
    # first keeps the record (PostgreSQL re-checks the condition on the row it waited for).
    insert = dialect_insert(AnswerReading).values(
        answer_id=answer_id, read_at=at, read_by=user_id, due_at=due
    )
    existing = AnswerReading.__table__.c
    return insert.on_conflict_do_update(
        index_elements=["answer_id"],
        set_={"read_at": at, "read_by": user_id, "due_at": due},
        where=or_(
            existing.read_at.is_(None),
            existing.read_at < updated_at,
        ),
    )


def mark_read(answer_ids: Iterable[int], user: User, at: datetime | None = None) -> int:
    """Record that `user` read these answers now (each one audited). Answers already read, or
    no longer free text, are left as they are. Flushes; the request commits. Returns how many
    were marked."""
    wanted = sorted(set(answer_ids))
    if not wanted:
        return 0
    at = at or now_utc()
    days = service_days()
    rows = db.session.execute(
        unread_query(Answer.id, Answer.updated_at, AnswerAnalysis.tier).where(Answer.id.in_(wanted))
    ).all()
    marked = 0
    for answer_id, updated_at, tier in rows:
        done = db.session.execute(
            _mark_statement(answer_id, user.id, at, due_at(updated_at, days), updated_at)
        ).rowcount
        if done:
            marked += 1
            record(
                "answer.read",
                db.session.get(Answer, answer_id),
                detail={"tier": tier, "late": due_at(updated_at, days) <= at},
            )
    db.session.flush()
    return marked


@dataclass(frozen=True)
class ReadState:
    read: bool
    read_at: datetime | None
    read_by: str | None
    due: datetime
    urgent: bool

    @property
    def due_label(self) -> str:
        return last_day_label(self.due)

    @property
    def read_at_label(self) -> str:
        return uk_time(self.read_at) if self.read_at else ""


def state_of(answer_id: int) -> ReadState | None:
    """Whether an answer's current words have been read, by whom and when (the answer page)."""
    row = db.session.execute(
        select(
            Answer.updated_at,
            AnswerReading.read_at,
            User.name,
            AnswerAnalysis.tier,
        )
        .select_from(Answer)
        .join(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
        .outerjoin(AnswerReading, AnswerReading.answer_id == Answer.id)
        .outerjoin(User, User.id == AnswerReading.read_by)
        .where(Answer.id == answer_id)
    ).first()
    if row is None:
        return None
    updated_at, read_at, name, tier = row
    read = read_at is not None and read_at >= updated_at
    return ReadState(
        read=read,
        read_at=read_at if read else None,
        read_by=name if read else None,
        due=due_at(updated_at, service_days()),
        urgent=tier == URGENT,
    )
