"""How an answer feels: positive, negative, neutral or mixed, with TextBlob's polarity.

TextBlob's Pattern sentiment lexicon and rules do the scoring (negation, "very", "!",
emoticons). What this module adds, because children and young people do not write like film
reviewers:

* our own tokenizer (TextBlob's default needs NLTK's punkt corpus) with text speak expanded
  ("gr8" -> "great", "v good" -> "very good", "h8" -> "hate") and fillers such as "tbh" dropped;
* words and phrases the lexicon lacks ("listens", "helped", "rubbish", "gutted", "fed up",
  "never happened") and emoji, in `sentiment_lexicon.py`, on a private copy of the lexicon;
* SHOUTED words and stretched words ("sooo gooood") count like an exclamation mark;
* clauses split at sentence ends and at "but", "though", "although": if one clause is clearly
  positive and another clearly negative, the answer is "mixed".

Nothing is downloaded; TextBlob is imported on first use only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final, Literal, cast

from .sentiment_lexicon import (
    ACRONYMS,
    EMOJI,
    IGNORED,
    NEGATION_SKIPS,
    NEGATIONS,
    PHRASES,
    WORDS,
)
from .tokens import CLAUSE_BREAKS, SENTENCE_END, Token, normalise_tokens, tokenize

__all__ = ["LABELS", "Sentiment", "sentiment", "sentiment_of_tokens", "with_concern"]

Label = Literal["pos", "neg", "neu", "mixed"]
LABELS: Final[tuple[str, ...]] = ("pos", "neg", "neu", "mixed")

# Polarity at or beyond these is positive / negative. TextBlob averages over the scored words,
# so a single mild word ("ok" = 0.5) is enough; "not sure" (-0.05) stays neutral.
POSITIVE_FROM: Final = 0.1
NEGATIVE_FROM: Final = -0.05
# A clause this far either side of zero counts as taking a side, for "mixed".
CLAUSE_SIDE: Final = 0.1

_TITLE_FOLLOWERS: Final = frozenset(
    {
        "said",
        "says",
        "is",
        "was",
        "told",
        "tells",
        "at",
        "from",
        "gave",
        "gives",
        "thinks",
        "asked",
        "helps",
        "helped",
        "who",
        "in",
    }
)
_NEGATED_ACTION: Final = "negated_action"
_NEGATORS: Final = frozenset(NEGATIONS)
_PLAIN_NEGATORS: Final = frozenset({"not", "n't", "never", "no"})
_DOUBLED: Final = re.compile(r"(.)\1")
_PHRASE_STARTS: Final = frozenset(words[0] for words in PHRASES)
_LONGEST_PHRASE: Final = max(len(words) for words in PHRASES)


@dataclass(frozen=True, slots=True)
class Sentiment:
    label: Label
    polarity: float  # -1 (very negative) .. 1 (very positive), TextBlob's scale
    subjectivity: float  # 0 (factual) .. 1 (opinion)
    # How it reads clause by clause and word by word, for the trained model's features
    # (`analysis/meaning/features.py`); left out of comparisons.
    clause_polarities: tuple[float, ...] = field(default=(), compare=False, repr=False)
    positive_share: float = field(default=0.0, compare=False, repr=False)  # of scored words
    negative_share: float = field(default=0.0, compare=False, repr=False)


@lru_cache(maxsize=1)
def _lexicon() -> Any:
    """A private copy of TextBlob's sentiment lexicon with our words added."""
    from textblob.en import Sentiment as PatternSentiment
    from textblob.en import sentiment as shared

    class Lexicon(PatternSentiment):  # type: ignore[misc]
        # Filled up front, so the lazy-loading lookups TextBlob wraps every access in can be
        # plain dict lookups: the scoring (`assessments`) is TextBlob's own, only faster.
        __contains__ = dict.__contains__
        __getitem__ = dict.__getitem__
        get = dict.get

    lexicon = Lexicon(
        path="",  # filled below, never loaded from disk
        synset="wordnet_id",
        negations=NEGATIONS,
        modifiers=("RB",),
        modifier=lambda word: word.endswith("ly"),
        language="en",
    )
    # Copy, so the process-wide TextBlob lexicon other code may use is left as it was.
    dict.update(lexicon, {word: dict(tags) for word, tags in shared.items()})
    lexicon.labeler.update(shared.labeler)
    for word in IGNORED:
        dict.pop(lexicon, word, None)
    for word, score in {**WORDS, **EMOJI}.items():
        polarity, subjectivity, *rest = score
        # Intensifiers are adverbs (tag "RB"), which TextBlob lets modify the next word.
        lexicon.annotate(word, "RB" if rest else None, polarity, subjectivity, *(rest or [1.0]))
    for words, score in PHRASES.items():
        polarity, subjectivity, *rest = score
        lexicon.annotate("_".join(words), None, polarity, subjectivity, *(rest or [1.0]))
    # A negation before a word the lexicon does not know ("never listens" is known, "didn't
    # invite me" is not) is read as a complaint of its own.
    lexicon.annotate(_NEGATED_ACTION, None, -0.3, 0.4, 1.0)
    return lexicon


def _resolve_negations(clause: list[str], lexicon: Any) -> list[str]:
    """Let each negation reach its word, or score it as a complaint when that word is unknown.

    TextBlob only negates the very next scored word, and drops the negation at any unknown word
    in between. So fillers such as "even" or "have" are skipped ("nobody has helped me" reads
    "nobody helped me"), and "not" before a word with no score ("did not invite me") becomes a
    mildly negative token of its own.
    """
    out: list[str] = []
    index = 0
    count = len(clause)
    while index < count:
        word = clause[index]
        if word not in _NEGATORS:
            out.append(word)
            index += 1
            continue
        following = index + 1
        while following < count and clause[following] in NEGATION_SKIPS:
            following += 1
        if following < count and clause[following] in lexicon:
            out.append(word)  # TextBlob flips the word that follows
        elif following < count and word in _PLAIN_NEGATORS:
            out.append(_NEGATED_ACTION)
        else:
            out.append(word)
        index = following
    return out


@lru_cache(maxsize=4096)
def _known_form(word: str) -> str:
    """A stretched word the lexicon does not know, as the word it knows: "happyy" -> "happy"."""
    lexicon = _lexicon()
    if word in lexicon or not _DOUBLED.search(word):
        return word
    runs = [match.start() for match in _DOUBLED.finditer(word)][:3]
    for mask in range(1, 1 << len(runs)):
        chars = list(word)
        for bit, start in enumerate(runs):
            if mask & (1 << bit):
                chars[start] = ""
        candidate = "".join(chars)
        if candidate in lexicon:
            return candidate
    return word


def _is_shouted(typed: str, word: str) -> bool:
    return len(typed) > 1 and typed.isupper() and typed.isalpha() and word not in ACRONYMS


def _clauses(tokens: list[Token]) -> list[list[str]]:
    """Words per clause, with phrases joined and emphasis marked as "!"."""
    clauses: list[list[str]] = [[]]
    count = len(tokens)
    index = 0
    while index < count:
        word, typed = tokens[index]
        if word in SENTENCE_END or word in CLAUSE_BREAKS or word[0] in ".?;":
            if "!" in word and clauses[-1]:
                clauses[-1].append("!")
            if clauses[-1]:
                clauses.append([])
            index += 1
            continue
        if word[0] == "!":
            clauses[-1].append("!")
            index += 1
            continue
        if word in _PHRASE_STARTS:
            for size in range(min(_LONGEST_PHRASE, count - index), 1, -1):
                words = tuple(token[0] for token in tokens[index : index + size])
                if words in PHRASES:
                    clauses[-1].append("_".join(words))
                    index += size
                    break
            else:
                size = 0
            if size > 1:
                continue
        if word == "miss" and (
            typed[:1] == "M" or (index + 1 < count and tokens[index + 1][0] in _TITLE_FOLLOWERS)
        ):
            word = "miss_title"  # "Miss said I did well": a teacher, not longing
        if typed != word and "!" in "".join(t[0] for t in tokens[index + 1 : index + 2]):
            word = _known_form(word)  # stretched: marked with "!" by the tokenizer
        clauses[-1].append(word)
        if _is_shouted(typed, word):
            clauses[-1].append("!")
        index += 1
    return [clause for clause in clauses if clause]


def sentiment_of_tokens(tokens: list[Token]) -> Sentiment:
    """Sentiment of text already split by `tokens.normalise_tokens`."""
    lexicon = _lexicon()
    polarities: list[float] = []
    subjectivities: list[float] = []
    positive_clause = negative_clause = False
    clause_polarities: list[float] = []
    for clause in _clauses(tokens):
        clause = _resolve_negations(clause, lexicon)
        assessed = lexicon.assessments([(word, None) for word in clause], negation=True)
        if not assessed:
            continue
        clause_polarity = sum(item[1] for item in assessed) / len(assessed)
        clause_polarities.append(round(clause_polarity, 4))
        positive_clause = positive_clause or clause_polarity >= CLAUSE_SIDE
        negative_clause = negative_clause or clause_polarity <= -CLAUSE_SIDE
        polarities.extend(item[1] for item in assessed)
        subjectivities.extend(item[2] for item in assessed)
    if not polarities:
        return Sentiment("neu", 0.0, 0.0)
    polarity = max(-1.0, min(1.0, sum(polarities) / len(polarities)))
    subjectivity = max(0.0, min(1.0, sum(subjectivities) / len(subjectivities)))
    label: Label
    if positive_clause and negative_clause:
        label = "mixed"
    elif polarity >= POSITIVE_FROM:
        label = "pos"
    elif polarity <= NEGATIVE_FROM:
        label = "neg"
    else:
        label = "neu"
    return Sentiment(
        label,
        round(polarity, 4),
        round(subjectivity, 4),
        tuple(clause_polarities),
        round(sum(p > 0 for p in polarities) / len(polarities), 4),
        round(sum(p < 0 for p in polarities) / len(polarities), 4),
    )


def with_concern(mood: Sentiment, flagged: bool, label: str | None = None) -> Sentiment:
    """A possible disclosure is never counted as a positive or neutral voice.

    Children often disclose harm in plain, flat words ("dad hits me with his belt"), which a
    lexicon reads as neutral. When safeguarding has flagged the answer, a "pos" or "neu" label
    becomes "neg" (polarity capped just below zero); "mixed" and "neg" stand. `label`, when
    given, is a trained model's reading (`analysis.meaning`), which replaces the lexicon's.
    """
    if label is not None and label != mood.label:
        mood = Sentiment(cast(Label, label), mood.polarity, mood.subjectivity)
    if not flagged or mood.label in ("neg", "mixed"):
        return mood
    return Sentiment("neg", min(mood.polarity, NEGATIVE_FROM), mood.subjectivity)


def sentiment(text: str) -> Sentiment:
    """Label, polarity and subjectivity of one free-text answer."""
    if not text or not text.strip():
        return Sentiment("neu", 0.0, 0.0)
    return sentiment_of_tokens(normalise_tokens(tokenize(text)))
