"""Board summaries: small numbers suppressed, quotes safe and varied."""

from __future__ import annotations

from typing import Any

import pytest

from analysis import summarise_answers, suppress, suppressed_percentage
from analysis.summaries import SUPPRESSED


def test_suppress() -> None:
    assert suppress(0) == "fewer than 5"
    assert suppress(4) == "fewer than 5"
    assert suppress(5) == 5
    assert suppress(9, threshold=10) == "fewer than 10"
    with pytest.raises(ValueError):
        suppress(-1)
    with pytest.raises(ValueError):
        suppress(3, threshold=0)


def test_suppressed_percentage() -> None:
    assert suppressed_percentage(9, 11) == SUPPRESSED  # the 2 others are identifiable
    assert suppressed_percentage(4, 40) == SUPPRESSED  # numerator small
    assert suppressed_percentage(3, 4) == SUPPRESSED  # denominator small
    assert suppressed_percentage(10, 40) == 25.0
    # Zero is small, so "100% of 20" (a rest of 0) is hidden like "95% of 20" (analysis.disclosure).
    assert suppressed_percentage(20, 20) == SUPPRESSED
    assert suppressed_percentage(6, 11, threshold=3) == 54.5
    with pytest.raises(ValueError):
        suppressed_percentage(5, 4)


def _answer(respondent: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"respondent": respondent, "text": text, **extra}


SCHOOL = [
    "school is good, my maths teacher helps me loads",
    "i hate school, the teachers shout at everyone",
    "college is ok but the bus takes ages",
    "I got a 7 in my english mock, so happy",
    "school is boring but my tutor is nice",
    "my teacher Mrs Patel is amazing and helped me with my reading",
]


def test_summary_suppresses_and_quotes_safely() -> None:
    items = [_answer(f"r{i}", text) for i, text in enumerate(SCHOOL)]
    items.append(_answer("r0", "school trip was fun and the teacher was kind"))  # same voice
    items.append(_answer("r9", "school is rubbish and i want to kill myself"))  # flagged
    items.append(_answer(None, "school is great but my tutor left"))  # unknown respondent
    items.append(_answer("r10", "my foster carers are kind"))
    summary = summarise_answers(items)

    education = summary["pledges"]["education_work"]
    assert education["answers"] == 9
    assert education["respondents"] == 8  # the unknown respondent counts once, as themselves
    quotes = education["quotes"]
    assert 1 <= len(quotes) <= 3
    assert all("kill" not in quote for quote in quotes)  # never quote a flagged answer
    assert all("Patel" not in quote for quote in quotes)  # redacted
    assert "school is great but my tutor left" not in quotes  # no respondent id, no quote
    themes = {entry["theme"]: entry["count"] for entry in education["themes"]}
    assert themes["school"] == 5
    assert themes["teacher"] == "fewer than 5"

    mix = education["sentiment"]
    assert set(mix) == {"pos", "neg", "neu", "mixed"}
    small = [label for label, value in mix.items() if isinstance(value, str)]
    assert len(small) != 1  # one hidden cell would be derivable from the total

    # A pledge few children spoke about: counts hidden, no themes, never a quote.
    home = summary["pledges"]["safe_stable_home"]
    assert home["respondents"] == "fewer than 5"
    assert home["quotes"] == [] and home["themes"] == []
    assert summary["answers"] == 10
    assert summary["threshold"] == 5


def test_one_quote_per_respondent_across_the_whole_summary() -> None:
    texts = [
        "my social worker listens and my school is good",
        "my sw never listens and school is rubbish",
        "my IRO asked me what i think and the school helped",
        "nobody listens at my review, school is ok",
        "i went to SUSO and now i like school again",
        "my advocate helped me at my review, college is great",
    ]
    items = [_answer(f"r{i}", text) for i, text in enumerate(texts)]
    summary = summarise_answers(items, quotes_per_pledge=3)
    quoted = [q for pledge in summary["pledges"].values() for q in pledge["quotes"]]
    assert len(quoted) == len(set(quoted))
    assert len(quoted) <= len(texts)
    # Each quote is one respondent's whole (redacted) answer, so distinct quotes = distinct voices.
    assert all(q in texts for q in quoted)


def test_quotes_are_varied_in_feeling() -> None:
    texts = [f"my social worker is great and always listens {n}" for n in range(6)] + [
        f"my social worker never listens to me at all {n}" for n in range(6)
    ]
    items = [_answer(f"r{i}", text) for i, text in enumerate(texts)]
    quotes = summarise_answers(items, quotes_per_pledge=2)["pledges"]["listened_to"]["quotes"]
    assert len(quotes) == 2
    assert any("never" in q for q in quotes) and any("great" in q for q in quotes)


def test_stored_analysis_is_used_and_change_is_reported() -> None:
    def stored(respondent: str, label: str, themes: list[str]) -> dict[str, Any]:
        return {
            "respondent": respondent,
            "text": "unused",
            "analysis": {
                "pledges": ["relationships"],
                "sentiment": {"label": label, "polarity": 0.0},
                "themes": themes,
                "safeguarding": {"flag": False, "category": None},
                "redacted": f"family time with my nan is {label} for me",
            },
        }

    before = [stored(f"a{i}", "neg", ["family time"]) for i in range(10)]
    now = [stored(f"b{i}", "pos", ["family time", "grandparent"]) for i in range(8)] + [
        stored(f"b{i}", "neg", ["family time"]) for i in range(8, 12)
    ]
    summary = summarise_answers(now, previous=before)
    change = summary["pledges"]["relationships"]["change"]
    assert change["answers"] == 2
    assert change["positive_points"] == SUPPRESSED  # 0 positive before: too few to compare
    assert change["new_themes"] == ["grandparent"]
    assert summary["pledges"]["relationships"]["positive_percent"] == SUPPRESSED  # 4 others
    small = summarise_answers(now[:3], previous=before)
    assert small["pledges"]["relationships"]["change"]["answers"] == SUPPRESSED


def test_empty_input() -> None:
    summary = summarise_answers([])
    assert summary["answers"] == "fewer than 5"
    assert all(p["quotes"] == [] for p in summary["pledges"].values())
