"""Reply words per language (surveys/channel_words): complete, consistent and used by the
kinds' text and keypad reading and their hints."""

from __future__ import annotations

import re
import string

import pytest

from surveys.channel_words import PHRASES, available, raw_words, words_for
from surveys.errors import AnswerError
from surveys.kinds import FreeText, MultipleChoice, Option, Scale, ScaleSpec, YesNoNotSure
from surveys.languages import LANGUAGES, named

FIELDS = re.compile(r"{(\w+)}")


def test_every_language_has_a_file_with_every_phrase_and_the_same_placeholders():
    assert set(available()) == set(LANGUAGES)
    english = raw_words("en")
    for code in available():
        own = raw_words(code)
        for phrase in PHRASES:
            placeholders = {f[1] for f in string.Formatter().parse(own[phrase]) if f[1]}
            assert placeholders == set(FIELDS.findall(english[phrase])), (code, phrase)
        assert own["numbers"], code


@pytest.mark.parametrize(
    ("code", "reply", "value"),
    [
        ("pl", "tak", "yes"),
        ("pl", "Nie", "no"),
        ("pl", "nie wiem", "not_sure"),
        ("ro", "da", "yes"),
        ("ro", "nu stiu", "not_sure"),
        ("cy", "ie", "yes"),
        ("sq", "jo", "no"),
        ("ar", "نعم", "yes"),
        ("ur", "نہیں", "no"),
        ("pl", "yes", "yes"),  # English words are understood in any language
    ],
)
def test_yes_no_not_sure_in_each_language(code, reply, value):
    assert YesNoNotSure().parse_sms(reply, language=code) == value


def test_a_word_is_yes_or_no_in_one_language_never_both():
    for code in available():
        words = words_for(code)
        assert not words.yes & words.no, code


def test_numbers_skip_and_lists_in_other_languages():
    scale = Scale(spec=ScaleSpec(1, 5))
    assert scale.parse_sms("cztery", language="pl") == 4
    assert scale.parse_sms("trei", language="ro") == 3
    assert scale.parse_sms("٥", language="ar") == 5  # Arabic-Indic digit
    assert scale.parse_keypad("2#", language="cy") == 2
    with pytest.raises(
        AnswerError, match="^Przepraszam, nie rozumiem. Odpowiedz liczbą od 1 do 5$"
    ):
        scale.parse_sms("banan", language="pl")
    optional = FreeText()
    assert optional.parse_sms("pomiń", required=False, language="pl") == ""
    assert optional.parse_sms("pomiń", required=True, language="pl") == "pomiń"
    options = tuple(Option(v, v.title()) for v in ("apple", "pear", "plum"))
    assert MultipleChoice(options=options).parse_sms("1 i 3", language="pl") == ["apple", "plum"]


def test_hints_and_voice_prompts_are_in_the_language():
    scale = Scale(spec=ScaleSpec(1, 5, labels={1: "Wcale", 5: "Bardzo"}))
    assert scale.sms_hint(language="pl") == "Odpowiedz od 1 (wcale) do 5 (bardzo)"
    assert "Naciśnij liczbę od 1 do 5" in scale.voice_prompt("Jak?", language="pl")
    assert YesNoNotSure().sms_hint(language="ro") == "Raspunde DA, NU sau NU STIU"
    assert FreeText().sms_hint(required=False, language="cy") == "Neu atebwch HEPGOR"
    assert YesNoNotSure().sms_hint() == "Reply YES, NO or NOT SURE"  # English by default


@pytest.mark.parametrize(
    ("text", "code"),
    [("polski", "pl"), ("Polish", "pl"), ("CYMRAEG!", "cy"), ("عربي", "ar"), ("Română", "ro")],
)
def test_a_language_is_named_by_its_own_name_or_keyword_alone(text, code):
    assert named(text).code == code


@pytest.mark.parametrize("text", ["polski please", "I speak polish", "pl", "en", "", "tak"])
def test_anything_more_or_less_than_a_name_names_no_language(text):
    assert named(text) is None
