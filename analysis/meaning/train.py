"""Train the pledge and sentiment models and write their weights and provenance.

    python -m analysis.meaning.train            # cross-validate, train, write both files
    python -m analysis.meaning.train --check    # retrain and say whether it matches what ships

Needs the `train` extra (scikit-learn, SciPy); using the models needs NumPy only.

Training data: every `*.jsonl` in `analysis/meaning/training/`, the dev split of the issue-13
evaluation sets (`tests/data/eval/dev/`) and the first labelled set (`tests/data/voice_eval.jsonl`);
never the frozen `tests/data/eval/test/` nor `tests/data/voice_holdout.jsonl`, which is scored as
a check. Figures are grouped, stratified 5-fold cross-validation (near-duplicate answers share a
fold, `analysis.model.corpus.groups`); the pledge threshold is the one with the best
cross-validated micro-F1, so that figure is slightly optimistic (the figure at 0.5 is given too).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Final

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from ..evaluation import rate_record
from ..model import corpus
from ..pledge_lexicon import PLEDGE_KEYS
from ..sentiment import LABELS
from .features import SIZE, vector
from .model import ONLY_DENIES_HARM, label_of
from .weights import PROVENANCE_PATH, WEIGHTS_PATH, Weights, load, save

ROOT: Final = Path(__file__).resolve().parents[2]
TRAINING_DIR: Final = ROOT / "analysis" / "meaning" / "training"
DEV_DIR: Final = ROOT / "tests" / "data" / "eval" / "dev"
FIRST_SET: Final = ROOT / "tests" / "data" / "voice_eval.jsonl"
HOLDOUT: Final = ROOT / "tests" / "data" / "voice_holdout.jsonl"
FOLDS: Final = 5
SEED: Final = 13
C: Final = 16.0
LEXICON_WEIGHT: Final = 1.0
THRESHOLDS: Final = tuple(round(0.2 + 0.05 * i, 2) for i in range(9))  # 0.2 .. 0.6
MIXED_BIASES: Final = tuple(round(0.25 * i, 2) for i in range(9))  # 0 .. 2
COMMAND: Final = "python -m analysis.meaning.train"
PACKAGES: Final = ("scikit-learn", "scipy", "numpy", "textblob")


def training_files() -> list[Path]:
    return [*sorted(TRAINING_DIR.glob("*.jsonl")), *sorted(DEV_DIR.glob("*.jsonl")), FIRST_SET]


def _rows(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """Every labelled answer, with the file it came from as `source`."""
    return [
        {**json.loads(line), "source": path.stem}
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def matrix(texts: Sequence[str]) -> csr_matrix:
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for i, text in enumerate(texts):
        for feature, value in vector(text, LEXICON_WEIGHT).items():
            rows.append(i)
            cols.append(feature)
            values.append(value)
    return csr_matrix((values, (rows, cols)), shape=(len(texts), SIZE), dtype=np.float64)


def labels(rows: Sequence[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    pledges = np.array([[key in (r.get("pledges") or ()) for key in PLEDGE_KEYS] for r in rows])
    return pledges.astype(int), np.array([LABELS.index(r["sentiment"]) for r in rows])


def fit(x: csr_matrix, pledges: np.ndarray, mood: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(coef (SIZE, 10), intercept (10,)): six pledge columns, then the four labels."""
    coefs, intercepts = [], []
    for k in range(len(PLEDGE_KEYS)):
        model = LogisticRegression(
            C=C, solver="liblinear", class_weight="balanced", random_state=SEED
        ).fit(x, pledges[:, k])
        coefs.append(model.coef_[0])
        intercepts.append(float(model.intercept_[0]))
    model = LogisticRegression(C=C, max_iter=5000, random_state=SEED).fit(x, mood)
    if list(model.classes_) != list(range(len(LABELS))):
        raise ValueError("every sentiment label needs training answers")
    coef = np.vstack([*coefs, model.coef_]).T
    return coef, np.concatenate([intercepts, model.intercept_])


def predict(
    coef: np.ndarray, intercept: np.ndarray, x: csr_matrix
) -> tuple[np.ndarray, np.ndarray]:
    z = x @ coef.astype(np.float32).astype(np.float64) + intercept
    n = len(PLEDGE_KEYS)
    pledge_p = 1.0 / (1.0 + np.exp(-z[:, :n]))
    mood = z[:, n:] - z[:, n:].max(axis=1, keepdims=True)
    return pledge_p, np.exp(mood) / np.exp(mood).sum(axis=1, keepdims=True)


def sentiment_labels(mood_scores: np.ndarray, x: csr_matrix) -> np.ndarray:
    """Each answer's label as `read` gives it (the denial rule included), from its scores."""
    only = np.asarray(x[:, ONLY_DENIES_HARM].todense()).ravel() > 0
    return np.array([label_of(row, bool(o)) for row, o in zip(mood_scores, only, strict=True)])


def scores(
    gold: np.ndarray, got: np.ndarray, mood: np.ndarray, guess: np.ndarray
) -> dict[str, Any]:
    tp = int((gold & got).sum())
    fp = int(((1 - gold) & got).sum())
    fn = int((gold & (1 - got)).sum())
    return {
        "pledge_micro_f1": round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else None,
        "pledge_precision": rate_record(tp, tp + fp),
        "pledge_recall": rate_record(tp, tp + fn),
        "sentiment_agreement": rate_record(int((mood == guess).sum()), len(mood)),
    }


def cross_validate(
    x: csr_matrix, pledges: np.ndarray, mood: np.ndarray, groups: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    splitter = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    pledge_p = np.zeros(pledges.shape)
    mood_p = np.zeros((len(mood), len(LABELS)))
    for train, test in splitter.split(np.zeros(len(mood)), mood, groups):
        coef, intercept = fit(x[train], pledges[train], mood[train])
        pledge_p[test], mood_p[test] = predict(coef, intercept, x[test])
        print(f"  fold done ({len(test)} held out)", file=sys.stderr)
    return pledge_p, mood_p


def _package(name: str) -> dict[str, str]:
    meta = metadata.metadata(name)
    classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    licence = meta.get("License-Expression") or (
        classifiers[0].rsplit(" :: ", 1)[-1] if classifiers else meta.get("License") or ""
    )
    return {"version": metadata.version(name), "licence": licence.splitlines()[0][:80]}


def train(validate: bool = True) -> tuple[Weights, dict[str, Any]]:
    files = training_files()
    rows = _rows(files)
    texts = [str(r["text"]) for r in rows]
    pledges, mood = labels(rows)
    x = matrix(texts)
    report: dict[str, Any] = {}
    threshold, mixed_bias = 0.5, 0.0
    if validate:
        examples = [corpus.Example(t, False, "", "") for t in texts]
        groups = np.array(corpus.groups(examples))
        pledge_p, mood_p = cross_validate(x, pledges, mood, groups)
        mixed = LABELS.index("mixed")

        def guesses(bias: float) -> np.ndarray:
            return sentiment_labels(
                np.log(mood_p + 1e-12) + bias * (np.arange(len(LABELS)) == mixed), x
            )

        agreement = {b: float((guesses(b) == mood).mean()) for b in MIXED_BIASES}
        mixed_bias = max(MIXED_BIASES, key=lambda b: (agreement[b], -b))
        guess = guesses(mixed_bias)
        by_threshold = {
            t: scores(pledges, (pledge_p >= t).astype(int), mood, guess) for t in THRESHOLDS
        }
        threshold = max(THRESHOLDS, key=lambda t: (by_threshold[t]["pledge_micro_f1"], -t))
        got = (pledge_p >= threshold).astype(int)
        sources = np.array([r["source"] for r in rows])
        report["cross_validated"] = {
            "answers": len(rows),
            "groups": int(len(set(groups.tolist()))),
            **scores(pledges, got, mood, guess),
            "pledge_micro_f1_at_0.5": by_threshold[0.5]["pledge_micro_f1"],
            "sentiment_agreement_by_mixed_bias": {
                str(b): round(a, 4) for b, a in agreement.items()
            },
            "pledge_f1_by_threshold": {
                str(t): v["pledge_micro_f1"] for t, v in by_threshold.items()
            },
            "by_set": {
                source: scores(pledges[m], got[m], mood[m], guess[m])
                for source in sorted(set(sources.tolist()))
                if (m := sources == source).any()
            },
        }
    coef, intercept = fit(x, pledges, mood)
    used = np.flatnonzero(np.abs(coef).max(axis=1) > 0)
    weights = Weights(
        used.astype(np.int32),
        coef[used].astype(np.float16),
        intercept,
        threshold,
        LEXICON_WEIGHT,
        mixed_bias,
    )
    if validate:
        holdout = _rows([HOLDOUT])
        hp, hm = labels(holdout)
        dense = np.zeros((SIZE, coef.shape[1]), dtype=np.float32)
        dense[used] = weights.coef
        biased = intercept.copy()
        biased[len(PLEDGE_KEYS) + LABELS.index("mixed")] += mixed_bias
        hx = matrix([str(r["text"]) for r in holdout])
        pp, mp = predict(dense, biased, hx)
        report["holdout"] = {
            "file": HOLDOUT.relative_to(ROOT).as_posix(),
            "sha256": _sha256(HOLDOUT),
            **scores(hp, (pp >= threshold).astype(int), hm, sentiment_labels(mp, hx)),
        }
    report["training"] = {
        "answers": len(rows),
        "files": {p.relative_to(ROOT).as_posix(): _sha256(p) for p in files},
    }
    return weights, report


def provenance(weights: Weights, report: dict[str, Any]) -> dict[str, Any]:
    return {
        "model": "six one-vs-rest logistic regressions (pledges) and one multinomial logistic "
        "regression (sentiment) on hashed word 1-2-grams, character 2-5-grams and lexicon "
        "readings",
        "command": COMMAND,
        "trained_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "python": platform.python_version(),
        "packages": {name: _package(name) for name in PACKAGES},
        "training_data_licence": "MIT, as the repository: written for this project",
        "features": {"module": "analysis/meaning/features.py", "size": SIZE},
        "settings": {
            "C": C,
            "lexicon_weight": LEXICON_WEIGHT,
            "pledge_threshold": weights.pledge_threshold,
            "mixed_bias": weights.mixed_bias,
            "folds": FOLDS,
            "seed": SEED,
        },
        "weights": {
            "file": WEIGHTS_PATH.relative_to(ROOT).as_posix(),
            "sha256": _sha256(WEIGHTS_PATH),
            "format": "zip of .npy arrays, float16 coefficients, loaded with allow_pickle=False",
        },
        **report,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="retrain and compare with shipped")
    args = parser.parse_args(argv)
    if args.check:
        shipped = load()
        weights, _ = train(validate=False)
        same = np.array_equal(weights.index, shipped.index) and np.array_equal(
            weights.coef.astype(np.float32), shipped.coef
        )
        print("the retrained weights match" if same else "the retrained weights differ")
        return 0 if same else 1
    weights, report = train()
    save(weights)
    record = provenance(weights, report)
    PROVENANCE_PATH.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(record["cross_validated"], indent=2)[:3000])
    print(json.dumps(record["holdout"], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
