"""The whole pipeline, sentiment and themes included, with no NLTK data and no network."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from analysis import analyse

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "tests" / "data" / "voice_eval.jsonl"
KEYS = {"pledges", "sentiment", "themes", "safeguarding", "language", "redacted"}


class NetworkUsed(AssertionError):
    pass


class _NoSocket(socket.socket):
    """socket.socket, refusing to be made. A subclass, so `ssl` can still be imported."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise NetworkUsed("analysis tried to open a socket")


def _refuse(*args: object, **kwargs: object) -> None:
    raise NetworkUsed("analysis tried to reach the network")


def test_pipeline_runs_with_empty_nltk_data_and_sockets_blocked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    monkeypatch.setattr(socket, "socket", _NoSocket)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)

    result = analyse("my SW never listens 😡 but my foster carers are gr8. Ring Sarah 07700 900123")
    assert set(result) == KEYS
    # The trained sentiment model reads this mix as mostly positive (mixed 0.26, pos 0.72).
    assert result["sentiment"]["label"] in ("mixed", "pos")
    assert "social worker" in result["themes"] and "foster carer" in result["themes"]
    assert "listened_to" in result["pledges"]
    assert result["redacted"].endswith("Ring [name] [phone]")
    concern = result["safeguarding"]
    assert (concern["flag"], concern["tier"], concern["category"]) == (False, "routine", None)
    assert 0.0 <= concern["score"] < 0.4  # the routine band, ordered by the model
    assert analyse("i want to kms")["safeguarding"]["flag"]
    assert list(tmp_path.iterdir()) == []  # nothing was downloaded


def test_fresh_interpreter_batch_run_is_offline(tmp_path: Path) -> None:
    # A new process, so TextBlob and NLTK are imported for the first time with no data and
    # no network: the whole evaluation set goes through `python -m analysis`'s own code.
    script = textwrap.dedent(
        f"""
        import io, json, socket, sys

        class NoSocket(socket.socket):
            def __init__(self, *args, **kwargs):
                raise AssertionError("network used")

        def refuse(*args, **kwargs):
            raise AssertionError("network used")

        socket.socket = NoSocket
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from analysis.__main__ import process

        out = io.StringIO()
        with open({str(EVAL)!r}, encoding="utf-8") as lines:
            stats = process(lines, out)
        rows = [json.loads(line) for line in out.getvalue().splitlines()]
        assert stats.malformed == 0 and len(rows) == stats.analysed > 300
        assert any(row["themes"] for row in rows)
        assert {{row["sentiment"]["label"] for row in rows}} == {{"pos", "neg", "neu", "mixed"}}
        loaded = [m for m in sys.modules if m.split(".")[0] in ("flask", "sqlalchemy", "app",
                  "forms", "surveys")]
        assert not loaded, loaded
        print("ok", len(rows))
        """
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={
            "PYTHONPATH": str(ROOT),
            "NLTK_DATA": str(tmp_path),
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("ok ")
    assert list(tmp_path.iterdir()) == []


def test_shape_of_analyse_is_exactly_as_stored() -> None:
    result = analyse("")
    assert result == {
        "pledges": [],
        "sentiment": {"label": "neu", "polarity": 0.0},
        "themes": [],
        "safeguarding": {"flag": False, "tier": "routine", "category": None, "score": 0.0},
        "language": None,
        "redacted": "",
    }
    full = analyse("I got a 7 in my maths mock!! miss said she was proud of me 😀")
    assert set(full) == KEYS
    assert set(full["sentiment"]) == {"label", "polarity"}
    assert set(full["safeguarding"]) == {"flag", "tier", "category", "score"}
    json.dumps(full)  # plain JSON types only


def test_a_safeguarding_result_passed_in_gives_the_same_analysis():
    """The SMS engine assesses every text once and hands the result on; the stored analysis
    must be what assessing the words afresh gives, disclosures included."""
    from analysis import assess

    texts = [json.loads(line)["text"] for line in EVAL.read_text().splitlines()]
    texts += ["my step dad hits me when mum is out", "I'm fine thanks", ""]
    flagged = 0
    for text in texts:
        concern = assess(text)
        flagged += concern.flagged
        assert analyse(text, concern) == analyse(text)
    assert flagged >= 5  # the sample holds disclosures, so both branches were compared
