"""The hand-written redaction sets in tests/data/redaction/ and how they are scored.

Lines mark personal data as [[...]] (optionally [[kind:...]] is not used: the kind is not
scored) and ordinary words that must survive as {{...}}. A personal-data span counts as removed
when every letter and digit of it lies inside a span the redactor found; a kept word counts when
the redacted text still holds it as a whole word at the same place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from analysis import find_personal_data

DATA = Path(__file__).resolve().parents[1] / "data" / "redaction"
_MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")


@dataclass(frozen=True)
class Line:
    text: str
    pii: tuple[tuple[int, int], ...]
    keep: tuple[tuple[int, int], ...]


def parse(raw: str) -> Line:
    text, pii, keep, position = [], [], [], 0
    last = 0
    for match in _MARK.finditer(raw):
        text.append(raw[last : match.start()])
        position += match.start() - last
        inner = match.group(1) or match.group(2)
        (pii if match.group(1) else keep).append((position, position + len(inner)))
        text.append(inner)
        position += len(inner)
        last = match.end()
    text.append(raw[last:])
    return Line("".join(text), tuple(pii), tuple(keep))


def lines(name: str) -> list[Line]:
    raw = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [parse(line) for line in raw if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Score:
    spans: int
    removed: int
    missed: tuple[str, ...]
    words: int
    kept: int
    lost: tuple[str, ...]
    clean_lines: int  # lines with no personal data at all
    unchanged: int  # of those, left exactly as written
    changed: tuple[str, ...]

    @property
    def span_recall(self) -> float:
        return self.removed / self.spans if self.spans else 1.0

    @property
    def word_survival(self) -> float:
        return self.kept / self.words if self.words else 1.0


def score(data: list[Line]) -> Score:
    spans = removed = words = kept = clean = unchanged = 0
    missed: list[str] = []
    lost: list[str] = []
    changed: list[str] = []
    for line in data:
        found = find_personal_data(line.text)
        inside = {k for span in found for k in range(span.start, span.end)}
        for start, end in line.pii:
            spans += 1
            letters = [k for k in range(start, end) if line.text[k].isalnum()]
            if all(k in inside for k in letters):
                removed += 1
            else:
                missed.append(f"{line.text[start:end]!r} in {line.text!r}")
        for start, end in line.keep:
            words += 1
            if not any(k in inside for k in range(start, end)):
                kept += 1
            else:
                lost.append(f"{line.text[start:end]!r} in {line.text!r}")
        if not line.pii:
            clean += 1
            if not found:
                unchanged += 1
            else:
                changed.append(line.text)
    return Score(
        spans, removed, tuple(missed), words, kept, tuple(lost), clean, unchanged, tuple(changed)
    )
