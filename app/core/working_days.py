"""Working days: Monday to Friday, less England and Wales bank holidays (kept as data in
`bank_holidays.json`, copied from GOV.UK's published list), counted on the UK calendar.

A service level of N working days means: read by the end of the Nth working day after the day
the answer arrived. An answer on Friday before the late-May bank holiday is due by the end of
Wednesday (Tuesday is the first working day after it, Wednesday the second).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

from app.core.times import uk_day, uk_midnight

HOLIDAYS_FILE = Path(__file__).with_name("bank_holidays.json")


@cache
def bank_holidays() -> frozenset[date]:
    data = json.loads(HOLIDAYS_FILE.read_text(encoding="utf-8"))
    return frozenset(date.fromisoformat(entry["date"]) for entry in data["dates"])


def holidays_known_until() -> date:
    """The last day the list speaks for (31 December of its last year)."""
    return date(max(bank_holidays()).year, 12, 31)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays()


def add_working_days(day: date, days: int) -> date:
    """The `days`th working day after `day` (`day` itself never counts)."""
    found = day
    for _ in range(days):
        found += timedelta(days=1)
        while not is_working_day(found):
            found += timedelta(days=1)
    return found


def due_at(received: datetime, days: int) -> datetime:
    """When something received at `received` must be done by: UK midnight at the end of the
    `days`th working day after the UK day it arrived on (in UTC)."""
    return uk_midnight(add_working_days(uk_day(received), days) + timedelta(days=1))


def overdue_before(now: datetime, days: int) -> datetime:
    """The instant before which everything received is overdue at `now`.

    `due_at` never goes down as `received` goes up, so one cut-off splits overdue from not: the
    start of the first UK day whose arrivals are not yet due. Lets a query say "received
    before X" instead of working out each row's due time.
    """
    day = uk_day(now)
    while due_at(uk_midnight(day), days) > now:
        day -= timedelta(days=1)
    return uk_midnight(day + timedelta(days=1))


def working_days_between(start: datetime, end: datetime) -> int:
    """Whole working days after `start`'s UK day up to and including `end`'s UK day."""
    first, last = uk_day(start), uk_day(end)
    count = 0
    day = first + timedelta(days=1)
    while day <= last:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count
