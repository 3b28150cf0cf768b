"""Small changes must not break a rule (issue 13): a word or two before or after a disclosure,
or an emphasis word anywhere inside it, and every rule's must_flag answers still fire.

Property-style: every must_flag example of every rule and lexicon entry is varied in every
way below, and each variant must still be matched by the same rule.
"""

from __future__ import annotations

import pytest

from analysis.safeguarding import assess
from analysis.safeguarding_lexicons import LEXICONS
from analysis.safeguarding_rules import FILLERS, JOINED_UP, RULES

BEFORE = ("honestly", "tbh", "idk", "and", "but yeah", "ok so", "well", "also")
AFTER = ("tbh", "idk", "lol", "and stuff", "ngl", "x", "thats all", "please help")
INSIDE = ("really", "literally", "actually", "just", "kinda", "proper", "honestly")

EXAMPLES = [(rule.key, answer) for rule in (*RULES, *JOINED_UP) for answer in rule.must_flag]
# Other languages' wording gets words before and after, not English emphasis inside it.
LEXICON_EXAMPLES = [(entry.key, answer) for entry in LEXICONS for answer in entry.must_flag]


def _variants(answer: str, inside: bool = True) -> list[str]:
    words = answer.split()
    variants = [f"{before} {answer}" for before in BEFORE]
    variants += [f"{answer} {after}" for after in AFTER]
    variants += [f"{BEFORE[n % len(BEFORE)]} {answer} {AFTER[n % len(AFTER)]}" for n in range(3)]
    for position in range(1, len(words) if inside else 1):
        filler = INSIDE[position % len(INSIDE)]
        variants.append(" ".join([*words[:position], filler, *words[position:]]))
    return variants


def test_inside_words_are_all_dropped_by_the_normaliser() -> None:
    assert set(INSIDE) <= FILLERS


@pytest.mark.parametrize(("key", "answer"), EXAMPLES, ids=[key for key, _ in EXAMPLES])
def test_a_rule_still_fires_with_words_added(key: str, answer: str) -> None:
    missed = [variant for variant in _variants(answer) if key not in assess(variant).matches]
    assert missed == []


@pytest.mark.parametrize(
    ("key", "answer"), LEXICON_EXAMPLES, ids=[key for key, _ in LEXICON_EXAMPLES]
)
def test_other_languages_still_fire_with_words_around(key: str, answer: str) -> None:
    missed = [v for v in _variants(answer, inside=False) if key not in assess(v).matches]
    assert missed == []
