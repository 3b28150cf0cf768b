"""Starting, answering and submitting responses, safely under retries and double taps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Protocol

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import joinedload

from analysis import SafeguardingResult, assess
from app.campaigns.models import Campaign, Invitation
from app.core.extensions import db
from app.core.sql import dialect_insert, dialect_name, run, typed_text
from app.core.tokens import derived_token, token_hash
from app.core.types import Channel, now_utc
from app.responses.models import Answer, Response, ResponseStatus
from app.review import analysis_store
from app.review.models import AnswerAnalysis
from app.safeguarding import deep_check
from app.safeguarding.flags import record_flag, sender_fields  # also for the engine
from surveys import Question, ResolvedSurvey, default_registry
from surveys.languages import SOURCE_LANGUAGE


class LinkProblem(Exception):
    """A link that cannot be used; `reason` picks the kind page to show."""

    def __init__(self, reason: str, campaign: Campaign | None = None) -> None:
        super().__init__(reason)
        self.reason = reason  # "unknown" | "closed" | "expired" | "not_open"
        self.campaign = campaign


@dataclass
class Access:
    """What a survey link opens: a campaign, and the response once started."""

    campaign: Campaign
    invitation: Invitation | None
    response: Response | None

    @property
    def variant(self) -> str | None:
        if self.response is not None:
            return self.response.variant
        return self.invitation.variant if self.invitation else None


class ResponseLike(Protocol):
    """What these functions need of a response: the ORM `Response`, or a lighter row with the
    same attributes (the conversation engine reads one with its conversation row, as loading
    an ORM object costs more than the rest of a text's work)."""

    id: int
    survey_key: str
    survey_version: int
    variant: str | None
    channel: Channel
    status: ResponseStatus

    @property
    def is_complete(self) -> bool: ...


def survey_for(response: ResponseLike) -> ResolvedSurvey:
    """The exact survey version and variant this response was started on, in its language."""
    registry = default_registry()
    definition = registry.get(response.survey_key, response.survey_version)
    language = getattr(response, "language", None) or SOURCE_LANGUAGE
    return registry.in_language(definition, language).resolve(response.variant)


def resolve_link(token: str, at: datetime | None = None) -> Access:
    """Find what a personal or resume token opens, or say kindly why it can't be used."""
    at = at or now_utc()
    hashed = token_hash(token)
    # Every survey page needs the campaign and the response too: one query rather than three.
    invitation = db.session.scalar(
        select(Invitation)
        .options(joinedload(Invitation.campaign), joinedload(Invitation.response))
        .where(Invitation.token_hash == hashed)
    )
    if invitation is not None:
        access = Access(invitation.campaign, invitation, invitation.response)
        if invitation.expires_at and at >= invitation.expires_at and not _complete(access):
            raise LinkProblem("expired", invitation.campaign)
    else:
        response = db.session.scalar(
            select(Response)
            .options(joinedload(Response.campaign))
            .where(Response.resume_token_hash == hashed)
        )
        if response is None:
            raise LinkProblem("unknown")
        access = Access(response.campaign, None, response)
    if not access.campaign.is_open(at) and not _complete(access):
        raise LinkProblem("closed", access.campaign)
    return access


def _complete(access: Access) -> bool:
    return access.response is not None and access.response.is_complete


def open_campaign(open_token: str, at: datetime | None = None) -> Campaign:
    """The campaign behind an anonymous open link (QR code or poster)."""
    campaign = db.session.scalar(select(Campaign).where(Campaign.open_link_token == open_token))
    if campaign is None:
        raise LinkProblem("unknown")
    if not campaign.is_open(at or now_utc()):
        raise LinkProblem("closed", campaign)
    return campaign


def start_for_invitation(
    access: Access, channel: Channel, language: str = SOURCE_LANGUAGE
) -> Response:
    """The invitation's response, created on first use. A race still makes exactly one."""
    if access.response is not None:
        return access.response
    invitation = access.invitation
    assert invitation is not None
    campaign = invitation.campaign
    db.session.execute(
        dialect_insert(Response)
        .values(
            campaign_id=campaign.id,
            invitation_id=invitation.id,
            respondent_id=invitation.respondent_id,
            survey_key=campaign.survey_key,
            survey_version=campaign.survey_version,
            variant=invitation.variant,
            language=language,
            channel=channel.value,
            status=ResponseStatus.IN_PROGRESS.value,
            started_at=now_utc(),
            updated_at=now_utc(),
        )
        .on_conflict_do_nothing(index_elements=["invitation_id"])
    )
    response = db.session.scalar(select(Response).where(Response.invitation_id == invitation.id))
    assert response is not None
    access.response = response
    return response


def start_anonymous(
    campaign: Campaign,
    variant: str | None,
    start_key: str,
    secret_key: str,
    channel: Channel,
    language: str = SOURCE_LANGUAGE,
) -> tuple[Response, str]:
    """Start an open-link response. The same start key (a double tap) gives the same response."""
    token = derived_token(secret_key, f"start:{campaign.id}:{start_key}")
    hashed = token_hash(token)
    db.session.execute(
        dialect_insert(Response)
        .values(
            campaign_id=campaign.id,
            resume_token_hash=hashed,
            survey_key=campaign.survey_key,
            survey_version=campaign.survey_version,
            variant=variant,
            language=language,
            channel=channel.value,
            status=ResponseStatus.IN_PROGRESS.value,
            started_at=now_utc(),
            updated_at=now_utc(),
        )
        .on_conflict_do_nothing(index_elements=["resume_token_hash"])
    )
    response = db.session.scalar(select(Response).where(Response.resume_token_hash == hashed))
    assert response is not None
    return response, token


def _answers_statement(_dialect: str) -> Any:
    table = Answer.__table__
    return select(table.c.question_key, table.c.value).where(
        table.c.response_id == bindparam("response_id")
    )


def answers_of(response: ResponseLike) -> dict[str, Any]:
    rows = run(_answers_statement, {"response_id": response.id})
    return {key: value for key, value in rows}


_UPSERT_ANSWER = (
    "INSERT INTO answer (response_id, question_key, value, value_number, value_text, meta, "
    "language, answered_at, updated_at) VALUES (:response_id, :question_key, :value, "
    ":value_number, :value_text, :meta, :language, :answered_at, :updated_at) "
    "ON CONFLICT (response_id, question_key) DO UPDATE SET value = excluded.value, "
    "value_number = excluded.value_number, value_text = excluded.value_text, "
    "meta = excluded.meta, language = excluded.language, "
    "updated_at = CASE WHEN answer.value_text = excluded.value_text "
    "THEN answer.updated_at ELSE excluded.updated_at END RETURNING id"
)
# The same words sent again (Back then Continue, a double tap) keep updated_at: the read queue
# counts an answer unread when its words changed after a person read them.
# PostgreSQL: the answer, the response's updated_at and the answer's analysis in one statement.
_SAVED = f"saved AS ({_UPSERT_ANSWER})"  # noqa: S608 - constant SQL; values are bound
_TOUCHED = "touched AS (UPDATE response SET updated_at = :updated_at WHERE id = :response_id)"
_ANALYSED = (
    "analysed AS (INSERT INTO answer_analysis (answer_id, response_id, pledges, themes, "
    "sentiment, polarity, redacted, safeguarding_category, tier, score, analysed_at) "
    "SELECT id, :response_id, :pledges, :themes, :sentiment, :polarity, :redacted, "
    ":safeguarding_category, :tier, :score, :analysed_at FROM saved "
    "ON CONFLICT (answer_id) DO UPDATE SET pledges = excluded.pledges, "
    "themes = excluded.themes, sentiment = excluded.sentiment, polarity = excluded.polarity, "
    "redacted = excluded.redacted, safeguarding_category = excluded.safeguarding_category, "
    "tier = excluded.tier, score = excluded.score, analysed_at = excluded.analysed_at)"
)
_CLEARED = "cleared AS (DELETE FROM answer_analysis WHERE answer_id IN (SELECT id FROM saved))"
_ANSWER_CTES = {
    "plain": (_SAVED, _TOUCHED),  # not free text
    "analysed": (_SAVED, _TOUCHED, _ANALYSED),  # words
    "cleared": (_SAVED, _TOUCHED, _CLEARED),  # free text emptied
}
# Where the parameters of these statements take their types from.
ANSWER_TABLES = (Answer.__table__, AnswerAnalysis.__table__)


def answer_ctes(kind: str) -> tuple[str, ...]:
    """The WITH clauses that save an answer of this kind (PostgreSQL), for a caller that
    writes other rows in the same statement."""
    return _ANSWER_CTES[kind]


@cache  # one builder per kind: `sql.built` keys statements by the builder
def _save_statement(kind: str) -> Callable[[str], Any]:
    def build(dialect: str) -> Any:
        if dialect != "postgresql":
            return typed_text(ANSWER_TABLES, _UPSERT_ANSWER, Answer.__table__.c.id)
        sql = f"WITH {', '.join(_ANSWER_CTES[kind])} SELECT id FROM saved"  # noqa: S608 - fixed fragments; values are bound
        return typed_text(ANSWER_TABLES, sql, Answer.__table__.c.id)

    return build


AnswerWrite = tuple[str, dict[str, Any]]
"""An answer's write on PostgreSQL: (kind, parameters of `answer_ctes(kind)`)."""


def write_answer(write: AnswerWrite) -> None:
    """Run a write that `save_answer` handed to its `hold`."""
    kind, values = write
    run(_save_statement(kind), values).close()  # its RETURNING row is not needed


def _touch_statement(_dialect: str) -> Any:
    table = Response.__table__
    return (
        update(table)
        .where(table.c.id == bindparam("response_id"))
        .values(updated_at=bindparam("now", type_=table.c.updated_at.type))
    )


def save_answer(
    response: ResponseLike,
    question: Question,
    value: Any,
    meta: dict[str, Any] | None = None,
    safeguarding: SafeguardingResult | None = None,
    *,
    hold: Callable[[AnswerWrite], None] | None = None,
    sender: str | None = None,
    language: str | None = None,
) -> SafeguardingResult | None:
    """Store (or replace) one answer; returns the safeguarding result for free text.

    `language`: the one the question was given in (None: not known).
    `safeguarding` passes on a result the caller already has for these words. `sender`: the
    phone number a text or call came from, kept (encrypted) on a flag. `hold`: on
    PostgreSQL the answer's write is handed to it instead of run, for the caller to run with
    a statement of its own (a webhook delivery's last); a flag for the words is recorded at
    once, in the same transaction.
    """
    if response.is_complete:
        raise ValueError("a finished response cannot be changed")
    now = now_utc()
    free_text = question.own_words
    number = value if isinstance(value, int) and not isinstance(value, bool) else None
    params = {
        "response_id": response.id,
        "question_key": question.key,
        "value": value,
        "value_number": number,
        "value_text": value if free_text else None,
        "meta": meta,
        # The language the question was given in: the response's unless the caller knows better
        # (a texter may switch midway; the engine passes the conversation's).
        "language": language or getattr(response, "language", None) or SOURCE_LANGUAGE,
        "answered_at": now,
        "updated_at": now,
    }
    words = (value or "") if free_text else ""
    if words and safeguarding is None:
        safeguarding = assess(words)  # once: the analysis's tier and the flag both need it
    analysis = analysis_store.analysis_of(words, question.pledge, safeguarding) if words else None
    kind = "analysed" if analysis else "cleared" if free_text else "plain"
    values = {**params, **(analysis or {})}
    if dialect_name() == "postgresql":  # one statement: answer, updated_at and analysis
        if hold is not None:
            hold((kind, values))
        else:
            write_answer((kind, values))
    else:
        answer_id = run(_save_statement(kind), values).scalar_one()
        run(_touch_statement, {"response_id": response.id, "now": now})
        if free_text:
            analysis_store.analyse_answer(answer_id, response.id, words, question.pledge, analysis)
    if free_text and value:
        result = safeguarding or assess(value)
        deep_check.ask(response.id, question.key, result, sender)
        if result.flagged:
            record_flag(
                value,
                result,
                channel=response.channel,
                source_key=f"response:{response.id}:{question.key}",
                response_id=response.id,
                question_key=question.key,
                **sender_fields(sender),
            )
        return result
    return None


@dataclass(frozen=True)
class StoredWords:
    """A stored free-text answer as a later check reads it again."""

    answer_id: int
    text: str | None
    channel: Channel
    tier: str  # what the request's check made of it
    language: str = SOURCE_LANGUAGE  # the response's: help is said in it


def stored_words(response_id: int, question_key: str) -> StoredWords | None:
    row = db.session.execute(
        select(
            Answer.id, Answer.value_text, Response.channel, AnswerAnalysis.tier, Response.language
        )
        .join(Response, Response.id == Answer.response_id)
        .outerjoin(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
        .where(Answer.response_id == response_id, Answer.question_key == question_key)
    ).first()
    if row is None:
        return None
    return StoredWords(
        row[0], row[1], Channel(row[2]), row[3] or "routine", row[4] or SOURCE_LANGUAGE
    )


def raise_tier(answer_id: int, result: SafeguardingResult) -> None:
    """A later, deeper check found more in an answer: the read queue orders it by that."""
    db.session.execute(
        update(AnswerAnalysis)
        .where(AnswerAnalysis.answer_id == answer_id)
        .values(tier=result.tier, score=result.score, safeguarding_category=result.category)
    )


def _submit_statement(_dialect: str) -> Any:
    table = Response.__table__
    # Only from in progress, so of two concurrent submits exactly one changes the row.
    return typed_text(
        table,
        "UPDATE response SET status = :complete, completed_at = :now, updated_at = :now "
        "WHERE id = :response_id AND status = :in_progress",
        types={
            "complete": table.c.status.type,
            "in_progress": table.c.status.type,
            "now": table.c.updated_at.type,
            "response_id": table.c.id.type,
        },
    ).bindparams(complete=ResponseStatus.COMPLETE, in_progress=ResponseStatus.IN_PROGRESS)


SKIPPED = {"skipped": True}


def skip_answer(response: ResponseLike, question: Question) -> None:
    """Record that the person chose not to answer ("I'd rather not say"). Flushes."""
    save_answer(response, question, question.skipped_value, meta=dict(SKIPPED))


def submit(
    response: ResponseLike, survey: ResolvedSurvey, answers: dict[str, Any] | None = None
) -> bool:
    """Mark the response complete once. False if it was already complete (a double submit).

    `answers`: the response's stored answers when the caller has them already.
    """
    answers = answers_of(response) if answers is None else answers
    hidden = set(answers) - set(survey.prune(answers))
    if hidden:
        # Answers to questions a later change made irrelevant are not part of the response.
        db.session.execute(
            delete(Answer).where(Answer.response_id == response.id, Answer.question_key.in_(hidden))
        )
    if isinstance(response, Response):
        db.session.flush()  # as the ORM would before a statement: run() goes straight to SQL
    result = run(_submit_statement, {"response_id": response.id, "now": now_utc()})
    if isinstance(response, Response):
        db.session.refresh(response)
    else:  # a lighter row (see ResponseLike): complete either way now
        response.status = ResponseStatus.COMPLETE
    return result.rowcount == 1
