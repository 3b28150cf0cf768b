"""Issue 15.8: tablet mode lasts until the end of the conference day, not the staff idle time;
when it ends the tablet says so (never quietly turning into the own-phone form); and a new PIN
is not locked by the wrong tries made against the old one. Through the real pages, on SQLite
and PostgreSQL, with the clock moved by time-machine."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
import time_machine

from app.core.times import UK
from app.models import Role
from tests.web.helpers import csrf_token

from .staff_helpers import sign_in
from .test_conferences import new_conference, path_of, start_tablet, tablet_begin

PIN = "246813"
NEW_PIN = "975310"
# A conference afternoon: the idle time (30 minutes) runs out hours before midnight.
AFTERNOON = datetime(2026, 6, 2, 14, 0, tzinfo=UK)


@pytest.fixture
def clock():
    with time_machine.travel(AFTERNOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def chair(app, make_user, clock):
    _id, email = make_user(Role.CONFERENCE_CHAIR)
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    client.email = email
    return client


def try_pin(tablet, code: str, pin: str):
    page = tablet.get(f"/tablet/{code}/exit")
    return tablet.post(
        f"/tablet/{code}/exit",
        data={"csrf_token": csrf_token(page.get_data(as_text=True)), "pin": pin},
    )


def test_tablet_mode_outlives_the_staff_idle_time(app, chair, clock):
    conference_id, code = new_conference(chair, day=AFTERNOON.date())
    started = start_tablet(chair, conference_id, PIN)
    cookie = started.headers["Set-Cookie"]
    # The browser keeps the tablet's cookie past midnight, not just for the idle time.
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    assert expires > AFTERNOON + timedelta(hours=10)
    assert chair.get(f"/tablet/{code}").status_code == 200

    # The start screen sits untouched for three hours (ten times the staff idle time)...
    clock.shift(timedelta(hours=3))
    start = chair.get(f"/tablet/{code}")
    assert start.status_code == 200, start.headers.get("Location")
    assert 'name="start_key"' in start.get_data(as_text=True)
    # ...and the next person still answers on the tablet, which still needs the PIN to leave.
    first = tablet_begin(chair, code, "parent_carer")
    assert first.startswith(f"/tablet/{code}/p/")
    assert chair.get(f"/tablet/{code}/exit").status_code == 200


def test_a_staff_session_still_ends_after_the_idle_time(app, make_user, clock):
    _id, email = make_user(Role.CONFERENCE_CHAIR, email="office@shireford.example")
    office = app.test_client()
    sign_in(office, email)
    assert office.get("/staff/conferences").status_code == 200
    clock.shift(timedelta(minutes=31))
    reply = office.get("/staff/conferences")
    assert reply.status_code == 302 and "/staff/login" in reply.headers["Location"]


def test_at_midnight_the_tablet_says_tablet_mode_has_ended(app, chair, clock):
    conference_id, code = new_conference(chair, day=AFTERNOON.date())
    start_tablet(chair, conference_id, PIN)
    clock.move_to(datetime(2026, 6, 3, 0, 30, tzinfo=UK))
    ended = chair.get(f"/tablet/{code}")
    assert ended.status_code == 200
    page = ended.get_data(as_text=True)
    assert "Feedback on this tablet has finished" in page and "midnight" in page
    # The device has left tablet mode: from now on the address is the own-phone link.
    reply = chair.get(f"/tablet/{code}")
    assert reply.status_code == 302 and path_of(reply.headers["Location"]) == f"/c/{code}"


def test_a_new_pin_is_not_locked_by_tries_at_the_old_one(app, make_user, chair, clock):
    conference_id, code = new_conference(chair, day=AFTERNOON.date())
    start_tablet(chair, conference_id, PIN)
    tablet = chair
    for _ in range(5):
        clock.shift(timedelta(seconds=5))
        try_pin(tablet, code, "000000")
    assert "Too many wrong PINs" in try_pin(tablet, code, PIN).get_data(as_text=True)

    # The chair ends tablet mode from another device and starts it again with a new PIN.
    clock.shift(timedelta(minutes=1))
    office = app.test_client()
    assert sign_in(office, chair.email).status_code == 302
    page = office.get(f"/staff/conferences/{conference_id}").get_data(as_text=True)
    office.post(
        f"/staff/conferences/tablet-stop/{conference_id}",
        data={"csrf_token": csrf_token(page), "confirm": "yes"},
    )
    clock.shift(timedelta(seconds=5))
    assert start_tablet(office, conference_id, NEW_PIN).status_code == 302
    clock.shift(timedelta(seconds=5))
    out = try_pin(office, code, NEW_PIN)
    assert out.status_code == 302 and "/staff/login" in out.headers["Location"]
