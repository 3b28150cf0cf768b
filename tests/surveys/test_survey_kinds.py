"""Each question kind: parsing form input, display, positivity and summaries."""

from __future__ import annotations

import pytest

from surveys import (
    AnswerError,
    FreeText,
    MultipleChoice,
    Option,
    Scale,
    ScaleSpec,
    SingleChoice,
    YesNoNotSure,
    default_registry,
)
from surveys.kinds import KINDS

FREQ = SingleChoice(
    (
        Option("always", "Always", positive=True),
        Option("sometimes", "Sometimes"),
        Option("never", "Never"),
    )
)
TOPICS = MultipleChoice(
    (Option("home", "Home"), Option("school", "School", positive=True), Option("money", "Money"))
)
FIVE = Scale(ScaleSpec(1, 5, {1: "Really bad", 5: "Really good"}, positive_at_least=4))
FACES = Scale(ScaleSpec(1, 5, faces=True, positive_at_least=4))


def test_kind_registry() -> None:
    assert set(KINDS) == {
        "single_choice",
        "multiple_choice",
        "yes_no_not_sure",
        "scale",
        "free_text",
    }
    assert issubclass(YesNoNotSure, SingleChoice)


def test_single_choice_parse() -> None:
    assert FREQ.parse("always") == "always"
    assert FREQ.parse(" never ") == "never"
    assert FREQ.parse(["sometimes"]) == "sometimes"
    with pytest.raises(AnswerError, match="Choose an answer, or choose “I’d rather not say”"):
        FREQ.parse("")
    with pytest.raises(AnswerError, match="Choose an answer, or choose “I’d rather not say”"):
        FREQ.parse(None)
    with pytest.raises(AnswerError, match="Choose one of the answers shown"):
        FREQ.parse("often")
    with pytest.raises(AnswerError, match="Choose only one answer"):
        FREQ.parse(["always", "never"])
    assert FREQ.parse("", required=False) is None


def test_single_choice_display_positive_summary() -> None:
    assert FREQ.display("sometimes") == "Sometimes"
    assert FREQ.display(None) == "Not answered"
    assert FREQ.is_positive("always") is True
    assert FREQ.is_positive("never") is False
    assert FREQ.is_positive(None) is None
    summary = FREQ.summarise(["always", "never", "always", None, "gone"])
    assert summary["counts"] == {"always": 2, "sometimes": 0, "never": 1}
    assert list(summary["counts"]) == ["always", "sometimes", "never"]
    assert (summary["answered"], summary["skipped"], summary["unrecognised"]) == (3, 1, 1)
    assert summary["positive"] == 2
    no_positive = SingleChoice((Option("a", "A"), Option("b", "B")))
    assert no_positive.is_positive("a") is None
    assert no_positive.summarise(["a"])["positive"] is None


def test_yes_no_not_sure_defaults() -> None:
    kind = YesNoNotSure()
    assert [(o.value, o.label, o.positive) for o in kind.options] == [
        ("yes", "Yes", True),
        ("no", "No", False),
        ("not_sure", "Not sure", False),
    ]
    assert kind.parse("not_sure") == "not_sure"
    assert kind.display("not_sure") == "Not sure"
    assert kind.is_positive("yes") is True
    assert kind.summarise(["yes", "no", "no"])["counts"] == {"yes": 1, "no": 2, "not_sure": 0}


def test_multiple_choice() -> None:
    assert TOPICS.parse(["money", "home"]) == ["home", "money"]  # option order
    assert TOPICS.parse("school") == ["school"]
    assert TOPICS.parse(["home", "home"]) == ["home"]
    with pytest.raises(AnswerError, match="Choose any answers that fit, or choose “I’d rather"):
        TOPICS.parse([])
    with pytest.raises(AnswerError, match="Choose from the answers shown"):
        TOPICS.parse(["home", "pets"])
    assert TOPICS.parse([], required=False) == []
    assert TOPICS.display(["home", "money"]) == "Home, Money"
    assert TOPICS.display([]) == "Not answered"
    assert TOPICS.is_positive(["home", "school"]) is True
    assert TOPICS.is_positive(["home"]) is False
    summary = TOPICS.summarise([["home"], ["home", "school"], [], ["pets"]])
    assert summary["counts"] == {"home": 2, "school": 1, "money": 0}
    assert (summary["answered"], summary["skipped"], summary["unrecognised"]) == (3, 1, 1)
    assert summary["positive"] == 1


def test_scale_parse_and_options() -> None:
    assert [o.value for o in FIVE.options] == ["1", "2", "3", "4", "5"]
    assert [o.label for o in FIVE.options] == ["Really bad", "2", "3", "4", "Really good"]
    assert [o.positive for o in FIVE.options] == [False, False, False, True, True]
    assert FIVE.parse("3") == 3
    assert FIVE.parse(5) == 5
    for bad in ("0", "6", "2.5", "three", "-1"):
        with pytest.raises(AnswerError, match="Choose one of the answers shown"):
            FIVE.parse(bad)
    with pytest.raises(AnswerError, match="Choose how you feel, or choose “I’d rather not say”"):
        FIVE.parse("")
    assert FIVE.parse(None, required=False) is None


def test_scale_display_summary() -> None:
    assert FIVE.display(5) == "Really good"
    assert FIVE.display(3) == "3 out of 5"
    assert FIVE.display(None) == "Not answered"
    assert FIVE.is_positive(4) is True
    assert FIVE.is_positive(3) is False
    summary = FIVE.summarise([1, 4, "5", 5, None, 9])
    assert summary["counts"] == {"1": 1, "2": 0, "3": 0, "4": 1, "5": 2}
    assert summary["mean"] == 3.75
    assert (summary["answered"], summary["skipped"], summary["unrecognised"]) == (4, 1, 1)
    assert summary["positive"] == 3
    assert FIVE.summarise([])["mean"] is None
    no_threshold = Scale(ScaleSpec(1, 3))
    assert no_threshold.is_positive(3) is None


def test_faces_scale() -> None:
    faces = [(o.face, o.label) for o in FACES.options]
    assert faces == [
        ("😢", "Very sad"),
        ("🙁", "Sad"),
        ("😐", "OK"),
        ("🙂", "Happy"),
        ("😀", "Very happy"),
    ]
    assert FACES.display(5) == "😀 Very happy"
    three = Scale(ScaleSpec(1, 3, faces=True))
    assert [o.face for o in three.options] == ["🙁", "😐", "🙂"]


def test_free_text() -> None:
    kind = FreeText(max_length=20)
    assert kind.parse("  hello \r\nthere ", required=False) == "hello \nthere"
    assert kind.parse("", required=False) == ""
    assert kind.parse(None, required=False) == ""
    assert kind.parse("a\x00b") == "ab"
    with pytest.raises(AnswerError, match="Write your answer in the box, or choose “I’d rather"):
        kind.parse("   ")
    with pytest.raises(AnswerError) as caught:
        kind.parse("x" * 21)
    assert caught.value.message == ("Your answer is too long – please keep it under 20 characters")
    assert kind.parse("x" * 20) == "x" * 20
    assert kind.display("") == "Not answered"
    assert kind.display("Fine") == "Fine"
    assert kind.is_positive("great") is None
    assert kind.summarise(["a", "", None, "b"]) == {
        "kind": "free_text",
        "answered": 2,
        "skipped": 2,
    }
    assert FreeText().max_length == 2000


def test_question_delegates_and_uses_required() -> None:
    form = default_registry().get("parent_feedback").resolve(None)
    q1 = form.question("q1_views_taken_into_account")
    with pytest.raises(AnswerError, match="Choose an answer, or choose “I’d rather not say”"):
        q1.parse("")
    assert q1.parse("always") == "always"
    assert q1.display("never") == "Never"
    assert q1.is_positive("always") is True
    assert q1.summarise(["always", "never"])["counts"]["always"] == 1
    q5 = form.question("q5_done_well")
    assert q5.parse("   ") == ""
    assert q5.max_length == 2000
    assert q5.scale is None
    long_answer = "x" * 2001
    with pytest.raises(AnswerError, match="under 2000 characters"):
        q5.parse(long_answer)
    rating = default_registry().get("pledge").resolve("teen").question("health_rating")
    assert rating.parse("4") == 4
    assert rating.is_positive(4) is True
    assert rating.max_length is None


def test_empty_answers_are_met_kindly_with_the_way_to_skip() -> None:
    """Issue 16: every question can be passed over, so the words for an empty answer say how
    (the skip button's own label), and never blame; a kind that cannot be skipped (consent,
    one day) gets the plain words."""
    from dataclasses import dataclass
    from pathlib import Path

    from surveys.kinds import KINDS

    button = "I’d rather not say"
    template = Path(__file__).parents[2] / "app/templates/respond/_continue_or_skip.html"
    assert f'_("{button}")' in template.read_text()
    for kind in KINDS.values():
        question = kind() if kind is not SingleChoice and kind is not YesNoNotSure else FREQ
        message = question.empty_message
        assert kind.skippable and f"“{button}”" in message and "fine" in message, kind
        assert question.field_spec().required_message == message
        assert not any(word in message.lower() for word in ("must", "error", "invalid"))

    @dataclass(frozen=True)
    class Consent(SingleChoice):
        skippable = False

    assert Consent(options=FREQ.options).empty_message == "Choose one answer"
