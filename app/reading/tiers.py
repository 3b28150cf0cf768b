"""How urgently a person must read an answer: the detector's tier and score, read in one place.

The tiers themselves are the detector's (`analysis.safeguarding_tiers`); this adds the words staff
see and the one function through which everything that stores or orders by tier reads them.
"""

from __future__ import annotations

from typing import Final

from analysis import SafeguardingResult
from analysis.safeguarding_tiers import ROUTINE, TIERS, TODAY, URGENT

__all__ = ["ROUTINE", "TIERS", "TIER_LABELS", "TODAY", "URGENT", "tier_and_score"]

TIER_LABELS: Final = {URGENT: "Urgent", TODAY: "Read today", ROUTINE: "Routine"}


def tier_and_score(result: SafeguardingResult) -> tuple[str, float]:
    """(tier, score) for one detector result."""
    if result.tier not in TIERS:
        raise ValueError(f"unknown safeguarding tier {result.tier!r}")
    return result.tier, min(1.0, max(0.0, float(result.score)))
