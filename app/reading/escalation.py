"""Telling the participation lead about answers nobody has read within the service level.

Once per answer: the tick emails one message listing how many answers became late since the
last one (never their words: email leaves our systems), then records `escalated_at` on each
answer's reading. Like the safeguarding tick it is its own unit of work and commits; a failed
send records nothing, so the next tick tries again, and a crash between the send and the
record repeats one email rather than losing it. One run at a time: a process lock here, and
the queue's task lock across workers.

Runs every minute from the queue (`app/outbound/tasks.py`) and as `flask reading tick`.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.core.extensions import db
from app.core.sql import dialect_insert
from app.core.times import uk_time
from app.core.types import now_utc
from app.core.working_days import due_at, overdue_before
from app.reading.models import AnswerReading
from app.reading.queue import service_days, unread_query
from app.reading.tiers import TIER_LABELS, TIERS
from app.responses.models import Answer
from app.review.models import AnswerAnalysis
from app.safeguarding.alerts import NotConfigured, page_url, send_email
from app.staff.audit import record
from app.staff.models import Role, User

log = logging.getLogger(__name__)
_run_lock = threading.Lock()


def lead_addresses() -> list[str]:
    """PARTICIPATION_LEAD_EMAIL (comma-separated), or every active admin when it is unset."""
    raw = current_app.config["PARTICIPATION_LEAD_EMAIL"] or ""
    configured = [a.strip() for a in raw.replace(";", ",").split(",") if a.strip()]
    if configured:
        return sorted(set(configured))
    return sorted(
        db.session.scalars(
            select(User.email).where(User.role == Role.ADMIN, User.active.is_(True))
        ).all()
    )


def _message(rows: list[Any], days: int) -> tuple[str, str]:
    tiers = Counter(tier for _id, _at, tier in rows)
    n = len(rows)
    plural = "answer has" if n == 1 else "answers have"
    lines = [
        f"{n} free-text {plural} not been read by a person within {days} working days.",
        "",
        *(f"{TIER_LABELS[t]}: {tiers[t]}" for t in TIERS if tiers.get(t)),
        f"Waiting since: {uk_time(min(at for _id, at, _tier in rows))}",
        "",
        f"Open the read queue (sign in first): {page_url('staff.reading')}",
        "",
        "For the young people's privacy this email does not contain their words. Read them in "
        "Golden Thread.",
    ]
    return f"Free-text answers not read within {days} working days: {n}", "\n".join(lines)


def _escalated_statement(answer_id: int, at: datetime, due: datetime) -> Any:
    insert = dialect_insert(AnswerReading).values(answer_id=answer_id, escalated_at=at, due_at=due)
    existing = AnswerReading.__table__.c
    return insert.on_conflict_do_update(
        index_elements=["answer_id"],
        set_={"escalated_at": at},
        where=existing.escalated_at.is_(None),
    )


def escalate_overdue(now: datetime | None = None) -> int:
    """Email the participation lead about unread answers past the service level, not yet
    escalated. Commits. Returns how many answers were escalated."""
    now = (now or now_utc()).astimezone(UTC)
    days = service_days()
    with _run_lock:
        rows = db.session.execute(
            unread_query(Answer.id, Answer.updated_at, AnswerAnalysis.tier)
            .where(
                Answer.updated_at < overdue_before(now, days),
                AnswerReading.escalated_at.is_(None),
            )
            .order_by(Answer.updated_at, Answer.id)
        ).all()
        if not rows:
            db.session.rollback()
            return 0
        addresses = lead_addresses()
        db.session.rollback()
        if not addresses:
            log.error(
                "%s late answer(s) not escalated: set PARTICIPATION_LEAD_EMAIL or add an admin",
                len(rows),
            )
            return 0
        subject, body = _message(rows, days)
        try:
            send_email(addresses, subject, body)
        except (OSError, smtplib.SMTPException, NotConfigured) as exc:
            db.session.rollback()
            log.warning(
                "late answers: escalation email not sent (%s); the next tick retries",
                type(exc).__name__,
            )
            return 0
        for answer_id, updated_at, _tier in rows:
            db.session.execute(_escalated_statement(answer_id, now, due_at(updated_at, days)))
        record("reading.escalated", detail={"answers": len(rows), "emails": len(addresses)})
        db.session.commit()
        log.info("late answers: %s escalated to the participation lead", len(rows))
        return len(rows)


reading_cli = AppGroup("reading", help="The read queue.")


@reading_cli.command("tick")
def tick_command() -> None:
    """Email the participation lead about answers not read in time (run often)."""
    click.echo(f"{escalate_overdue()} late answer(s) escalated.")
