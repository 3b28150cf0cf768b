"""UK local time, for every domain that shows a time or counts calendar days.

Times are stored in UTC; people live by the UK wall clock (GMT in winter, BST in summer).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def uk_time(at: datetime) -> str:
    """'3 March 2026 at 2:05pm' in UK time, as GOV.UK writes times."""
    local = at.astimezone(UK)
    hour = local.strftime("%I").lstrip("0")
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{local:%p}".replace("AM", "am").replace(
        "PM", "pm"
    )


def uk_midnight(day: date) -> datetime:
    """The start of a UK calendar day, in UTC (GMT or BST as that day has it)."""
    return datetime.combine(day, time(0), tzinfo=UK).astimezone(UTC)


def uk_day(at: datetime) -> date:
    """The UK calendar day `at` falls on."""
    return at.astimezone(UK).date()
