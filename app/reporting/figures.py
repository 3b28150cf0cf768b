"""Figures the board sees, shared by the board summary, the dashboard and the board pack.

Counting happens in the database (GROUP BY), never by loading every answer into Python: a
county's years of answers run to millions of rows. Python only maps the handful of grouped rows
onto pledges, using each survey's own idea of a positive answer.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from markupsafe import Markup
from sqlalchemy import Text, cast, func, select, text, tuple_
from sqlalchemy.sql.elements import ColumnElement

from analysis.disclosure import shown
from app.actions import service as action_svc
from app.actions.models import Action
from app.campaigns.models import Campaign
from app.core.extensions import db
from app.reporting import free_text_counts
from app.reporting.charts import Bar, bar_chart
from app.respondents.models import Respondent
from app.responses.models import Answer, Response, ResponseStatus
from app.review.models import AnswerAnalysis
from surveys import PLEDGE_SHORT_TITLES, Question, default_registry


def wave_label(campaign: Campaign) -> str:
    """A short label for a chart's x axis: the month the wave opened."""
    at = campaign.opens_at or campaign.created_at
    return f"{at:%b %Y}"


def campaigns_in_order() -> list[Campaign]:
    return list(
        db.session.scalars(
            select(Campaign).order_by(
                func.coalesce(Campaign.opens_at, Campaign.created_at), Campaign.id
            )
        )
    )


# --- Which answers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Which responses a figure covers: some campaigns, a completion date range, or both."""

    campaign_ids: tuple[int, ...] | None = None
    start: datetime | None = None
    end: datetime | None = None
    complete_only: bool = False

    def where(self) -> list[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.campaign_ids is not None:
            clauses.append(Response.campaign_id.in_(self.campaign_ids))
        if self.complete_only or self.start or self.end:
            clauses.append(Response.status == ResponseStatus.COMPLETE)
        if self.start is not None:
            clauses.append(Response.completed_at >= self.start)
        if self.end is not None:
            clauses.append(Response.completed_at < self.end)
        return clauses


def wave_scope(campaign: Campaign | None) -> Scope:
    """What the board pack, the board summary and the dashboard count for one wave (or, with
    None, every wave): its completed responses. One function, so they give the same figures."""
    if campaign is None:
        return Scope(complete_only=True)
    return Scope(campaign_ids=(campaign.id,), complete_only=True)


# --- Pledge scores ------------------------------------------------------------------------------

QuestionIndex = dict[tuple[str, int, str | None, str], Question]


@lru_cache(maxsize=4)
def _index_for(registry_id: int) -> QuestionIndex:
    index: QuestionIndex = {}
    for definition in default_registry().all():
        for variant in list(definition.variants) or [None]:
            survey = definition.resolve(variant)
            for question in survey.questions:
                if question.pledge:
                    index[(definition.key, definition.version, variant, question.key)] = question
    return index


def pledge_questions() -> QuestionIndex:
    """Every question that scores a pledge, by (survey, version, variant, question key)."""
    return _index_for(id(default_registry()))


@dataclass(frozen=True)
class Tally:
    """Children answering one pledge's question in one campaign, from one cohort and age band."""

    campaign_id: int
    pledge: str
    cohort: str | None
    age_band: str | None
    answered: int
    positive: int


def pledge_tallies(scope: Scope, *, per_campaign: bool = False) -> list[Tally]:
    """Children who answered, and who answered positively, per campaign, pledge, cohort and age
    band, counted in SQL. Each child counts once per question: by the latest answer in the scope
    (or, with `per_campaign`, in each campaign), so a child who answered two waves of a quarter
    is one child in the quarter's scorecard and the small-number rule protects children, not
    answers. The Tally's campaign is the one of that latest answer."""
    index = pledge_questions()
    keys = sorted({key for (_s, _v, _var, key) in index})
    if not keys:
        return []
    # Every answer, grouped; minus the earlier answers of the few children who answered more
    # than once. A window over every answer would cost ten times the grouping at 1M answers.
    counts = Counter(_pledge_answers(scope, keys))
    counts.subtract(_pledge_answers(scope, keys, superseded=True, per_campaign=per_campaign))
    cells: dict[tuple[int, str, str | None, str | None], list[int]] = defaultdict(lambda: [0, 0])
    for (campaign_id, key, version, variant, question_key, raw, cohort, band), n in counts.items():
        question = index.get((key, version, variant, question_key))
        if question is None or raw is None or n <= 0:
            continue
        positive = question.is_positive(_json_value(raw))
        if positive is None:
            continue
        cohort_key = cohort.value if cohort is not None else None
        cell = cells[(campaign_id, question.pledge or "", cohort_key, band)]
        cell[0] += n
        cell[1] += n if positive else 0
    return [
        Tally(cid, pledge, cohort, band, n, pos)
        for (cid, pledge, cohort, band), (n, pos) in cells.items()
    ]


def _pledge_answers(
    scope: Scope, keys: list[str], *, superseded: bool = False, per_campaign: bool = False
) -> dict[tuple[Any, ...], int]:
    """Rated answers to pledge questions, counted per campaign, survey, question, value, cohort
    and age band; with `superseded`, only answers a later answer by the same child replaces."""
    answers = (
        select(
            Response.campaign_id,
            Response.survey_key,
            Response.survey_version,
            Response.variant,
            Answer.question_key,
            cast(Answer.value, Text).label("value"),
            Respondent.cohort,
            Respondent.age_band,
        )
        .select_from(Response)
        .join(Answer, Answer.response_id == Response.id)
        .outerjoin(Respondent, Respondent.id == Response.respondent_id)
        .where(
            Response.status == ResponseStatus.COMPLETE,
            Answer.value_text.is_(None),  # free text has no "positive"
            Answer.question_key.in_(keys),
            *scope.where(),
        )
    )
    if superseded:
        # Only children with more than one completed response here can have an earlier answer
        # (an anonymous response is a child of its own, so never has one).
        per = [Response.campaign_id] if per_campaign else []
        repeaters = (
            select(*per, Response.respondent_id)
            .where(
                Response.respondent_id.is_not(None),
                Response.status == ResponseStatus.COMPLETE,
                *scope.where(),
            )
            .group_by(*per, Response.respondent_id)
            .having(func.count() > 1)
        )
        latest_first = func.row_number().over(
            partition_by=[*per, Response.respondent_id, Response.survey_key, Answer.question_key],
            order_by=(Response.completed_at.desc(), Response.id.desc()),
        )
        ranked = (
            answers.add_columns(latest_first.label("nth"))
            .where(tuple_(*per, Response.respondent_id).in_(repeaters))
            .subquery()
        )
        columns = [c for c in ranked.c if c.name != "nth"]
        query = select(*columns, func.count()).where(ranked.c.nth > 1).group_by(*columns)
    else:
        columns = list(answers.selected_columns)
        query = answers.add_columns(func.count()).group_by(*columns)
    return {tuple(row[:-1]): row[-1] for row in db.session.execute(query)}


def _json_value(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def pledge_scores(campaign_ids: Sequence[int]) -> dict[int, dict[str, tuple[int, int]]]:
    """Per campaign, per pledge: (children, positive), by each survey's own idea of positive."""
    if not campaign_ids:
        return {}
    scores: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for tally in pledge_tallies(Scope(campaign_ids=tuple(campaign_ids)), per_campaign=True):
        cell = scores[tally.campaign_id][tally.pledge]
        cell[0] += tally.answered
        cell[1] += tally.positive
    return {
        cid: {pledge: (n, pos) for pledge, (n, pos) in by_pledge.items()}
        for cid, by_pledge in scores.items()
    }


# --- What the free text was about ----------------------------------------------------------------


def _analysis_query(*columns: Any, scope: Scope | None) -> Any:
    query = select(*columns).select_from(AnswerAnalysis)
    if scope is not None and (scope.where()):
        query = query.join(Response, Response.id == AnswerAnalysis.response_id).where(
            *scope.where()
        )
    return query


@dataclass(frozen=True)
class FreeText:
    """What a scope's analysed free text was about. `answers` counts answers; every other
    figure counts distinct children (`analysis.disclosure.person_key`: the respondent, or an
    anonymous response as a child of its own), so one child writing about school six times
    is one child. `pledge_sentiment` also holds "children": those who wrote about the pledge
    at all."""

    answers: int
    children: int
    themes: Counter[str]
    pledge_themes: dict[str, Counter[str]]
    pledge_sentiment: dict[str, Counter[str]]


def free_text(scope: Scope | None = None) -> FreeText:
    """Every free-text figure in one statement over the scope's analysis rows
    (`free_text_counts`); only the totals reach Python."""
    if db.session.get_bind().dialect.name == "postgresql":
        # The JSON functions make the planner expect ~100 items a list: at a million answers
        # it then spends over a second JIT-compiling a plan that runs in a fraction of that.
        db.session.execute(text("SET LOCAL jit = off"))
        # Its sorts and hash tables spill to disk in the default 4 MB at a million answers.
        db.session.execute(text("SET LOCAL work_mem = '128MB'"))
        # It cannot see how few distinct lists there are, and could join them back to the
        # answers in a nested loop or a merge join: hash joins only, for this statement.
        db.session.execute(text("SET LOCAL enable_nestloop = off"))
        db.session.execute(text("SET LOCAL enable_mergejoin = off"))
    statement = free_text_counts.statement(scope.where() if scope is not None else [])
    answers = everyone = 0
    counts: Counter[str] = Counter()
    pledge_themes: dict[str, Counter[str]] = defaultdict(Counter)
    pledge_sentiment: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, pledge, item, total in db.session.execute(statement):
        n = int(total or 0)
        if kind == free_text_counts.ANSWERS:
            answers = n
        elif kind == free_text_counts.CHILDREN:
            everyone = n
        elif kind == free_text_counts.THEME:
            counts[item] += n
        elif kind == free_text_counts.PAIR:
            pledge_themes[pledge][item] += n
        elif kind == free_text_counts.FEELING:
            pledge_sentiment[pledge][item] += n
        else:
            pledge_sentiment[pledge]["children"] += n
    if db.session.get_bind().dialect.name == "postgresql":
        # The rest of the page's statements plan as usual.
        db.session.execute(text("SET LOCAL enable_nestloop = on"))
        db.session.execute(text("SET LOCAL enable_mergejoin = on"))
    # Keyed by name, so themes with equal counts come out in one order on every database.
    return FreeText(
        answers,
        everyone,
        _by_name(counts),
        {p: _by_name(c) for p, c in sorted(pledge_themes.items(), key=_none_last)},
        {p: _by_name(c) for p, c in sorted(pledge_sentiment.items(), key=_none_last)},
    )


def _none_last(item: tuple[Any, Any]) -> tuple[bool, str]:
    return (item[0] is None, item[0] or "")


def _by_name(counts: Counter[Any]) -> Counter[Any]:
    return Counter(dict(sorted(counts.items(), key=_none_last)))


def theme_counts(scope: Scope | None = None) -> Counter[str]:
    """Children mentioning each theme, officers' corrections winning over the machine's."""
    return free_text(scope).themes


def pledge_theme_counts(scope: Scope) -> dict[str, Counter[str]]:
    """Per pledge, children mentioning each theme (one answer can speak to several pledges)."""
    return free_text(scope).pledge_themes


def pledge_sentiment_counts(scope: Scope) -> dict[str, Counter[str]]:
    """Per pledge, children by sentiment label, plus "children" (all who wrote about it)."""
    return free_text(scope).pledge_sentiment


def free_text_answers(scope: Scope | None = None) -> int:
    """How many analysed free-text answers the scope holds."""
    query = _analysis_query(func.count(AnswerAnalysis.id), scope=scope)
    return int(db.session.scalar(query) or 0)


def approved_quotes(scope: Scope | None = None, limit: int | None = 20) -> list[AnswerAnalysis]:
    """Quotes approved for the board (redacted as approved), newest first."""
    query = _analysis_query(AnswerAnalysis, scope=scope).where(AnswerAnalysis.quote.is_not(None))
    query = query.order_by(AnswerAnalysis.quote_approved_at.desc(), AnswerAnalysis.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


# --- You said, we did -----------------------------------------------------------------------------


@dataclass
class BoardActions:
    actions: list[Action]
    rags: dict[int, action_svc.Rag]

    @property
    def counts(self) -> dict[action_svc.Rag, int]:
        return {r: sum(1 for a in self.actions if self.rags[a.id] == r) for r in action_svc.Rag}


def board_actions() -> BoardActions:
    """Every action, those needing attention first, with its RAG status today."""
    actions = action_svc.sorted_for_attention(db.session.scalars(select(Action)).all())
    today = action_svc.uk_today()
    return BoardActions(actions, {a.id: action_svc.action_rag(a, today) for a in actions})


# --- Charts -------------------------------------------------------------------------------------


def pledge_share_chart(
    chart_id: str, rows: Sequence[tuple[str, float | None, str]], t: int
) -> Markup:
    """Share of positive answers per pledge: (pledge key, share or None, words by the bar)."""
    return bar_chart(
        chart_id,
        "Share of positive answers by pledge",
        "For each of the six pledges, the share of answers that were positive. "
        f"Shares resting on fewer than {t} answers are not shown.",
        [Bar(PLEDGE_SHORT_TITLES.get(p, p), share, text) for p, share, text in rows],
        maximum=100,
    )


def theme_chart(chart_id: str, themes: Sequence[tuple[str, int]], t: int) -> Markup:
    """Most mentioned themes; only themes at or above the threshold are passed in."""
    return bar_chart(
        chart_id,
        "Most mentioned themes",
        f"How many children mention each theme. Only themes {t} or more children mention are "
        "named.",
        [Bar(name, n, shown(n, t)) for name, n in themes],
    )
