"""Disclosure control: the one small-number policy for everything the board or the public sees.

Every count, share and sentence in the board pack (every version and the CSV), the board
summary, the dashboard, campaign response rates and conference summaries goes through here, so
the rule is written once. Pure: no Flask, no database.

The rule
--------

* **Threshold.** A count under the threshold is *small*. The threshold is the
  ``SMALL_NUMBER_THRESHOLD`` setting (default 5, `DEFAULT_THRESHOLD`), read by the app in
  ``app.core.small_numbers.threshold()`` and passed in here.
* **Zero is small.** "0 of the care leavers" says as much about those children as "1 of them",
  so zero reads "fewer than 5" like 1 to 4 do.
* **What is counted is children.** A figure about what children said or what happened to them
  counts distinct children, not answers or alerts: one child writing about school six times is
  one child, and "fewer than 5". A child is their respondent id; an anonymous response (no
  respondent) is taken to be a child of its own, as nothing can tell two of them apart
  (`person_key`).
* **Small cells are hidden** as "fewer than 5" (`shown`, `cell_text`).
* **Complementary suppression.** In a group of cells whose total is published (a breakdown and
  its total, a sentence's "9 of 11"), the hidden cells must between them hold at least the
  threshold, or subtraction would give them back ("9 of 11 ..., fewer than 5 never" gives 2).
  While they do not, the smallest shown cell is hidden too, as "not shown" (`protect`). Cells
  that are never printed (the "not sure" answers a sentence leaves out) count as hidden, as
  a reader can work them out as well.
* **Shares.** A share (a percentage) is the two-cell group (part, rest) of its whole: it is
  shown only when neither is hidden under the rule above, so 3 of 60 and 57 of 60 are both
  "not shown", and so is 100% (a rest of zero is small). A share of a hidden cell is never
  shown: it reads "not shown" (`share`, `share_text`).

This policy protects one table at a time; it does not search across tables for differences
between overlapping totals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Final, TypeVar

__all__ = [
    "DEFAULT_THRESHOLD",
    "NOT_SHOWN",
    "Cell",
    "check_threshold",
    "children_per_item",
    "cell_text",
    "fewer_than",
    "is_small",
    "part_of",
    "person_key",
    "protect",
    "share",
    "share_text",
    "shown",
]

DEFAULT_THRESHOLD: Final = 5
NOT_SHOWN: Final = "not shown"
SMALL: Final = "small"  # a Cell hidden because it is itself small
SECONDARY: Final = "secondary"  # a Cell hidden so that a small one cannot be worked out

K = TypeVar("K", bound=Hashable)


def check_threshold(threshold: int) -> None:
    if threshold < 1:
        raise ValueError("the suppression threshold must be at least 1")


def _check_count(count: int) -> None:
    if count < 0:
        raise ValueError("a count cannot be negative")


def is_small(count: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether a count must not be shown on its own (zero included)."""
    check_threshold(threshold)
    _check_count(count)
    return count < threshold


def fewer_than(threshold: int) -> str:
    return f"fewer than {threshold}"


def shown(count: int, threshold: int = DEFAULT_THRESHOLD) -> str:
    """A count that stands alone, as printed: "fewer than 5" or "1,234"."""
    return fewer_than(threshold) if is_small(count, threshold) else f"{count:,}"


@dataclass(frozen=True)
class Cell:
    """One count of a protected group: the count, and whether (and why) it is hidden."""

    count: int
    hidden: str | None = None  # None, SMALL or SECONDARY

    @property
    def visible(self) -> bool:
        return self.hidden is None


def cell_text(cell: Cell, threshold: int) -> str:
    """A protected cell as printed: the count, "fewer than 5" or "not shown"."""
    if cell.hidden == SMALL:
        return fewer_than(threshold)
    if cell.hidden == SECONDARY:
        return NOT_SHOWN
    return f"{cell.count:,}"


def protect(
    counts: Mapping[K, int],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    unprinted: Iterable[K] = (),
) -> dict[K, Cell]:
    """The cells of a group whose total is published, with small cells hidden and, where the
    hidden ones would hold fewer than the threshold between them, the smallest shown cells
    hidden too ("not shown"). `unprinted` cells are left out of what is printed, so they count
    as hidden (they are marked SMALL or SECONDARY like any other)."""
    check_threshold(threshold)
    never = set(unprinted)
    cells: dict[K, Cell] = {}
    for key, count in counts.items():
        _check_count(count)
        cells[key] = Cell(count, SMALL if count < threshold else None)
    hidden = [key for key, cell in cells.items() if not cell.visible or key in never]
    if not hidden:
        return cells
    held = sum(counts[key] for key in hidden)
    order = {key: n for n, key in enumerate(counts)}
    # Smallest first; ties in the order given, so the result is the same every time.
    candidates = sorted(
        (key for key in cells if key not in hidden), key=lambda k: (counts[k], order[k])
    )
    for key in candidates:
        if held >= threshold:
            break
        cells[key] = Cell(counts[key], SECONDARY)
        hidden.append(key)
        held += counts[key]
    return cells


def part_of(part: int, whole: int, threshold: int = DEFAULT_THRESHOLD) -> Cell:
    """A part of a published whole whose rest is not printed ("9 of the 11 invited answered"
    tells a reader that 2 did not, so the 9 is hidden too)."""
    rest = max(whole - part, 0)
    return protect({"part": part, "rest": rest}, threshold, unprinted=["rest"])["part"]


def share(part: int, whole: int, threshold: int = DEFAULT_THRESHOLD) -> float | None:
    """part / whole as a percentage to one decimal place, or None when it must not be shown."""
    if part < 0 or whole < 0 or part > whole:
        raise ValueError("need 0 <= part <= whole")
    if is_small(whole, threshold):
        return None
    cells = protect({"part": part, "rest": whole - part}, threshold)
    if not all(cell.visible for cell in cells.values()):
        return None
    return round(100.0 * part / whole, 1)


def share_text(value: float | None) -> str:
    return NOT_SHOWN if value is None else f"{value:g}%"


def person_key(respondent_id: int | str | None, response_id: int | str) -> str:
    """Who a row is about, for counting distinct children: the respondent, or for an anonymous
    response the response itself (each counts as a child of its own)."""
    if respondent_id is not None:
        return f"respondent-{respondent_id}"
    return f"response-{response_id}"


def children_per_item(pairs: Iterable[tuple[K, Hashable]]) -> dict[K, int]:
    """Distinct children per item from (item, person) pairs, however often a pair repeats."""
    seen: dict[K, set[Hashable]] = defaultdict(set)
    for item, person in pairs:
        seen[item].add(person)
    return {item: len(people) for item, people in seen.items()}
