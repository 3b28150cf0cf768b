"""Check-in schedules: due dates on the UK calendar, and check-ins sent by the tick."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.core.extensions import db
from app.models import CheckinSchedule, Invitation, OutboundStatus, SmsContact, now_utc
from app.outbound.checkins import add_months, create_schedule, due_at
from app.outbound.periodic import tick

from .conftest import count_rows, make_campaign, make_person, messages_keyed

UK_10AM_WINTER = datetime.fromisoformat("2026-01-31T10:00:00+00:00")


def _schedule(**rule) -> CheckinSchedule:
    """An unsaved schedule: due dates are pure arithmetic."""
    return CheckinSchedule(start_date=rule.pop("start", UK_10AM_WINTER), **rule)


def _dates(schedule: CheckinSchedule, count: int) -> list[str]:
    found = []
    for n in range(1, count + 1):
        due = due_at(schedule, n)
        found.append(due.isoformat() if due else None)
    return found


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), 11, date(2027, 2, 28)),
        (date(2026, 5, 31), -3, date(2026, 2, 28)),
        (date(2026, 1, 15), 36, date(2029, 1, 15)),
    ],
)
def test_add_months_keeps_inside_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_every_n_weeks_keeps_uk_wall_clock_time_across_summer_time():
    start = datetime.fromisoformat("2026-03-16T10:00:00+00:00")  # 10:00 GMT
    dates = _dates(_schedule(rule="weeks", interval=2, start=start), 3)
    assert dates == [
        "2026-03-30T09:00:00+00:00",  # 10:00 BST
        "2026-04-13T09:00:00+00:00",
        "2026-04-27T09:00:00+00:00",
    ]


def test_every_n_months_from_a_month_end_does_not_drift():
    dates = _dates(_schedule(rule="months", interval=1), 4)
    assert dates == [
        "2026-02-28T10:00:00+00:00",
        "2026-03-31T09:00:00+00:00",  # 10:00 BST
        "2026-04-30T09:00:00+00:00",
        "2026-05-31T09:00:00+00:00",
    ]
    quarterly = _dates(_schedule(rule="months", interval=3), 2)
    assert quarterly == ["2026-04-30T09:00:00+00:00", "2026-07-31T09:00:00+00:00"]


def test_adoption_style_offsets_6_to_36_months_then_stop():
    schedule = _schedule(rule="offsets", offsets_months=[6, 12, 18, 24, 30, 36])
    assert _dates(schedule, 7) == [
        "2026-07-31T09:00:00+00:00",
        "2027-01-31T10:00:00+00:00",
        "2027-07-31T09:00:00+00:00",
        "2028-01-31T10:00:00+00:00",
        "2028-07-31T09:00:00+00:00",
        "2029-01-31T10:00:00+00:00",
        None,
    ]
    from_august = _schedule(
        rule="offsets",
        offsets_months=[6, 18],
        start=datetime.fromisoformat("2027-08-31T09:00:00+00:00"),
    )
    assert _dates(from_august, 2) == [
        "2028-02-29T10:00:00+00:00",  # leap-year February, 10:00 GMT
        "2029-02-28T10:00:00+00:00",
    ]


def test_bad_schedules_are_refused(app):
    with app.app_context():
        person, campaign = make_person(), make_campaign()
        with pytest.raises(ValueError, match="exactly one"):
            create_schedule(person, campaign, start=UK_10AM_WINTER)
        with pytest.raises(ValueError, match="exactly one"):
            create_schedule(person, campaign, start=UK_10AM_WINTER, every_weeks=2, every_months=1)
        with pytest.raises(ValueError, match="1 or more"):
            create_schedule(person, campaign, start=UK_10AM_WINTER, offsets_months=[0])
        with pytest.raises(ValueError, match="time zone"):
            create_schedule(person, campaign, start=datetime(2026, 1, 1), every_weeks=1)
    with pytest.raises(ValueError, match="interval"):
        due_at(_schedule(rule="weeks", interval=0), 1)


def test_checkins_go_when_due_once_and_skip_missed_rounds(app, twilio_front):
    with app.app_context():
        now = now_utc()
        person, campaign = make_person(), make_campaign()
        monthly = create_schedule(person, campaign, start=now - timedelta(days=100), every_months=1)
        future = create_schedule(
            make_person(), campaign, start=now + timedelta(days=90), every_weeks=1
        )
        db.session.commit()

        summary = tick(now)
        db.session.commit()
        assert summary.checkins == 1
        sent = messages_keyed("checkin:")
        # Rounds 1 and 2 were missed (nothing ran); only round 3 goes, not a burst of three.
        assert [m.idempotency_key for m in sent] == [f"checkin:{monthly.id}:3"]
        assert sent[0].status == OutboundStatus.SENT
        invitation = db.session.get(Invitation, sent[0].invitation_id)
        assert invitation.checkin_round == 3
        db.session.refresh(monthly)
        assert monthly.sent_count == 3
        assert monthly.next_due_at == due_at(monthly, 4) > now

        # Ticking again sends nothing more; the future schedule is untouched.
        assert tick(now + timedelta(minutes=1)).checkins == 0
        db.session.commit()
        db.session.refresh(future)
        assert future.sent_count == 0

        # The next round makes a new invitation (the same survey again, a fresh response).
        assert tick(monthly.next_due_at).checkins == 1
        db.session.commit()
        keys = [m.idempotency_key for m in messages_keyed("checkin:")]
        assert keys == [f"checkin:{monthly.id}:3", f"checkin:{monthly.id}:4"]
        assert count_rows(Invitation, Invitation.respondent_id == person.id) == 2
    assert len(twilio_front.seen) == 2


def test_offset_schedule_ends_after_its_last_check_in(app, twilio_front):
    with app.app_context():
        start = now_utc() - timedelta(days=400)
        schedule = create_schedule(
            make_person(), make_campaign(), start=start, offsets_months=[6, 12]
        )
        db.session.commit()
        tick()
        db.session.commit()
        db.session.refresh(schedule)
        assert (schedule.sent_count, schedule.active, schedule.next_due_at) == (2, False, None)
        assert [m.idempotency_key for m in messages_keyed("checkin:")] == [
            f"checkin:{schedule.id}:2"
        ]


def test_checkins_skip_opted_out_and_unconsenting_people_but_keep_the_schedule(app, twilio_front):
    with app.app_context():
        start = now_utc() - timedelta(days=8)
        opted, unconsenting = make_person(), make_person(consent=False)
        db.session.add(SmsContact(phone_hash=opted.phone_hash, opted_out=True))
        campaign = make_campaign()
        one = create_schedule(opted, campaign, start=start, every_weeks=1)
        two = create_schedule(unconsenting, campaign, start=start, every_weeks=1)
        db.session.commit()
        assert tick().checkins == 0
        db.session.commit()
        for schedule in (one, two):
            db.session.refresh(schedule)
            assert schedule.sent_count == 1 and schedule.active
        assert messages_keyed("checkin:") == []
    assert twilio_front.seen == []
