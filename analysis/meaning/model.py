"""Pledges and sentiment of one answer, read by trained linear models.

    read(text) -> Meaning(pledges, sentiment, probabilities)

Six one-against-the-rest logistic regressions give the pledges (each pledge whose probability
reaches the threshold chosen in training), and one multinomial logistic regression gives the
sentiment (`pos`, `neg`, `neu`, `mixed`), all over the features in `features.py`; plain marks
of sarcasm turn a positive or neutral reading negative (`sarcasm.py`). Trained by
`python -m analysis.meaning.train`; `PROVENANCE` says from what, how, and how well they did on
answers they were not trained on. Pure and offline: NumPy only, weights read on the first call.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from ..pledge_lexicon import PLEDGE_KEYS
from ..sentiment import LABELS, Sentiment
from ..tokens import Token
from .features import LEXICON, SIZE, pairs
from .sarcasm import is_sarcastic
from .weights import PROVENANCE_PATH, load

if TYPE_CHECKING:
    import numpy as np

__all__ = ["ONLY_DENIES_HARM", "PROVENANCE", "Meaning", "label_of", "read"]

PROVENANCE: Final[dict[str, Any]] = json.loads(PROVENANCE_PATH.read_text(encoding="utf-8"))
_PLEDGES: Final = len(PLEDGE_KEYS)
ONLY_DENIES_HARM: Final = SIZE - len(LEXICON) + LEXICON.index("only denies harm")
_NOT_NEGATIVE: Final = tuple(i for i, label in enumerate(LABELS) if label != "neg")


@dataclass(frozen=True, slots=True)
class Meaning:
    pledges: list[str]
    sentiment: str
    pledge_probability: dict[str, float]
    sentiment_probability: dict[str, float]


def label_of(probabilities: Sequence[float], only_denies_harm: bool) -> int:
    """The sentiment label's number: the likeliest, except that an answer which only denies
    harm ("nobody hurts me here") is never negative: it says harm is absent."""
    best = max(range(len(LABELS)), key=lambda i: probabilities[i])
    if only_denies_harm and LABELS[best] == "neg":
        return max(_NOT_NEGATIVE, key=lambda i: probabilities[i])
    return best


@dataclass(frozen=True, slots=True)
class _Model:
    coef: np.ndarray  # float32, (SIZE, 10): dense, so a row is found by its feature number
    intercept: np.ndarray
    threshold: float
    lexicon_weight: float


@cache
def _model() -> _Model:
    import numpy as np

    weights = load()
    coef = np.zeros((SIZE, weights.coef.shape[1]), dtype=np.float32)
    coef[weights.index] = weights.coef
    intercept = weights.intercept.copy()
    intercept[_PLEDGES + LABELS.index("mixed")] += weights.mixed_bias
    return _Model(coef, intercept, weights.pledge_threshold, weights.lexicon_weight)


def read(text: str, tokens: list[Token] | None = None, mood: Sentiment | None = None) -> Meaning:
    """The pledges an answer speaks to and how it feels, with the models' probabilities.

    `tokens` and `mood`: the lexicon's tokens and sentiment of the answer, when the caller has
    them already (saves reading it twice)."""
    import numpy as np

    model = _model()
    text = text if isinstance(text, str) else ""
    index, values = pairs(text, model.lexicon_weight, tokens, mood)
    z = model.intercept + np.asarray(values, dtype=np.float32) @ model.coef[index]
    pledge_p = 1.0 / (1.0 + np.exp(-z[:_PLEDGES]))
    scores = np.exp(z[_PLEDGES:] - z[_PLEDGES:].max())
    sentiment_p = scores / scores.sum()
    sentiment = LABELS[label_of(sentiment_p, ONLY_DENIES_HARM in index)]
    if sentiment in ("pos", "neu") and is_sarcastic(text):
        sentiment = "neg"  # praise said to mean the opposite
    return Meaning(
        pledges=[key for key, p in zip(PLEDGE_KEYS, pledge_p, strict=True) if p >= model.threshold],
        sentiment=sentiment,
        pledge_probability={
            k: round(float(p), 4) for k, p in zip(PLEDGE_KEYS, pledge_p, strict=True)
        },
        sentiment_probability={
            k: round(float(p), 4) for k, p in zip(LABELS, sentiment_p, strict=True)
        },
    )
