"""Every safeguarding rule proves itself with the answers it carries (`safeguarding_rule.py`)."""

from __future__ import annotations

import re

import pytest

from analysis import safeguarding as sg
from analysis.safeguarding_rule import JoinedUpRule, Rule
from analysis.safeguarding_rules import CATEGORIES, JOINED_UP, RULES

ALL_RULES: tuple[Rule | JoinedUpRule, ...] = (*RULES, *JOINED_UP)
COMPILED = {rule.name: rule.regex for rule in (*sg._RULES, *sg._JOINED_UP_RULES)}


def test_rule_names_are_unique() -> None:
    keys = [rule.key for rule in ALL_RULES]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z_]+", rule.name) for rule in ALL_RULES)


def test_every_rule_is_compiled_and_reported_by_name() -> None:
    assert set(COMPILED) == {rule.key for rule in ALL_RULES}
    assert {rule.key for rule in ALL_RULES} <= sg.RULE_NAMES


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.key)
def test_rule_examples(rule: Rule | JoinedUpRule) -> None:
    assert rule.category in CATEGORIES
    assert rule.must_flag, "every rule needs an answer that fires it"
    regex = COMPILED[rule.key]
    for answer in rule.must_flag:
        result = sg.assess(answer)
        assert rule.key in result.matches, answer
        assert rule.category in result.categories, answer
    for answer in rule.must_pass:
        assert regex.search(sg.normalise(answer)) is None, answer
        assert rule.key not in sg.assess(answer).matches, answer


def test_rules_are_frozen_records() -> None:
    rule = RULES[0]
    with pytest.raises(AttributeError):
        rule.pattern = "anything"  # type: ignore[misc]
