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
import sys
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from .model.features import Token, blocks, tokens
from .model.weights import PROVENANCE_PATH, load

__all__ = ["PROVENANCE", "probability"]

PROVENANCE: Final[dict[str, Any]] = json.loads(PROVENANCE_PATH.read_text(encoding="utf-8"))

# A disclosure in a long answer is a few words among many, and children often write without
# full stops: above `_LONG` characters the answer is also read in overlapping runs of
# `_RUN` words, and the most worrying run counts. (A 6-word disclosure inside 400 ordinary
# words scored 0.01 read whole, 0.43 in runs of 12; the ordinary words alone, at most 0.10.)
_LONG: Final = 200
_RUN: Final = 12


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


def _block(coef: array[float], buckets: set[int]) -> float:
    # A block is the presence of its buckets, scaled to unit length.
    return sum(coef[b] for b in buckets) / math.sqrt(len(buckets)) if buckets else 0.0


def _score(model: _Model, run: Sequence[Token]) -> float:
    if not run:
        return -math.inf
    words, chars = blocks(run)
    return (
        model.intercept
        + model.word_weight * _block(model.coef, words)
        + model.char_weight * _block(model.coef, chars)
    )


def _best_run(model: _Model, read: list[Token]) -> float:
    """The highest score of any run of `_RUN` tokens, runs starting every `_RUN // 2` tokens.

    A run is two neighbouring half-runs, so each half-run's buckets are summed once, and a
    run's sum is the two halves' sums less what they share (set operations run in C).
    """
    step = _RUN // 2
    value = model.coef.__getitem__
    halves = []
    for start in range(0, len(read), step):
        pair = blocks(read[start : start + step])
        halves.append(tuple((buckets, sum(map(value, buckets))) for buckets in pair))
    weights = (model.word_weight, model.char_weight)
    best = -math.inf
    for first, second in zip(halves, halves[1:] or halves, strict=False):
        z = model.intercept
        for weight, (a, sum_a), (b, sum_b) in zip(weights, first, second, strict=True):
            if a is b:  # an answer of a single half-run
                total, size = sum_a, len(a)
            else:
                shared = a & b
                total = sum_a + sum_b - sum(map(value, shared))
                size = len(a) + len(b) - len(shared)
            if size:
                z += weight * total / math.sqrt(size)
        best = max(best, z)
    return best


def _sigmoid(z: float) -> float:
    if z == -math.inf:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def probability(text: str) -> float:
    """The chance (0..1) that `text` may disclose harm to a child, a parent or someone else."""
    if not text or not text.strip():
        return 0.0
    model = _model()
    read = tokens(text)
    z = _score(model, read)
    if len(text) > _LONG:
        # Each word keeps the context it had in the whole answer (its bigram, a negation).
        z = max(z, _best_run(model, read))
    return _sigmoid(z)
