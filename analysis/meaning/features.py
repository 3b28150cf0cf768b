"""The meaning models' features, shared by training and use.

The context model's hashed word 1-2-grams and character 2-5-grams (`analysis/model/features.py`,
reused as is), plus a few lexicon readings appended after the hash buckets: each pledge's
lexicon score (capped) and whether it reaches the lexicon's threshold, and TextBlob's tuned
polarity, subjectivity and label (`analysis/sentiment.py`). With about 1,400 labelled answers the
n-grams alone do worse (cross-validated pledge micro-F1 0.62 against 0.67, sentiment 0.65
against 0.69): the lexicons carry what the data is too small to teach.

The text is read as written, as the other models read it, so the features (and a retrain) do not
depend on how redaction changes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from ..model.features import N_BUCKETS, features
from ..pledge_lexicon import PLEDGE_KEYS, THRESHOLD
from ..pledges import PledgeMapper
from ..sentiment import LABELS, sentiment_of_tokens
from ..tokens import normalise_tokens, tokenize

__all__ = ["LEXICON", "SIZE", "vector"]

# The lexicon readings, in the order they are appended after the hash buckets.
LEXICON: Final = (
    *(f"pledge score {key}" for key in PLEDGE_KEYS),
    *(f"pledge hit {key}" for key in PLEDGE_KEYS),
    "polarity",
    "subjectivity",
    *(f"lexicon label {label}" for label in LABELS),
)
SIZE: Final = N_BUCKETS + len(LEXICON)
_CAP: Final = 3.0


@lru_cache(maxsize=1)
def _mapper() -> PledgeMapper:
    return PledgeMapper()  # the lexicon alone: officers' corrections are applied after


def _lexicon(text: str) -> list[float]:
    tokens = normalise_tokens(tokenize(text))
    scores = dict.fromkeys(PLEDGE_KEYS, 0.0)
    for reason in _mapper().reasons_of_words([word for word, _typed in tokens]):
        scores[reason.key] += reason.weight
    mood = sentiment_of_tokens(tokens)
    return [
        *(min(scores[key], _CAP) / _CAP for key in PLEDGE_KEYS),
        *(float(scores[key] >= THRESHOLD - 1e-9) for key in PLEDGE_KEYS),
        mood.polarity,
        mood.subjectivity,
        *(float(mood.label == label) for label in LABELS),
    ]


def vector(text: str, lexicon_weight: float) -> dict[int, float]:
    """Sparse features of `text`: word and char blocks (each of unit length), then the lexicon."""
    words, chars = features(text)
    result: dict[int, float] = {}
    for block in (words, chars):
        for bucket, value in block.items():
            result[bucket] = result.get(bucket, 0.0) + value
    for offset, value in enumerate(_lexicon(text)):
        if value:
            result[N_BUCKETS + offset] = lexicon_weight * value
    return result
