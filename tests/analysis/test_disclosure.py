"""The one small-number policy: counts, complementary suppression, shares, distinct children."""

from __future__ import annotations

from itertools import combinations

import pytest

from analysis import disclosure as d


def test_small_counts_zero_included() -> None:
    assert d.is_small(0) and d.is_small(4) and not d.is_small(5)
    assert d.shown(0) == "fewer than 5"
    assert d.shown(4, 5) == "fewer than 5"
    assert d.shown(1234, 5) == "1,234"
    assert d.shown(9, 10) == "fewer than 10"
    with pytest.raises(ValueError):
        d.is_small(-1)
    with pytest.raises(ValueError):
        d.shown(3, 0)


def _recoverable(counts: dict[str, int], cells: dict[str, d.Cell], t: int) -> bool:
    """Whether a reader who knows the total and the shown cells learns a small total for the
    hidden ones (one hidden cell exactly, or several that add up to under the threshold)."""
    hidden = [k for k, c in cells.items() if not c.visible]
    return bool(hidden) and sum(counts[k] for k in hidden) < t


def test_a_cell_of_2_beside_a_total_of_11_cannot_be_subtracted_back() -> None:
    counts = {"positive": 9, "negative": 2}
    cells = d.protect(counts, 5)
    assert cells["negative"].hidden == d.SMALL
    assert cells["positive"].hidden == d.SECONDARY
    assert [d.cell_text(c, 5) for c in cells.values()] == ["not shown", "fewer than 5"]


def test_unprinted_cells_count_as_hidden() -> None:
    # "20 of 26 said yes, 6 said no" tells a reader how many said "not sure": 0.
    cells = d.protect({"yes": 20, "no": 6, "not_sure": 0}, 5, unprinted=["not_sure"])
    assert cells["no"].hidden == d.SECONDARY and cells["yes"].visible
    cells = d.protect({"yes": 20, "no": 6, "not_sure": 7}, 5, unprinted=["not_sure"])
    assert all(c.visible for k, c in cells.items() if k != "not_sure")


@pytest.mark.parametrize(
    "counts",
    [
        {"a": 9, "b": 2},
        {"a": 1, "b": 1, "c": 40},
        {"a": 3, "b": 4, "c": 40, "d": 41},
        {"a": 0, "b": 12, "c": 30},
        {"a": 6, "b": 7, "c": 8},
        {"a": 2},
    ],
)
def test_hidden_cells_never_add_up_to_a_small_number(counts: dict[str, int]) -> None:
    cells = d.protect(counts, 5)
    assert not _recoverable(counts, cells, 5) or all(not c.visible for c in cells.values())
    # Small cells are always hidden, and a group with none hides nothing.
    assert all(not cells[k].visible for k, n in counts.items() if n < 5)
    if all(n >= 5 for n in counts.values()):
        assert all(c.visible for c in cells.values())
    # Never only one hidden cell when others are shown: the total would give it back.
    hidden = [k for k, c in cells.items() if not c.visible]
    assert len(hidden) != 1 or len(counts) == 1


def test_complementary_suppression_hides_the_smallest_shown_cells_first() -> None:
    cells = d.protect({"x": 50, "y": 3, "z": 6, "w": 6}, 5)
    assert [k for k, c in cells.items() if c.hidden == d.SECONDARY] == ["z"]


def test_shares() -> None:
    assert d.share(9, 11) is None  # the 2 others
    assert d.share(4, 40) is None
    assert d.share(3, 4) is None
    assert d.share(20, 20) is None  # a rest of 0 is small too
    assert d.share(0, 20) is None
    assert d.share(10, 40) == 25.0
    assert d.share(6, 11, threshold=3) == 54.5
    assert d.share_text(None) == "not shown" and d.share_text(25.0) == "25%"
    with pytest.raises(ValueError):
        d.share(5, 4)


def test_no_share_is_shown_whose_part_or_rest_is_small() -> None:
    for whole in range(0, 30):
        for part in range(whole + 1):
            value = d.share(part, whole, 5)
            if value is not None:
                assert part >= 5 and whole - part >= 5


def test_children_are_counted_once_each() -> None:
    one_child = [("school", d.person_key(7, 100))] * 6
    anonymous = [("school", d.person_key(None, n)) for n in (201, 202)]
    counts = d.children_per_item([*one_child, *anonymous, ("home", d.person_key(7, 101))])
    assert counts == {"school": 3, "home": 1}
    # Two responses of one respondent are one child; two anonymous responses are two.
    assert d.person_key(7, 100) == d.person_key(7, 101)
    assert d.person_key(None, 1) != d.person_key(None, 2)


def test_every_pair_of_hidden_small_cells_stays_hidden_for_any_total() -> None:
    for a, b in combinations(range(0, 5), 2):
        cells = d.protect({"a": a, "b": b, "c": 30}, 5)
        if a + b < 5:
            assert not cells["c"].visible


def test_a_part_of_a_shown_whole() -> None:
    assert d.part_of(9, 11).hidden == d.SECONDARY  # 2 did not
    assert d.part_of(2, 11).hidden == d.SMALL
    assert d.part_of(6, 11).visible
    assert d.cell_text(d.part_of(1234, 2000), 5) == "1,234"
