"""Sentiment tuned for how children and young people write."""

from __future__ import annotations

import pytest

from analysis import Sentiment, sentiment
from analysis.sentiment import with_concern

CASES: list[tuple[str, str]] = [
    # text speak
    ("my sw is gr8", "pos"),
    ("v good", "pos"),
    ("i luv my foster mum", "pos"),
    ("i h8 school", "neg"),
    ("tbh its rubbish", "neg"),
    ("ngl college is decent", "pos"),
    # negation
    ("not bad", "pos"),
    ("not happy", "neg"),
    ("my social worker never listens", "neg"),
    ("nobody has helped me", "neg"),
    ("they didnt even invite me to my own review", "neg"),
    ("i dont feel safe there", "neg"),
    ("i aint allowed to see my mates", "neg"),
    # emoji and emoticons
    ("😀", "pos"),
    ("👍", "pos"),
    ("❤️", "pos"),
    ("😢", "neg"),
    ("😡", "neg"),
    ("👎", "neg"),
    (":(", "neg"),
    # intensifiers, capitals and stretched words
    ("I LOVE IT HERE", "pos"),
    ("sooo happyyy", "pos"),
    ("proper good", "pos"),
    # clauses that disagree
    ("i like my carers but school is rubbish", "mixed"),
    ("my PA is ok but i only see her once every 3 months", "mixed"),
    ("The conference was well run but I felt ganged up on", "mixed"),
    # neutral and plain
    ("i dont know", "neu"),
    ("dunno", "neu"),
    ("no comment", "neu"),
    ("need help with my cv", "neu"),
    # words that describe rather than judge
    ("Miss said she was proud of me", "pos"),
    ("i miss my mum", "neg"),
    ("my little brother is a nightmare but i love him to death", "mixed"),
]


@pytest.mark.parametrize(("text", "label"), CASES)
def test_labels(text: str, label: str) -> None:
    assert sentiment(text).label == label


def test_shape_and_ranges() -> None:
    result = sentiment("I LOVE my foster carers!!! 😀")
    assert isinstance(result, Sentiment)
    assert -1.0 <= result.polarity <= 1.0
    assert 0.0 <= result.subjectivity <= 1.0
    assert sentiment("") == Sentiment("neu", 0.0, 0.0)
    assert sentiment("   ") == Sentiment("neu", 0.0, 0.0)


def test_shouting_and_exclamations_strengthen() -> None:
    assert sentiment("GOOD").polarity > sentiment("good").polarity
    assert sentiment("good!!!").polarity > sentiment("good").polarity
    assert sentiment("very good").polarity > sentiment("good").polarity


def test_a_flagged_disclosure_is_never_counted_as_positive_or_neutral() -> None:
    plain = sentiment("dad hits me with his belt")
    flagged = with_concern(plain, flagged=True)
    assert flagged.label == "neg" and flagged.polarity < 0
    assert with_concern(sentiment("i love it"), flagged=False).label == "pos"
    mixed = sentiment("i used to self harm but im proud of how far ive come")
    assert with_concern(mixed, flagged=True).label == "mixed"


def test_textblobs_shared_lexicon_is_left_alone() -> None:
    from textblob.en import sentiment as shared

    sentiment("my sw listens 😀 gr8")
    assert "listens" not in shared and "😀" not in shared
    assert "own" in shared  # we ignore it in our copy only
