"""SMS prompts: plain GSM-7 characters and short enough for one text message."""

from __future__ import annotations

import pytest

from surveys import default_registry, gsm7_length
from surveys.sms import non_gsm7_characters


def test_gsm7_length() -> None:
    assert gsm7_length("Hello, how are you?") == 19
    assert gsm7_length("Cost €5 [a]") == 14  # extension characters count twice
    assert gsm7_length("café") == 4
    assert gsm7_length("naïve") is None
    assert gsm7_length("Emoji 😀") is None
    assert gsm7_length("It’s") is None
    assert gsm7_length("a – b") is None
    assert non_gsm7_characters("It’s 😀 “ok”") == ["’", "😀", "“", "”"]


def test_sms_checkin_is_short_and_sms_safe() -> None:
    checkin = default_registry().get("sms_checkin").resolve(None)
    assert 1 <= len(checkin.questions) <= 4
    kinds = {q.kind for q in checkin.questions}
    assert {"scale", "yes_no_not_sure", "free_text"} <= kinds
    for question in checkin.questions:
        assert question.sms_text, f"{question.key} has no sms_text"
        length = gsm7_length(question.sms_text)
        assert length is not None, (
            f"{question.key}: {non_gsm7_characters(question.sms_text)} are not GSM-7"
        )
        assert length <= 140


@pytest.mark.parametrize("key", default_registry().keys())
def test_every_shipped_sms_text_fits(key: str) -> None:
    definition = default_registry().get(key)
    for variant in list(definition.variants) or [None]:
        for question in definition.resolve(variant).questions:
            if question.sms_text is None:
                continue
            length = gsm7_length(question.sms_text)
            assert length is not None and length <= 120, (key, variant, question.key)
