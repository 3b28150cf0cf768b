"""The languages a survey can be answered in: each named in itself, with its writing direction.

Pure data. English is the source language: every survey is written in English first and the
other languages are translations of it (see `surveys.translations`). Codes are BCP 47 tags as
browsers send them in Accept-Language and as Twilio's voices use them.
"""

from __future__ import annotations

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
    # Twilio <Say language> and <Gather language> (speech) where Twilio has them; None means
    # the call falls back (see app.conversations.voice).
    say: str | None = None
    speech: str | None = None


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "English", "English", keywords=("english",), say="en-GB", speech="en-GB"),
        Language(
            "pl", "Polski", "Polish", keywords=("polski", "polish"), say="pl-PL", speech="pl-PL"
        ),
        Language(
            "ro", "Română", "Romanian", keywords=("romana", "romanian"), say="ro-RO", speech="ro-RO"
        ),
        Language(
            "ar",
            "العربية",
            "Arabic",
            "rtl",
            keywords=("العربية", "arabic", "arabi"),
            say="arb",
            speech="ar-EG",
        ),
        Language("ur", "اردو", "Urdu", "rtl", keywords=("اردو", "urdu")),
        Language("ps", "پښتو", "Pashto", "rtl", keywords=("پښتو", "pashto", "pukhto")),
        Language(
            "ckb",
            "کوردیی ناوەندی",
            "Kurdish (Sorani)",
            "rtl",
            keywords=("کوردی", "sorani", "kurdi", "kurdish"),
        ),
        Language("ti", "ትግርኛ", "Tigrinya", keywords=("ትግርኛ", "tigrinya", "tigrigna")),
        Language("sq", "Shqip", "Albanian", keywords=("shqip", "albanian")),
        Language("cy", "Cymraeg", "Welsh", keywords=("cymraeg", "welsh"), say="cy-GB"),
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
