"""The pledge and sentiment models: shipped weights match their provenance, training
reproduces them, they read plain answers they never saw sensibly, and they run offline."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from analysis import analyse
from analysis.meaning import train, weights
from analysis.meaning.denial import denial_clauses, without_denials
from analysis.meaning.features import LEXICON, SIZE
from analysis.meaning.model import PROVENANCE, read
from analysis.meaning.sarcasm import is_sarcastic

ROOT = Path(__file__).resolve().parents[2]

# Written for this test and checked below to be in no training file.
PLEDGE_EXAMPLES = {
    "my personal adviser is helping me fill in forms for my first flat and budgeting": (
        "independence"
    ),
    "i got a place on the plumbing course at college and start in september": "education_work",
    "i see my little brother every saturday now and we play football": "relationships",
    "the doctor sorted my inhaler and i can run again without wheezing": "health_wellbeing",
    "i have lived in the same foster home for two years and it feels like mine": (
        "safe_stable_home"
    ),
    "at my review they actually asked what i wanted and wrote it down": "listened_to",
}
POSITIVE = (
    "i love living here my carers are really kind",
    "best birthday ever, we went bowling and had pizza",
)
NEGATIVE = (
    "i hate my new school nobody talks to me and the teachers shout",
    "really fed up, my social worker keeps cancelling and never rings back",
)
DENIALS = (
    "nobody hits me at my foster home",
    "no one bullies me at my new school",
    "i dont get scared at night here anymore",
)
SARCASTIC = (
    "oh great another new social worker",
    "yay another review meeting where nobody listens",
    "oh brilliant they moved me again",
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _trained_texts() -> set[str]:
    return {
        json.loads(line)["text"].lower()
        for path in train.training_files()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def test_shipped_weights_and_training_files_match_the_provenance() -> None:
    assert _sha256(ROOT / PROVENANCE["weights"]["file"]) == PROVENANCE["weights"]["sha256"]
    shipped = {path.relative_to(ROOT).as_posix(): _sha256(path) for path in train.training_files()}
    # A file added or edited needs a retrain before it ships.
    assert shipped == PROVENANCE["training"]["files"]
    assert not any("eval/test/" in name for name in shipped)  # the frozen split is never read
    holdout = PROVENANCE["holdout"]
    assert _sha256(ROOT / holdout["file"]) == holdout["sha256"]
    assert holdout["file"] not in shipped


def test_provenance_records_packages_command_and_cross_validated_figures() -> None:
    assert PROVENANCE["command"] == "python -m analysis.meaning.train"
    for name in ("scikit-learn", "numpy", "scipy"):
        assert PROVENANCE["packages"][name]["version"]
    figures = PROVENANCE["cross_validated"]
    assert figures["answers"] == PROVENANCE["training"]["answers"] >= 1400
    for rate in ("pledge_precision", "pledge_recall", "sentiment_agreement"):
        low, high = figures[rate]["ci95"]
        assert 0 <= low <= figures[rate]["value"] <= high <= 1
    shipped = weights.load()
    assert PROVENANCE["settings"]["pledge_threshold"] == shipped.pledge_threshold
    assert PROVENANCE["settings"]["mixed_bias"] == shipped.mixed_bias


@pytest.mark.slow
def test_retraining_on_the_shipped_data_reproduces_the_weights_exactly(tmp_path: Path) -> None:
    # A few minutes of CPU on a loaded machine: the final fit only, without cross-validation.
    pytest.importorskip("sklearn")
    retrained, _ = train.train(validate=False)
    shipped = weights.load()
    assert np.array_equal(retrained.index, shipped.index)
    assert np.array_equal(retrained.coef.astype(np.float32), shipped.coef)
    path = tmp_path / "retrained.npz"
    weights.save(
        weights.Weights(
            retrained.index,
            retrained.coef,
            retrained.intercept,
            shipped.pledge_threshold,  # chosen by the cross-validation this test skips
            retrained.lexicon_weight,
            shipped.mixed_bias,
        ),
        path,
    )
    assert _sha256(path) == PROVENANCE["weights"]["sha256"]


def test_the_examples_here_are_not_in_the_training_data() -> None:
    mine = {t.lower() for t in (*PLEDGE_EXAMPLES, *POSITIVE, *NEGATIVE, *DENIALS, *SARCASTIC)}
    assert not mine & _trained_texts()


@pytest.mark.parametrize(("text", "pledge"), PLEDGE_EXAMPLES.items())
def test_plain_answers_map_to_their_pledge(text: str, pledge: str) -> None:
    assert pledge in read(text).pledges
    assert pledge in analyse(text)["pledges"]


def test_plain_feelings_are_read() -> None:
    assert [read(t).sentiment for t in POSITIVE] == ["pos"] * len(POSITIVE)
    assert [read(t).sentiment for t in NEGATIVE] == ["neg"] * len(NEGATIVE)


@pytest.mark.parametrize("text", DENIALS)
def test_a_denial_of_harm_is_not_negative(text: str) -> None:
    assert denial_clauses(text)
    assert without_denials(text) == ""
    assert read(text).sentiment != "neg"


def test_the_rest_of_an_answer_that_denies_harm_is_still_read() -> None:
    assert without_denials("my step dad hits me") is None
    assert without_denials("he never listens to me") is None
    assert without_denials("not bullied, just hate maths") == "just hate maths"
    assert without_denials("nobody hurts me and i hate it here") == "i hate it here"
    assert read("nobody hurts me here but i hate it and i want to move").sentiment == "neg"


@pytest.mark.parametrize("text", SARCASTIC)
def test_sarcasm_reads_negative(text: str) -> None:
    assert is_sarcastic(text)
    assert read(text).sentiment == "neg"
    assert analyse(text)["sentiment"]["label"] == "neg"


def test_sincere_praise_is_not_sarcasm() -> None:
    for text in ("my new school is great", "oh and my carer is lovely", *POSITIVE):
        assert not is_sarcastic(text)


def test_probabilities_on_awkward_text() -> None:
    for text in ("", "   ", "😭😭😭", "a" * 5000, "ﬁne ｔｈａｎｋｓ", "مرحبا", "x\u0000y"):
        meaning = read(text)
        assert all(0.0 <= p <= 1.0 for p in meaning.pledge_probability.values())
        assert sum(meaning.sentiment_probability.values()) == pytest.approx(1.0, abs=1e-3)


def test_weights_with_pickled_objects_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.npz"
    np.savez(
        path,
        index=np.array([object()], dtype=object),
        coef=np.zeros((1, 10)),
        intercept=np.zeros(10),
        settings=np.array([0.5, 1.0, 0.0]),
        size=np.array([SIZE, len(LEXICON)]),
    )
    with pytest.raises(ValueError):
        weights.load(path)


def test_use_is_offline_with_empty_nltk_data(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import socket, sys

        def refuse(*args, **kwargs):
            raise AssertionError("network used")

        class Refused(socket.socket):  # a class still: ssl subclasses it on import
            def __init__(self, *args, **kwargs):
                refuse()

        socket.socket = Refused
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from analysis.meaning.model import read

        assert "numpy" not in sys.modules, "weights or numpy loaded at import"
        assert read("i hate it here").sentiment == "neg"
        # (TextBlob's NLTK imports scikit-learn where it is installed; training code is not.)
        assert "analysis.meaning.train" not in sys.modules
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
