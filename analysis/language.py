"""Which language an answer is written in, offline: `identify(text)` -> ISO 639 code or None.

None means English, or too little to tell. A code means a person who reads that language should
read the answer (safeguarding puts it in the `today` queue at least), and no themes are drawn.

Why py3langid (BSD-3-Clause, ships its naive Bayes model, a 4.5 MB file, inside the wheel):
measured on this machine against lingua-language-detector 2.1.1 (Apache-2.0; 2.2.0 was not on
the registry mirror) over 67 short answers written for nine target languages and the 465 English
answers of voice_eval/voice_holdout plus 20 text-speak replies:

    py3langid   0.11 ms an answer, 4.5 MB model, 137 MiB peak RSS with numpy, 49/67 right
    lingua      13 ms an answer (lazy models), 96 MB installed, 909 MiB peak RSS, 46/67 right

Both took 33 of 485 English answers for another language when asked bare ("idk lol" -> "vo",
"no comment" -> "it"/"fr"), and neither knows Sorani, Tigrinya or Roman Urdu. So the model is
only the last step, behind gates that decide most answers without it:

1. Script. Answers written mostly in Arabic or Ethiopic letters are told apart by letters only
   some languages use (Sorani, Pashto, Urdu, Persian, Arabic; Tigrinya, Amharic). Other
   non-Latin scripts go to the model over all its languages.
2. English words. A Latin-script answer whose words are mostly English (TextBlob's spelling
   list plus text speak) is English, whatever its length, unless it holds a letter English
   never uses (ą, ș, ë, đ, ŵ...).
3. Too short. Under `MIN_LETTERS` letters with no letter English never uses, say nothing.
4. Marker words. Roman Urdu, and Vietnamese, Polish, Romanian, Albanian or Welsh typed
   without accents, which the model misses on short answers, are known by a few common words
   (`language_markers.py`), checked before the English share.
5. The model, restricted to `LATIN_LANGUAGES`, and only when at least `MIN_CONFIDENCE` sure.

Measured with these gates: 0 of 485 English answers taken for another language, 66 of 67 short
foreign answers labelled right (see tests/analysis/test_language.py).
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from .language_markers import MARKERS
from .safeguarding_rules import TEXT_SPEAK

__all__ = ["identify"]

# Latin-script languages the model may answer with: English, the languages of the largest
# groups of children in care and parents in England, and their near neighbours (so that a
# Croatian-looking Polish answer is not forced to English). Restricting the model this way
# stops text speak being read as Volapük or Pidgin.
LATIN_LANGUAGES: Final = (
    "en",
    "pl",
    "ro",
    "sq",
    "vi",
    "cy",
    "ku",
    "so",
    "tr",
    "lt",
    "lv",
    "sk",
    "cs",
    "hu",
    "hr",
    "sl",
    "pt",
    "es",
    "fr",
    "it",
    "de",
    "nl",
    "ga",
)
MIN_LETTERS: Final = 12
MIN_CONFIDENCE: Final = 0.9
# Share of an answer's words that must be English for it to count as English.
ENGLISH_SHARE: Final = 0.5

_WORD: Final = re.compile(r"[^\W\d_]+")
# Letters English never uses: one is enough to stop "too short to tell".
_FOREIGN_LETTER: Final = re.compile(r"[ąćęłńśźżăâîșşțţëçđơưŵŷ]|[\u1ea0-\u1ef9]")
# Whose such a letter most likely is, when the model is unsure ("złamany palec na treningu").
_LETTER_LANGUAGE: Final = {
    **dict.fromkeys("ąćęłńśźż", "pl"),
    **dict.fromkeys("ăâîșşțţ", "ro"),
    **dict.fromkeys("ëç", "sq"),
    **dict.fromkeys("đơư", "vi"),
    **{chr(code): "vi" for code in range(0x1EA0, 0x1EFA)},
    **dict.fromkeys("ŵŷ", "cy"),
}
# Letters of Arabic or Ethiopic script that outweigh the Latin ones in an answer (a quarter of
# its letters or more, at least this many) decide its language.
_SCRIPT_LETTERS: Final = 4
# Short words count as English only when they are common English or text speak: TextBlob's
# list also holds "la", "pe", "ca", "ma", "em", which Romanian, Vietnamese or Arabizi use, so
# an answer in those languages read as half English. Measured on the 820 English answers of
# voice_eval, voice_holdout and the dev split: none taken for another language, before or after.
_SHORT_ENGLISH: Final = frozenset(
    ("i", "a", "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "im", "in")
    + ("is", "it", "me", "my", "no", "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we")
    + ("ya", "ye", "yo", "ur", "id", "tv", "pe", "pa", "sw", "mr", "ms", "dr", "gp", "xx", "ta")
)

# Arabic-script languages, told apart by letters the others do not use (checked in this order).
_ARABIC_SCRIPT: Final[tuple[tuple[str, str], ...]] = (
    ("ckb", "\u06ce\u06c6\u06b5\u0695\u06d5\u06a4"),  # ێ ۆ ڵ ڕ ە ڤ
    ("ps", "\u067c\u0689\u0693\u0696\u069a\u0681\u0685\u06cd\u06ab\u06bc"),  # ټ ډ ړ ږ ښ ځ څ ۍ ګ ڼ
    ("ur", "\u06d2\u06ba\u0679\u0688\u0691\u06c1\u06be"),  # ے ں ٹ ڈ ڑ ہ ھ
    ("fa", "\u067e\u0686\u0698\u06af\u06cc\u06a9"),  # پ چ ژ گ ی ک
)
# Amharic's first-person endings; otherwise Ethiopic script is read as Tigrinya, the language
# of the largest group of unaccompanied children in care who write it.
_AMHARIC: Final = re.compile("\u1208\u1201|\u1290\u129d|\u12a7")  # ለሁ ነኝ ኧ


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF:
        return "ethiopic"
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    return "other"


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """TextBlob's English spelling list (Gutenberg, Wiktionary and BNC frequency words) and
    the text speak the rules already expand. Read from the installed package without
    importing it, so this stays cheap."""
    spec = importlib.util.find_spec("textblob")
    words: set[str] = set(TEXT_SPEAK)
    words.update(
        ("lol", "lmao", "omg", "tbh", "ty", "thx", "pls", "plz", "yeah", "yh", "ye", "nah")
    )
    words.update(("idk", "idc", "brb", "ffs", "smh", "ngl", "fr", "rn", "bc", "kk", "hmm"))
    if spec and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-spelling.txt"
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.startswith(";"):
                    word = line.split(" ", 1)[0].strip().lower()
                    if len(word) > 2 or word in _SHORT_ENGLISH:
                        words.add(word)
    return frozenset(words)


@lru_cache(maxsize=2)
def _identifier(latin_only: bool) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415 - 0.9 s to load

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if latin_only:
        identifier.set_languages(LATIN_LANGUAGES)
    return identifier


def _arabic_script(text: str) -> str:
    for language, letters in _ARABIC_SCRIPT:
        if any(letter in text for letter in letters):
            return language
    return "ar"


# Marker word -> the languages it marks, so an answer's words are looked up once each.
_MARKED_BY: Final[dict[str, tuple[str, ...]]] = {}
for _language, _markers in MARKERS.items():
    for _word in _markers:
        _MARKED_BY[_word] = (*_MARKED_BY.get(_word, ()), _language)


def _by_markers(words: list[str], english: frozenset[str]) -> str | None:
    """The language with the most marker words, when there are two or more of them and they
    outnumber the answer's other English words."""
    counts: dict[str, int] = {}
    unmarked_english = 0
    for word in words:
        languages = _MARKED_BY.get(word)
        if languages is None:
            unmarked_english += word in english
            continue
        for language in languages:
            counts[language] = counts.get(language, 0) + 1
    best, most = None, 1
    for language, count in counts.items():
        # A marker that is also English counts as English for the other languages.
        others = (
            unmarked_english
            + sum(
                1 for word in words if word in english and language not in _MARKED_BY.get(word, ())
            )
            - sum(1 for word in words if word in english and word not in _MARKED_BY)
        )
        if count > most and count > others:
            best, most = language, count
    return best


def identify(text: str) -> str | None:
    """The answer's language as an ISO 639 code, or None for English or too little to tell."""
    if text.isascii():
        letters = [ch for ch in text if ch.isalpha()]
        lowered = text.lower()
    else:
        lowered = unicodedata.normalize("NFC", text).lower()
        letters = [ch for ch in lowered if ch.isalpha()]
        scripts: dict[str, int] = {}
        for ch in letters:
            script = _script(ch)
            scripts[script] = scripts.get(script, 0) + 1
        main = max(scripts, key=scripts.__getitem__) if scripts else "latin"
        # A few words of Arabic or Ethiopic script beside an English name ("ኣብ Northfield
        # College ...") still need a reader of that language.
        for script in ("arabic", "ethiopic"):
            if scripts.get(script, 0) >= _SCRIPT_LETTERS and 4 * scripts[script] >= len(letters):
                main = script
        if main == "arabic" and scripts[main] >= 2:
            return _arabic_script(lowered)
        if main == "ethiopic" and scripts[main] >= 2:
            return "am" if _AMHARIC.search(lowered) else "ti"
        if main == "other" and scripts[main] >= 2:
            language, _confidence = _identifier(False).classify(text)
            return None if language == "en" else language
    words = _WORD.findall(lowered)
    if not words:
        return None
    english = _english_words()
    plain = [
        unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode() for word in words
    ]
    marked = _by_markers(plain, english)
    if marked is not None:
        return marked
    foreign_letter = _FOREIGN_LETTER.search(lowered)
    if not foreign_letter and sum(word in english for word in words) >= ENGLISH_SHARE * len(words):
        return None
    if len(letters) < MIN_LETTERS and not foreign_letter:
        return None
    language, confidence = _identifier(True).classify(lowered)
    if language != "en" and confidence >= MIN_CONFIDENCE:
        return str(language)
    # The model unsure, but a letter English never uses says whose it most likely is.
    return _LETTER_LANGUAGE.get(foreign_letter.group()) if foreign_letter else None
