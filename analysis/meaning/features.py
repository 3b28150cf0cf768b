"""The meaning models' features, shared by training and use.

The context model's hashed word 1-2-grams and character 2-5-grams (`analysis/model/features.py`,
reused as is), plus a few lexicon readings appended after the hash buckets: each pledge's
lexicon score (capped) and whether it reaches the lexicon's threshold, and TextBlob's tuned
polarity, subjectivity and label (`analysis/sentiment.py`) with its clauses' polarities (the most
positive, the most negative, the first and the last) and its shares of positive and negative
words, and whether the answer denies harm
("nobody hurts me here", `denial.py`), whether that is all it says, and how the rest feels.
With about 1,400 labelled answers the n-grams alone do worse (cross-validated pledge micro-F1
0.62 against 0.67, sentiment 0.65 against 0.69): the lexicons carry what the data is too small
to teach.

The text is read as written, as the other models read it, so the features (and a retrain) do not
depend on how redaction changes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from ..model.features import N_BUCKETS, features
from ..pledge_lexicon import PLEDGE_KEYS, THRESHOLD
from ..pledges import PledgeMapper
from ..sentiment import LABELS, Sentiment, sentiment, sentiment_of_tokens
from ..tokens import Token, normalise_tokens, tokenize
from .denial import without_denials

__all__ = ["LEXICON", "SIZE", "pairs", "vector"]

# The lexicon readings, in the order they are appended after the hash buckets.
LEXICON: Final = (
    *(f"pledge score {key}" for key in PLEDGE_KEYS),
    *(f"pledge hit {key}" for key in PLEDGE_KEYS),
    "polarity",
    "subjectivity",
    *(f"lexicon label {label}" for label in LABELS),
    "most positive clause",
    "most negative clause",
    "first clause",
    "last clause",
    "share of positive words",
    "share of negative words",
    "denies harm",
    "only denies harm",
    "polarity without the denials",
    *(f"label without the denials {label}" for label in LABELS),
)
SIZE: Final = N_BUCKETS + len(LEXICON)
_CAP: Final = 3.0


@lru_cache(maxsize=1)
def _mapper() -> PledgeMapper:
    return PledgeMapper()  # the lexicon alone: officers' corrections are applied after


def _lexicon(text: str, tokens: list[Token] | None, mood: Sentiment | None) -> list[float]:
    tokens = tokens if tokens is not None else normalise_tokens(tokenize(text))
    scores = dict.fromkeys(PLEDGE_KEYS, 0.0)
    for reason in _mapper().reasons_of_words([word for word, _typed in tokens]):
        scores[reason.key] += reason.weight
    mood = mood if mood is not None else sentiment_of_tokens(tokens)
    return [
        *(min(scores[key], _CAP) / _CAP for key in PLEDGE_KEYS),
        *(float(scores[key] >= THRESHOLD - 1e-9) for key in PLEDGE_KEYS),
        mood.polarity,
        mood.subjectivity,
        *(float(mood.label == label) for label in LABELS),
        *_clauses(mood),
        *_denial(text),
    ]


def _clauses(mood: Sentiment) -> list[float]:
    """The clauses' polarities that tell "mixed" ("loved the trip but hate school") and how an
    answer ends; the shares of positive and negative words."""
    clauses = mood.clause_polarities or (0.0,)
    return [
        max(clauses),
        min(clauses),
        clauses[0],
        clauses[-1],
        mood.positive_share,
        mood.negative_share,
    ]


def _denial(text: str) -> list[float]:
    """Whether the answer denies harm, whether that is all it says, and how the rest feels (all
    zero without a denial): the lexicon reads "nobody hurts me" by its harm word."""
    rest = without_denials(text)
    if rest is None:
        return [0.0] * (3 + len(LABELS))
    if not rest.strip():
        return [1.0, 1.0, 0.0, *(0.0 for _ in LABELS)]
    mood = sentiment(rest)
    return [1.0, 0.0, mood.polarity, *(float(mood.label == label) for label in LABELS)]


def pairs(
    text: str,
    lexicon_weight: float,
    tokens: list[Token] | None = None,
    mood: Sentiment | None = None,
) -> tuple[list[int], list[float]]:
    """Feature numbers and values of `text`: the word and char blocks (each of unit length),
    then the lexicon readings. A number may appear twice (a word and a character n-gram in one
    bucket): the values add up. `tokens` and `mood`: the lexicon's reading of the answer, when
    the caller has it already (the pipeline reads the redacted answer; names barely matter)."""
    words, chars = features(text)
    index = [*words, *chars]
    values = [*words.values(), *chars.values()]
    for offset, value in enumerate(_lexicon(text, tokens, mood)):
        if value:
            index.append(N_BUCKETS + offset)
            values.append(lexicon_weight * value)
    return index, values


def vector(text: str, lexicon_weight: float) -> dict[int, float]:
    """The features of `text` as one sparse vector (for training)."""
    result: dict[int, float] = {}
    for feature, value in zip(*pairs(text, lexicon_weight), strict=True):
        result[feature] = result.get(feature, 0.0) + value
    return result
