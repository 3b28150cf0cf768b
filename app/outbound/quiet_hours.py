"""Quiet hours: no text reaches a young person at night (UK wall clock), except urgent ones
to staff."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

from flask import current_app

from app.core.times import UK


def parse_quiet_hours(setting: str) -> tuple[dtime, dtime] | None:
    """'21:00-08:00' -> (21:00, 08:00); '' or 'none' -> None (no quiet hours)."""
    text = (setting or "").strip().lower()
    if text in ("", "none", "off"):
        return None
    try:
        start, end = (dtime.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError as exc:
        raise ValueError(f"SMS_QUIET_HOURS must look like 21:00-08:00, not {setting!r}") from exc
    return (start, end) if start != end else None


# Texts to staff about a possible disclosure: quiet hours protect young people's sleep, not these.
URGENT_PURPOSES = frozenset({"safeguarding_alert"})


def quiet_until(at: datetime, setting: str | None = None) -> datetime | None:
    """If `at` falls in quiet hours (UK time), the UTC moment they end; otherwise None.

    Works on the UK wall clock, so 08:00 is 08:00 GMT in winter and 08:00 BST in summer.
    """
    window = parse_quiet_hours(
        setting if setting is not None else current_app.config["SMS_QUIET_HOURS"]
    )
    if window is None:
        return None
    start, end = window
    local = at.astimezone(UK)
    clock = local.time().replace(tzinfo=None)
    wraps_midnight = start > end
    quiet = (clock >= start or clock < end) if wraps_midnight else start <= clock < end
    if not quiet:
        return None
    end_day: date = local.date()
    if wraps_midnight and clock >= start:
        end_day += timedelta(days=1)
    return datetime.combine(end_day, end, tzinfo=UK).astimezone(UTC)
