"""The chance that a free-text answer may disclose harm, read in context by a trained model.

    probability(text) -> float in [0, 1]

A linear model on hashed word and character n-grams (`analysis/model/features.py`), trained by
`python -m analysis.model.train` from the labelled answers in `analysis/model/training/` and
`tests/data/voice_eval.jsonl`. It reads what the phrase rules cannot: negation ("nobody hurts
me"), jokes and idioms, lessons and films, misspelling and text-speak. It sits beside the rules
and never replaces them. `PROVENANCE` says where the weights came from, how they were trained
and how well they did on answers they were not trained on.

Pure and offline: the weights are read on the first call (nothing at import), with pickles
refused; NumPy is the only package used.
"""

from __future__ import annotations

import json
import math
import re
import sys
from array import array
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from .model.features import features
from .model.weights import PROVENANCE_PATH, load

__all__ = ["PROVENANCE", "probability"]

PROVENANCE: Final[dict[str, Any]] = json.loads(PROVENANCE_PATH.read_text(encoding="utf-8"))

# A disclosure in a long answer is one sentence among many: above this length the answer is
# also read a few sentences at a time and the most worrying part counts.
_WINDOW: Final = 280
_SENTENCE_END: Final = re.compile(r"(?<=[.!?\n])\s+")


@dataclass(frozen=True, slots=True)
class _Model:
    coef: array[float]  # a compact float32 array: indexing it gives Python floats, cheaply
    intercept: float
    word_weight: float
    char_weight: float


@cache
def _model() -> _Model:
    weights = load()
    coef = array("f", weights.coef.astype("<f4").tobytes())
    if sys.byteorder != "little":
        coef.byteswap()
    return _Model(coef, weights.intercept, weights.word_weight, weights.char_weight)


def _score(model: _Model, text: str) -> float:
    word, char = features(text)
    if not word and not char:
        return -math.inf
    coef = model.coef
    z = model.intercept
    z += model.word_weight * sum(coef[b] * v for b, v in word.items())
    z += model.char_weight * sum(coef[b] * v for b, v in char.items())
    return z


def _windows(text: str) -> list[str]:
    windows: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        if current and len(current) + len(sentence) > _WINDOW:
            windows.append(current)
            current = ""
        current = f"{current} {sentence}" if current else sentence
    if current:
        windows.append(current)
    return windows


def _sigmoid(z: float) -> float:
    if z == -math.inf:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def probability(text: str) -> float:
    """The chance (0..1) that `text` may disclose harm to a child, a parent or someone else."""
    if not text or not text.strip():
        return 0.0
    model = _model()
    z = _score(model, text)
    if len(text) > _WINDOW:
        z = max([z, *(_score(model, part) for part in _windows(text))])
    return _sigmoid(z)
