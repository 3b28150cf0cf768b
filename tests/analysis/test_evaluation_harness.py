"""The evaluation harness itself: intervals, both data shapes, and what counts as a miss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.evaluation import Rate, evaluate, load, wilson


def test_wilson_matches_published_values() -> None:
    # Newcombe (1998), table I: 0/10 -> 0.0000-0.2775; 5/10 -> 0.2366-0.7634.
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=5e-5)
    assert wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=5e-5)
    assert wilson(0, 0) == (0.0, 1.0)
    assert str(Rate(0, 0)) == "n/a"


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_both_shapes_load_and_score(tmp_path: Path) -> None:
    old = _write(
        tmp_path / "old.jsonl",
        [
            {
                "id": "o1",
                "text": "he hits me Sam",
                "pledges": [],
                "sentiment": "neg",
                "safeguarding": "physical_abuse",
                "pii": [{"start": 11, "end": 14, "kind": "name"}],
            },
            {
                "id": "o2",
                "text": "fine",
                "pledges": [],
                "sentiment": "neu",
                "safeguarding": None,
                "pii": [],
                "tricky": True,
            },
        ],
    )
    new = _write(
        tmp_path / "new.jsonl",
        [
            {
                "id": "n1",
                "text": "my bill is due",
                "disclosure": False,
                "tier": "routine",
                "topic": None,
                "trap": "everyday_words",
                "pledges": ["independence"],
                "sentiment": "neg",
                "pii": [],
                "keep": ["bill"],
            },
            {
                "id": "n2",
                "text": "i am scared",
                "disclosure": True,
                "tier": "today",
                "topic": "emotional_abuse",
                "trap": "indirect",
                "pledges": [],
                "sentiment": "neg",
                "pii": [],
                "keep": [],
            },
        ],
    )
    items = load([old, new])
    assert [i.disclosure for i in items] == [True, False, False, True]
    assert items[0].pii == ("Sam",) and items[1].trap == "tricky"

    said = {
        "he hits me Sam": {"flag": True, "tier": "urgent"},
        "fine": {"flag": False, "tier": "routine"},
        "my bill is due": {"flag": True, "tier": "today"},
        "i am scared": {"flag": False, "tier": "routine"},
    }

    def analyse(text: str) -> dict:
        return {
            "safeguarding": {**said[text], "category": None},
            "pledges": ["independence"] if "bill" in text else [],
            "sentiment": {"label": "neg"},
            "redacted": text.replace("Sam", "[name]").replace("bill", "[name]"),
        }

    report = evaluate(items, analyse)
    assert (report.recall.hits, report.recall.total) == (1, 2)
    assert (report.false_alarms.hits, report.false_alarms.total) == (1, 2)
    assert report.urgent_false_alarms.hits == 0
    assert (report.redaction.hits, report.redaction.total) == (1, 1)
    assert (report.kept_words.hits, report.kept_words.total) == (0, 1)
    assert report.missed == ["n2"]
    assert report.pledge_micro_f1 == pytest.approx(1.0)
    assert report.groups["trap"]["everyday_words"][1].hits == 1
