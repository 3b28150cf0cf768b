"""Phone numbers: the shortcut for E.164 UK mobiles gives what full parsing gives."""

from __future__ import annotations

import random

import pytest

from surveys.phones import InvalidPhone, _parsed, normalise


def test_e164_uk_mobiles_skip_parsing_but_match_it():
    rng = random.Random(11)
    numbers = [f"+447{rng.randrange(10**9):09d}" for _ in range(2000)]
    numbers += ["+447700900000", "+447999999999", "+447000000000"]
    for number in numbers:
        assert normalise(number) == _parsed(number, "GB") == number


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("07700 900123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("+4407700900123", "+447700900123"),
        ("+441632960001", "+441632960001"),  # a landline: parsed, not shortcut
        ("+12025550143", "+12025550143"),
    ],
)
def test_other_forms_are_parsed(raw, e164):
    assert normalise(raw) == e164


@pytest.mark.parametrize("raw", ["", "hello", "+4477009001234567", "12"])
def test_what_is_not_a_number_is_refused(raw):
    with pytest.raises(InvalidPhone):
        normalise(raw)
