"""The prefilter's word starts: the small pattern parser, and that it never hides a match."""

from __future__ import annotations

import pytest

from analysis import safeguarding as sg
from analysis.safeguarding_rules import JOINED_UP, RULES
from analysis.word_starts import (
    PREFIX_LENGTH,
    Anchor,
    AnyOf,
    Branch,
    Group,
    Literal,
    Lookaround,
    Repeat,
    UnsupportedPattern,
    parse,
    required_word_starts,
)


def test_parse_knows_the_syntax_the_rules_use() -> None:
    assert parse(r"\ba(?:b|c)?[xy]\w+(?!z)") == (
        Anchor(boundary=True),
        Literal("a"),
        Repeat(0, (Group((Branch(((Literal("b"),), (Literal("c"),))),)),)),
        AnyOf(),
        Repeat(1, (AnyOf(),)),
        Lookaround(),
    )
    assert parse(r"x{0,3}?\.") == (Repeat(0, (Literal("x"),)), Literal("."))
    assert parse(r"(?<!young )carer") == (Lookaround(), *(Literal(c) for c in "carer"))


@pytest.mark.parametrize(
    "pattern",
    [r"(?i)hit", r"(ab", r"ab)", r"*a", r"\1", r"a{x}", r"a**", r"[ab", r"\bhit(?#note)"],
)
def test_unknown_syntax_is_refused(pattern: str) -> None:
    with pytest.raises(UnsupportedPattern):
        required_word_starts(pattern)


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (r"\b(?:hit\w*|hurt\w*|beat) me\b", {"hit", "hurt", "beat"}),
        (r"\bi (?:want|wish) to die\b", {"want", "wish"}),  # longer than "die": rarer
        (r"\bkill\w* (?:my ?self|me ?self)\b", {"kill"}),
        (r"\bself ?harm\b", {"self"}),
        (r"\bsuicidal\b", {"suicidal"[:PREFIX_LENGTH]}),
        (r"\bscars?\b", {"scar"}),
        (r"\w+ing\b", None),  # no word start can be relied on
        (r"\bi\b", {"i"}),
    ],
)
def test_required_word_starts(pattern: str, starts: set[str] | None) -> None:
    expected = None if starts is None else frozenset(starts)
    assert required_word_starts(pattern) == expected


def test_every_rule_is_indexed() -> None:
    # None would mean the rule runs on every answer: fine, but slower, so say so here.
    assert all(starts for starts in sg._WORD_STARTS)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.key)
def test_each_example_that_fires_a_rule_holds_one_of_its_word_starts(rule) -> None:
    (compiled,) = (c for c in sg._RULES if c.name == rule.key)
    starts = sg._WORD_STARTS[sg._RULES.index(compiled)]
    examples = [*rule.must_flag, *rule.must_pass, *(r.must_flag[0] for r in JOINED_UP)]
    for answer in examples:
        text = sg.normalise(answer)
        if compiled.regex.search(text):
            words = text.split()
            assert any(word[:n] in starts for word in words for n in range(1, 6)), answer
            assert compiled in sg._candidate_rules(text)
