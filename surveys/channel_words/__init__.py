"""The words people text or hear when answering by SMS or phone, per language, as data.

Each `<code>.yaml` here holds one language's reply words (yes, no, not sure, skip, numbers)
and the short phrasings the kinds put around a question ("Reply 1 to 5", "Press 2 for ...").
Replies are read with the language's words and English's together: a Polish texter who
answers "yes" is understood. A language without a file uses English's. Pure: no Flask.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from surveys.languages import SOURCE_LANGUAGE, language

FOLDER = Path(__file__).parent
PHRASES = (
    "reply_word",
    "sorry",
    "reply_options",
    "reply_yes_no",
    "reply_many",
    "reply_scale",
    "reply_scale_labelled",
    "reply_skip",
    "or_skip",
    "voice_press",
    "voice_many",
    "voice_many_option",
    "voice_scale",
    "voice_scale_labelled",
    "voice_speak",
    "voice_quiet",
    "voice_star",
)


@dataclass(frozen=True)
class ChannelWords:
    """One language's reply words (with English's merged in) and its phrasings."""

    language: str
    yes: frozenset[str]
    no: frozenset[str]
    not_sure: frozenset[str]
    skip: frozenset[str]
    # Asking to pass over any question (trauma-aware); "no" answers a choice, so not here.
    rather_not_say: frozenset[str]
    numbers: Mapping[str, int]
    and_words: frozenset[str]
    help: frozenset[str]
    phrases: Mapping[str, str]

    def say(self, phrase: str, **values: object) -> str:
        """A phrasing with its {placeholders} filled in."""
        return self.phrases[phrase].format(**values)


def _lower(words: object) -> frozenset[str]:
    return frozenset(str(word).strip().lower() for word in (words or ()))  # type: ignore[attr-defined]


def raw_words(code: str) -> dict:
    """One language's file as written, checked to name its language and hold every phrasing."""
    path = FOLDER / f"{code}.yaml"
    with path.open(encoding="utf-8") as file:
        raw = yaml.safe_load(file)
    if raw.get("language") != code:
        raise ValueError(f"{path.name} says language {raw.get('language')!r}")
    missing = [key for key in PHRASES if not raw.get(key)]
    if missing:
        raise ValueError(f"{path.name} lacks {', '.join(missing)}")
    return raw


def available() -> list[str]:
    """The languages with a file of their own."""
    return sorted(path.stem for path in FOLDER.glob("*.yaml"))


@functools.cache
def words_for(code: str | None = None) -> ChannelWords:
    """The channel words for a language code (region subtags ignored); English's otherwise."""
    chosen = language(code).code
    english = raw_words(SOURCE_LANGUAGE)
    own = raw_words(chosen) if chosen in available() else english

    def merged(key: str) -> frozenset[str]:
        return _lower(own.get(key)) | _lower(english.get(key))

    numbers = {str(k).lower(): int(v) for k, v in english["numbers"].items()}
    numbers.update({str(k).lower(): int(v) for k, v in (own.get("numbers") or {}).items()})
    # A word that is "no" in this language is never "yes" because English says so, nor the
    # other way round (Romanian "da" is yes; English has no such word, but others may).
    return ChannelWords(
        language=chosen,
        yes=merged("yes") - _lower(own.get("no")),
        no=merged("no") - _lower(own.get("yes")),
        not_sure=merged("not_sure"),
        skip=merged("skip"),
        rather_not_say=merged("rather_not_say"),
        numbers=MappingProxyType(numbers),
        and_words=merged("and"),
        help=merged("help"),
        phrases=MappingProxyType({key: str(own[key]) for key in PHRASES}),
    )


@functools.cache
def help_words() -> Mapping[str, str]:
    """Every language's words asking for help, each with its language (English's first)."""
    found: dict[str, str] = {}
    for code in [SOURCE_LANGUAGE, *available()]:
        for word in _lower(raw_words(code).get("help")):
            found.setdefault(word, code)
    return MappingProxyType(found)
