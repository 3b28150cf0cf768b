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
from functools import cache
from typing import Any, Final

from .model.features import features
from .model.weights import PROVENANCE_PATH, Weights, load

__all__ = ["PROVENANCE", "probability"]

PROVENANCE: Final[dict[str, Any]] = json.loads(PROVENANCE_PATH.read_text(encoding="utf-8"))

# A disclosure in a long answer is one sentence among many: above this length the answer is
# also read a few sentences at a time and the most worrying part counts.
_WINDOW: Final = 280
_SENTENCE_END: Final = re.compile(r"(?<=[.!?\n])\s+")


@cache
def _weights() -> Weights:
    return load()


def _score(weights: Weights, text: str) -> float:
    word, char = features(text)
    if not word and not char:
        return -math.inf
    z = weights.intercept
    coef = weights.coef
    # Python floats: for a few hundred buckets this beats building NumPy arrays.
    if word:
        z += weights.word_weight * sum(float(coef[b]) * v for b, v in word.items())
    if char:
        z += weights.char_weight * sum(float(coef[b]) * v for b, v in char.items())
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
    weights = _weights()
    z = _score(weights, text)
    if len(text) > _WINDOW:
        z = max([z, *(_score(weights, part) for part in _windows(text))])
    return _sigmoid(z)
