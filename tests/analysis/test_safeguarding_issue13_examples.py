"""The plain misses and false alarms issue 13 names, as general rules should handle them.

The rules were written to the general shape (see safeguarding_rules_wellbeing.py and
safeguarding_rules_online_money.py); these are the issue's own sentences and a variant each.
"""

from __future__ import annotations

import pytest

from analysis.safeguarding import assess


@pytest.mark.parametrize(
    "text",
    [
        "took all my mums pills",
        "i took all of my nans tablets",
        "I OD'd last night",
        "think i might od tonight",
        "i get beat by my dad",
        "got battered by my step mum",
        "he scares me",
        "my step dad really scares me",
        "we got evicted",
        "we are getting kicked out of our flat",
        "the fridge is always empty",
        "the cupboards are empty again",
        "someone older keeps giving me stuff and wants me to do favours",
        "this man buys me vapes and says i owe him",
        "been sleeping at a mates for a week nobody knows",
        "staying round my boyfriends for days no one knows",
        "i feel like giving up on everything",
        "im a waste of space",
        "unaliving myself is all i think about",
        "i dont eat so i can be skinny",
    ],
)
def test_named_misses_are_flagged(text: str) -> None:
    assert assess(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "i ran 5 kms today",
        "did 10 kms on my bike",
        "i want to do dog grooming at college",
        "im going to die my hair pink",
        "gonna die my hair blue for the summer",
    ],
)
def test_named_false_alarms_stay_quiet(text: str) -> None:
    result = assess(text)
    assert not result.flagged, (text, result)
