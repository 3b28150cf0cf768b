"""Themes: the things an answer is about, as short normalised noun phrases.

Two passes, both offline (TextBlob's noun-phrase extractors need NLTK corpora; its Pattern
part-of-speech tagger does not):

1. The theme lexicon (`theme_lexicon.py`) merges synonyms and abbreviations, longest first:
   "SW", "socail worker" and "social workers" all become "social worker"; "contact" becomes
   "family time"; "PA" becomes "personal adviser".
2. Every other run of nouns, found by TextBlob's Pattern tagger over our own tokens, becomes a
   theme of at most two words with a singular head ("bank accounts" -> "bank account").
   Adjectives are dropped ("new school" -> "school"), as are vague nouns ("thing", "week").

Capitalised words the tagger calls proper nouns, and common first names, are never themes: a
theme must not name a child or a worker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Final

from .first_names import FIRST_NAMES
from .theme_lexicon import KEEP_AS_IS, STOP_NOUNS, THEMES
from .tokens import Token, normalise_tokens, tokenize

__all__ = ["rank_themes", "themes", "themes_of_tokens"]

_NOUN_TAGS: Final = frozenset({"NN", "NNS"})
_OBJECT_PRONOUNS: Final = frozenset({"me", "us", "you", "him", "her", "them", "it"})
_NAMES: Final = frozenset(name.lower() for name in FIRST_NAMES)
_PLAIN_WORD: Final = re.compile(r"^[a-z][a-z\-]*[a-z]$")
_APOSTROPHES: Final = re.compile(r"['\u2019]")


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def _build_index() -> dict[tuple[str, ...], str]:
    index: dict[tuple[str, ...], str] = {}
    for theme, variants in THEMES.items():
        for variant in variants:
            words = tuple(_APOSTROPHES.sub("", variant).split())
            index.setdefault(words, theme)
            index.setdefault((*words[:-1], _plural(words[-1])), theme)
    return index


_INDEX: Final = _build_index()
_LONGEST: Final = max(len(words) for words in _INDEX)
_STARTS: Final = frozenset(words[0] for words in _INDEX)


@lru_cache(maxsize=1)
def _tagger() -> Any:
    # TextBlob's Pattern tagger (what `PatternTagger` calls), fed our own tokens so that no
    # NLTK tokenizer is needed. Imported on first use: importing `analysis` stays light.
    from textblob.en import parser

    return parser


@lru_cache(maxsize=8192)
def _singular(word: str) -> str:
    if word in KEEP_AS_IS or not word.endswith("s") or word.endswith(("ss", "us", "is", "as")):
        return word
    if word.endswith("aches"):  # "headaches": TextBlob would give "headach"
        return word[:-1]
    from textblob.en.inflect import singularize

    return singularize(word)


def _lexicon_match(words: list[str], start: int) -> tuple[int, str] | None:
    """(length, theme) of the longest lexicon phrase starting at `start`, if any."""
    if words[start] not in _STARTS:
        return None
    for size in range(min(_LONGEST, len(words) - start), 0, -1):
        theme = _INDEX.get(tuple(words[start : start + size]))
        if theme is None:
            continue
        following = words[start + size] if start + size < len(words) else ""
        if theme == "family time" and size == 1 and following in _OBJECT_PRONOUNS:
            return None  # "contact me" is a verb, not family time
        return size, theme
    return None


def _keep_noun(word: str, typed: str) -> bool:
    return (
        len(word) > 2
        and _PLAIN_WORD.match(word) is not None
        and word not in STOP_NOUNS
        and word not in _NAMES
        and not typed[:1].isupper()  # a capitalised unknown word is a name or a place
    )


def themes_of_tokens(tokens: list[Token]) -> list[str]:
    """Themes of text already split by `tokens.normalise_tokens`, in order, without repeats."""
    words = [word for word, _typed in tokens]
    found: dict[str, None] = {}  # an ordered set
    taken = [False] * len(words)
    index = 0
    while index < len(words):
        match = _lexicon_match(words, index)
        if match is None:
            index += 1
            continue
        size, theme = match
        found[theme] = None
        for offset in range(size):
            taken[index + offset] = True
        index += size

    # Keep the typed capitals (the tagger reads them), but only where the word is unchanged.
    tag_input = [typed if typed.lower() == word else word for word, typed in tokens]
    tagged = _tagger().find_tags(tag_input) if tag_input else []
    run: list[str] = []
    for position, (word, typed) in enumerate(tokens):
        tag = tagged[position][1] if position < len(tagged) else ""
        if not taken[position] and tag in _NOUN_TAGS and _keep_noun(word, typed):
            run.append(word)
            continue
        if run:
            found[_phrase(run)] = None
            run = []
    if run:
        found[_phrase(run)] = None
    return list(found)


def _phrase(run: list[str]) -> str:
    head = _singular(run[-1])
    return f"{run[-2]} {head}" if len(run) > 1 else head


def themes(text: str) -> list[str]:
    """Normalised themes of one answer: "my SW never listens" -> ["social worker"]."""
    if not text or not text.strip():
        return []
    return themes_of_tokens(normalise_tokens(tokenize(text)))


def rank_themes(texts: Iterable[str]) -> list[tuple[str, int]]:
    """Themes across answers, most common first; each answer counts a theme once."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(themes(text))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
