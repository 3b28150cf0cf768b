"""How a name looks in an answer and where a word stands, for `redaction_names`: the shapes of
words and Capitalised words (with the accented capitals of the names of families here), and
small tests of position (the word before, the start of a sentence, whether capitals mean
anything in this answer).
"""

from __future__ import annotations

import re
from typing import Final

from .names_data import fold

__all__ = [
    "CAPITALISED",
    "LAST_WORD",
    "LETTERS",
    "NAME_WORD",
    "TOKEN",
    "UPPER",
    "capitals_mean_something",
    "key",
    "possessive_end",
    "previous_word",
    "sentence_start",
]

LETTERS = r"[^\W\d_]+"
NAME_WORD = rf"{LETTERS}(?:['\u2019\-]{LETTERS})*"
# Capital letters, with the accented ones of Irish, Polish, Romanian and Vietnamese names.
UPPER = (
    r"[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100\u0102\u0104\u0106\u010c\u0110\u0141\u015a"
    r"\u0160\u0218\u021a\u017b\u017d]"
)
CAPITALISED = (
    rf"(?-i:{UPPER}(?:[^\W\d_A-Z]+|(?=['\u2019]{UPPER}))"
    rf"(?:[\-\u2010'\u2019]{UPPER}?[^\W\d_A-Z]+)*)"
)

LAST_WORD: Final = re.compile(r"([^\W\d_]+)\W*$")

TOKEN: Final = re.compile(rf"{NAME_WORD}")


def key(word: str) -> str:
    return word.lower() if word.isascii() else fold(word)


def possessive_end(text: str, start: int, end: int) -> int:
    """End a name before a trailing 's: "Sarah's" -> "[name]'s"."""
    word = text[start:end]
    if len(word) > 2 and word[-2] in "'\u2019" and word[-1] in "sS":
        return end - 2
    return end


def previous_word(text: str, start: int) -> str:
    match = LAST_WORD.search(text, max(0, start - 40), start)
    return match.group(1).lower() if match else ""


def sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in '.!?\n:;"(\u201c'


_I_FORMS: Final = frozenset(
    ["I", "I'm", "I\u2019m", "I've", "I\u2019ve", "I'll", "I'd", "Im", "Ive"]
)


def capitals_mean_something(text: str) -> bool:
    """False for all lower case, ALL CAPITALS, or Every Word Capitalised."""
    if text == text.lower() or text == text.upper():
        return False
    tokens = TOKEN.findall(text)
    if len(tokens) < 4:
        return True
    # "I" and "I'm" are capitalised in any answer: they say nothing about the other words.
    capitalised = sum(1 for token in tokens if token[0].isupper() and token not in _I_FORMS)
    return capitalised / len(tokens) < 0.6
