"""Board summaries: what children said about each pledge, safe to put in front of a board.

Small numbers follow the one policy in `analysis.disclosure` (counts under the threshold read
"fewer than 5", complementary suppression, shares, and counting distinct children: a theme's
figure is the number of respondents who mentioned it, not of answers). Besides:

* Quotes are redacted, varied (different themes and feelings), at most one per respondent in
  the whole summary, never from an answer flagged for safeguarding, and never from a pledge
  that fewer than the threshold number of respondents spoke about.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from . import disclosure
from .pledge_lexicon import LABELS, PLEDGE_KEYS
from .sentiment import LABELS as SENTIMENT_LABELS

__all__ = [
    "DEFAULT_THRESHOLD",
    "SUPPRESSED",
    "summarise_answers",
    "suppress",
    "suppressed_percentage",
]

DEFAULT_THRESHOLD: Final = disclosure.DEFAULT_THRESHOLD
SUPPRESSED: Final = "suppressed"
MAX_QUOTE_CHARS: Final = 200
MIN_QUOTE_WORDS: Final = 4
TOP_THEMES: Final = 10

Count = int | str


def suppress(count: int, threshold: int = DEFAULT_THRESHOLD) -> Count:
    """The count, or "fewer than 5" when it is small (zero included)."""
    if disclosure.is_small(count, threshold):
        return disclosure.fewer_than(threshold)
    return count


def suppressed_percentage(
    numerator: int, denominator: int, threshold: int = DEFAULT_THRESHOLD
) -> float | str:
    """numerator / denominator as a percentage (1 decimal place), or "suppressed" when the
    policy hides it (`disclosure.share`)."""
    disclosure.check_threshold(threshold)
    value = disclosure.share(numerator, denominator, threshold)
    return SUPPRESSED if value is None else value


def _suppress_cells(counts: Mapping[str, int], threshold: int) -> dict[str, Count]:
    """A group's cells: counts, "fewer than N" when small, SUPPRESSED when hidden to protect."""
    cells = disclosure.protect(counts, threshold)
    return {
        key: (
            cell.count
            if cell.visible
            else disclosure.fewer_than(threshold)
            if cell.hidden == disclosure.SMALL
            else SUPPRESSED
        )
        for key, cell in cells.items()
    }


# --- reading items ------------------------------------------------------------------------


def _analysis_of(item: Mapping[str, Any]) -> dict[str, Any]:
    """The stored analysis of an item, or a fresh one."""
    stored = item.get("analysis")
    if isinstance(stored, Mapping):
        return dict(stored)
    if all(key in item for key in ("pledges", "sentiment", "themes", "safeguarding", "redacted")):
        return {
            key: item[key] for key in ("pledges", "sentiment", "themes", "safeguarding", "redacted")
        }
    from .pipeline import analyse

    return analyse(str(item.get("text") or ""))


def _label(sentiment: Any) -> str:
    if isinstance(sentiment, Mapping):
        sentiment = sentiment.get("label")
    return sentiment if sentiment in SENTIMENT_LABELS else "neu"


def _flagged(safeguarding: Any) -> bool:
    if isinstance(safeguarding, Mapping):
        return bool(safeguarding.get("flag"))
    return bool(safeguarding)


@dataclass(slots=True)
class _Quote:
    respondent: str
    text: str
    label: str
    theme: str
    order: str  # a stable shuffle, so the first answers in a file are not always chosen


@dataclass(slots=True)
class _Group:
    answers: int = 0
    respondents: set[str] = field(default_factory=set)
    # Per theme, the respondents who mentioned it: children are counted, not answers.
    themes: dict[str, set[str]] = field(default_factory=dict)
    sentiment: Counter[str] = field(default_factory=Counter)
    quotes: list[_Quote] = field(default_factory=list)


def _quote_text(redacted: str) -> str | None:
    text = " ".join(redacted.split())
    if len(text.split()) < MIN_QUOTE_WORDS:
        return None
    if len(text) > MAX_QUOTE_CHARS:
        text = text[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def _collect(items: Iterable[Mapping[str, Any]]) -> tuple[dict[str, _Group], int, int, int]:
    groups = {key: _Group() for key in PLEDGE_KEYS}
    respondents: set[str] = set()
    answers = unmapped = 0
    for number, item in enumerate(items):
        analysis = _analysis_of(item)
        answers += 1
        who = item.get("respondent", item.get("respondent_id"))
        quotable = who is not None
        respondent = str(who) if quotable else f"answer-{item.get('id', number)}"
        respondents.add(respondent)
        label = _label(analysis.get("sentiment"))
        themes = list(dict.fromkeys(analysis.get("themes") or ()))
        pledges = [key for key in analysis.get("pledges") or () if key in groups]
        if not pledges:
            unmapped += 1
        quote = None
        if quotable and not _flagged(analysis.get("safeguarding")):
            quote = _quote_text(str(analysis.get("redacted") or ""))
        for key in dict.fromkeys(pledges):
            group = groups[key]
            group.answers += 1
            group.respondents.add(respondent)
            for theme in themes:
                group.themes.setdefault(theme, set()).add(respondent)
            group.sentiment[label] += 1
            if quote:
                order = hashlib.sha256(f"{respondent}\n{quote}".encode()).hexdigest()
                group.quotes.append(
                    _Quote(respondent, quote, label, themes[0] if themes else "", order)
                )
    return groups, answers, len(respondents), unmapped


# --- choosing quotes ----------------------------------------------------------------------


def _choose_quotes(candidates: list[_Quote], used: set[str], how_many: int) -> list[str]:
    """Pick quotes that differ: a feeling not yet quoted first, then a theme not yet quoted.

    `used` holds respondents already quoted anywhere in the summary, and is updated.
    """
    chosen: list[str] = []
    labels_used: set[str] = set()
    themes_used: set[str] = set()
    pool = sorted(candidates, key=lambda quote: quote.order)
    while len(chosen) < how_many:
        best: _Quote | None = None
        best_score = -1
        for quote in pool:
            if quote.respondent in used or quote.text in chosen:
                continue
            score = 2 * (quote.label not in labels_used) + (quote.theme not in themes_used)
            if score > best_score:
                best, best_score = quote, score
                if score == 3:
                    break
        if best is None:
            break
        chosen.append(best.text)
        used.add(best.respondent)
        labels_used.add(best.label)
        themes_used.add(best.theme)
    return chosen


# --- the summary --------------------------------------------------------------------------


def _positive_share(group: _Group, threshold: int) -> float | str:
    return suppressed_percentage(group.sentiment["pos"], group.answers, threshold)


def _theme_children(group: _Group) -> dict[str, int]:
    return {theme: len(people) for theme, people in group.themes.items()}


def _change(now: _Group, before: _Group, threshold: int) -> dict[str, Any]:
    small = now.answers < threshold or before.answers < threshold
    change: dict[str, Any] = {
        "answers": SUPPRESSED if small else now.answers - before.answers,
    }
    for label, name in (("pos", "positive_points"), ("neg", "negative_points")):
        share_now = suppressed_percentage(now.sentiment[label], now.answers, threshold)
        share_before = suppressed_percentage(before.sentiment[label], before.answers, threshold)
        if isinstance(share_now, str) or isinstance(share_before, str):
            change[name] = SUPPRESSED
        else:
            change[name] = round(share_now - share_before, 1)
    now_themes, before_themes = _theme_children(now), _theme_children(before)
    change["new_themes"] = sorted(
        theme
        for theme, count in now_themes.items()
        if count >= threshold and before_themes.get(theme, 0) < threshold
    )
    change["fading_themes"] = sorted(
        theme
        for theme, count in before_themes.items()
        if count >= threshold and now_themes.get(theme, 0) < threshold
    )
    return change


def summarise_answers(
    items: Iterable[Mapping[str, Any]],
    previous: Iterable[Mapping[str, Any]] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    quotes_per_pledge: int = 3,
) -> dict[str, Any]:
    """Summarise one period's answers per pledge, for the board.

    Each item is a mapping with "text" and "respondent" (an id; answers without one are
    counted but never quoted), and optionally the stored analysis, either as "analysis" or as
    the `analyse` keys themselves. `previous` is the previous period's items, for the change.
    """
    disclosure.check_threshold(threshold)
    groups, answers, respondents, unmapped = _collect(items)
    before = _collect(previous)[0] if previous is not None else None
    used_respondents: set[str] = set()
    pledges: dict[str, Any] = {}
    for key in PLEDGE_KEYS:
        group = groups[key]
        enough = len(group.respondents) >= threshold
        counts = _theme_children(group)
        top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_THEMES]
        summary: dict[str, Any] = {
            "label": LABELS[key],
            "answers": suppress(group.answers, threshold),
            "respondents": suppress(len(group.respondents), threshold),
            "themes": [
                {"theme": theme, "count": suppress(count, threshold)} for theme, count in top
            ]
            if enough
            else [],
            "sentiment": _suppress_cells(
                {label: group.sentiment[label] for label in SENTIMENT_LABELS}, threshold
            ),
            "positive_percent": _positive_share(group, threshold),
            "quotes": _choose_quotes(group.quotes, used_respondents, quotes_per_pledge)
            if enough
            else [],
        }
        if before is not None:
            summary["change"] = _change(group, before[key], threshold)
        pledges[key] = summary
    return {
        "threshold": threshold,
        "answers": suppress(answers, threshold),
        "respondents": suppress(respondents, threshold),
        "unmapped_answers": suppress(unmapped, threshold),
        "pledges": pledges,
    }
