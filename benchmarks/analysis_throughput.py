"""How fast is the voice-of-the-child analysis, and does it stream?

    python benchmarks/analysis_throughput.py [--n 100000] [--seed 7]

Generates N answers by joining one to three texts from the evaluation set (seeded, so every
run sees the same answers), streams them as JSON Lines through the real `python -m analysis`
code path (`analysis.__main__.process`: parse, analyse, serialise) into a sink, and runs a
bare loop of TextBlob's PatternAnalyzer sentiment plus PatternTagger tagging over the same
answers. The two take turns, a chunk of answers at a time, so that other work on the machine
slows both alike. It prints answers per second for both, their ratio (target >= 0.5), and the
peak resident memory after 10% and after 100% of the answers: a flat peak means it streams.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.__main__ import process  # noqa: E402

EVAL = ROOT / "tests" / "data" / "voice_eval.jsonl"
TARGET_RATIO = 0.5


def _eval_texts() -> list[str]:
    with EVAL.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def answers(n: int, seed: int) -> Iterator[str]:
    """N answers, generated one at a time (never held in a list)."""
    texts = _eval_texts()
    rng = random.Random(seed)  # noqa: S311 - a repeatable sample, not a secret
    for _ in range(n):
        parts = rng.choice((1, 1, 1, 2, 2, 3))
        yield " ".join(rng.choice(texts) for _ in range(parts))


def as_jsonl(texts: Iterator[str]) -> Iterator[str]:
    for number, text in enumerate(texts):
        yield json.dumps({"id": number, "text": text}, ensure_ascii=False) + "\n"


class Sink(io.TextIOBase):
    """Counts what `process` writes, like stdout redirected to /dev/null."""

    def __init__(self) -> None:
        self.chars = 0
        self.lines = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.chars += len(text)
        self.lines += text.count("\n")
        return len(text)


def peak_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def pipeline_chunk(texts: list[str], sink: Sink) -> float:
    """Time one chunk through `python -m analysis`'s own streaming loop."""
    started = time.perf_counter()
    stats = process(as_jsonl(iter(texts)), sink)
    elapsed = time.perf_counter() - started
    assert stats.analysed == len(texts) and stats.malformed == 0
    return elapsed


def bare_chunk(texts: list[str], analyzer: Any, tagger: Any) -> float:
    started = time.perf_counter()
    for text in texts:
        analyzer.analyze(text)
        tagger.tag(text)
    return time.perf_counter() - started


def chunks(n: int, seed: int, size: int) -> Iterator[list[str]]:
    """The answers, a bounded chunk at a time: memory stays flat however large N is."""
    stream = answers(n, seed)
    while chunk := list(itertools.islice(stream, size)):
        yield chunk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="answers to analyse")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--chunk", type=int, default=200, help="answers per turn")
    args = parser.parse_args()

    from textblob.en.sentiments import PatternAnalyzer
    from textblob.en.taggers import PatternTagger

    analyzer, tagger, sink = PatternAnalyzer(), PatternTagger(), Sink()
    # Warm both up (imports, lexicons, caches) so neither pays start-up inside its timing.
    warm = list(answers(300, args.seed + 1))
    pipeline_chunk(warm, Sink())
    bare_chunk(warm, analyzer, tagger)
    baseline_rss = peak_rss_mib()

    pipeline_seconds = bare_seconds = 0.0
    done = 0
    checkpoints: list[tuple[int, float]] = []
    for number, chunk in enumerate(chunks(args.n, args.seed, args.chunk)):
        if number % 2:  # take turns at going first
            bare_seconds += bare_chunk(chunk, analyzer, tagger)
            pipeline_seconds += pipeline_chunk(chunk, sink)
        else:
            pipeline_seconds += pipeline_chunk(chunk, sink)
            bare_seconds += bare_chunk(chunk, analyzer, tagger)
        before, done = done, done + len(chunk)
        for mark in (max(1, args.n // 10), args.n):
            if before < mark <= done:
                checkpoints.append((done, peak_rss_mib()))
    assert sink.lines == args.n
    pipeline_rate = args.n / pipeline_seconds
    bare_rate = args.n / bare_seconds
    ratio = pipeline_rate / bare_rate

    print(f"answers analysed:        {args.n:,} ({sink.chars / 1e6:,.1f} MB of JSON Lines out)")
    print(f"full pipeline:           {pipeline_rate:,.0f} answers/s ({pipeline_seconds:.1f} s)")
    print(
        f"bare TextBlob loop:      {bare_rate:,.0f} answers/s ({bare_seconds:.1f} s)"
        "  [PatternAnalyzer + PatternTagger]"
    )
    verdict = "meets" if ratio >= TARGET_RATIO else "BELOW"
    print(f"ratio pipeline/bare:     {ratio:.2f} ({verdict} the {TARGET_RATIO} target)")
    print(f"peak RSS after warm-up:  {baseline_rss:,.1f} MiB")
    for count, rss in checkpoints:
        print(f"peak RSS after {count:>7,}: {rss:,.1f} MiB")
    growth = checkpoints[-1][1] - checkpoints[0][1]
    print(f"growth 10% -> 100%:      {growth:+,.1f} MiB (streams: memory does not grow with N)")
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
