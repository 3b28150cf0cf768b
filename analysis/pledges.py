"""Map an answer to the council's six pledges, with rules officers can read and correct.

`map_pledges(text)` scores each pledge by adding up the weights of the terms in
`pledge_lexicon.py` found in the answer; a pledge whose score reaches the threshold is given.
`PledgeMapper.explain(text)` shows which terms counted, so every mapping can be justified.

Learning from officers' corrections stays just as explainable. `PledgeMapper(corrections)` takes
(text, pledge keys) pairs an officer has confirmed. For each correction that disagrees with the
machine, every content word and word pair of that answer gains evidence for the pledges the
officer added and loses it for the pledges the officer removed (a perceptron-style update).
A word the lexicon does not know ("wifi", "allotment") is most likely what the officer is
teaching, so it gains `NEW_WORD_RATE` (enough on its own); words the lexicon already scores,
and word pairs, move by `LEARNING_RATE`. Similar answers then map the same way, and `explain`
names the learned words. Answers are redacted before anything is learned, so no name or number
is ever kept as evidence. An answer that exactly matches a corrected one simply gets the
officer's keys: people win over the machine.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from .first_names import words
from .pledge_lexicon import LABELS, PLEDGE_KEYS, SAFEGUARDING_PLEDGES, TERMS, THRESHOLD
from .redaction import redact
from .safeguarding import assess
from .tokens import normalise_tokens, tokenize

__all__ = [
    "LABELS",
    "LEARNING_RATE",
    "NEW_WORD_RATE",
    "PLEDGE_KEYS",
    "PledgeMapper",
    "Reason",
    "map_pledges",
    "map_pledges_of_tokens",
]

LEARNING_RATE: Final = 0.5
NEW_WORD_RATE: Final = 1.0
_MAX_LEARNED: Final = 3.0  # one word can never outweigh everything else on its own

Correction = tuple[str, Sequence[str]]

# Words too common to carry evidence when learning from corrections.
_STOPWORDS: Final = words(
    """
    a an the and or but so if then than to of in on at by for with from up out off into over
    i me my mine myself we us our you your he him his she her they them their it is am are
    was were be been being do does did doing have has had having will would can could should
    shall may might must not no yes just really very too also all any some this that these
    those there here what when where who why how which as about get got go going went like
    because well still even ever only much more most lot lots bit thing things stuff okay
    want wanted wants need needs like liked feel felt think know knew say said says see saw
    make made come came take took give gave let put keep kept tell told day days week weeks
    time times best good bad nice great rubbish happy sad now again always never sometimes
    """
)
_WORD: Final = re.compile(r"^[a-z0-9£&][a-z0-9£&'\-]*$")


@dataclass(frozen=True, slots=True)
class Reason:
    """One piece of evidence for a pledge: a lexicon term or a word learned from corrections."""

    key: str
    term: str
    weight: float
    learned: bool


@dataclass(frozen=True, slots=True)
class _Term:
    key: str
    term: str  # as written in the lexicon
    weight: float
    parts: tuple[tuple[str, bool], ...]  # (word, is_prefix) per word


def _compile(
    terms: dict[str, dict[str, float]],
) -> tuple[dict[str, list[_Term]], dict[str, list[_Term]], tuple[int, ...]]:
    """Index terms by their first word: exact words, and prefixes ("counsel*")."""
    exact: dict[str, list[_Term]] = defaultdict(list)
    prefixed: dict[str, list[_Term]] = defaultdict(list)
    for key, weighted in terms.items():
        if key not in PLEDGE_KEYS:
            raise ValueError(f"unknown pledge key {key!r} in the pledge lexicon")
        for term, weight in weighted.items():
            parts = tuple((word.rstrip("*"), word.endswith("*")) for word in term.split())
            compiled = _Term(key, term, float(weight), parts)
            first, is_prefix = parts[0]
            (prefixed if is_prefix else exact)[first].append(compiled)
    lengths = tuple(sorted({len(first) for first in prefixed}))
    return dict(exact), dict(prefixed), lengths


def _matches(word: str, part: tuple[str, bool]) -> bool:
    text, is_prefix = part
    return word.startswith(text) if is_prefix else word == text


def _features(words: list[str]) -> set[str]:
    """Content words and adjacent content-word pairs: what a correction teaches."""
    content = [w for w in words if w not in _STOPWORDS and _WORD.match(w)]
    pairs = {f"{a} {b}" for a, b in zip(content, content[1:], strict=False)}
    return set(content) | pairs


def _exact_key(text: str) -> str:
    return " ".join(text.lower().split())


class PledgeMapper:
    """Lexicon rules, plus evidence learned from officers' corrections."""

    def __init__(
        self,
        corrections: Iterable[Correction] = (),
        *,
        terms: dict[str, dict[str, float]] | None = None,
        threshold: float = THRESHOLD,
        learning_rate: float = LEARNING_RATE,
    ) -> None:
        self.threshold = threshold
        self.learning_rate = learning_rate
        self._exact, self._prefixed, self._prefix_lengths = _compile(terms or TERMS)
        self._learned: dict[str, dict[str, float]] = defaultdict(dict)
        self._corrected: dict[str, tuple[str, ...]] = {}
        self.corrections_used = 0
        # Which terms could start at a word: the same words recur, so remember per word.
        self._terms_at = lru_cache(maxsize=16384)(self._find_terms_at)
        for text, keys in corrections:
            self.learn(text, keys)

    # --- scoring ---------------------------------------------------------------------------

    def _find_terms_at(self, word: str) -> tuple[_Term, ...]:
        candidates = list(self._exact.get(word, ()))
        for length in self._prefix_lengths:
            if len(word) >= length:
                candidates.extend(self._prefixed.get(word[:length], ()))
        return tuple(candidates)

    def _lexicon_terms(self, words: list[str]) -> list[_Term]:
        """Each lexicon term found in the words, once."""
        found: dict[tuple[str, str], _Term] = {}
        count = len(words)
        for index, word in enumerate(words):
            for term in self._terms_at(word):
                size = len(term.parts)
                if index + size > count or (term.key, term.term) in found:
                    continue
                if size == 1 or all(
                    _matches(words[index + offset], term.parts[offset]) for offset in range(1, size)
                ):
                    found[(term.key, term.term)] = term
        return list(found.values())

    def _lexicon_reasons(self, words: list[str]) -> list[Reason]:
        return [
            Reason(term.key, term.term, term.weight, learned=False)
            for term in self._lexicon_terms(words)
        ]

    def _learned_reasons(self, words: list[str]) -> list[Reason]:
        if not self._learned:
            return []
        reasons = []
        for feature in sorted(_features(words)):
            for key, weight in self._learned.get(feature, {}).items():
                if weight:
                    reasons.append(Reason(key, feature, weight, learned=True))
        return reasons

    def reasons_of_words(self, words: list[str]) -> list[Reason]:
        return self._lexicon_reasons(words) + self._learned_reasons(words)

    def _keys_from(self, reasons: list[Reason]) -> list[str]:
        scores: dict[str, float] = defaultdict(float)
        for reason in reasons:
            scores[reason.key] += reason.weight
        return [key for key in PLEDGE_KEYS if scores[key] >= self.threshold - 1e-9]

    def map_words(
        self,
        words: list[str],
        text: str | None = None,
        safeguarding: Iterable[str] = (),
    ) -> list[str]:
        """Pledges for normalised words; `safeguarding` holds the categories `assess` raised."""
        if text is not None and self._corrected:
            officer = self._corrected.get(_exact_key(text))
            if officer is not None:
                return list(officer)
        scores: dict[str, float] = dict.fromkeys(PLEDGE_KEYS, 0.0)
        for term in self._lexicon_terms(words):
            scores[term.key] += term.weight
        for reason in self._learned_reasons(words):
            scores[reason.key] += reason.weight
        keys = {key for key, score in scores.items() if score >= self.threshold - 1e-9}
        keys.update(SAFEGUARDING_PLEDGES[c] for c in safeguarding if c in SAFEGUARDING_PLEDGES)
        return [key for key in PLEDGE_KEYS if key in keys]

    def map(self, text: str) -> list[str]:
        """Pledge keys for one answer, in the pledges' own order."""
        if not text or not text.strip():
            return []
        return self.map_words(_words(text), text, assess(text).categories)

    def scores(self, text: str) -> dict[str, float]:
        totals = dict.fromkeys(PLEDGE_KEYS, 0.0)
        for reason in self.reasons_of_words(_words(text)):
            totals[reason.key] += reason.weight
        return {key: round(value, 3) for key, value in totals.items()}

    def explain(self, text: str) -> dict[str, list[Reason]]:
        """For each pledge with any evidence: the terms and learned words that counted."""
        grouped: dict[str, list[Reason]] = {}
        for reason in self.reasons_of_words(_words(text)):
            grouped.setdefault(reason.key, []).append(reason)
        return {key: grouped[key] for key in PLEDGE_KEYS if key in grouped}

    # --- learning --------------------------------------------------------------------------

    def learn(self, text: str, keys: Sequence[str]) -> None:
        """Take in one officer's correction: `keys` are the right pledges for `text`."""
        unknown = set(keys) - set(PLEDGE_KEYS)
        if unknown:
            raise ValueError(f"unknown pledge keys: {sorted(unknown)}")
        wanted = tuple(key for key in PLEDGE_KEYS if key in set(keys))
        self._corrected[_exact_key(text)] = wanted
        self.corrections_used += 1
        words = _words(text)
        predicted = set(self._keys_from(self.reasons_of_words(words)))
        added = set(wanted) - predicted
        removed = predicted - set(wanted)
        if not added and not removed:
            return
        for feature in _features(words):
            learned = self._learned[feature]
            new_word = " " not in feature and not self._terms_at(feature)
            step = NEW_WORD_RATE if new_word else self.learning_rate
            for key in added:
                learned[key] = min(_MAX_LEARNED, learned.get(key, 0.0) + step)
            for key in removed:
                learned[key] = max(-_MAX_LEARNED, learned.get(key, 0.0) - self.learning_rate)

    @property
    def learned(self) -> dict[str, dict[str, float]]:
        """Learned evidence: word or word pair -> pledge -> weight. For review by officers."""
        return {feature: dict(keys) for feature, keys in self._learned.items() if keys}


def _words(text: str) -> list[str]:
    # Redacted first: a child's or worker's name must never become learned evidence.
    return [word for word, _typed in normalise_tokens(tokenize(redact(text)))]


@lru_cache(maxsize=1)
def _default_mapper() -> PledgeMapper:
    return PledgeMapper()


def map_pledges_of_tokens(
    words: list[str], text: str | None = None, safeguarding: Iterable[str] = ()
) -> list[str]:
    """`map_pledges` for words already normalised (see `tokens.normalise_tokens`)."""
    return _default_mapper().map_words(words, text, safeguarding)


def map_pledges(
    text: str,
    corrections: Iterable[Correction] | PledgeMapper | None = None,
) -> list[str]:
    """Pledge keys for one answer.

    `corrections` may be officers' (text, keys) pairs, or a `PledgeMapper` already built from
    them (build one once when mapping many answers).
    """
    if corrections is None:
        mapper = _default_mapper()
    elif isinstance(corrections, PledgeMapper):
        mapper = corrections
    else:
        mapper = PledgeMapper(corrections)
    return mapper.map(text)
