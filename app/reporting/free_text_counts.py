"""The one statement behind the free-text figures: distinct children per theme, per pledge, per
(pledge, theme) and per (pledge, feeling), with the answers and children in scope.

Every figure counts distinct children (`analysis.disclosure.person_key`: the respondent, or an
anonymous response as a child of its own), so a child writing about school six times is one
child. Rows come back as (kind, pledge, item, count); `figures.free_text` maps them.

On PostgreSQL the JSON lists are the cost: parsing one is slower than everything else done with
its items. So each distinct list is parsed once (a county's answers share far fewer lists than
they have rows), its items are numbered, and each answer carries its lists as integer arrays;
children are then counted per item over integers. SQLite (small installations and the tests)
unpacks every answer's lists with json_each. Both count the same thing the same way.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Text, cast, distinct, func, literal, null, select, true, union_all
from sqlalchemy.sql import Select

from app.core.extensions import db
from app.responses.models import Response
from app.review.models import AnswerAnalysis

# Kinds of row the statement returns, with what their pledge and item columns hold.
ANSWERS = "answers"  # -, -: analysed answers
CHILDREN = "children"  # -, -: children who wrote anything
THEME = "theme"  # -, theme
PAIR = "pair"  # pledge, theme
FEELING = "feeling"  # pledge, sentiment label
PLEDGE = "pledge"  # pledge, -: children who wrote about the pledge at all


def _answers(where: list[Any]) -> Any:
    """The scope's analysed answers: who wrote each (the person) and its final lists as text."""

    def final(corrected: Any, machine: Any) -> Any:
        # Officers' corrections are SQL NULL until made, so COALESCE picks the winner.
        return func.coalesce(cast(func.coalesce(corrected, machine), Text), "[]")

    # Anonymous responses have no respondent: each is a child of its own (negative ids, so
    # they never meet a respondent's id).
    person = func.coalesce(Response.respondent_id, -Response.id)
    return (
        select(
            person.label("person"),
            final(AnswerAnalysis.corrected_pledges, AnswerAnalysis.pledges).label("pledges"),
            final(AnswerAnalysis.corrected_themes, AnswerAnalysis.themes).label("themes"),
            func.coalesce(AnswerAnalysis.sentiment, "").label("sentiment"),
        )
        .select_from(AnswerAnalysis)
        .join(Response, Response.id == AnswerAnalysis.response_id)
        .where(*where)
        .cte("answers")
    )


def statement(where: list[Any]) -> Select[Any]:
    """(kind, pledge, item, count) rows for the answers matching `where` (a scope's clauses)."""
    answers = _answers(where)
    nothing = cast(null(), Text)
    totals = [
        select(literal(ANSWERS), nothing, nothing, func.count()).select_from(answers),
        select(literal(CHILDREN), nothing, nothing, func.count(distinct(answers.c.person))),
    ]
    if db.session.get_bind().dialect.name == "postgresql":
        figures = _numbered_figures(answers)
    else:
        figures = _unpacked_figures(answers)
    return union_all(*totals, *figures)  # type: ignore[return-value]


def _unpacked_figures(answers: Any) -> list[Any]:
    """Every answer's lists unpacked with json_each, children counted per item (SQLite)."""

    def items(listed: Any, name: str) -> Any:
        return func.json_each(listed).table_valued("value", name=name)

    pledge, theme = items(answers.c.pledges, "pledge"), items(answers.c.themes, "theme")
    children = func.count(distinct(answers.c.person))
    nothing = cast(null(), Text)
    return [
        select(literal(THEME), nothing, theme.c.value, children)
        .select_from(answers)
        .join(theme, true())
        .group_by(theme.c.value),
        select(literal(PAIR), pledge.c.value, theme.c.value, children)
        .select_from(answers)
        .join(pledge, true())
        .join(theme, true())
        .group_by(pledge.c.value, theme.c.value),
        select(literal(FEELING), pledge.c.value, answers.c.sentiment, children)
        .select_from(answers)
        .join(pledge, true())
        .group_by(pledge.c.value, answers.c.sentiment),
        select(literal(PLEDGE), pledge.c.value, nothing, children)
        .select_from(answers)
        .join(pledge, true())
        .group_by(pledge.c.value),
    ]


def _numbered(answers: Any, column: str) -> tuple[Any, Any]:
    """Each distinct list of one column parsed once; its items numbered (NULL items too, by
    rank rather than by a join on names, which NULL would not match). Returns (names: id and
    name of each item; lists: each list text with its item ids as an integer array)."""
    listed = answers.c[column]
    lists = select(listed.label("list")).group_by(listed).subquery(f"{column}_lists")
    unpacked = select(
        lists.c.list, func.json_array_elements_text(cast(lists.c.list, JSON)).label("name")
    ).subquery(f"{column}_unpacked")
    items = select(
        unpacked.c.list,
        unpacked.c.name,
        func.dense_rank().over(order_by=unpacked.c.name).label("id"),
    ).cte(f"{column}_items")
    names = select(items.c.id, items.c.name).distinct().cte(f"{column}_names")
    ids = (
        select(items.c.list, func.array_agg(items.c.id).label("ids"))
        .group_by(items.c.list)
        .cte(f"{column}_ids")
    )
    return names, ids


def _numbered_figures(answers: Any) -> list[Any]:
    """Children per item counted over item numbers, each distinct list parsed once (PostgreSQL)."""
    pledge_names, pledge_ids = _numbered(answers, "pledges")
    theme_names, theme_ids = _numbered(answers, "themes")
    # An answer with an empty list has no row in the ids: it still counts for the other figures.
    tagged = (
        select(
            answers.c.person,
            answers.c.sentiment,
            pledge_ids.c.ids.label("pledges"),
            theme_ids.c.ids.label("themes"),
        )
        .select_from(answers)
        .outerjoin(pledge_ids, pledge_ids.c.list == answers.c.pledges)
        .outerjoin(theme_ids, theme_ids.c.list == answers.c.themes)
        .cte("tagged")
    )
    # unnest in the select list: one pass over each answer's array, no function scan a row.
    by_theme = select(tagged.c.person, func.unnest(tagged.c.themes).label("theme")).subquery()
    by_pledge = select(
        tagged.c.person,
        tagged.c.sentiment,
        tagged.c.themes,
        func.unnest(tagged.c.pledges).label("pledge"),
    ).subquery()
    by_pair = select(
        by_pledge.c.person, by_pledge.c.pledge, func.unnest(by_pledge.c.themes).label("theme")
    ).subquery()

    def counted(rows: Any, *keys: str) -> Any:
        columns = [rows.c[key] for key in keys]
        return (
            select(*columns, func.count(distinct(rows.c.person)).label("n"))
            .group_by(*columns)
            .subquery()
        )

    themes = counted(by_theme, "theme")
    pairs = counted(by_pair, "pledge", "theme")
    feelings = counted(by_pledge, "pledge", "sentiment")
    pledges = counted(by_pledge, "pledge")
    pledge_of = [pledge_names.alias(f"pledge_{n}") for n in range(3)]
    theme_of = [theme_names.alias(f"theme_{n}") for n in range(2)]
    nothing = cast(null(), Text)
    return [
        select(literal(THEME), nothing, theme_of[0].c.name, themes.c.n).join(
            theme_of[0], theme_of[0].c.id == themes.c.theme
        ),
        select(literal(PAIR), pledge_of[0].c.name, theme_of[1].c.name, pairs.c.n)
        .join(pledge_of[0], pledge_of[0].c.id == pairs.c.pledge)
        .join(theme_of[1], theme_of[1].c.id == pairs.c.theme),
        select(literal(FEELING), pledge_of[1].c.name, feelings.c.sentiment, feelings.c.n).join(
            pledge_of[1], pledge_of[1].c.id == feelings.c.pledge
        ),
        select(literal(PLEDGE), pledge_of[2].c.name, nothing, pledges.c.n).join(
            pledge_of[2], pledge_of[2].c.id == pledges.c.pledge
        ),
    ]
