"""The issue 13 evaluation sets: frozen, well formed, big enough, and scored.

See tests/data/eval/README.md. The test split is scored here and never tuned on; the figures the
README reports come from `python -m analysis.evaluation tests/data/eval/test/*.jsonl`.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from analysis import PLEDGE_KEYS, analyse
from analysis.evaluation import Report, evaluate, load
from analysis.sentiment import LABELS

DATA = Path(__file__).resolve().parents[1] / "data"
EVAL = DATA / "eval"
FROZEN = sorted((EVAL / "test").glob("*.jsonl"))
DEV = sorted((EVAL / "dev").glob("*.jsonl"))
FIRST_SETS = [DATA / "voice_eval.jsonl", DATA / "voice_holdout.jsonl"]

TOPICS = frozenset(
    [
        "suicidal_thoughts",
        "self_harm",
        "eating_disorder",
        "sexual_abuse",
        "carer_allegation",
        "third_party",
        "physical_abuse",
        "domestic_abuse",
        "emotional_abuse",
        "bullying",
        "neglect",
        "no_safe_place",
        "going_missing",
        "criminal_exploitation",
        "financial_exploitation",
        "sexual_exploitation",
        "modern_slavery",
        "fgm",
        "forced_marriage",
        "radicalisation",
        "secrecy_threats",
        "pregnancy_alone",
        "substance_misuse",
        "threats_of_violence",
        "parent_crisis",
    ]
)
TRAPS = frozenset(
    [
        "negation",
        "past_handled",
        "media_lesson",
        "sport_injury",
        "idiom_joke",
        "carer_mentioned",
        "everyday_words",
        "complaint",
        "buried",
        "indirect",
        "misspelt",
        "negated_but_real",
        "past_untold",
    ]
)


def test_the_test_split_is_frozen() -> None:
    pinned = {}
    for line in (EVAL / "test" / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        pinned[name] = digest
    assert pinned, "no pinned files"
    assert set(pinned) == {path.name for path in FROZEN}, "add a set with its line in SHA256SUMS"
    for path in FROZEN:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == pinned[path.name], path.name


def test_the_sets_are_well_formed() -> None:
    seen: set[str] = set()
    for path in FROZEN + DEV:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assert row["id"] not in seen, row["id"]
            seen.add(row["id"])
            assert row["tier"] in {"urgent", "today", "routine"}, row["id"]
            assert row["disclosure"] == (row["tier"] != "routine"), row["id"]
            assert (row["topic"] in TOPICS) if row["disclosure"] else not row["topic"], row["id"]
            assert row.get("trap") in TRAPS | {None}, row["id"]
            assert set(row["pledges"]) <= set(PLEDGE_KEYS), row["id"]
            assert row["sentiment"] in LABELS, row["id"]
            assert all(span["text"] in row["text"] for span in row["pii"]), row["id"]


def test_there_are_enough_answers_and_disclosures() -> None:
    items = load(FIRST_SETS + FROZEN + DEV)
    assert len(items) >= 1000
    assert sum(item.disclosure for item in items) >= 300
    frozen = load(FROZEN)
    topics = Counter(item.topic for item in frozen if item.disclosure)
    assert len(topics) >= 20, topics
    assert len({item.language for item in frozen}) >= 11


@cache
def frozen_report() -> Report:
    return evaluate(load(FROZEN), analyse)


def test_report_the_frozen_split(capsys: pytest.CaptureFixture[str]) -> None:
    from analysis.evaluation import render

    report = frozen_report()
    with capsys.disabled():
        print("\nfrozen test split (tests/data/eval/test):")
        for line in render(report):
            print("  " + line)
    assert report.recall.total >= 150 and report.false_alarms.total >= 150
