"""Conference results in the council's published style ("9 of 11 said ..."), protected by
`analysis.disclosure` wherever the board or the public reads them. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from analysis import disclosure
from surveys import Question

# How the council words the parent/carer form's results ("9 of 11 said views were taken into
# account sometimes or always, 2 never"): the words after the positive and the negative count.
PARENT_PHRASES: dict[str, tuple[str, str]] = {
    "q1_views_taken_into_account": ("said views were taken into account {positive}", "{negative}"),
    "q2_worker_clear": ("said the worker was clear", "not"),
    "q3_worker_helped": ("said the worker helped", "not"),
    "q4_told_how_to_complain": ("were told how to complain", "were not"),
}
# Neither positive nor negative: left out of both counts, as the council does.
NEUTRAL_VALUES = frozenset({"not_sure"})


def _protected(counts: dict[str, int], threshold: int, unprinted: list[str]) -> dict[str, str]:
    """The sentence's counts as printed under `analysis.disclosure`: "fewer than 5" when
    small, "a number not shown" where subtraction from the total would give a small one back."""
    cells = disclosure.protect(counts, threshold, unprinted=unprinted)
    return {
        key: "a number not shown" if cell.hidden == disclosure.SECONDARY
        else disclosure.cell_text(cell, threshold)
        for key, cell in cells.items()
    }  # fmt: skip


def _of(part: str, whole: int, rest: str) -> str:
    """ "9 of 11 said ...", or "Of 11, a number not shown said ..." when the part is hidden."""
    if part == "a number not shown":
        return f"Of {whole:,}, {part} {rest}"
    return f"{part} of {whole:,} {rest}"


def published_sentence(
    question: Question,
    values: Iterable[Any],
    phrases: tuple[str, str] | None = None,
    *,
    threshold: int | None = None,
) -> str:
    """One result in the council's published style, from the question's own options. Pure.

    Positive answers are the options marked positive; negative ones are the rest except "not
    sure". With `threshold` (for anything the board or the public sees) the counts follow
    `analysis.disclosure`: small ones read "fewer than N", and where one could be worked out
    from the total ("9 of 11 ..., fewer than 5 never" gives 2), another is hidden too. The
    answers a sentence leaves out ("not sure", or the negatives) count as hidden cells.
    """
    summary = question.summarise(list(values))
    counts: dict[str, int] = summary["counts"]
    answered: int = summary["answered"]
    positive_options = [o for o in question.options if o.positive]
    negative_options = [
        o for o in question.options if not o.positive and o.value not in NEUTRAL_VALUES
    ]
    # The council lists the milder answer first: "sometimes or always".
    positive_words = " or ".join(o.label.lower() for o in reversed(positive_options))
    negative_words = " or ".join(o.label.lower() for o in negative_options)
    positive = sum(counts[o.value] for o in positive_options)
    negative = sum(counts[o.value] for o in negative_options)
    if threshold and disclosure.is_small(answered, threshold):
        return f"Fewer than {threshold} people answered"
    cells = {"positive": positive, "negative": negative, "other": answered - positive - negative}
    if phrases is None:
        printed = (
            _protected(cells, threshold, ["negative", "other"])
            if threshold
            else {k: str(n) for k, n in cells.items()}
        )
        return _of(printed["positive"], answered, f"answered {positive_words}")
    printed = (
        _protected(cells, threshold, ["other"])
        if threshold
        else {k: str(n) for k, n in cells.items()}
    )
    after_positive, after_negative = phrases
    return (
        _of(printed["positive"], answered, after_positive.format(positive=positive_words))
        + f", {printed['negative']} {after_negative.format(negative=negative_words)}"
    )


def scale_sentence(question: Question, values: Iterable[Any], *, threshold: int | None) -> str:
    """ "9 of 11 answered good or better" for a scale question, protected like the others."""
    assert question.scale is not None
    spec = question.scale
    good = spec.positive_at_least or spec.max
    numbers = [v for v in values if isinstance(v, int)]
    label = spec.labels.get(good, str(good)).lower()
    high = sum(1 for v in numbers if v >= good)
    if threshold is None:
        return f"{high} of {len(numbers)} answered {label} or better"
    if disclosure.is_small(len(numbers), threshold):
        return f"Fewer than {threshold} people answered"
    printed = _protected({"high": high, "rest": len(numbers) - high}, threshold, ["rest"])
    return _of(printed["high"], len(numbers), f"answered {label} or better")
