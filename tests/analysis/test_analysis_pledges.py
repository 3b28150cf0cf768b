"""Pledge mapping: readable rules, and learning from officers' corrections."""

from __future__ import annotations

import pytest

from analysis import PLEDGE_KEYS, PledgeMapper, map_pledges
from analysis.pledge_lexicon import LABELS, SAFEGUARDING_PLEDGES, TERMS


def test_exactly_the_six_keys() -> None:
    assert PLEDGE_KEYS == (
        "health_wellbeing",
        "safe_stable_home",
        "education_work",
        "listened_to",
        "relationships",
        "independence",
    )
    assert set(TERMS) == set(LABELS) == set(PLEDGE_KEYS)
    assert set(SAFEGUARDING_PLEDGES.values()) <= set(PLEDGE_KEYS)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("cahms have helped me with my anxiety", "health_wellbeing"),
        ("i go swimming and to football club", "health_wellbeing"),
        ("i have moved placement 5 times", "safe_stable_home"),
        ("i feel safe here and i have my own room", "safe_stable_home"),
        ("got a 7 in my english mock", "education_work"),
        ("want to do an apprenticeship", "education_work"),
        ("my IRO listened to me at my review", "listened_to"),
        ("nobody told me why", "listened_to"),
        ("contact with my brothers is the best", "relationships"),
        ("me and my mates", "relationships"),
        ("my PA is helping me with budgeting", "independence"),
        ("i want to learn to drive", "independence"),
    ],
)
def test_maps(text: str, key: str) -> None:
    assert key in map_pledges(text)


def test_zero_or_several_in_pledge_order() -> None:
    assert map_pledges("") == []
    assert map_pledges("dunno") == []
    both = map_pledges("moved placement and had to change school")
    assert both == ["safe_stable_home", "education_work"]


def test_school_as_a_time_of_day_is_not_about_education() -> None:
    assert "education_work" not in map_pledges("my phone died after school")


def test_a_disclosure_maps_to_its_pledge_even_in_plain_words() -> None:
    assert "health_wellbeing" in map_pledges("been sh'ing again")
    assert "safe_stable_home" in map_pledges("my foster dad smacks me")


def test_explain_names_the_terms() -> None:
    reasons = PledgeMapper().explain("my IRO listened to me")
    terms = {reason.term for reason in reasons["listened_to"]}
    assert {"iro", "listen*"} <= terms
    assert not any(reason.learned for reason in reasons["listened_to"])


def test_a_correction_adds_a_pledge_to_similar_answers() -> None:
    text = "I want to go to the allotment with Grandad Bob"
    similar = "going to the allotment with my grandad at the weekend"
    assert "health_wellbeing" not in map_pledges(similar)
    mapper = PledgeMapper([(text, ["health_wellbeing", "relationships"])])
    # The corrected answer itself: the officer wins outright.
    assert mapper.map(text) == ["health_wellbeing", "relationships"]
    # A similar answer now maps the same way, and the reasons say what was learned.
    assert "health_wellbeing" in mapper.map(similar)
    learned = [r for r in mapper.explain(similar)["health_wellbeing"] if r.learned]
    assert {r.term for r in learned} >= {"allotment", "grandad"}
    # A word the lexicon did not know is what the officer taught: enough on its own.
    assert "health_wellbeing" in mapper.map("the allotment was shut")
    # No name is kept as evidence: answers are redacted before learning.
    assert "bob" not in mapper.learned and "Bob" not in str(mapper.learned)
    assert map_pledges(similar, [(text, ["health_wellbeing", "relationships"])]) == mapper.map(
        similar
    )


def test_a_word_the_rules_already_know_needs_more_than_one_correction() -> None:
    # "flat" already counts towards two pledges, so one correction only nudges it.
    one = PledgeMapper([("my flat", ["health_wellbeing"])])
    assert "health_wellbeing" not in one.map("the flat upstairs")
    two = PledgeMapper([("my flat", ["health_wellbeing"]), ("flat again", ["health_wellbeing"])])
    assert "health_wellbeing" in two.map("the flat upstairs")


def test_corrections_remove_a_pledge_the_rules_gave() -> None:
    text = "my phone is broken"
    assert "independence" not in map_pledges(text)  # 0.5 only
    wrong = "my phone contract and my phone bills"
    assert "independence" in map_pledges(wrong)
    mapper = PledgeMapper(
        [
            ("my phone bills are too high", ["health_wellbeing"]),
            ("phone bills again", ["health_wellbeing"]),
        ]
    )
    assert "independence" not in mapper.map("my phone bills")
    assert mapper.learned["bills"]["independence"] < 0
    assert mapper.corrections_used == 2


def test_unknown_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown pledge keys"):
        PledgeMapper([("text", ["happiness"])])
    with pytest.raises(ValueError, match="unknown pledge key"):
        PledgeMapper(terms={"happiness": {"happy": 1.0}})


def test_scores_show_every_pledge() -> None:
    scores = PledgeMapper().scores("school and college")
    assert set(scores) == set(PLEDGE_KEYS)
    assert scores["education_work"] >= 2.0
