"""Forgiving reading of replies typed in a text message or pressed on a keypad: the words,
numbers and faces people actually send, matched to a question's options."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from surveys.channel_words import ChannelWords, words_for
from surveys.languages import SOURCE_LANGUAGE

if TYPE_CHECKING:
    from surveys.kinds import Option

# English's words, for callers that know them by these names; each language's are in
# surveys/channel_words (a reply is read with its language's words and English's together).
_ENGLISH = words_for(SOURCE_LANGUAGE)
YES_WORDS = _ENGLISH.yes
NO_WORDS = _ENGLISH.no
NOT_SURE_WORDS = _ENGLISH.not_sure
SKIP_WORDS = _ENGLISH.skip
NUMBER_WORDS = dict(_ENGLISH.numbers)
# Faces a child may send instead of a number on a 1-5 feelings scale.
FACE_POINTS = {
    "😢": 1,
    "😭": 1,
    "😞": 2,
    "🙁": 2,
    "☹️": 2,
    "😐": 3,
    "😶": 3,
    "🙂": 4,
    "😊": 4,
    "😀": 5,
    "😁": 5,
    "😃": 5,
    "😄": 5,
    "🥰": 5,
}

_CLEAN_SPACE = re.compile(r"\s+")


def normalise(reply: str) -> str:
    """Lower case, single spaces, no trailing punctuation: "Yes!" and " yes" read alike."""
    text = _CLEAN_SPACE.sub(" ", reply.strip().lower())
    return text.strip(" .!,;:\"'")


def number(text: str, words: ChannelWords = _ENGLISH) -> int | None:
    """A number typed as digits or a word; "4", "four", "cztery", "4/5" and "4 please" are 4."""
    if text.isdecimal():  # Arabic-Indic digits too ("٣" is 3), as Arabic-script phones type
        return int(text)
    if text in words.numbers:
        return words.numbers[text]
    match = re.fullmatch(r"(\d+)\s*(?:/\s*\d+)?(?:\s+\w+)?", text)  # "4", "4/5", "4 please"
    return int(match.group(1)) if match else None


def face_point(reply: str) -> int | None:
    """The point of the first face in a reply, on a 1-5 feelings scale."""
    return next((point for char, point in FACE_POINTS.items() if char in reply), None)


def match_option(
    options: Sequence[Option], text: str, words: ChannelWords = _ENGLISH
) -> str | None:
    """The option a normalised reply names, by its number in the list, value or label."""
    chosen = number(text, words)
    if chosen is not None and 1 <= chosen <= len(options):
        return options[chosen - 1].value
    for option in options:
        if text in (option.value.replace("_", " "), option.label.lower()):
            return option.value
    return None
