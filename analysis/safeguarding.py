"""Spot possible safeguarding disclosures in a child's free-text answer.

`assess(text)` runs transparent phrase rules (see `safeguarding_rules.py`) over a normalised copy
of the text. It is deliberately over-inclusive: a missed disclosure is far worse than a false
alarm, so anything it flags must reach a named human on duty, who decides. It never calls out to
a network or a language model, and needs no downloaded corpora.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from .safeguarding_rules import (
    ABUSE_CATEGORIES,
    CATEGORIES,
    FIGURES_OF_SPEECH,
    JOINED_UP,
    LEET,
    MACROS,
    PROTECTED_WORDS,
    RULES,
    SEVERITY,
    TEXT_SPEAK,
)
from .word_starts import PREFIX_LENGTH, UnsupportedPattern, required_word_starts

__all__ = [
    "CATEGORIES",
    "NOT_FLAGGED",
    "RULE_NAMES",
    "SEVERITY",
    "SafeguardingResult",
    "assess",
    "normalise",
]


@dataclass(frozen=True, slots=True)
class SafeguardingResult:
    """What `assess` found. Holds rule names only, never the child's words, so it can be logged."""

    flagged: bool
    category: str | None  # the most severe category, per SEVERITY
    categories: tuple[str, ...]  # every category raised, most severe first
    matches: tuple[str, ...]  # "category.rule" names of the rules that fired

    @property
    def label(self) -> str | None:
        """Plain-English name of the primary category, for staff."""
        return CATEGORIES[self.category] if self.category else None

    @property
    def needs_lado(self) -> bool:
        """An allegation about a carer or worker goes to the LADO, not the carer's own team."""
        return "carer_allegation" in self.categories


NOT_FLAGGED: Final = SafeguardingResult(flagged=False, category=None, categories=(), matches=())

_RANK: Final = {category: rank for rank, category in enumerate(SEVERITY)}


# --- normalisation -------------------------------------------------------------------------

_SQUEEZE = re.compile(r"([a-z])\1+")
# In a pattern, leave an escaped letter alone: "\bb" must stay a word boundary then "b".
_SQUEEZE_PATTERN = re.compile(r"(?<!\\)([a-z])\1+")
_RUNS_OF_THREE = re.compile(r"(.)\1{2,}")
_APOSTROPHES = re.compile(r"['\u2018\u2019\u201b`\u00b4]")
# Letters spaced out to slip past a filter: "k i l l  m y s e l f". A run of four or more single
# letters is joined back into a word before text speak is expanded (which would read "y" as
# "why"); a double space still separates words.
_SPACED_LETTERS = re.compile(r"(?<![a-z0-9])[a-z](?: [a-z]){3,}(?![a-z0-9])")


def _join_letters(match: re.Match[str]) -> str:
    return match.group().replace(" ", "")


# A symbol standing for a letter inside a word ("r*ped", "s#x"): dropped, so rules can match.
_MASKED = re.compile(r"(?<=[a-z])[*#]+(?=[a-z])")
_ELLIPSIS = re.compile(r"\.{2,}")  # "i want to... die" is one thought, not two sentences
_SENTENCE_END = re.compile(r"[.!?;\r\n]+")
_NOT_WORD = re.compile(r"[^a-z0-9@$\n ]+")
_HAS_LETTER = re.compile(r"[a-z]")
_HAS_LEET = re.compile(r"[0-9@$]")
# "3am", "2nd", "1990s": numbers that look like leetspeak but are not.
_NUMBER_WORD = re.compile(r"^\d+(?:am|pm|st|nd|rd|th|s|yo|yrs?|k|m|p|mins?|hrs?|x)?$")
_LEET_TABLE: Final = str.maketrans(LEET)
_NOT_LETTER_OR_SPACE: Final = re.compile(r"[^a-z0-9 ]+")


def _squeeze(text: str) -> str:
    return _SQUEEZE.sub(r"\1", text)


# Text-speak lookups also run on the squeezed token, so "wanna" and "wana" both expand. A key is
# left out of that second table if squeezing turns it into a real word ("noone" -> "none").
_TEXT_SPEAK_SQUEEZED: Final = {
    _squeeze(key): value for key, value in TEXT_SPEAK.items() if _squeeze(key) not in {"none"}
}


def _normalise_token(token: str) -> str:
    token = PROTECTED_WORDS.get(token, token)
    expanded = TEXT_SPEAK.get(token)
    if (
        expanded is None
        and _HAS_LEET.search(token)
        and _HAS_LETTER.search(token)
        and not _NUMBER_WORD.match(token)
    ):
        token = token.translate(_LEET_TABLE)
        expanded = TEXT_SPEAK.get(token)
    if expanded is None:
        expanded = _TEXT_SPEAK_SQUEEZED.get(_squeeze(token))
    # Only letters, digits and spaces survive, so every word starts where a rule can start.
    return _squeeze(_NOT_LETTER_OR_SPACE.sub("", expanded if expanded is not None else token))


@lru_cache(maxsize=4096)
def _normalise_word(token: str) -> str:
    return _normalise_token(token)


def normalise(text: str) -> str:
    """The form rules match against: see the notes at the top of `safeguarding_rules.py`.

    One sentence per line; words lower-case, unaccented, text speak expanded and squeezed.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        # Drop accents so "suïcide" or a stray combining mark cannot hide a word.
        text = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
        )
    text = text.lower()
    text = _SPACED_LETTERS.sub(_join_letters, text)
    text = _APOSTROPHES.sub("", text)
    text = _MASKED.sub("", text)
    text = _ELLIPSIS.sub(" ", text)
    text = _SENTENCE_END.sub("\n", text)
    text = _NOT_WORD.sub(" ", text)
    text = _RUNS_OF_THREE.sub(r"\1\1", text)
    lines = []
    for line in text.split("\n"):
        words = [_normalise_word(token) for token in line.split()]
        if words:
            lines.append(" ".join(words))
    return "\n".join(lines)


# --- compiled rules ------------------------------------------------------------------------


def _compile(pattern: str) -> re.Pattern[str]:
    expanded = pattern.format_map(MACROS) if "{" in pattern else pattern
    return re.compile(_SQUEEZE_PATTERN.sub(r"\1", expanded))


def _escape_braces(pattern: str) -> str:
    """Keep regex repeats like {0,3} intact through str.format_map."""
    return re.sub(r"\{(\d[\d,]*)\}", r"{{\1}}", pattern)


def _compile_rule(pattern: str) -> re.Pattern[str]:
    return _compile(_escape_braces(pattern))


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str  # "category.rule"
    category: str
    regex: re.Pattern[str]


_RULES: Final[tuple[_Rule, ...]] = tuple(
    _Rule(rule.key, rule.category, _compile_rule(rule.pattern)) for rule in RULES
)


def _joined_up(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Match a phrase whatever the spacing: "iwanttodie", "want to die", "k i l l myself".

    Each letter may be followed by a space; a letter doubled across a space ("want to") is
    allowed for. Nothing may follow the last letter, so "want to diet" stays quiet.
    """
    alternatives = []
    for phrase in phrases:
        word = _squeeze(phrase.replace(" ", ""))
        letters = [f"{re.escape(c)}(?: ?{re.escape(c)})* ?" for c in word[:-1]]
        alternatives.append("".join(letters) + f"{re.escape(word[-1])}(?![a-z])")
    return re.compile("|".join(alternatives))


_JOINED_UP_RULES: Final[tuple[_Rule, ...]] = tuple(
    _Rule(rule.key, rule.category, _joined_up(rule.phrases)) for rule in JOINED_UP
)

# A joined-up phrase can only match where its letters appear in order once spaces are taken out
# and doubled letters squeezed ("k i l l  m y s e l f" -> "kilmyself"): a cheap substring test
# that lets most answers skip those letter-by-letter regexes.
_JOINED_UP_KEYS: Final = tuple(
    (compiled, tuple(_squeeze(phrase.replace(" ", "")) for phrase in rule.phrases))
    for compiled, rule in zip(_JOINED_UP_RULES, JOINED_UP, strict=True)
)


def _joined_up_rules(normalised: str) -> list[_Rule]:
    squashed = _squeeze(normalised.replace(" ", ""))
    return [rule for rule, keys in _JOINED_UP_KEYS if any(key in squashed for key in keys)]


_CARER_RULE: Final = "carer_allegation.abuse_by_carer_or_worker"
RULE_NAMES: Final[frozenset[str]] = frozenset(rule.name for rule in _RULES + _JOINED_UP_RULES) | {
    _CARER_RULE
}

# --- a prefilter, so each answer only meets the rules that could match it ------------------
#
# Running every rule over every answer costs most of a millisecond. Any match of a rule must
# include a word that starts with one of a few known letters ("hit", "hurt", "beat"... for
# "{HURT} me"): `word_starts` works them out from the compiled pattern's text, and checking
# them against the starts of the answer's words is a set lookup. Where nothing can be relied
# on, the rule simply runs every time.


def _word_starts_for(rule: _Rule) -> frozenset[str] | None:
    try:
        return required_word_starts(rule.regex.pattern)
    except UnsupportedPattern:  # syntax the small parser does not know: always run this rule
        return None


_WORD_STARTS: Final = tuple(_word_starts_for(rule) for rule in _RULES)


def _index_rules() -> tuple[dict[str, tuple[int, ...]], frozenset[int]]:
    """Word start -> the rules needing it; and the rules that must always run."""
    by_start: dict[str, list[int]] = {}
    always = set()
    for number, starts in enumerate(_WORD_STARTS):
        if starts is None:
            always.add(number)
            continue
        for piece in starts:
            by_start.setdefault(piece, []).append(number)
    return {piece: tuple(rules) for piece, rules in by_start.items()}, frozenset(always)


# Looked up from each word's starts, so the cost follows the answer's length, not the number of
# rules: a rule runs if any word starts with one of its pieces (the same test as before).
_RULES_BY_START, _ALWAYS_RUN = _index_rules()


def _candidate_rules(text: str) -> list[_Rule]:
    hits = set(_ALWAYS_RUN)
    lookup = _RULES_BY_START.get
    for word in set(text.split()):
        for length in range(1, min(len(word), PREFIX_LENGTH) + 1):
            found = lookup(word[:length])
            if found:
                hits.update(found)
    return [_RULES[number] for number in sorted(hits)]


_FIGURES: Final = re.compile(
    "|".join(f"(?:{_compile_rule(p).pattern})" for p in FIGURES_OF_SPEECH.values())
)
_CARER: Final = _compile_rule(r"\b{CARER}\b")
_FAMILY: Final = _compile_rule(r"\b{FAMILY}\b")


def _carer_involved(text: str, abuse_spans: list[tuple[int, int]]) -> bool:
    """Does an abuse match sit in a sentence about a carer or worker?

    The sentence itself counts; so does the one before, when this one names nobody else
    ("My foster carer is horrible. He hits me.").
    """
    lines = text.split("\n")
    starts = []
    position = 0
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    # Each sentence is looked at once, however many matches it holds.
    for index in sorted({bisect_right(starts, start) - 1 for start, _end in abuse_spans}):
        if _CARER.search(lines[index]):
            return True
        if index > 0 and _CARER.search(lines[index - 1]) and not _FAMILY.search(lines[index]):
            return True
    return False


def assess(text: str) -> SafeguardingResult:
    """Check one free-text answer. Flags on any doubt; never returns the text itself."""
    if not text or not isinstance(text, str):
        return NOT_FLAGGED
    normalised = normalise(text)
    # Cutting figures of speech out only ever removes words, so no new rule can start to match:
    # only the rules that match the whole text need checking again once figures are cut. Most
    # answers match none, and skip the cutting altogether.
    possible = [
        rule
        for rule in (*_joined_up_rules(normalised), *_candidate_rules(normalised))
        if rule.regex.search(normalised)
    ]
    if not possible:
        return NOT_FLAGGED
    normalised = _FIGURES.sub(" ~ ", normalised)
    fired: list[str] = []
    categories: set[str] = set()
    abuse_spans: list[tuple[int, int]] = []
    for rule in possible:
        match = rule.regex.search(normalised)
        if match is None:
            continue
        fired.append(rule.name)
        categories.add(rule.category)
        if rule.category in ABUSE_CATEGORIES:
            abuse_spans.extend(m.span() for m in rule.regex.finditer(normalised))

    if (
        abuse_spans
        and "carer_allegation" not in categories
        and _carer_involved(normalised, abuse_spans)
    ):
        categories.add("carer_allegation")
        fired.append(_CARER_RULE)

    if not fired:
        return NOT_FLAGGED
    ordered = tuple(sorted(categories, key=_RANK.__getitem__))
    return SafeguardingResult(
        flagged=True,
        category=ordered[0],
        categories=ordered,
        matches=tuple(fired),
    )
