""" "You said, we did": actions with RAG status, evidence before closing, and publishing back.

RAG follows the council's rules (see the brief): Red = the timescale is not being achieved (past
its due date and not completed); Amber = not yet started, or under way with a risk; Green = under
way on time, or completed.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask import current_app
from sqlalchemy import delete, or_, select

from analysis import redact_for_board
from app.actions.models import Action, ActionQuote
from app.conversations.models import SmsContact
from app.core.extensions import db
from app.core.times import UK
from app.core.types import now_utc
from app.respondents.models import Respondent
from app.review.models import AnswerAnalysis
from app.staff.audit import record
from app.staff.models import User
from surveys.vocabulary import ActionStatus, Cohort


class Rag(enum.StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def tag_class(self) -> str:
        # GOV.UK Frontend has no "amber" tag; orange is the nearest and keeps its contrast.
        return {"red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green"}[
            self.value
        ]


# Sort order for lists: what needs attention first.
RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}

STATUS_LABELS = {
    ActionStatus.NOT_STARTED: "Not started",
    ActionStatus.UNDER_WAY: "Under way",
    ActionStatus.COMPLETED: "Completed",
}


def rag(status: ActionStatus, at_risk: bool, due: date, today: date) -> Rag:
    """The RAG status of an action on `today`: pure, so the rules are tested as a table."""
    if status == ActionStatus.COMPLETED:
        return Rag.GREEN
    if today > due:
        return Rag.RED
    if status == ActionStatus.NOT_STARTED or at_risk:
        return Rag.AMBER
    return Rag.GREEN


def uk_today(at: datetime | None = None) -> date:
    return (at or now_utc()).astimezone(UK).date()


def due_day(action: Action) -> date:
    """Due dates are stored as midnight UTC of the day, so the UTC date is the day meant."""
    return action.due_date.astimezone(UTC).date()


def due_datetime(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def action_rag(action: Action, today: date | None = None) -> Rag:
    return rag(action.status, action.at_risk, due_day(action), today or uk_today())


def format_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def evidence_summary(text: str | None, limit: int = 200) -> str:
    """Evidence as the board may see it: redacted and cut at a word to at most `limit`."""
    words = redact_for_board(" ".join((text or "").split()))
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


class EvidenceRequired(ValueError):
    """An action may not be marked completed without evidence."""


@dataclass
class ActionData:
    """What an officer entered for an action (already validated by the form)."""

    title: str
    description: str | None
    pledge: str | None
    theme: str | None
    cohort: Cohort | None
    owner: str
    due: date
    status: ActionStatus
    at_risk: bool
    evidence: str | None
    quote_ids: list[int]


def approved_quotes() -> list[AnswerAnalysis]:
    """Every quote approved for the board, newest first."""
    return list(
        db.session.scalars(
            select(AnswerAnalysis)
            .where(AnswerAnalysis.quote.is_not(None))
            .order_by(AnswerAnalysis.quote_approved_at.desc(), AnswerAnalysis.id.desc())
        )
    )


def save_action(action: Action | None, data: ActionData, user: User) -> Action:
    """Create or update an action; completing needs evidence. Flushes and audits."""
    if data.status == ActionStatus.COMPLETED and not (data.evidence or "").strip():
        raise EvidenceRequired("Enter the evidence that the action is complete")
    created = action is None
    if action is None:
        action = Action(created_by=user.id)
        db.session.add(action)
    action.title = data.title
    action.description = data.description or None
    action.pledge = data.pledge or None
    action.theme = data.theme or None
    action.cohort = data.cohort
    action.owner = data.owner
    action.due_date = due_datetime(data.due)
    action.at_risk = data.at_risk
    action.evidence = data.evidence or None
    if data.status == ActionStatus.COMPLETED and action.status != ActionStatus.COMPLETED:
        action.completed_at = now_utc()
    elif data.status != ActionStatus.COMPLETED:
        action.completed_at = None
    action.status = data.status
    db.session.flush()
    _link_quotes(action, data.quote_ids)
    state = {
        "status": action.status.value,
        "at_risk": action.at_risk,
        "due": action.due_date.date().isoformat(),
        "rag": action_rag(action).value,
        "quotes": len(data.quote_ids),
    }
    record("action.created" if created else "action.updated", action, detail=state)
    db.session.flush()
    return action


def _link_quotes(action: Action, quote_ids: Iterable[int]) -> None:
    """Link only quotes that are approved: anything else is dropped, never linked."""
    wanted = set(quote_ids)
    approved = (
        set(
            db.session.scalars(
                select(AnswerAnalysis.id).where(
                    AnswerAnalysis.id.in_(wanted), AnswerAnalysis.quote.is_not(None)
                )
            )
        )
        if wanted
        else set()
    )
    db.session.execute(delete(ActionQuote).where(ActionQuote.action_id == action.id))
    for analysis_id in sorted(approved):
        db.session.add(ActionQuote(action_id=action.id, analysis_id=analysis_id))
    db.session.flush()
    db.session.expire(action, ["quotes"])


def sorted_for_attention(actions: Iterable[Action], today: date | None = None) -> list[Action]:
    today = today or uk_today()
    return sorted(actions, key=lambda a: (RAG_ORDER[action_rag(a, today)], a.due_date, a.id))


# --- Publishing "you said, we did" -----------------------------------------------------------


@dataclass(frozen=True)
class PublishResult:
    queued: int = 0
    opted_out: int = 0


def sms_body(action: Action) -> str:
    """The short text sent to the cohort: plain words, and where to read more."""
    council = current_app.config["COUNCIL_NAME"]
    body = f"{council}. You said: {action.you_said} We did: {action.we_did}"
    base = current_app.config["PUBLIC_BASE_URL"]
    if base:
        query = f"?cohort={action.cohort.value}" if action.cohort else ""
        body += f" More: {base.rstrip('/')}/you-said-we-did{query}"
    return body + " Reply STOP to stop texts."


def sms_recipients(cohort: Cohort) -> tuple[list[Respondent], int]:
    """People in the cohort who agreed to texts: (those to text, how many opted out)."""
    rows = db.session.execute(
        select(Respondent, SmsContact.opted_out)
        .outerjoin(SmsContact, SmsContact.phone_hash == Respondent.phone_hash)
        .where(
            Respondent.cohort == cohort,
            Respondent.consent_to_contact.is_(True),
            Respondent.phone_hash.is_not(None),
            Respondent.phone_encrypted.is_not(None),
        )
        .order_by(Respondent.id)
    ).all()
    to_text = [person for person, opted_out in rows if not opted_out]
    return to_text, len(rows) - len(to_text)


def publish(action: Action, you_said: str, we_did: str, send_sms: bool) -> PublishResult:
    """Publish on the public page and, if asked, text the cohort (once each). Flushes."""
    action.you_said = you_said
    action.we_did = we_did
    if action.published_at is None:
        action.published_at = now_utc()
    result = PublishResult()
    if send_sms and action.cohort is not None:
        from app.outbound.queueing import queue_sms

        people, opted_out = sms_recipients(action.cohort)
        body = sms_body(action)
        for person in people:
            # One key per action and person: publishing again never texts anyone twice.
            queue_sms(person, body, "you_said_we_did", f"yswd:{action.id}:{person.id}")
        result = PublishResult(queued=len(people), opted_out=opted_out)
    record(
        "action.published",
        action,
        detail={"sms": bool(send_sms), "queued": result.queued, "opted_out": result.opted_out},
    )
    db.session.flush()
    return result


def unpublish(action: Action) -> None:
    """Take the message off the public page (texts already sent cannot be recalled)."""
    action.published_at = None
    record("action.unpublished", action)
    db.session.flush()


def published(cohort: Cohort | None = None) -> list[Action]:
    """Published messages, newest first; messages for no particular cohort are for everyone."""
    query = select(Action).where(Action.published_at.is_not(None))
    if cohort is not None:
        query = query.where(or_(Action.cohort == cohort, Action.cohort.is_(None)))
    return list(db.session.scalars(query.order_by(Action.published_at.desc(), Action.id.desc())))
