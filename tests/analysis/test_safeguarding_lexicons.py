"""Disclosure wording in other languages (analysis/safeguarding_lexicons.py) proves itself."""

from __future__ import annotations

import pytest

from analysis.safeguarding import RULE_NAMES, assess
from analysis.safeguarding_lexicons import LEXICONS, Lexicon, fold
from analysis.safeguarding_rules import CATEGORIES

LANGUAGES = {"pl", "ro", "ar", "ur", "ps", "ckb", "ti", "sq", "vi", "cy"}


def test_every_language_asked_for_has_wording() -> None:
    assert {entry.language for entry in LEXICONS} == LANGUAGES
    assert any(entry.name.startswith("roman_ur") for entry in LEXICONS)
    keys = [entry.key for entry in LEXICONS]
    assert len(keys) == len(set(keys))
    assert set(keys) <= RULE_NAMES


@pytest.mark.parametrize("entry", LEXICONS, ids=lambda entry: entry.key)
def test_lexicon_examples(entry: Lexicon) -> None:
    assert entry.category in CATEGORIES
    assert entry.must_flag
    for answer in entry.must_flag:
        result = assess(answer)
        assert entry.key in result.matches, (answer, result)
        assert result.tier == "urgent", (answer, result)
    for answer in entry.must_pass:
        result = assess(answer)
        assert entry.key not in result.matches, (answer, result)
        # Not read as a disclosure, but still waits for a reader of the language.
        assert result.tier == "today", (answer, result)


def test_vietnamese_matches_with_and_without_diacritics() -> None:
    assert fold("Bố tôi đánh tôi") == "bo toi danh toi"
    assert assess("Bố tôi đánh tôi").matches == assess("bo toi danh toi").matches


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("nie chcę żyć", "pl"),
        ("vreau să mor", "ro"),
        ("أريد أن أموت", "ar"),
        ("میں مرنا چاہتا ہوں", "ur"),
        ("main marna chahta hoon", "ur"),
        ("زه مړ کېدل غواړم", "ps"),
        ("دەمەوێت بمرم", "ckb"),
        ("ክመውት እደሊ", "ti"),
        ("dua të vdes", "sq"),
        ("toi muon chet", "vi"),
        ("dw i eisiau marw", "cy"),
    ],
)
def test_a_disclosure_in_another_language_is_urgent_and_labelled(text: str, language: str) -> None:
    result = assess(text)
    assert result.tier == "urgent"
    assert result.language == language
    assert "not_english" in result.reasons
    assert result.category == "suicidal_thoughts"
