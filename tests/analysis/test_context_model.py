"""The context model: shipped weights match their provenance, training reproduces them, the
scores order clear cases sensibly on answers it never saw, and it is cheap and offline."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from analysis import context_model
from analysis.context_model import PROVENANCE, probability
from analysis.model import corpus, weights
from analysis.model import features as feature_module

ROOT = Path(__file__).resolve().parents[2]

# Written for this test, after training, and checked below to be in no training file.
CLEAR_DISCLOSURES = (
    "my foster carers husband slaps me when im late home and says no one will believe me",
    "i have been cutting my arms every night this week",
    "theres no food in the flat and the baby hasnt eaten since yesterday",
    "a man online says he will send my photos to everyone unless i send more",
    "i want to kill myself tonight",
    "my uncle makes me sell stuff for him and says he'll hurt my mum if i stop",
)
EVERYDAY = (
    "i like my foster carers they take me swimming",
    "my favourite subject is art and i got a merit",
    "can we have more trips to the cinema in the holidays",
    "i'd love a takeaway tonight lol",
    "we watched a film about the war in history",
    "I would like more help with my college application",
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_shipped_weights_and_training_files_match_the_provenance() -> None:
    assert _sha256(ROOT / PROVENANCE["weights"]["file"]) == PROVENANCE["weights"]["sha256"]
    shipped = {path.relative_to(ROOT).as_posix(): _sha256(path) for path in corpus.training_files()}
    # A file added to the training folder, or one edited, needs a retrain before it ships.
    assert shipped == PROVENANCE["training"]["files"]
    holdout = PROVENANCE["holdout"]
    assert _sha256(ROOT / holdout["file"]) == holdout["sha256"]
    assert holdout["file"] not in shipped  # the holdout is never trained on


def test_provenance_records_packages_command_size_and_cross_validated_figures() -> None:
    assert PROVENANCE["command"] == "python -m analysis.model.train"
    for name in ("scikit-learn", "numpy", "scipy"):
        package = PROVENANCE["packages"][name]
        assert package["version"] and "BSD" in package["licence"]
    size = PROVENANCE["training"]
    assert size["answers"] == size["disclosures"] + size["ordinary"] >= 800
    for figures in (PROVENANCE["cross_validated_nested"], PROVENANCE["holdout"]):
        for tier in ("today", "urgent"):
            for rate in ("recall", "false_alarms"):
                low, high = figures[tier][rate]["ci95"]
                assert 0 <= low <= figures[tier][rate]["value"] <= high <= 1
    assert 0 < PROVENANCE["thresholds"]["today"] <= PROVENANCE["thresholds"]["urgent"] < 1


def test_retraining_on_the_shipped_data_reproduces_the_weights_exactly(tmp_path: Path) -> None:
    # About 5 s of CPU: the chosen model only, without the cross-validation.
    pytest.importorskip("sklearn")
    from analysis.model import train

    retrained, _ = train.train(train.Candidate(**PROVENANCE["chosen"]))
    shipped = weights.load()
    assert np.array_equal(retrained.coef.astype(np.float32), shipped.coef)
    assert retrained.intercept == pytest.approx(shipped.intercept, abs=1e-9)
    weights.save(retrained, tmp_path / "retrained.npz")
    assert _sha256(tmp_path / "retrained.npz") == PROVENANCE["weights"]["sha256"]


def test_the_examples_below_are_not_in_the_training_data() -> None:
    trained = {e.text.lower() for e in corpus.load(corpus.training_files())}
    assert not {text.lower() for text in CLEAR_DISCLOSURES + EVERYDAY} & trained


def test_clear_disclosures_score_above_everyday_answers_it_never_saw() -> None:
    lowest_disclosure = min(probability(text) for text in CLEAR_DISCLOSURES)
    highest_everyday = max(probability(text) for text in EVERYDAY)
    assert lowest_disclosure > highest_everyday
    assert lowest_disclosure >= PROVENANCE["thresholds"]["today"]


def test_a_disclosure_inside_a_long_answer_is_not_diluted() -> None:
    ordinary = " ".join(EVERYDAY[:4]) + ". "
    padding = (ordinary * 6).strip()
    buried = f"{padding} i want to kill myself tonight. {padding}"
    assert probability(buried) >= PROVENANCE["thresholds"]["today"] > probability(padding)


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "...", "!!!"])
def test_nothing_to_read_scores_zero(text: str) -> None:
    assert probability(text) == 0.0


def test_scores_are_probabilities_on_awkward_text() -> None:
    for text in ("😭😭😭", "a" * 5000, "i" * 10, "ﬁne ｔｈａｎｋｓ", "مرحبا", "x\u0000y"):
        assert 0.0 <= probability(text) <= 1.0


def test_weights_with_pickled_objects_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.npz"
    np.savez(
        path,
        coef=np.array([object()], dtype=object),
        intercept=np.zeros(1),
        block_weights=np.ones(2),
        n_buckets=np.array([feature_module.N_BUCKETS]),
        char_range=np.array(feature_module.CHAR_RANGE),
    )
    with pytest.raises(ValueError):
        weights.load(path)


def test_per_answer_cpu_cost_is_small() -> None:
    # Target: <= 1 ms CPU per answer while a page waits (measured p50 ~0.05 ms, p99 ~0.2 ms on
    # the first sets' answers). The bound here is generous: the machine is shared.
    texts = [
        json.loads(line)["text"]
        for line in (ROOT / "tests" / "data" / "voice_holdout.jsonl").open(encoding="utf-8")
    ]
    probability("warm up: load the weights")
    feature_module._char_buckets.cache_clear()  # first sight of every word
    costs = []
    for text in texts:
        start = time.thread_time_ns()
        probability(text)
        costs.append(time.thread_time_ns() - start)
    costs.sort()
    p99 = costs[min(len(costs) - 1, int(len(costs) * 0.99))]
    assert p99 < 5_000_000, f"p99 {p99 / 1e6:.2f} ms"


def test_import_is_free_and_use_is_offline(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import socket, sys

        def refuse(*args, **kwargs):
            raise AssertionError("network used")

        socket.socket = refuse
        socket.create_connection = refuse

        from analysis import context_model

        assert "numpy" not in sys.modules, "weights or numpy loaded at import"
        assert context_model._model.cache_info().currsize == 0
        assert context_model.probability("my dad hits me") > 0.5
        assert "sklearn" not in sys.modules and "scipy" not in sys.modules
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "NLTK_DATA": str(tmp_path), "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert context_model.PROVENANCE is PROVENANCE
