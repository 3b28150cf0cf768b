"""The context model's features: hashed word and character n-grams, shared by training and use.

One function turns a text into sparse features, so the weights are always read with the same
features they were trained on. No vocabulary is shipped: every n-gram is hashed with CRC-32
(`zlib.crc32`, stable across runs and machines, unlike Python's `hash`) into `N_BUCKETS`.

* words (lower-cased, apostrophes dropped so "don't" and "dont" meet, runs of a letter cut to
  two so "sooo" and "soo" meet): unigrams and bigrams, so "nobody hurts" differs from "hurts";
  and each word inside a negation's scope (after "not", "nobody", "never"... up to the next
  punctuation or "but") once more as a negated word, so the model can learn that "nobody ...
  hits me" is not "he hits me" without forgetting that "i dont want to live" is a disclosure;
* characters: byte 2-5-grams inside each word padded with spaces, like scikit-learn's
  `char_wb`, which reads misspelling, text-speak, missing spaces and emoji.

Each block marks which buckets are present (counts did no better in grouped cross-validation,
AUC 0.9075 against 0.9074, and cost more) and is scaled to unit length on its own, so a long
answer does not outweigh a short one and the many character n-grams do not drown the words.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

__all__ = [
    "BLOCKS",
    "CHAR_RANGE",
    "N_BUCKETS",
    "Features",
    "Token",
    "blocks",
    "features",
    "normalise",
    "tokens",
]

N_BUCKETS: Final = 1 << 18
CHAR_RANGE: Final = (2, 5)
BLOCKS: Final = ("word", "char")

# A sparse vector: bucket -> value. One per block, each of unit length.
Features = dict[int, float]
# One word's buckets: (word unigram, bigram and negated forms), (its character n-grams).
Token = tuple[tuple[int, ...], tuple[int, ...]]

_MASK: Final = N_BUCKETS - 1
_STRETCHED: Final = re.compile(r"(.)\1{2,}")
_APOSTROPHES: Final = re.compile(r"['’‘`]")
# Words, single symbols outside ASCII (emoji), and the marks that end a negation's scope.
_TOKEN: Final = re.compile(r"[^\W_]+|[^\w\s\x00-\x7f]|[.,;:!?]")
_SCOPE_END: Final = frozenset(".,;:!?") | {"but", "though", "although", "except", "until"}
# fmt: off
_NEGATIONS: Final = frozenset({
    "not", "no", "never", "nobody", "noone", "nothing", "nowhere", "none", "neither", "nor",
    "without", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "cant", "cannot",
    "couldnt", "wont", "wouldnt", "havent", "hasnt", "hadnt", "aint", "shouldnt",
})
# fmt: on


def normalise(text: str) -> str:
    """Lower case, compatibility forms folded, apostrophes dropped, stretched letters cut to 2."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _APOSTROPHES.sub("", text)
    return _STRETCHED.sub(r"\1\1", text)


def _unit(buckets: set[int]) -> Features:
    return dict.fromkeys(buckets, 1.0 / math.sqrt(len(buckets))) if buckets else {}


def _bucket(gram: bytes) -> int:
    return zlib.crc32(gram) & _MASK


@lru_cache(maxsize=16384)
def _char_buckets(token: str) -> tuple[int, ...]:
    """The buckets of one word's character n-grams (cached: words repeat across answers)."""
    padded = b" " + token.encode("utf-8") + b" "
    size = len(padded)
    low, high = CHAR_RANGE
    return tuple(
        _bucket(padded[start : start + n])
        for n in range(low, min(high, size) + 1)
        for start in range(size - n + 1)
    )


def tokens(text: str) -> list[Token]:
    """Each word's buckets, read in its context (the word before it, a negation's scope)."""
    result: list[Token] = []
    previous = ""
    negated = False
    for token in _TOKEN.findall(normalise(text)):
        if token in _SCOPE_END:
            negated = False
            previous = ""
            continue
        words = [_bucket(f"w {token}".encode())]
        if previous:
            words.append(_bucket(f"b {previous} {token}".encode()))
        if negated:
            words.append(_bucket(f"n {token}".encode()))
        if token in _NEGATIONS:
            negated = True
        previous = token
        result.append((tuple(words), _char_buckets(token)))
    return result


def blocks(run: Sequence[Token]) -> tuple[set[int], set[int]]:
    """The word and character buckets present in a run of tokens."""
    words: set[int] = set()
    chars: set[int] = set()
    for word_buckets, char_buckets in run:
        words.update(word_buckets)
        chars.update(char_buckets)
    return words, chars


def features(text: str) -> tuple[Features, Features]:
    """The (word, char) feature blocks of `text`, each of unit length; empty with no words."""
    words, chars = blocks(tokens(text))
    return _unit(words), _unit(chars)
