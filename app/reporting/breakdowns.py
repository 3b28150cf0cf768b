"""Who answered, broken down by the language they answered in, the survey version (variant) they
were given, and whether someone helped them: for the board pack and the staff dashboard.

Each child is counted once, in the group of their latest completed answer to a children's
survey in scope, so the groups of one breakdown add up to its published total. Each breakdown
is one protected group under `analysis.disclosure` (small cells read "fewer than 5"; a cell that
subtraction from the total would give back reads "not shown"), and each share is shown only
where the policy allows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import func, select

from analysis import disclosure
from analysis.disclosure import cell_text, share_text, shown
from app.core.extensions import db
from app.reporting.figures import Scope
from app.responses.models import Response
from surveys import default_registry
from surveys.languages import is_supported, language

NOT_RECORDED = "Not recorded"
ONE_VERSION = "One version for everyone"
HELPED = {True: "Someone helped them answer", False: "Answered on their own"}


def _children_surveys() -> list[str]:
    return sorted({d.key for d in default_registry().all() if d.audience == "young_people"})


def _variant_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for definition in default_registry().all():
        for key, variant in definition.variants.items():
            labels.setdefault(key, variant.label)
    return labels


def _latest_per_child(scope: Scope) -> Any:
    """The id of each child's latest response in scope (an anonymous response is a child of its
    own: its negated id cannot meet a respondent id)."""
    child = func.coalesce(Response.respondent_id, -Response.id)
    return (
        select(func.max(Response.id))
        .where(*scope.where(), Response.survey_key.in_(_children_surveys()))
        .where(Response.conference_id.is_(None))
        .group_by(child)
    )


def _counts(scope: Scope, column: Any) -> dict[Any, int]:
    rows = db.session.execute(
        select(column, func.count())
        .where(Response.id.in_(_latest_per_child(scope)))
        .group_by(column)
    )
    return {key: n for key, n in rows}


def _rows(
    counts: Mapping[Any, int], label: Callable[[Any], str], t: int
) -> tuple[str, list[dict[str, str]]]:
    total = sum(counts.values())
    # Largest group first; the order a reader sees does not change what is hidden.
    keys = sorted(counts, key=lambda k: (-counts[k], label(k)))
    cells = disclosure.protect({k: counts[k] for k in keys}, t)
    rows = []
    for key in keys:
        cell = cells[key]
        part = disclosure.share(cell.count, total, t) if cell.visible else None
        rows.append(
            {"label": label(key), "children": cell_text(cell, t), "share": share_text(part)}
        )
    return shown(total, t), rows


def breakdowns(scope: Scope, t: int) -> list[dict[str, Any]]:
    """The three breakdowns, each {"title", "total", "rows": [{"label", "children", "share"}]}."""
    variants = _variant_labels()

    def language_label(code: str | None) -> str:
        return language(code).english_name if is_supported(code) else (code or NOT_RECORDED)

    def variant_label(key: str | None) -> str:
        return variants.get(key, key) if key else ONE_VERSION

    def helped_label(assisted: bool | None) -> str:
        return HELPED[bool(assisted)]

    out = []
    for key, title, column, label in (
        ("language", "Language", Response.language, language_label),
        ("variant", "Survey version", Response.variant, variant_label),
        ("assisted", "Helped to answer", Response.assisted, helped_label),
    ):
        counts = _counts(scope, column)
        if key == "assisted":
            counts = {bool(k): n for k, n in counts.items()}
        total, rows = _rows(counts, label, t)
        out.append({"key": key, "title": title, "total": total, "rows": rows})
    return out
