"""Board summaries: what children said about each pledge, safe to put in front of a board.

Rules, from the council's own practice:

* Any count under the threshold (default 5) is shown as "fewer than 5", never as a number.
  Where a hidden count could be worked out by subtraction (the rest of a sentiment mix and its
  total are shown), the next smallest count is hidden too.
* A percentage is hidden when its numerator, its denominator or the remainder is small.
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

from .pledge_lexicon import LABELS, PLEDGE_KEYS
from .sentiment import LABELS as SENTIMENT_LABELS

__all__ = [
    "DEFAULT_THRESHOLD",
    "SUPPRESSED",
    "summarise_answers",
    "suppress",
    "suppressed_percentage",
]

DEFAULT_THRESHOLD: Final = 5
SUPPRESSED: Final = "suppressed"
MAX_QUOTE_CHARS: Final = 200
MIN_QUOTE_WORDS: Final = 4
TOP_THEMES: Final = 10

Count = int | str


def _check(threshold: int) -> None:
    if threshold < 1:
        raise ValueError("the suppression threshold must be at least 1")


def _fewer_than(threshold: int) -> str:
    return f"fewer than {threshold}"


def suppress(count: int, threshold: int = DEFAULT_THRESHOLD) -> Count:
    """The count, or "fewer than 5" when it is under the threshold (zero included)."""
    _check(threshold)
    if count < 0:
        raise ValueError("a count cannot be negative")
    return _fewer_than(threshold) if count < threshold else count


def suppressed_percentage(
    numerator: int, denominator: int, threshold: int = DEFAULT_THRESHOLD
) -> float | str:
    """numerator / denominator as a percentage (1 decimal place), or "suppressed".

    Suppressed when either count is under the threshold, and when the remainder is (95% of
    60 tells a reader that 3 people said otherwise).
    """
    _check(threshold)
    if numerator < 0 or denominator < 0 or numerator > denominator:
        raise ValueError("need 0 <= numerator <= denominator")
    remainder = denominator - numerator
    if numerator < threshold or denominator < threshold or 0 < remainder < threshold:
        return SUPPRESSED
    return round(100.0 * numerator / denominator, 1)


def _suppress_cells(counts: Mapping[str, int], threshold: int) -> dict[str, Count]:
    """Suppress small cells, and one more when a single hidden cell could be derived."""
    shown: dict[str, Count] = {key: suppress(value, threshold) for key, value in counts.items()}
    hidden = [key for key, value in shown.items() if isinstance(value, str)]
    visible = sorted((value, key) for key, value in counts.items() if key not in hidden)
    if len(hidden) == 1 and visible:  # the total minus the others would reveal it
        shown[visible[0][1]] = SUPPRESSED
    return shown


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
    themes: Counter[str] = field(default_factory=Counter)
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
            group.themes.update(themes)
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
    change["new_themes"] = sorted(
        theme
        for theme, count in now.themes.items()
        if count >= threshold and before.themes[theme] < threshold
    )
    change["fading_themes"] = sorted(
        theme
        for theme, count in before.themes.items()
        if count >= threshold and now.themes[theme] < threshold
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
    _check(threshold)
    groups, answers, respondents, unmapped = _collect(items)
    before = _collect(previous)[0] if previous is not None else None
    used_respondents: set[str] = set()
    pledges: dict[str, Any] = {}
    for key in PLEDGE_KEYS:
        group = groups[key]
        enough = len(group.respondents) >= threshold
        top = sorted(group.themes.items(), key=lambda item: (-item[1], item[0]))[:TOP_THEMES]
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
