"""Every question kind on every channel: web field, SMS hint and replies, voice prompt and keypad
or speech, the answer in words and a demo sample. A new kind needs a case here (see the first
test), and cannot be made without the channel methods (they are abstract on Kind)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask_babel import Babel
from werkzeug.datastructures import MultiDict

from forms.survey import FIELD_BUILDERS, question_form
from surveys import (
    KINDS,
    AnswerError,
    FreeText,
    Kind,
    MultipleChoice,
    Option,
    Question,
    Scale,
    ScaleSpec,
    SingleChoice,
    YesNoNotSure,
)

FRUIT = (Option("apple", "Apple"), Option("pear", "Pear"), Option("plum", "Plum"))


@dataclass(frozen=True)
class Case:
    kind: Kind
    web: list[str]  # what the browser sends
    value: Any  # the canonical stored value of that answer, and of the good replies below
    words: str  # the value in words, for check-your-answers
    sms_hint: str
    sms_good: tuple[str, ...]
    sms_bad: str
    sms_error: str  # the start of the plain-words error for sms_bad
    voice_words: str  # part of the voice prompt after the question
    digits: str | None  # keypad presses for `value`
    speech: str | None  # or the words heard for `value`
    speech_input: bool
    single_key: bool


CASES = [
    Case(
        SingleChoice(FRUIT),
        web=["pear"],
        value="pear",
        words="Pear",
        sms_hint="Reply 1 Apple, 2 Pear, 3 Plum",
        sms_good=("2", "pear", "Pear!", "two"),
        sms_bad="banana",
        sms_error="Sorry, I didn't get that. Reply 1 Apple, 2 Pear, 3 Plum",
        voice_words="Press 1 for Apple. Press 2 for Pear. Press 3 for Plum.",
        digits="2",
        speech=None,
        speech_input=False,
        single_key=True,
    ),
    Case(
        YesNoNotSure(),
        web=["not_sure"],
        value="not_sure",
        words="Not sure",
        sms_hint="Reply YES, NO or NOT SURE",
        sms_good=("not sure", "dunno", "3", "🤷"),
        sms_bad="purple",
        sms_error="Sorry, I didn't get that. Reply YES, NO or NOT SURE",
        voice_words="Press 1 for Yes. Press 2 for No. Press 3 for Not sure.",
        digits="3",
        speech=None,
        speech_input=False,
        single_key=True,
    ),
    Case(
        MultipleChoice(FRUIT),
        web=["plum", "apple"],
        value=["apple", "plum"],
        words="Apple, Plum",
        sms_hint="Reply with the numbers that fit, e.g. 1,3: 1 Apple, 2 Pear, 3 Plum",
        sms_good=("1,3", "3 and 1", "apple & plum", "1 3 1"),
        sms_bad="1,9",
        sms_error="Sorry, I didn't get that. Reply with the numbers that fit",
        voice_words="Press the numbers for all that apply, then the hash key. 1 for Apple.",
        digits="13#",
        speech=None,
        speech_input=False,
        single_key=False,
    ),
    Case(
        Scale(ScaleSpec(1, 5, {1: "Awful", 5: "Great"}, positive_at_least=4)),
        web=["4"],
        value=4,
        words="4 out of 5",
        sms_hint="Reply 1 (awful) to 5 (great)",
        sms_good=("4", "four", "4/5", "🙂"),
        sms_bad="7",
        sms_error="Sorry, I didn't get that. Reply 1 (awful) to 5 (great)",
        voice_words="Press a number from 1 to 5, where 1 means awful and 5 means great.",
        digits="4",
        speech=None,
        speech_input=False,
        single_key=True,
    ),
    Case(
        FreeText(40),
        web=["My foster carer listens"],
        value="My foster carer listens",
        words="My foster carer listens",
        sms_hint="",  # required: a plain answer needs no instructions
        sms_good=("My foster carer listens", "  My foster carer listens \r\n"),
        sms_bad="x" * 41,
        sms_error="Your answer is too long – please keep it under 40 characters",
        voice_words="Please say your answer after this message, then stop talking.",
        digits=None,
        speech=" My foster carer listens ",
        speech_input=True,
        single_key=False,
    ),
]

CHANNELS = ["web", "sms", "voice", "words"]


def _question(kind: Kind, required: bool = True) -> Question:
    return Question(key="q", kind=kind.name, text="How was it?", handler=kind, required=required)


def test_every_kind_has_a_case() -> None:
    assert sorted(case.kind.name for case in CASES) == sorted(KINDS)


@pytest.fixture(scope="module")
def web_app() -> Flask:
    app = Flask(__name__)
    app.config.update(SECRET_KEY="test", WTF_CSRF_ENABLED=False)
    Babel(app)  # the forms' messages go through Flask-Babel (English here)
    return app


def _check_web(case: Case, web_app: Flask) -> None:
    question = _question(case.kind)
    spec = question.field_spec()
    assert spec.widget in FIELD_BUILDERS
    with web_app.test_request_context(method="POST"):
        form = question_form(question, formdata=MultiDict([("answer", v) for v in case.web]))
        assert form.validate(), form.errors
        assert form.parsed_answer() == case.value
        empty = question_form(question, formdata=MultiDict())
        assert not empty.validate()
        assert empty.errors["answer"][0] == spec.required_message
        # Left empty when optional: the kind's own "skipped" value is stored.
        optional = question_form(_question(case.kind, required=False), formdata=MultiDict())
        assert optional.validate(), optional.errors
        assert optional.parsed_answer() == case.kind.skipped_value


def _check_sms(case: Case) -> None:
    question = _question(case.kind)
    assert question.sms_hint() == case.sms_hint
    for reply in case.sms_good:
        assert question.parse_sms(reply) == case.value, reply
    with pytest.raises(AnswerError) as caught:
        question.parse_sms(case.sms_bad)
    assert str(caught.value).startswith(case.sms_error)
    # The web's wording means nothing in a text message.
    assert "answers shown" not in str(caught.value)
    with pytest.raises(AnswerError):
        question.parse_sms("")
    optional = _question(case.kind, required=False)
    assert optional.parse_sms("skip" if case.kind.own_words else "1") is not None


def _check_voice(case: Case) -> None:
    question = _question(case.kind)
    prompt = question.voice_prompt()
    assert prompt.startswith("How was it? ")
    assert case.voice_words in prompt
    listen = question.voice_input()
    assert (listen.speech, listen.single_key) == (case.speech_input, case.single_key)
    heard = question.voice_answer(case.digits, case.speech)
    assert question.parse_keypad(heard) == case.value
    if not listen.speech:
        with pytest.raises(AnswerError):
            question.parse_keypad("9")  # no ninth option, nor a 9 on this scale


def _check_words(case: Case) -> None:
    question = _question(case.kind)
    assert question.display(case.value) == case.words
    rng = random.Random(7)
    for _ in range(20):
        sample = question.sample_answer(rng, ["Example answer"])
        # Demo answers are real answers: the kind's own parser takes them unchanged.
        assert case.kind.parse(sample, required=False) == sample


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.kind.name)
def test_kind_on_channel(case: Case, channel: str, web_app: Flask) -> None:
    if channel == "web":
        _check_web(case, web_app)
    elif channel == "sms":
        _check_sms(case)
    elif channel == "voice":
        _check_voice(case)
    else:
        _check_words(case)


def test_optional_free_text_says_how_to_skip() -> None:
    optional = _question(FreeText(), required=False)
    assert optional.sms_hint() == "Or reply SKIP"
    assert optional.parse_sms("no thanks") == ""
    assert "stay quiet" in optional.voice_prompt()
    # Required, "no" is the answer itself.
    assert _question(FreeText()).parse_sms("no") == "no"


@pytest.mark.parametrize(("reply", "value"), [("🙁", 1), ("😐", 2), ("🙂 thanks", 3), ("3", 3)])
def test_three_face_scale_reads_its_own_faces(reply: str, value: int) -> None:
    # Was a bug: faces were read on the 1-5 scale, so 🙁 (sad, 1) was stored as 2 (OK).
    question = _question(Scale(ScaleSpec(1, 3, faces=True)))
    assert question.parse_sms(reply) == value


def test_faces_are_not_points_on_other_scales() -> None:
    # Was a bug: 😀 (5 on a 1-5 scale) was stored as 5 out of 10.
    question = _question(Scale(ScaleSpec(1, 10)))
    with pytest.raises(AnswerError):
        question.parse_sms("😀")
    assert question.parse_sms("7") == 7
