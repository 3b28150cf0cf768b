"""How urgently a person must read an answer: the detector's tier and score, read in one place.

The detector is gaining `tier` ("urgent", "today" or "routine") and `score` (0 to 1) on
`SafeguardingResult`; until it has them, a flag reads as urgent with score 1 and anything else as
routine with score 0. Everything that stores or orders by tier goes through `tier_and_score`.
"""

from __future__ import annotations

from typing import Final

from analysis import SafeguardingResult

URGENT: Final = "urgent"
TODAY: Final = "today"
ROUTINE: Final = "routine"
# Queue order: most urgent first.
TIERS: Final = (URGENT, TODAY, ROUTINE)
TIER_LABELS: Final = {URGENT: "Urgent", TODAY: "Read today", ROUTINE: "Routine"}


def tier_and_score(result: SafeguardingResult) -> tuple[str, float]:
    """(tier, score) for one detector result."""
    tier = getattr(result, "tier", URGENT if result.flagged else ROUTINE)
    score = getattr(result, "score", 1.0 if result.flagged else 0.0)
    if tier not in TIERS:
        raise ValueError(f"unknown safeguarding tier {tier!r}")
    return str(tier), min(1.0, max(0.0, float(score)))
