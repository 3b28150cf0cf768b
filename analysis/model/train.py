"""Train the context model and write its weights and provenance.

    python -m analysis.model.train            # validate, choose, train, write both files
    python -m analysis.model.train --check    # retrain and say whether it matches what ships

Needs the `train` extra (scikit-learn, SciPy); using the model needs NumPy only.

1. Every candidate (logistic regression, or a linear SVM with Platt-scaled probabilities, at a
   few strengths) is scored by grouped, stratified 5-fold cross-validation: no group of
   near-duplicate answers straddles two folds (`corpus.groups`). The one with the fewest false
   alarms at 97% recall wins (ties: lower Brier score).
2. The winner's figures are re-measured honestly: in each outer fold the two thresholds are
   chosen on the training folds only (inner grouped cross-validation) and then applied to the
   held-out fold. "today" keeps recall at `TODAY_RECALL`; "urgent" keeps false alarms at
   `URGENT_FALSE_ALARMS`. Rates carry Wilson 95% intervals.
3. It is trained on everything; the shipped thresholds come from cross-validated scores on
   everything; the untouched `voice_holdout.jsonl` is scored at those thresholds.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import Any, Final

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.svm import LinearSVC

from ..evaluation import rate_record
from . import corpus
from .features import CHAR_RANGE, N_BUCKETS, features
from .weights import PROVENANCE_PATH, WEIGHTS_PATH, Weights, load, save

FOLDS: Final = 5
SEED: Final = 13
TODAY_RECALL: Final = 0.97
URGENT_FALSE_ALARMS: Final = 0.03
COMMAND: Final = "python -m analysis.model.train"
PACKAGES: Final = ("scikit-learn", "scipy", "numpy")


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: str  # "logistic" or "svm"
    c: float
    word_weight: float = 1.0
    char_weight: float = 1.0

    @property
    def name(self) -> str:
        return f"{self.kind} C={self.c} word={self.word_weight} char={self.char_weight}"


CANDIDATES: Final = (
    Candidate("logistic", 4.0),
    Candidate("logistic", 16.0),
    Candidate("logistic", 64.0),
    Candidate("logistic", 16.0, word_weight=0.5),
    Candidate("svm", 0.5),
    Candidate("svm", 2.0),
)


def matrix(texts: Sequence[str], word_weight: float, char_weight: float) -> csr_matrix:
    """One row per text over the hash buckets, blocks weighted as the model will read them."""
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for i, text in enumerate(texts):
        word, char = features(text)
        for block, weight in ((word, word_weight), (char, char_weight)):
            for bucket, value in block.items():
                rows.append(i)
                cols.append(bucket)
                values.append(weight * value)
    # Duplicate (row, bucket) pairs, where a word and a character n-gram share a bucket, add up.
    return csr_matrix((values, (rows, cols)), shape=(len(texts), N_BUCKETS), dtype=np.float64)


def _inner_folds(y: np.ndarray, groups: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    splitter = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    return list(splitter.split(np.zeros(len(y)), y, groups))


def fit(candidate: Candidate, x: csr_matrix, y: np.ndarray, groups: np.ndarray) -> Weights:
    """Train one candidate; the result is a single linear model either way."""
    if candidate.kind == "logistic":
        model = LogisticRegression(
            C=candidate.c, class_weight="balanced", solver="liblinear", random_state=SEED
        )
        model.fit(x, y)
        coef, intercept = model.coef_[0], float(model.intercept_[0])
    else:
        # Platt scaling on held-out margins: p = sigmoid(a * margin + b), still linear in x.
        margins = np.zeros(len(y))
        for train, test in _inner_folds(y, groups):
            inner = _svm(candidate).fit(x[train], y[train])
            margins[test] = inner.decision_function(x[test])
        platt = LogisticRegression(C=1e6).fit(margins.reshape(-1, 1), y)
        a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
        svm = _svm(candidate).fit(x, y)
        coef, intercept = a * svm.coef_[0], a * float(svm.intercept_[0]) + b
    return Weights(coef.astype(np.float16), intercept, candidate.word_weight, candidate.char_weight)


def _svm(candidate: Candidate) -> LinearSVC:
    return LinearSVC(C=candidate.c, class_weight="balanced", random_state=SEED, max_iter=5000)


def scores(weights: Weights, x: csr_matrix) -> np.ndarray:
    """Probabilities for rows already built with the candidate's block weights."""
    z = x @ weights.coef.astype(np.float64) + weights.intercept
    return 1.0 / (1.0 + np.exp(-z))


def out_of_fold(
    candidate: Candidate, x: csr_matrix, y: np.ndarray, groups: np.ndarray
) -> np.ndarray:
    result = np.zeros(len(y))
    for train, test in _inner_folds(y, groups):
        result[test] = scores(fit(candidate, x[train], y[train], groups[train]), x[test])
    return result


def thresholds(p: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """'today': the highest threshold keeping recall >= TODAY_RECALL; 'urgent': the lowest
    keeping false alarms <= URGENT_FALSE_ALARMS (never below 'today')."""
    positives = np.sort(p[y == 1])
    keep = int(np.floor((1 - TODAY_RECALL) * len(positives)))
    today = float(positives[keep])
    negatives = np.sort(p[y == 0])[::-1]
    allowed = int(np.floor(URGENT_FALSE_ALARMS * len(negatives)))
    urgent = float(np.nextafter(negatives[allowed], 1.0))
    return {"today": today, "urgent": max(urgent, today)}


def figures(p: np.ndarray, y: np.ndarray, cut: dict[str, float]) -> dict[str, Any]:
    """Recall on disclosures and false alarms on ordinary answers at each threshold."""
    positives, negatives = p[y == 1], p[y == 0]
    return {
        tier: {
            "recall": rate_record(int((positives >= t).sum()), len(positives)),
            "false_alarms": rate_record(int((negatives >= t).sum()), len(negatives)),
        }
        for tier, t in (("today", cut["today"]), ("urgent", cut["urgent"]))
    }


def _false_alarms_at_recall(p: np.ndarray, y: np.ndarray) -> float:
    t = thresholds(p, y)["today"]
    return float((p[y == 0] >= t).mean())


def compare(x_texts: Sequence[str], y: np.ndarray, groups: np.ndarray) -> list[dict[str, Any]]:
    table = []
    for candidate in CANDIDATES:
        x = matrix(x_texts, candidate.word_weight, candidate.char_weight)
        p = out_of_fold(candidate, x, y, groups)
        table.append(
            {
                "candidate": asdict(candidate),
                "name": candidate.name,
                "auc": round(float(roc_auc_score(y, p)), 4),
                "brier": round(float(brier_score_loss(y, p)), 4),
                "false_alarms_at_97_recall": round(_false_alarms_at_recall(p, y), 4),
            }
        )
        print(f"  {table[-1]}", file=sys.stderr)
    return table


def nested(
    candidate: Candidate, x: csr_matrix, y: np.ndarray, groups: np.ndarray, topics: Sequence[str]
) -> dict[str, Any]:
    """Thresholds chosen inside each training split, applied to its held-out fold; overall and
    per topic (a disclosure's kind, or an ordinary answer's trap)."""
    flagged = {"today": np.zeros(len(y), dtype=bool), "urgent": np.zeros(len(y), dtype=bool)}
    for train, test in _inner_folds(y, groups):
        inner = out_of_fold(candidate, x[train], y[train], groups[train])
        cut = thresholds(inner, y[train])
        p = scores(fit(candidate, x[train], y[train], groups[train]), x[test])
        for tier, marks in flagged.items():
            marks[test] = p >= cut[tier]

    def rates(mask: np.ndarray) -> dict[str, dict[str, Any]]:
        result = {}
        for tier, marks in flagged.items():
            rate = "recall" if y[mask].all() else "false_alarms"
            result[tier] = {rate: rate_record(int(marks[mask].sum()), int(mask.sum()))}
        return result

    result: dict[str, Any] = {
        tier: {
            "recall": rate_record(int(marks[y == 1].sum()), int((y == 1).sum())),
            "false_alarms": rate_record(int(marks[y == 0].sum()), int((y == 0).sum())),
        }
        for tier, marks in flagged.items()
    }
    kinds = zip(y, topics, strict=True)
    labels = np.array([f"{'disclosure' if d else 'ordinary'}: {t}" for d, t in kinds])
    result["by_topic"] = {label: rates(labels == label) for label in sorted(set(labels))}
    return result


def _package(name: str) -> dict[str, str]:
    """Version and licence as the installed package declares them (SPDX first, then the
    classifier: SciPy's `License` field holds the whole licence text)."""
    meta = metadata.metadata(name)
    classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    licence = meta.get("License-Expression") or (
        classifiers[0].rsplit(" :: ", 1)[-1] if classifiers else meta.get("License") or ""
    )
    return {"version": metadata.version(name), "licence": licence.splitlines()[0][:80]}


def train(candidate: Candidate | None = None) -> tuple[Weights, dict[str, Any]]:
    """Train on every file; with no candidate given, validate and choose one first."""
    files = corpus.training_files()
    examples = corpus.load(files)
    texts = [e.text for e in examples]
    y = np.array([int(e.disclosure) for e in examples])
    groups = np.array(corpus.groups(examples))
    report: dict[str, Any] = {}
    if candidate is None:
        print(f"comparing {len(CANDIDATES)} candidates on {len(y)} answers", file=sys.stderr)
        table = compare(texts, y, groups)
        best = min(table, key=lambda r: (r["false_alarms_at_97_recall"], r["brier"]))
        candidate = Candidate(**best["candidate"])
        report["candidates"] = table
    x = matrix(texts, candidate.word_weight, candidate.char_weight)
    weights = fit(candidate, x, y, groups)
    report["chosen"] = asdict(candidate)
    if "candidates" in report:
        p = out_of_fold(candidate, x, y, groups)
        cut = thresholds(p, y)
        report["thresholds"] = cut
        report["cross_validated_at_shipped_thresholds"] = figures(p, y, cut)
        report["cross_validated_nested"] = nested(
            candidate, x, y, groups, [e.topic for e in examples]
        )
        report["cross_validated_auc"] = round(float(roc_auc_score(y, p)), 4)
        holdout = corpus.load([corpus.HOLDOUT])
        hy = np.array([int(e.disclosure) for e in holdout])
        hx = matrix([e.text for e in holdout], candidate.word_weight, candidate.char_weight)
        report["holdout"] = {
            "file": corpus.HOLDOUT.relative_to(corpus.ROOT).as_posix(),
            "sha256": corpus.sha256(corpus.HOLDOUT),
            **figures(scores(weights, hx), hy, cut),
        }
    report["training"] = {
        "answers": len(y),
        "disclosures": int(y.sum()),
        "ordinary": int(len(y) - y.sum()),
        "groups": int(len(set(groups.tolist()))),
        "files": {path.relative_to(corpus.ROOT).as_posix(): corpus.sha256(path) for path in files},
    }
    return weights, report


def provenance(report: dict[str, Any]) -> dict[str, Any]:
    return {
        "model": "linear classifier on hashed word 1-2-grams and character 2-5-grams",
        "command": COMMAND,
        "trained_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "python": platform.python_version(),
        "packages": {name: _package(name) for name in PACKAGES},
        "training_data_licence": "MIT, as the repository: written for this project",
        "features": {
            "hash": "zlib.crc32",
            "buckets": N_BUCKETS,
            "char_range": list(CHAR_RANGE),
            "module": "analysis/model/features.py",
        },
        "weights": {
            "file": WEIGHTS_PATH.relative_to(corpus.ROOT).as_posix(),
            "sha256": corpus.sha256(WEIGHTS_PATH),
            "format": "zip of .npy arrays, float16 coefficients, loaded with allow_pickle=False",
        },
        "folds": FOLDS,
        "seed": SEED,
        "targets": {"today_recall": TODAY_RECALL, "urgent_false_alarms": URGENT_FALSE_ALARMS},
        "grouping": f"explicit `group`, else character n-gram cosine >= {corpus.NEAR}",
        **report,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="retrain and compare with shipped")
    args = parser.parse_args(argv)
    if args.check:
        shipped = json.loads(PROVENANCE_PATH.read_text(encoding="utf-8"))
        weights, _ = train(Candidate(**shipped["chosen"]))
        current = load()
        diff = float(np.max(np.abs(weights.coef.astype(np.float32) - current.coef)))
        print(f"largest coefficient difference from the shipped weights: {diff:.2e}")
        return 0 if diff <= 1e-3 else 1
    weights, report = train()
    save(weights)
    record = provenance(report)
    PROVENANCE_PATH.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: record[k] for k in ("chosen", "thresholds", "holdout")}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
