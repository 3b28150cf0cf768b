"""Quiet hours: on the UK wall clock, texts wait for the morning."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.core.extensions import db
from app.models import OutboundStatus
from app.outbound.delivery import deliver
from app.outbound.queueing import queue_sms
from app.outbound.quiet_hours import parse_quiet_hours, quiet_until

from .conftest import FakeClock, make_person, message_with_key


@pytest.mark.parametrize(
    ("local_now", "expected_utc"),
    [
        # Winter (GMT = UTC): 22:30 -> 08:00 next morning.
        ("2026-01-15T22:30:00+00:00", "2026-01-16T08:00:00+00:00"),
        # Summer (BST = UTC+1): 23:00 BST is 22:00 UTC; 08:00 BST is 07:00 UTC.
        ("2026-07-15T22:00:00+00:00", "2026-07-16T07:00:00+00:00"),
        # Just after midnight, still quiet: ends the same morning.
        ("2026-07-16T00:30:00+01:00", "2026-07-16T07:00:00+00:00"),
        # The night the clocks go forward (29 March 2026, 01:00 GMT -> 02:00 BST).
        ("2026-03-28T23:00:00+00:00", "2026-03-29T07:00:00+00:00"),
        # The night they go back (25 October 2026, 02:00 BST -> 01:00 GMT).
        ("2026-10-24T21:30:00+01:00", "2026-10-25T08:00:00+00:00"),
    ],
)
def test_quiet_hours_end_at_0800_uk_time_whatever_the_season(app, local_now, expected_utc):
    with app.app_context():
        end = quiet_until(datetime.fromisoformat(local_now), "21:00-08:00")
        assert end == datetime.fromisoformat(expected_utc)


def test_quiet_hours_bounds_and_settings(app):
    with app.app_context():
        at = datetime.fromisoformat
        assert quiet_until(at("2026-01-15T20:59:59+00:00"), "21:00-08:00") is None
        assert quiet_until(at("2026-01-15T21:00:00+00:00"), "21:00-08:00")
        assert quiet_until(at("2026-01-15T08:00:00+00:00"), "21:00-08:00") is None
        assert quiet_until(at("2026-01-15T07:59:00+00:00"), "21:00-08:00")
        assert quiet_until(at("2026-01-15T23:00:00+00:00"), "none") is None
        assert quiet_until(at("2026-01-15T13:00:00+00:00"), "12:00-14:00") == at(
            "2026-01-15T14:00:00+00:00"
        )
        with pytest.raises(ValueError, match="21:00-08:00"):
            parse_quiet_hours("late")


def test_quiet_hours_defer_the_send_to_the_morning(app, twilio_front):
    with app.app_context():
        app.config["SMS_QUIET_HOURS"] = "21:00-08:00"
        evening = datetime.fromisoformat("2026-07-15T22:15:00+01:00")
        morning = datetime.fromisoformat("2026-07-16T08:00:00+01:00")
        clock = FakeClock(evening)
        message = queue_sms(make_person(), "Hello", "test", "quiet:1", at=evening)
        assert message.not_before == morning
        db.session.info.pop("gt_after_commit", None)
        db.session.commit()

        # The worker runs at 22:15 anyway (e.g. a sweep): it defers, sends nothing.
        outcome = deliver(message.id, clock)
        assert outcome.status == OutboundStatus.QUEUED and outcome.retry_at == morning
        clock.advance(hours=9, minutes=44)  # 07:59 BST
        assert deliver(message.id, clock).retry_at == morning
        assert twilio_front.seen == []

        clock.advance(minutes=1)  # 08:00 BST
        assert deliver(message.id, clock).status == OutboundStatus.SENT
    assert len(twilio_front.seen) == 1


def test_quiet_hours_defer_a_message_queued_in_the_day_but_reached_at_night(app, twilio_front):
    with app.app_context():
        app.config["SMS_QUIET_HOURS"] = "21:00-08:00"
        afternoon = datetime.fromisoformat("2026-01-10T16:00:00+00:00")
        message = queue_sms(make_person(), "Hello", "test", "quiet:2", at=afternoon)
        assert message.not_before is None
        db.session.info.pop("gt_after_commit", None)
        db.session.commit()
        night = FakeClock(datetime.fromisoformat("2026-01-10T23:30:00+00:00"))
        outcome = deliver(message.id, night)
        assert outcome.retry_at == datetime.fromisoformat("2026-01-11T08:00:00+00:00")
        assert message_with_key("quiet:2").status == OutboundStatus.QUEUED
    assert twilio_front.seen == []
