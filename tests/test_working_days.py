"""Working days on the UK calendar: weekends and England and Wales bank holidays skipped."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from app.core.times import UK, uk_day
from app.core.working_days import (
    HOLIDAYS_FILE,
    add_working_days,
    bank_holidays,
    due_at,
    holidays_known_until,
    is_working_day,
    overdue_before,
    working_days_between,
)


def uk(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UK)


@pytest.mark.parametrize(
    ("received", "due_end_of"),
    [
        # Friday before the late-May bank holiday: Tuesday is the first, Wednesday the second.
        (uk(2026, 5, 22, 14, 0), date(2026, 5, 27)),
        # A Saturday counts from Monday... which is the bank holiday here too.
        (uk(2026, 5, 23, 9, 0), date(2026, 5, 27)),
        # Christmas 2026: Friday 25 and the substitute Boxing Day, Monday 28, are off.
        (uk(2026, 12, 24, 16, 0), date(2026, 12, 30)),
        # Easter 2027: Good Friday 26 March and Easter Monday 29 March.
        (uk(2027, 3, 25, 12, 0), date(2027, 3, 31)),
        # An ordinary Monday.
        (uk(2026, 6, 1, 8, 0), date(2026, 6, 3)),
        # 00:30 BST on Tuesday is still Monday in UTC: the UK day decides.
        (uk(2026, 6, 2, 0, 30), date(2026, 6, 4)),
    ],
)
def test_due_at_is_the_end_of_the_second_working_day_after_arrival(received, due_end_of):
    due = due_at(received.astimezone(UTC), 2)
    assert due == uk(*(due_end_of + timedelta(days=1)).timetuple()[:3])
    assert uk_day(due - timedelta(seconds=1)) == due_end_of


def test_overdue_before_splits_exactly_where_due_at_does():
    """The queue asks "received before the cut-off"; every row's own due time must agree."""
    start = uk(2026, 5, 18, 0, 0)
    arrivals = [start + timedelta(hours=5 * n + 1) for n in range(24 * 6)]  # about a month
    for now in (start + timedelta(hours=7 * n, minutes=13) for n in range(4 * 30)):
        for days in (1, 2, 3):
            cutoff = overdue_before(now, days)
            for received in arrivals:
                assert (due_at(received, days) <= now) == (received < cutoff), (now, received)


def test_working_days_between_counts_whole_days_after_arrival():
    friday = uk(2026, 5, 22, 14, 0)
    assert working_days_between(friday, uk(2026, 5, 25, 23, 0)) == 0  # the weekend, the holiday
    assert working_days_between(friday, uk(2026, 5, 26, 9, 0)) == 1
    assert working_days_between(friday, uk(2026, 5, 28, 0, 1)) == 3
    assert add_working_days(date(2026, 5, 22), 2) == date(2026, 5, 27)


def test_the_holiday_list_is_gov_uk_shaped_and_covers_the_year_ahead():
    data = json.loads(HOLIDAYS_FILE.read_text(encoding="utf-8"))
    assert data["division"] == "england-and-wales" and "gov.uk" in data["source"].lower()
    days = [date.fromisoformat(entry["date"]) for entry in data["dates"]]
    assert days == sorted(set(days))
    assert {d.year for d in days} == {2025, 2026, 2027, 2028}
    assert all(d.weekday() < 5 for d in days)  # substitute days are listed, never weekends
    assert all(sum(d.year == year for d in days) == 8 for year in (2025, 2026, 2027, 2028))
    assert not is_working_day(date(2026, 8, 31)) and date(2026, 12, 28) in bank_holidays()
    # When this fails, add next year's dates from GOV.UK's list.
    assert holidays_known_until() >= date.today() + timedelta(days=365)
