"""How well the analysis does on labelled answers, with 95% confidence intervals.

    python -m analysis.evaluation tests/data/eval/test/*.jsonl [--by topic,trap,language,who]

Reads labelled answers (JSON Lines) in either of the two shapes the repository holds:
- the first sets (`tests/data/voice_*.jsonl`): `safeguarding` is a category or null, `tricky`
  marks a near-miss, `pii` holds character spans;
- the sets written for issue 13 (`tests/data/eval/`): `disclosure`, `tier`, `topic`, `trap`,
  `language`, `pii` as exact substrings and `keep`, ordinary words that are also names.

It reports recall of disclosures (flagged `urgent` or `today`), the false-alarm rate on answers
that disclose nothing, the urgent-tier false-alarm rate, redaction span recall, survival of
ordinary words, pledge micro-F1 and sentiment agreement, overall and per group. Intervals are
Wilson score intervals: honest at small counts and at rates near 0 or 1, where the normal
approximation claims certainty it does not have.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

__all__ = [
    "Item",
    "Rate",
    "Report",
    "evaluate",
    "load",
    "wilson",
]

Z95: Final = 1.959964


def wilson(hits: int, total: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for `hits` out of `total` (0..1 each end)."""
    if total == 0:
        return (0.0, 1.0)
    p = hits / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def rate_record(hits: int, total: int) -> dict[str, Any]:
    """A rate as the training scripts' provenance files record it: value, counts, 95% interval."""
    low, high = wilson(hits, total)
    return {
        "value": round(hits / total, 4) if total else None,
        "hits": hits,
        "total": total,
        "ci95": [round(low, 4), round(high, 4)],
    }


@dataclass(frozen=True, slots=True)
class Rate:
    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else float("nan")

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.hits, self.total)

    def __str__(self) -> str:
        if not self.total:
            return "n/a"
        low, high = self.interval
        return f"{self.value:.3f} [{low:.3f}-{high:.3f}] ({self.hits}/{self.total})"


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled answer, whichever shape it was written in."""

    id: str
    text: str
    disclosure: bool
    tier: str  # the tier a safeguarding lead would expect
    topic: str | None
    trap: str | None
    language: str
    who: str
    pledges: frozenset[str]
    sentiment: str
    pii: tuple[str, ...]  # the personal data, as it appears in the text
    keep: tuple[str, ...]  # ordinary words that are also names, to survive redaction
    source: str


def _item(raw: dict[str, Any], source: str) -> Item:
    text = raw["text"]
    if "disclosure" in raw:
        disclosure = bool(raw["disclosure"])
        tier = raw.get("tier") or ("urgent" if disclosure else "routine")
        topic = raw.get("topic")
        trap = raw.get("trap")
        pii = tuple(span["text"] for span in raw.get("pii", ()))
    else:
        disclosure = raw.get("safeguarding") is not None
        tier = "urgent" if disclosure else "routine"
        topic = raw.get("safeguarding")
        trap = "tricky" if raw.get("tricky") else None
        pii = tuple(text[span["start"] : span["end"]] for span in raw.get("pii", ()))
    return Item(
        id=str(raw["id"]),
        text=text,
        disclosure=disclosure,
        tier=tier,
        topic=topic,
        trap=trap,
        language=raw.get("language") or "en",
        who=raw.get("who") or "unknown",
        pledges=frozenset(raw.get("pledges") or ()),
        sentiment=raw.get("sentiment") or "",
        pii=pii,
        keep=tuple(raw.get("keep") or ()),
        source=source,
    )


def load(paths: Iterable[Path]) -> list[Item]:
    items = []
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    items.append(_item(json.loads(line), path.stem))
    return items


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the analysis said of one answer."""

    flag: bool
    tier: str
    category: str | None
    pledges: frozenset[str]
    sentiment: str
    redacted: str


def verdict_of(result: dict[str, Any]) -> Verdict:
    """From `analysis.analyse`'s output (tier falls back to flag for the older output)."""
    concern = result["safeguarding"]
    flag = bool(concern["flag"])
    return Verdict(
        flag=flag,
        tier=concern.get("tier") or ("urgent" if flag else "routine"),
        category=concern.get("category"),
        pledges=frozenset(result.get("pledges") or ()),
        sentiment=(result.get("sentiment") or {}).get("label", ""),
        redacted=result.get("redacted", ""),
    )


def _word_present(word: str, text: str) -> bool:
    lowered = text.lower()
    word = word.lower()
    start = lowered.find(word)
    while start >= 0:
        end = start + len(word)
        before = lowered[start - 1] if start else " "
        after = lowered[end] if end < len(lowered) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = lowered.find(word, start + 1)
    return False


@dataclass
class Report:
    recall: Rate
    false_alarms: Rate
    urgent_false_alarms: Rate
    urgent_recall: Rate  # disclosures a lead marked urgent that came out urgent
    redaction: Rate
    kept_words: Rate
    pledge_micro_f1: float
    sentiment: Rate
    groups: dict[str, dict[str, tuple[Rate, Rate]]] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)  # ids only: never print the words here


def _count(pairs: Sequence[tuple[Item, Verdict]]) -> tuple[Rate, Rate]:
    disclosures = [v for i, v in pairs if i.disclosure]
    others = [v for i, v in pairs if not i.disclosure]
    return (
        Rate(sum(v.flag for v in disclosures), len(disclosures)),
        Rate(sum(v.flag for v in others), len(others)),
    )


def evaluate(
    items: Sequence[Item],
    analyse: Callable[[str], dict[str, Any]],
    by: Sequence[str] = ("topic", "trap", "language", "who", "source"),
) -> Report:
    pairs = [(item, verdict_of(analyse(item.text))) for item in items]
    recall, false_alarms = _count(pairs)
    others = [v for i, v in pairs if not i.disclosure]
    urgent = [v for i, v in pairs if i.disclosure and i.tier == "urgent"]

    spans = removed = keep_total = kept = 0
    true_pos = false_pos = false_neg = 0
    agreed = 0
    for item, verdict in pairs:
        for value in item.pii:
            if len(value.strip()) < 2:
                continue
            spans += 1
            removed += value not in verdict.redacted
        for word in item.keep:
            keep_total += 1
            kept += _word_present(word, verdict.redacted)
        true_pos += len(item.pledges & verdict.pledges)
        false_pos += len(verdict.pledges - item.pledges)
        false_neg += len(item.pledges - verdict.pledges)
        agreed += item.sentiment == verdict.sentiment
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 0.0
    pledge_recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 0.0
    f1 = (
        2 * precision * pledge_recall / (precision + pledge_recall)
        if precision + pledge_recall
        else 0.0
    )

    groups: dict[str, dict[str, tuple[Rate, Rate]]] = {}
    for attribute in by:
        buckets: dict[str, list[tuple[Item, Verdict]]] = defaultdict(list)
        for item, verdict in pairs:
            buckets[str(getattr(item, attribute) or "-")].append((item, verdict))
        groups[attribute] = {key: _count(bucket) for key, bucket in sorted(buckets.items())}

    return Report(
        recall=recall,
        false_alarms=false_alarms,
        urgent_false_alarms=Rate(sum(v.tier == "urgent" for v in others), len(others)),
        urgent_recall=Rate(sum(v.tier == "urgent" for v in urgent), len(urgent)),
        redaction=Rate(removed, spans),
        kept_words=Rate(kept, keep_total),
        pledge_micro_f1=f1,
        sentiment=Rate(agreed, len(pairs)),
        groups=groups,
        missed=[i.id for i, v in pairs if i.disclosure and not v.flag],
    )


def render(report: Report) -> Iterator[str]:
    """The report as Markdown, for the README and the terminal."""
    yield "| measure | value [95% CI] (n) |"
    yield "|---|---|"
    yield f"| recall, urgent + today | {report.recall} |"
    yield f"| urgent disclosures found urgent | {report.urgent_recall} |"
    yield f"| false alarms (urgent + today) | {report.false_alarms} |"
    yield f"| urgent-tier false alarms | {report.urgent_false_alarms} |"
    yield f"| redaction span recall | {report.redaction} |"
    yield f"| ordinary words kept | {report.kept_words} |"
    yield f"| pledge micro-F1 | {report.pledge_micro_f1:.3f} |"
    yield f"| sentiment agreement | {report.sentiment} |"
    for attribute, buckets in report.groups.items():
        yield ""
        yield f"| {attribute} | recall | false alarms |"
        yield "|---|---|---|"
        for key, (caught, alarms) in buckets.items():
            yield f"| {key} | {caught} | {alarms} |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluation", description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--by", default="topic,trap,language,who,source")
    parser.add_argument("--missed", action="store_true", help="list the ids of missed answers")
    args = parser.parse_args(argv)
    from .pipeline import analyse

    report = evaluate(load(args.paths), analyse, [b for b in args.by.split(",") if b])
    for line in render(report):
        print(line)
    if args.missed:
        print("\nmissed:", " ".join(report.missed), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
