"""Forgiving replies by text and keypad, and prompts that fit one text message."""

from __future__ import annotations

import pytest

from surveys import AnswerError, default_registry
from surveys.sms import (
    gsm7_length,
    parse_keypad,
    parse_reply,
    sms_prompt,
    sms_segments,
    voice_prompt,
)

PARENT = default_registry().get("parent_feedback").resolve(None)
YOUNGER = default_registry().get("pledge").resolve("younger")
YES_NO = PARENT.question("q2_worker_clear")
CHOICE = PARENT.question("q1_views_taken_into_account")
FACES = YOUNGER.questions[0]


@pytest.mark.parametrize(
    ("reply", "value"),
    [
        ("y", "yes"),
        ("Yes!", "yes"),
        ("yeah", "yes"),
        ("YEP", "yes"),
        ("👍", "yes"),
        ("n", "no"),
        ("nah", "no"),
        ("No.", "no"),
        ("👎", "no"),
        ("not sure", "not_sure"),
        ("dunno", "not_sure"),
        ("idk", "not_sure"),
        ("1", "yes"),
        ("2", "no"),
        ("3", "not_sure"),
    ],
)
def test_yes_no_not_sure_is_forgiving(reply, value):
    assert parse_reply(YES_NO, reply) == value


@pytest.mark.parametrize(
    ("reply", "value"),
    [("3", 3), ("three", 3), (" 5 ", 5), ("😀", 5), ("😢", 1), ("4/5", 4), ("one", 1)],
)
def test_scale_reads_numbers_words_and_faces(reply, value):
    assert parse_reply(FACES, reply) == value


@pytest.mark.parametrize("reply", ["", "banana", "7", "0", "-1", "🤖"])
def test_unreadable_scale_reply_gets_a_kind_hint(reply):
    with pytest.raises(AnswerError, match="Sorry, I didn't get that. Reply"):
        parse_reply(FACES, reply)


def test_choices_by_number_or_word():
    assert parse_reply(CHOICE, "2") == "sometimes"
    assert parse_reply(CHOICE, "Always") == "always"
    assert parse_keypad(CHOICE, "3#") == "never"


def test_multiple_choice_numbers_and_free_text_kept_whole():
    conference = default_registry().get("yp_conference_feedback").resolve(None)
    multi = next(q for q in conference.questions if q.kind == "multiple_choice")
    first, third = multi.options[0].value, multi.options[2].value
    assert parse_reply(multi, "1, 3") == [first, third]
    assert parse_reply(multi, "1 and 3") == [first, third]
    assert parse_keypad(multi, "13#") == [first, third]
    free = next(q for q in YOUNGER.questions if q.kind == "free_text")
    long_text = "word " * 300
    assert parse_reply(free, long_text) == long_text.strip()
    assert parse_reply(free, "nothing") == ""


def test_every_shipped_prompt_fits_gsm7_and_one_segment_where_it_can():
    too_long = []
    for definition in default_registry().latest_versions():
        for variant in list(definition.variants) or [None]:
            survey = definition.resolve(variant)
            total = len(survey.questions)
            for n, question in enumerate(survey.questions, 1):
                prompt = sms_prompt(question, n, total)
                assert gsm7_length(prompt) is not None, prompt  # never falls back to UCS-2
                if sms_segments(prompt) > 1:
                    too_long.append((definition.key, question.key, sms_segments(prompt)))
                assert voice_prompt(question)
    # Only multiple-choice lists of long options need a second segment, never a third.
    assert all(segments == 2 for _key, _q, segments in too_long), too_long
    assert {q for _k, q, _s in too_long} <= {
        q.key
        for d in default_registry().latest_versions()
        for q in d.resolve(next(iter(d.variants), None)).questions
        if q.kind == "multiple_choice"
    }


def test_segment_counting_gsm7_and_ucs2():
    assert sms_segments("a" * 160) == 1
    assert sms_segments("a" * 161) == 2
    assert sms_segments("😀" * 35) == 1  # 70 UTF-16 units
    assert sms_segments("é" + "😀" * 35) == 2
