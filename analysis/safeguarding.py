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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from .language import identify
from .safeguarding_lexicons import LEXICONS, lexicon_matches
from .safeguarding_rules import (
    ABUSE_CATEGORIES,
    CATEGORIES,
    FIGURES_OF_SPEECH,
    FILLERS,
    JOINED_UP,
    LEET,
    MACROS,
    NEEDS_READING,
    PROTECTED_WORDS,
    RULES,
    SEVERITY,
    TEXT_SPEAK,
)
from .safeguarding_tiers import (
    CLEARABLE,
    KEEPS_READ,
    LONG_ANSWER,
    ROUTINE,
    TODAY,
    URGENT,
    RuleFinding,
    context_of,
    decide,
    higher,
    kept_context,
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
    "rule_finding",
]


@dataclass(frozen=True, slots=True)
class SafeguardingResult:
    """What `assess` found. Holds rule names and short machine words only, never the child's
    words, so it can be logged."""

    flagged: bool  # urgent or today: a person should read it
    category: str | None  # the most severe category, per SEVERITY
    categories: tuple[str, ...]  # every category raised, most severe first
    matches: tuple[str, ...]  # "category.rule" names of the rules that fired
    tier: str = ROUTINE  # "urgent" | "today" | "routine" (see safeguarding_tiers.py)
    score: float = 0.0  # orders the queues: urgent above today above routine
    language: str | None = None  # ISO 639 code when not English; None for English or unknown
    reasons: tuple[str, ...] = ()  # "negated", "past", "media", "not_english", "model", ...

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
# "OD'd" would lose its apostrophe and read as the word "odd".
_OVERDOSED = re.compile(r"\bod['\u2018\u2019`]d\b")
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


# Compared after squeezing, as the words are: "literally" arrives as "literaly".
_FILLERS: Final = frozenset(_squeeze(word) for word in FILLERS)


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
    text = _OVERDOSED.sub("overdosed", text)
    text = _APOSTROPHES.sub("", text)
    text = _MASKED.sub("", text)
    text = _ELLIPSIS.sub(" ", text)
    text = _SENTENCE_END.sub("\n", text)
    text = _NOT_WORD.sub(" ", text)
    text = _RUNS_OF_THREE.sub(r"\1\1", text)
    lines = []
    for line in text.split("\n"):
        words = [_normalise_word(token) for token in line.split()]
        words = [word for word in words if word not in _FILLERS]
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
    tier: str = URGENT


_RULES: Final[tuple[_Rule, ...]] = tuple(
    _Rule(rule.key, rule.category, _compile_rule(rule.pattern), rule.tier) for rule in RULES
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
    _Rule(rule.key, rule.category, _joined_up(rule.phrases), rule.tier) for rule in JOINED_UP
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
RULE_NAMES: Final[frozenset[str]] = (
    frozenset(rule.name for rule in _RULES + _JOINED_UP_RULES)
    | {_CARER_RULE}
    | {entry.key for entry in LEXICONS}
)

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
# Laughter, read on the raw answer (normalising drops emoji): see safeguarding_tiers._HYPERBOLE.
_LAUGHING: Final = re.compile(
    r"[\U0001F602\U0001F923\U0001F480\U0001F606\U0001F639]|"
    r"\b(?:ha){2,}\b|\blmf?ao+\b|\bhehe+\b",
    re.IGNORECASE,
)
_FAMILY: Final = _compile_rule(r"\b{FAMILY}\b")


_WHOSE: Final = r"(?:{MY} |the |a |an |our |his |her |their )?"
_BY_CARER: Final = _compile_rule(rf"^ (?:by|from) {_WHOSE}{{CARER}}\b")
_BY_FAMILY: Final = _compile_rule(rf"^ (?:by|from) {_WHOSE}{{FAMILY}}\b")


# A person named straight after a harm is its object ("hit my friend"), not the one harming.
_OBJECT_OF_HARM: Final = _compile_rule(r"\b{HURT} (?:{MY} |his |her |the |a |their )?$")


def _carer_harms(line: str, start: int, end: int) -> bool:
    """Is a carer or worker the one doing the harm matched at line[start:end]?

    "my carer hits me", "i got hit by staff" and "staff hurt my friend" are; "my carer took
    me to the doctor after my dad hit me" is not: the person named last before the harm (or
    after "by"), leaving out whoever the harm is done to, is the one doing it.
    """
    after = line[end : end + 60]
    if _BY_CARER.search(after):
        return True
    if _BY_FAMILY.search(after):
        return False
    carers = [m.span() for m in _CARER.finditer(line, 0, end)]
    if not carers:
        return False
    last_carer = carers[-1][0]
    last_family = max(
        (
            m.start()
            for m in _FAMILY.finditer(line, 0, end)
            # "dad" inside "foster dad" is the carer; "hit my friend": the friend is hit.
            if not any(low <= m.start() < high for low, high in carers)
            and not _OBJECT_OF_HARM.search(line, 0, m.start())
        ),
        default=-1,
    )
    return last_carer > last_family


def _carer_involved(text: str, abuse_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The abuse matches a carer or worker is doing.

    In the match's own sentence the person nearest the harm decides; the sentence before counts
    when this one names nobody else ("My foster carer is horrible. He hits me.").
    """
    lines = text.split("\n")
    starts = []
    position = 0
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    found = []
    for start, end in abuse_spans:
        index = bisect_right(starts, start) - 1
        line, offset = lines[index], starts[index]
        if _carer_harms(line, start - offset, end - offset) or (
            index > 0
            and _CARER.search(lines[index - 1])
            and not _FAMILY.search(line)
            and not _CARER.search(line)
        ):
            found.append((start, end))
    return found


# --- the tier ------------------------------------------------------------------------------

# Letters that are not a-z once accents are gone, or none of a text's words with a vowel:
# "garbled" means a person should look, not that harm is likely.
_WORDS: Final = re.compile(r"[a-z]+")
_VOWELS: Final = frozenset("aeiouy")


def _garbled(normalised: str) -> bool:
    words = _WORDS.findall(normalised)
    letters = sum(map(len, words))
    if letters < 24:
        return False
    # Missing spaces run words together into one long token; keyboard mashing has no vowels.
    longest = max(map(len, words))
    vowels = sum(ch in _VOWELS for word in words for ch in word)
    return longest > 30 or vowels / letters < 0.18


def _strength(categories: list[str], fired: int) -> float:
    if not categories:
        return 0.0
    top = min(_RANK[category] for category in categories)
    return min(1.0, 0.8 * (1 - top / len(SEVERITY)) + 0.05 * fired)


@lru_cache(maxsize=1)
def _model() -> Callable[[str], float] | None:
    """`context_model.probability`, when that module is installed alongside; None otherwise."""
    try:
        from . import context_model  # noqa: PLC0415 - optional, and heavy: imported on first use
    except ImportError:
        return None
    return context_model.probability


def _model_probability(text: str) -> float | None:
    probability = _model()
    return None if probability is None else float(probability(text))


@dataclass(frozen=True, slots=True)
class _Found:
    categories: tuple[str, ...]
    matches: tuple[str, ...]
    finding: RuleFinding
    language: str | None


def rule_finding(text: str) -> _Found:
    """What the rules, the lexicons and the text checks find, before the model is asked."""
    normalised = normalise(text)
    language = identify(text)
    reasons: list[str] = []
    tier = ROUTINE
    fired: list[str] = []
    categories: set[str] = set()
    # Cutting figures of speech out only ever removes words, so no new rule can start to match:
    # only the rules that match the whole text need checking again once figures are cut. Most
    # answers match none, and skip the cutting altogether.
    possible = [
        rule
        for rule in (*_joined_up_rules(normalised), *_candidate_rules(normalised))
        if rule.regex.search(normalised)
    ]
    if possible:
        normalised = _FIGURES.sub(lambda figure: kept_context(figure.group()), normalised)
    abuse_spans: list[tuple[int, int]] = []
    urgent_spans: list[tuple[int, int]] = []
    context: set[str] = set()
    # Today only because context (a denial, the past, a film...) lowered urgent matches: the
    # model may then clear it (`safeguarding_tiers.decide`).
    lowered_only = bool(possible)
    laughing = bool(possible) and _LAUGHING.search(text) is not None
    for rule in possible:
        spans = [m.span() for m in rule.regex.finditer(normalised)]
        if not spans:
            continue
        fired.append(rule.name)
        categories.add(rule.category)
        if rule.category in ABUSE_CATEGORIES:
            abuse_spans.extend(spans)
        rule_tier = TODAY
        # A today rule ("homeless", "drinking") is cleared on the same terms as an urgent one:
        # only when a clearable context lowered its every match and the model sees no harm.
        for start, end in spans:
            words = context_of(normalised, start, end, laughing)
            context.update(words)
            if KEEPS_READ in words:
                lowered_only = False  # hidden or kept secret: a person reads it
            if not set(words) - {KEEPS_READ} and rule.tier == URGENT:
                rule_tier = URGENT
                urgent_spans.append((start, end))
            elif CLEARABLE.isdisjoint(words):
                lowered_only = False  # plain past: old harm told now is a disclosure
        tier = higher(tier, rule_tier)

    carer_spans = _carer_involved(normalised, abuse_spans) if abuse_spans else []
    if carer_spans and "carer_allegation" not in categories:
        categories.add("carer_allegation")
        fired.append(_CARER_RULE)

    # Other languages' disclosure wording, whatever the language was taken for.
    for category, name in lexicon_matches(text):
        categories.add(category)
        fired.append(name)
        tier = URGENT
    if tier != URGENT:
        reasons.extend(sorted(context))
    lowered_only = lowered_only and tier == TODAY
    if language is not None:
        reasons.append("not_english")
        tier = higher(tier, TODAY)
        lowered_only = False
    if len(text) > LONG_ANSWER:
        reasons.append("long")
        tier = higher(tier, TODAY)
        lowered_only = False
    if _garbled(normalised):
        reasons.append("garbled")
        tier = higher(tier, TODAY)
        lowered_only = False
    ordered = tuple(sorted(categories, key=_RANK.__getitem__))
    return _Found(
        categories=ordered,
        matches=tuple(fired),
        finding=RuleFinding(
            tier, _strength(list(ordered), len(fired)), tuple(reasons), lowered_only
        ),
        language=language,
    )


def assess(text: str) -> SafeguardingResult:
    """Check one free-text answer. Flags on any doubt; never returns the text itself.

    Any length is read in full. The rules and lexicons set a tier; the model, when installed,
    may raise it (`safeguarding_tiers.decide`).
    """
    if not text or not isinstance(text, str):
        return NOT_FLAGGED
    found = rule_finding(text)
    tier, score, reasons = decide(found.finding, _model_probability(text))
    flagged = tier != ROUTINE
    categories = found.categories
    if flagged and not categories:
        categories = (NEEDS_READING,)  # flagged for its language, length or the model
    return SafeguardingResult(
        flagged=flagged,
        category=categories[0] if flagged else None,
        categories=categories if flagged else (),
        # Kept when the model cleared a rule's match, so what fired stays on record.
        matches=found.matches if flagged or "model_clears" in reasons else (),
        tier=tier,
        score=score,
        language=found.language,
        reasons=reasons,
    )
