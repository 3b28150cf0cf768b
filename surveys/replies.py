"""Forgiving reading of replies typed in a text message or pressed on a keypad: the words,
numbers and faces people actually send, matched to a question's options."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from surveys.kinds import Option

YES_WORDS = frozenset(
    [
        "y",
        "yes",
        "yeah",
        "yea",
        "yep",
        "yup",
        "ya",
        "ye",
        "yh",
        "aye",
        "sure",
        "ok",
        "okay",
        "definitely",
        "deffo",
        "defo",
        "course",
        "👍",
        "✅",
    ]
)
NO_WORDS = frozenset(["n", "no", "nah", "nope", "na", "naw", "not", "never", "👎", "❌"])
NOT_SURE_WORDS = frozenset(
    [
        "not sure",
        "notsure",
        "unsure",
        "dunno",
        "idk",
        "dont know",
        "don't know",
        "do not know",
        "maybe",
        "ns",
        "?",
        "not really sure",
        "no idea",
        "🤷",
    ]
)
SKIP_WORDS = frozenset(
    [
        "skip",
        "no",
        "nope",
        "nah",
        "nothing",
        "none",
        "n/a",
        "na",
        "no thanks",
        "no thank you",
        "not really",
        "nothing else",
        "pass",
    ]
)
# Asking to pass over a question, on any kind (issue 16: trauma-aware). Only clear requests:
# "no" or "none" answer a choice question, so they are not here.
RATHER_NOT_SAY_WORDS = frozenset(
    [
        "skip",
        "pass",
        "rather not say",
        "id rather not say",
        "i'd rather not say",
        "i’d rather not say",
        "i would rather not say",
        "rather not",
        "prefer not to say",
        "i prefer not to say",
        "*",
    ]
)
NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
}
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


def number(text: str) -> int | None:
    """A number typed as digits or a word; "4", "four", "4/5" and "4 please" are all 4."""
    if text.isdigit():
        return int(text)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    match = re.fullmatch(r"(\d+)\s*(?:/\s*\d+)?(?:\s+\w+)?", text)  # "4", "4/5", "4 please"
    return int(match.group(1)) if match else None


def face_point(reply: str) -> int | None:
    """The point of the first face in a reply, on a 1-5 feelings scale."""
    return next((point for char, point in FACE_POINTS.items() if char in reply), None)


def match_option(options: Sequence[Option], text: str) -> str | None:
    """The option a normalised reply names, by its number in the list, value or label."""
    chosen = number(text)
    if chosen is not None and 1 <= chosen <= len(options):
        return options[chosen - 1].value
    for option in options:
        if text in (option.value.replace("_", " "), option.label.lower()):
            return option.value
    return None
