"""The small-number threshold setting, read in one place for `analysis.disclosure`."""

from __future__ import annotations

from flask import current_app

from analysis.disclosure import check_threshold


def threshold() -> int:
    """Counts below this are hidden from the board and the public (SMALL_NUMBER_THRESHOLD)."""
    value = int(current_app.config["SMALL_NUMBER_THRESHOLD"])
    check_threshold(value)
    return value
