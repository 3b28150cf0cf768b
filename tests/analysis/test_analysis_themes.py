"""Themes: noun phrases, normalised, with no NLTK corpus."""

from __future__ import annotations

import pytest

from analysis import rank_themes, themes


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("my SW never rings", "social worker"),
        ("my sw never rings", "social worker"),
        ("my socail worker is nice", "social worker"),
        ("social workers keep changing", "social worker"),
        ("my PA helped me", "personal adviser"),
        ("my personal advisor helped me", "personal adviser"),
        ("the IRO asked me", "independent reviewing officer"),
        ("waiting for CAMHS", "camhs"),
        ("cahms helped", "camhs"),
        ("contact with my mum", "family time"),
        ("my carers are kind", "foster carer"),
        ("my foster mum is kind", "foster carer"),
        ("in care since i was 5, LAC since forever", "children looked after"),
        ("my LAC review", "review"),
        ("my pep meeting", "personal education plan"),
        ("staying put at 18", "staying put"),
        ("more pocket money please", "pocket money"),
        ("i want my own bank accounts", "bank account"),
        ("the headaches are bad", "headache"),
        ("my bff and my mates", "friends"),
    ],
)
def test_normalised_theme(text: str, theme: str) -> None:
    assert theme in themes(text)


def test_contact_as_a_verb_is_not_family_time() -> None:
    assert "family time" not in themes("please contact me about it")


def test_no_names_vague_nouns_or_adjectives_become_themes() -> None:
    found = themes("Kacey and Jayden came round on Saturday, it was a nice thing to do")
    assert not {"kacey", "jayden", "saturday", "thing", "nice"} & set(found)
    assert themes("") == []
    assert themes("the [name] came to [address]") == []


def test_themes_are_unique_and_in_order() -> None:
    assert themes("my sw and my social worker's manager")[0] == "social worker"
    found = themes("school, school and more school")
    assert found.count("school") == 1


def test_rank_themes_counts_each_theme_once_per_answer() -> None:
    ranked = rank_themes(
        [
            "my SW and my social worker again",
            "school is ok but my sw is late",
            "school school school",
            "contact with my nan",
        ]
    )
    assert ranked[:2] == [("school", 2), ("social worker", 2)]
    assert ("family time", 1) in ranked and ("grandparent", 1) in ranked
