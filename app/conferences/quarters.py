"""The quarterly summary of conference feedback: response rates by conference type and role,
and each form's results in the council's published style."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from app.conferences.models import Conference
from app.conferences.rates import RoleRate, answered_counts, invited_counts
from app.conferences.responses import ROLE_SURVEY
from app.conferences.sentences import PARENT_PHRASES, published_sentence, scale_sentence
from app.core.extensions import db
from app.responses.models import Answer, Response, ResponseStatus
from surveys import Question, default_registry
from surveys.vocabulary import KIND_LABELS, ConferenceKind, ParticipantRole

SURVEY_HEADINGS: dict[str, str] = {
    "parent_feedback": "Parents, carers and family members",
    "yp_conference_feedback": "Young people",
    "professional_conference_feedback": "Professionals",
}


@dataclass(frozen=True, order=True)
class Quarter:
    """A council financial-year quarter: Q1 is April to June."""

    year: int  # the year the financial year starts
    number: int

    @classmethod
    def of(cls, day: date) -> Quarter:
        year = day.year if day.month >= 4 else day.year - 1
        return cls(year, (day.month - 4) % 12 // 3 + 1)

    @classmethod
    def parse(cls, text: str | None) -> Quarter | None:
        match = re.fullmatch(r"(\d{4})-Q([1-4])", text or "")
        return cls(int(match.group(1)), int(match.group(2))) if match else None

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d} Q{self.number}"

    @property
    def start(self) -> datetime:
        month = 4 + 3 * (self.number - 1)
        year = self.year + (month - 1) // 12
        return datetime(year, (month - 1) % 12 + 1, 1, tzinfo=UTC)

    @property
    def end(self) -> datetime:
        return (self.next()).start

    def next(self) -> Quarter:
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )


@dataclass
class QuestionResult:
    text: str
    sentence: str


@dataclass
class SurveySummary:
    title: str
    responses: int
    # scope label ("All conferences", "Initial conference", ...) -> results
    scopes: dict[str, list[QuestionResult]] = field(default_factory=dict)


@dataclass
class QuarterSummary:
    quarter: Quarter
    conferences: dict[ConferenceKind, int]
    # (kind, role) -> (invited, answered)
    rates: dict[tuple[ConferenceKind, ParticipantRole], RoleRate]
    surveys: list[SurveySummary]


def quarterly_summary(quarter: Quarter, *where: Any) -> QuarterSummary:
    """Response rates by conference type and role, and each form's results, for one quarter
    (of the conferences `where` selects, when given)."""
    conferences = db.session.execute(
        select(Conference.id, Conference.kind).where(
            Conference.held_on >= quarter.start, Conference.held_on < quarter.end, *where
        )
    ).all()
    kind_of = {cid: ConferenceKind(kind) for cid, kind in conferences}
    ids = list(kind_of)
    invited: dict[tuple[ConferenceKind, ParticipantRole], int] = defaultdict(int)
    answered: dict[tuple[ConferenceKind, ParticipantRole], int] = defaultdict(int)
    for (cid, role), n in invited_counts(ids).items():
        invited[(kind_of[cid], ParticipantRole(role))] += n
    for (cid, role), n in answered_counts(ids).items():
        answered[(kind_of[cid], ParticipantRole(role))] += n
    rates = {
        (kind, role): RoleRate(role, invited[(kind, role)], answered[(kind, role)])
        for kind in ConferenceKind
        for role in ParticipantRole
    }
    counts = {kind: sum(1 for k in kind_of.values() if k == kind) for kind in ConferenceKind}
    return QuarterSummary(quarter, counts, rates, _survey_summaries(ids, kind_of))


def _survey_summaries(ids: list[int], kind_of: dict[int, ConferenceKind]) -> list[SurveySummary]:
    values: dict[tuple[str, str], list[tuple[ConferenceKind, Any]]] = defaultdict(list)
    responses_by_survey: dict[str, set[int]] = defaultdict(set)
    if ids:
        rows = db.session.execute(
            select(
                Response.id,
                Response.survey_key,
                Response.conference_id,
                Answer.question_key,
                Answer.value,
            )
            .join(Answer, Answer.response_id == Response.id)
            .where(Response.conference_id.in_(ids), Response.status == ResponseStatus.COMPLETE)
        )
        for response_id, survey_key, cid, key, value in rows:
            values[(survey_key, key)].append((kind_of[cid], value))
            responses_by_survey[survey_key].add(response_id)
    summaries = []
    for survey_key in dict.fromkeys(ROLE_SURVEY.values()):
        survey = default_registry().get(survey_key).resolve(None)
        summary = SurveySummary(SURVEY_HEADINGS[survey_key], len(responses_by_survey[survey_key]))
        scopes: list[tuple[str, ConferenceKind | None]] = [("All conferences", None)] + [
            (f"{label}s", kind) for kind, label in KIND_LABELS.items()
        ]
        for scope_label, kind in scopes:
            results = []
            for question in survey.questions:
                if not any(o.positive for o in question.options) and not question.scale:
                    continue
                chosen = [v for k, v in values[(survey_key, question.key)] if kind in (None, k)]
                if not chosen:
                    continue
                results.append(
                    QuestionResult(question.text, _sentence(survey_key, question, chosen))
                )
            if results:
                summary.scopes[scope_label] = results
        summaries.append(summary)
    return summaries


def _sentence(survey_key: str, question: Question, values: list[Any]) -> str:
    if survey_key == "parent_feedback" and question.key in PARENT_PHRASES:
        return published_sentence(question, values, PARENT_PHRASES[question.key])
    if question.scale is not None:
        return scale_sentence(question, values, threshold=None)
    return published_sentence(question, values)
