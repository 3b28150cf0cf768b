"""The languages a survey can be answered in: each named in itself, with its writing direction.

Pure data. English is the source language: every survey is written in English first and the
other languages are translations of it (see `surveys.translations`). Codes are BCP 47 tags as
browsers send them in Accept-Language and as Twilio's voices use them.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str
    own_name: str  # what a speaker calls it: the language link shows this, never the English
    english_name: str
    direction: Literal["ltr", "rtl"] = "ltr"
    # Words a texter may send to switch to this language (matched case- and accent-insensitively).
    keywords: tuple[str, ...] = ()
    # Twilio <Say voice language> (an Amazon Polly voice Twilio offers) and <Gather language>
    # for speech, where Twilio has them; None means the call falls back (see
    # app.conversations.voice). English's voice is the app's VOICE_NAME setting.
    say: str | None = None
    speech: str | None = None
    voice: str | None = None


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language(
            "en",
            "English",
            "English",
            keywords=("english",),
            say="en-GB",
            speech="en-GB",
            voice="Polly.Amy",
        ),
        Language(
            "pl",
            "Polski",
            "Polish",
            keywords=("polski", "polish", "po polsku"),
            say="pl-PL",
            speech="pl-PL",
            voice="Polly.Ewa",
        ),
        Language(
            "ro",
            "Română",
            "Romanian",
            keywords=("romana", "romanian", "limba romana"),
            say="ro-RO",
            speech="ro-RO",
            voice="Polly.Carmen",
        ),
        Language(
            "ar",
            "العربية",
            "Arabic",
            "rtl",
            keywords=("العربية", "عربي", "عربى", "arabic", "arabi"),
            say="arb",  # Polly's Modern Standard Arabic
            speech="ar-EG",
            voice="Polly.Zeina",
        ),
        Language("ur", "اردو", "Urdu", "rtl", keywords=("اردو", "urdu", "urdoo")),
        Language("ps", "پښتو", "Pashto", "rtl", keywords=("پښتو", "pashto", "pukhto")),
        Language(
            "ckb",
            "کوردیی ناوەندی",
            "Kurdish (Sorani)",
            "rtl",
            keywords=("کوردی", "سۆرانی", "sorani", "kurdi", "kurdish"),
        ),
        Language("ti", "ትግርኛ", "Tigrinya", keywords=("ትግርኛ", "tigrinya", "tigrigna")),
        Language("sq", "Shqip", "Albanian", keywords=("shqip", "shqipe", "albanian")),
        # Welsh has a Polly voice but no speech recognition we can rely on: keypad only.
        Language(
            "cy",
            "Cymraeg",
            "Welsh",
            keywords=("cymraeg", "welsh"),
            say="cy-GB",
            voice="Polly.Gwyneth",
        ),
    )
}


def language(code: str | None) -> Language:
    """The language for a code (region subtags ignored: 'pl-PL' is Polish); English otherwise."""
    if code:
        code = code.strip().replace("_", "-").lower()
        if code in LANGUAGES:
            return LANGUAGES[code]
        primary = code.split("-", 1)[0]
        if primary in LANGUAGES:
            return LANGUAGES[primary]
    return LANGUAGES[SOURCE_LANGUAGE]


def is_supported(code: str | None) -> bool:
    """Whether a survey can be offered in this language (English always can)."""
    if not code:
        return False
    code = code.strip().replace("_", "-").lower()
    return code in LANGUAGES or code.split("-", 1)[0] in LANGUAGES


def offered_code(code: str | None, offered: Iterable[str]) -> str | None:
    """`code` as its language's canonical code ('pl-PL' is 'pl') when it names a language we
    support that is `offered` (English always is), else None. The one rule for every choice
    of language: a web visitor's, an invited respondent's preferred one, a texter's."""
    if not is_supported(code):
        return None
    canonical = language(code).code
    return canonical if canonical == SOURCE_LANGUAGE or canonical in set(offered) else None


def _plain(text: str) -> str:
    """Case, accents, Arabic vowel marks and punctuation away: "Română!" reads as "romana"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    kept = "".join(c if (c.isalnum() or c.isspace()) else " " for c in kept)
    return " ".join(kept.split())


@functools.cache
def _names() -> dict[str, Language]:
    names: dict[str, Language] = {}
    for each in LANGUAGES.values():
        for name in (each.own_name, each.english_name, each.code, *each.keywords):
            names.setdefault(_plain(name), each)
    names.pop(_plain("en"), None)  # codes are for links, not texts; "en" alone is no request
    return {name: each for name, each in names.items() if len(name) > 2 or not name.isascii()}


# Longer than any language's name, with room for spaces, punctuation and emoji around it.
_LONGEST_REQUEST = 60


def named(text: str) -> Language | None:
    """The language a text names and nothing more ("polski", "Polish", "Cymraeg", "عربي"), or
    None: a text with any other words in it is not a request to switch."""
    if len(text) > _LONGEST_REQUEST:  # every text is asked this: skip reading long ones
        return None
    plain = _plain(text)
    return _names().get(plain) if plain else None
