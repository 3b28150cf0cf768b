"""`python -m analysis`: JSON Lines or CSV in, one JSON line per answer out."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from analysis.__main__ import Malformed, process, read_records

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"id", "pledges", "sentiment", "themes", "safeguarding", "language", "redacted"}


def _run(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        input=stdin,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_jsonl_from_stdin() -> None:
    lines = [
        json.dumps({"id": 1, "text": "my sw is gr8 😀"}),
        json.dumps({"id": "b", "text": "Ring Sarah on 07700 900123"}),
    ]
    done = _run([], "\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["id"] for row in rows] == [1, "b"]
    assert all(set(row) == KEYS for row in rows)
    assert rows[0]["sentiment"]["label"] == "pos"
    assert rows[1]["redacted"] == "Ring [name] on [phone]"
    assert done.stderr == ""  # no progress bar when stderr is not a terminal


def test_csv_file_with_header_quotes_and_commas(tmp_path: Path) -> None:
    source = tmp_path / "answers.csv"
    source.write_text(
        'id,text\n7,"i love my carers, they are kind"\n8,school is ok, i guess\n9,"two\nlines"\n',
        encoding="utf-8",
    )
    done = _run([str(source)])
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["7", "8", "9"]
    assert rows[1]["redacted"] == "school is ok, i guess"
    assert rows[2]["redacted"] == "two\nlines"


def test_malformed_lines_are_reported_and_the_rest_analysed(tmp_path: Path) -> None:
    source = tmp_path / "answers.jsonl"
    source.write_text(
        '{"id": 1, "text": "fine"}\n'
        '{"id": 2, "text": "broken\n'
        "\n"
        '{"id": 3}\n'
        '{"id": 4, "text": 5}\n'
        '{"id": 5, "text": "i want to die"}\n',
        encoding="utf-8",
    )
    done = _run([str(source)])
    assert done.returncode == 1
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["id"] for row in rows] == [1, 5]
    assert rows[1]["safeguarding"]["flag"] is True
    assert rows[1]["safeguarding"]["tier"] == "urgent"
    assert rows[1]["safeguarding"]["category"] == "suicidal_thoughts"
    assert 0.7 <= rows[1]["safeguarding"]["score"] <= 1.0
    assert "line 2: not valid JSON" in done.stderr
    assert 'line 4: expected a JSON object with "id" and "text"' in done.stderr
    assert 'line 5: "text" must be a string' in done.stderr
    assert "3 malformed line(s) skipped; 2 answer(s) analysed" in done.stderr


def test_progress_on_request_and_missing_file(tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "text": "school is ok"}) + "\n" for i in range(5)),
        encoding="utf-8",
    )
    done = _run(["--progress", str(source)])
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 5
    missing = _run([str(tmp_path / "nope.jsonl")])
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_csv_line_numbers_count_physical_lines() -> None:
    records = list(read_records(["id,text\n", '1,"a\n', 'b"\n', "2\n", "3,c\n"]))
    assert records[0] == (2, "1", "a\nb")
    assert isinstance(records[1], Malformed) and records[1].line == 4
    assert records[2] == (5, "3", "c")


def test_process_streams_one_record_at_a_time() -> None:
    consumed = 0

    def lines():  # a generator: nothing is read ahead beyond the first record
        nonlocal consumed
        for i in range(3):
            consumed += 1
            yield json.dumps({"id": i, "text": "hello"}) + "\n"

    out = io.StringIO()
    stats = process(lines(), out)
    assert stats.analysed == 3 and stats.malformed == 0 and consumed == 3
    assert len(out.getvalue().splitlines()) == 3
