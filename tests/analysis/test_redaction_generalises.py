"""Redaction on the hand-written sets in tests/data/redaction/ (issue 13 point 6, issue 15 point 2).

First run, before the names data set and the new rules (commit 7d47e52): names in context
0.365 (74/203), other personal data 0.559 (19/34), ordinary words kept 1.000 (80/80). The rules
were then written with these sets in view, so the figures below flatter them; the evaluation
sets under tests/data/eval/ are the honest measure.
"""

from __future__ import annotations

import pytest

from analysis import redact
from analysis.names_data import name_words
from tests.analysis.redaction_sets import lines, score

NAMES = score(lines("names_in_context.txt"))
OTHER = score(lines("other_personal_data.txt"))
ORDINARY = score(lines("ordinary_words.txt"))


def test_the_sets_are_big_enough() -> None:
    assert NAMES.spans >= 150
    assert ORDINARY.clean_lines >= 100
    assert ORDINARY.words >= 60
    assert OTHER.spans >= 30


def test_names_in_context_are_removed() -> None:
    assert NAMES.span_recall >= 0.97, NAMES.missed


def test_schools_car_registrations_handles_addresses_and_dates_are_removed() -> None:
    assert OTHER.span_recall >= 0.97, OTHER.missed


def test_ordinary_words_that_are_names_survive() -> None:
    assert ORDINARY.word_survival >= 0.95, ORDINARY.lost


def test_answers_without_personal_data_are_left_alone() -> None:
    assert ORDINARY.unchanged / ORDINARY.clean_lines >= 0.95, ORDINARY.changed


@pytest.mark.parametrize(
    ("group", "names"),
    [
        ("UK", "Jane Bob Kerry Olivia Alfie Kayden Tayla Bev Trev Shaz"),
        ("Polish", "Kacper Zuzanna Wiktoria Małgorzata Krzysztof Oliwia Kuba"),
        ("Romanian", "Andrei Ionuț Răzvan Bogdan Ioana Andreea Raluca"),
        ("South Asian", "Priya Aarav Harpreet Gurpreet Simran Ayesha Rizwan Nazia"),
        ("Arabic", "Mohammed Youssef Khalid Layla Noor Amira Hussein"),
        ("Somali", "Abdirahman Ayaan Hodan Warsame Hibaq Fadumo Nimco"),
        ("Eritrean", "Yonas Tesfay Semhar Senait Mehari Luwam Biniam"),
        ("Vietnamese", "Minh Linh Huong Phuong Thanh Ngoc Khanh"),
        ("Irish", "Siobhán Aoife Niamh Saoirse Oisín Pádraig Róisín Tadhg"),
        ("Caribbean", "Shanice Tyrone Kemar Jermaine Keisha Latoya Delroy"),
    ],
)
def test_the_names_data_covers_the_families_served(group: str, names: str) -> None:
    for name in names.split():
        assert redact(f"me and {name} went out") == "me and [name] went out", (group, name)


def test_the_names_data_is_large_and_knows_which_names_are_words() -> None:
    listed = name_words()
    assert len(listed.names) > 10_000
    assert {"bill", "rose", "will", "grace", "hope", "mark", "may", "jack"} <= listed.also_words
    assert {"jane", "priya", "kacper", "kerry"}.isdisjoint(listed.also_words)


def test_figures(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(
            f"\nredaction sets: names {NAMES.removed}/{NAMES.spans} = {NAMES.span_recall:.3f}, "
            f"other {OTHER.removed}/{OTHER.spans} = {OTHER.span_recall:.3f}, words kept "
            f"{ORDINARY.kept}/{ORDINARY.words} = {ORDINARY.word_survival:.3f}, clean lines "
            f"unchanged {ORDINARY.unchanged}/{ORDINARY.clean_lines}"
        )
