"""What the context model costs per answer, in CPU time.

    python benchmarks/context_model_cost.py [--n 20000] [--seed 7]

Answers are one to three texts of the first labelled set joined (seeded), like
`analysis_throughput.py`. It reports, in CPU time of this thread (so other work on a shared
machine does not count):
- per answer p50 / p99 / max, with the per-word cache cold (each answer's words seen for the
  first time in this process) and warm (the steady state of a running service);
- answers per second on one core for a batch;
- CPU per answer by length, for long answers that are also read in runs of words.
Targets: <= 1 ms per answer while a page waits, >= 1,000 answers/s in a batch.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis import context_model  # noqa: E402
from analysis.model import features  # noqa: E402

EVAL = ROOT / "tests" / "data" / "voice_eval.jsonl"


def _answers(n: int, seed: int) -> list[str]:
    with EVAL.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    rng = random.Random(seed)  # noqa: S311 (a repeatable sample, not a secret)
    return [" ".join(rng.sample(texts, rng.randint(1, 3))) for _ in range(n)]


def _percentiles(costs: list[int]) -> str:
    costs = sorted(costs)
    p50 = costs[len(costs) // 2] / 1e6
    p99 = costs[min(len(costs) - 1, int(len(costs) * 0.99))] / 1e6
    return f"p50 {p50:.3f} ms, p99 {p99:.3f} ms, max {costs[-1] / 1e6:.3f} ms"


def _per_answer(answers: list[str], cold: bool) -> list[int]:
    costs = []
    for text in answers:
        if cold:
            features._char_buckets.cache_clear()
        start = time.thread_time_ns()
        context_model.probability(text)
        costs.append(time.thread_time_ns() - start)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    answers = _answers(args.n, args.seed)
    mean = sum(map(len, answers)) / len(answers)
    context_model.probability("load the weights")
    print(f"{len(answers)} answers, mean {mean:.0f} characters")
    print(f"cold cache: {_percentiles(_per_answer(answers[:2000], cold=True))}")
    print(f"warm cache: {_percentiles(_per_answer(answers, cold=False))}")
    start = time.process_time()
    for text in answers:
        context_model.probability(text)
    rate = len(answers) / (time.process_time() - start)
    print(f"batch: {rate:,.0f} answers/s on one core")
    long = " ".join(answers)
    for size in (200, 500, 1000, 2000, 4000):
        text = long[:size]
        context_model.probability(text)
        print(f"{size:>5} characters: {_percentiles(_per_answer([text] * 50, cold=False))}")


if __name__ == "__main__":
    main()
