"""Split a new evaluation set into a dev half (may be tuned on) and a frozen test half.

    python tests/data/eval/split.py ROUND path/to/set.jsonl ...

Each set is split apart, stratified by language, disclosure and topic (or trap), in an order
fixed by sha256(ROUND:id), strata one after another, alternately to dev and test (the
alternation runs on across strata, so strata of one answer split evenly too). The
test half is written to test/ with its line in test/SHA256SUMS; existing files are never
changed (a later round adds new files).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def split(round_name: str, source: Path) -> tuple[Path, Path]:
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line]
    strata: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        key = (row["language"], row["disclosure"], row["topic"] or row.get("trap") or "")
        strata[key].append(row)
    dev, test = [], []
    n = 0
    for key in sorted(strata, key=repr):
        ordered = sorted(
            strata[key],
            key=lambda r: hashlib.sha256(f"{round_name}:{r['id']}".encode()).hexdigest(),
        )
        for row in ordered:
            (dev if n % 2 == 0 else test).append(row)
            n += 1
    order = {row["id"]: n for n, row in enumerate(rows)}
    written = []
    for folder, half in (("dev", dev), ("test", test)):
        target = HERE / folder / source.name
        if target.exists():
            raise SystemExit(f"{target} exists: a new round adds new files")
        half.sort(key=lambda r: order[r["id"]])
        target.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in half), encoding="utf-8"
        )
        written.append(target)
    digest = hashlib.sha256(written[1].read_bytes()).hexdigest()
    with (HERE / "test" / "SHA256SUMS").open("a", encoding="utf-8") as sums:
        sums.write(f"{digest}  {source.name}\n")
    return written[0], written[1]


if __name__ == "__main__":
    round_name, *paths = sys.argv[1:]
    for path in paths:
        print(*split(round_name, Path(path)))
