"""The analysis package must work with no network and no NLTK corpora, and stay pure."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from analysis import assess, redact
from analysis import safeguarding as sg

ROOT = Path(__file__).resolve().parents[2]


class NetworkUsed(AssertionError):
    pass


def _no_network(*args: object, **kwargs: object) -> socket.socket:
    raise NetworkUsed("analysis tried to open a socket")


def test_assess_and_redact_work_with_sockets_blocked_and_no_nltk_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    monkeypatch.setattr(socket, "socket", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)

    result = assess("i wanna die, my foster carer hits me. Ring me on 07700 900123")
    assert result.flagged
    assert {"suicidal_thoughts", "carer_allegation", "physical_abuse"} <= set(result.categories)
    assert not assess("I'd kill for a pizza").flagged
    assert redact("Sarah, 07700 900123, TQ1 2AB") == "[name], [phone], [postcode]"
    assert list(tmp_path.iterdir()) == []  # nothing was downloaded


def test_fresh_import_is_offline_and_pulls_in_no_web_db_or_nlp_packages(tmp_path: Path) -> None:
    # A new interpreter, so import-time work also runs with the network cut off.
    script = textwrap.dedent(
        """
        import socket, sys

        def refuse(*args, **kwargs):
            raise AssertionError("network used")

        socket.socket = refuse
        socket.create_connection = refuse

        import analysis

        assert analysis.assess("kms").flagged
        assert analysis.redact("call 07700 900123") == "call [phone]"
        banned = ("flask", "sqlalchemy", "app", "forms", "surveys", "nltk", "textblob")
        loaded = [m for m in sys.modules if m.split(".")[0] in banned]
        assert not loaded, loaded
        print("ok")
        """
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "NLTK_DATA": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "ok"


def _brute_force(text: str) -> set[str]:
    """Every rule run over the text, with no prefilter: what `assess` must agree with."""
    normalised = sg._FIGURES.sub(" ~ ", sg.normalise(text))
    fired = {rule.name for rule in sg._RULES if rule.regex.search(normalised)}
    fired |= {rule.name for rule in sg._JOINED_UP_RULES if rule.regex.search(normalised)}
    return fired


def test_prefilter_never_skips_a_rule_that_would_match() -> None:
    from test_analysis_safeguarding import BENIGN, DISCLOSURES

    texts = [text for text, _ in DISCLOSURES] + BENIGN
    # Every rule's own name, read as words, plus mixed-up combinations of the test sentences.
    texts += [" ".join(name.split(".")[1].split("_")) for name in sg.RULE_NAMES]
    texts += [a + " and " + b for a, b in zip(texts[::2], texts[1::3], strict=False)]
    for text in texts:
        expected = _brute_force(text)
        got = {name for name in assess(text).matches if name != sg._CARER_RULE}
        assert got == expected, text
