"""The labelled answers the context model learns from, and how they are grouped for validation.

Training reads every `*.jsonl` in `analysis/model/training/` (fields `text`, `disclosure`,
`topic`, optional `who` and `group`) and the first labelled set, `tests/data/voice_eval.jsonl`
(`safeguarding` is a category or null). `tests/data/voice_holdout.jsonl` is never trained on: it
is the check on answers the model has not seen.

Cross-validation must not put two wordings of one answer on both sides of a split, or it
measures memory. Answers are grouped by an explicit `group` field where one is given, and
otherwise any two answers whose sets of character 3-grams are close (cosine >= `NEAR`) share a
group. That is deliberately wide (it also joins some answers that only share a few phrases), so
the figures err low rather than high.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
from scipy.sparse import csr_matrix

from .features import normalise

__all__ = [
    "HOLDOUT",
    "NEAR",
    "ROOT",
    "TRAINING_DIR",
    "Example",
    "groups",
    "load",
    "sha256",
    "training_files",
]

ROOT: Final = Path(__file__).resolve().parents[2]
TRAINING_DIR: Final = ROOT / "analysis" / "model" / "training"
FIRST_SET: Final = ROOT / "tests" / "data" / "voice_eval.jsonl"
HOLDOUT: Final = ROOT / "tests" / "data" / "voice_holdout.jsonl"
NEAR: Final = 0.5


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    disclosure: bool
    topic: str
    source: str  # file name, relative to the repository
    group: str | None = None


def training_files() -> list[Path]:
    """Every file trained on, in a fixed order."""
    return [*sorted(TRAINING_DIR.glob("*.jsonl")), FIRST_SET]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _example(row: dict[str, object], source: str) -> Example:
    text = str(row["text"])
    if "disclosure" in row:
        topic = str(row.get("topic") or "")
        group = row.get("group")
        return Example(text, bool(row["disclosure"]), topic, source, str(group) if group else None)
    category = row.get("safeguarding")  # the first sets' shape
    return Example(text, category is not None, str(category or "none"), source)


def load(paths: Iterable[Path]) -> list[Example]:
    examples: list[Example] = []
    for path in paths:
        source = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    examples.append(_example(json.loads(line), source))
                except (ValueError, KeyError) as error:
                    raise ValueError(f"{source}:{number}: {error}") from error
    return examples


def groups(examples: Sequence[Example]) -> list[int]:
    """A group number per example: explicit groups, then near-duplicates joined (union-find)."""
    parent = list(range(len(examples)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    named: dict[str, int] = {}
    for i, example in enumerate(examples):
        if example.group is not None:
            join(i, named.setdefault(example.group, i))
    # Cosine of the sets of character 3-grams, all pairs at once. The sets are this module's
    # own, not the model's features, so changing the features does not change the folds.
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, example in enumerate(examples):
        text = " ".join(normalise(example.text).split())
        grams = {text[k : k + 3] for k in range(len(text) - 2)} or {text}
        for gram in grams:
            rows.append(i)
            cols.append(vocabulary.setdefault(gram, len(vocabulary)))
    sets = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocabulary)))
    sizes = np.asarray(sets.sum(axis=1)).ravel()
    shared = (sets @ sets.T).tocoo()
    for i, j, common in zip(shared.row, shared.col, shared.data, strict=True):
        if i < j and common / np.sqrt(sizes[i] * sizes[j]) >= NEAR:
            join(int(i), int(j))
    roots: dict[int, int] = {}
    return [roots.setdefault(find(i), len(roots)) for i in range(len(examples))]
