"""Issue 15.9: a conference is its chair's and the admins'. Another chair cannot see it, add
invitees, set its PIN by starting tablet mode, end its tablet mode, text its link, or find it in
the list or the quarterly summary. Through the real pages, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade
from sqlalchemy import func, select

from app import create_app
from app.core.extensions import db
from app.models import Conference, ConferenceInvitee, Role

from .staff_helpers import any_csrf, sign_in
from .test_conferences import PIN, add_invitee, new_conference, start_tablet


def signed_in(app, make_user, role: Role, email: str):
    make_user(role, email=email)
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


@pytest.fixture
def people(app, make_user):
    """The conference's chair, another chair, an admin and a participation officer."""
    return {
        "owner": signed_in(app, make_user, Role.CONFERENCE_CHAIR, "chair.a@shireford.example"),
        "other": signed_in(app, make_user, Role.CONFERENCE_CHAIR, "chair.b@shireford.example"),
        "admin": signed_in(app, make_user, Role.ADMIN, "admin@shireford.example"),
        "officer": signed_in(
            app, make_user, Role.PARTICIPATION_OFFICER, "officer@shireford.example"
        ),
    }


def state(app, conference_id: int) -> tuple[int, str | None]:
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        invitees = db.session.scalar(
            select(func.count())
            .select_from(ConferenceInvitee)
            .where(ConferenceInvitee.conference_id == conference_id)
        )
        return invitees, conference.kiosk_pin_hash


def post(client, path: str, **data):
    return client.post(path, data={"csrf_token": any_csrf(client), **data})


# Each staff route of one conference, as (what it does, how it is asked).
ROUTES = {
    "view": lambda c, cid: c.get(f"/staff/conferences/{cid}"),
    "add an invitee": lambda c, cid: post(c, f"/staff/conferences/{cid}", role="young_person"),
    "start tablet mode (set its PIN)": lambda c, cid: post(
        c, f"/staff/conferences/tablet/{cid}", pin="975310"
    ),
    "end tablet mode": lambda c, cid: post(
        c, f"/staff/conferences/tablet-stop/{cid}", confirm="yes"
    ),
    "text the link": lambda c, cid: post(c, f"/staff/conferences/texts/{cid}", confirm="yes"),
}


@pytest.mark.parametrize("route", list(ROUTES))
def test_another_chair_is_refused_and_changes_nothing(app, people, route):
    owner = people["owner"]
    conference_id, _code = new_conference(owner)
    add_invitee(owner, conference_id, "parent_carer", mobile="07700 900123")
    before = state(app, conference_id)
    reply = ROUTES[route](people["other"], conference_id)
    assert reply.status_code == 403
    assert "CP-2026-014" not in reply.get_data(as_text=True)
    assert state(app, conference_id) == before
    # The refused chair is still signed in (starting tablet mode would have signed them out).
    assert people["other"].get("/staff/conferences").status_code == 200
    # An officer is no chair of it either.
    assert ROUTES[route](people["officer"], conference_id).status_code == 403


@pytest.mark.parametrize("route", list(ROUTES))
@pytest.mark.parametrize("who", ["owner", "admin"])
def test_the_chair_and_admins_may(app, people, route, who):
    conference_id, _code = new_conference(people["owner"])
    reply = ROUTES[route](people[who], conference_id)
    assert reply.status_code in (200, 302), reply.status_code
    if route == "start tablet mode (set its PIN)":
        assert state(app, conference_id)[1] is not None


def test_a_tablet_left_running_is_ended_by_its_chair_or_an_admin_only(app, people):
    conference_id, _code = new_conference(people["owner"])
    start_tablet(people["owner"], conference_id, PIN)  # this browser is now the tablet
    pin_hash = state(app, conference_id)[1]
    assert ROUTES["end tablet mode"](people["other"], conference_id).status_code == 403
    assert state(app, conference_id)[1] == pin_hash
    assert ROUTES["end tablet mode"](people["admin"], conference_id).status_code == 302
    assert state(app, conference_id)[1] is None


def test_lists_and_summaries_show_a_chair_only_their_own(app, people):
    new_conference(people["owner"], reference="CP-2026-014")
    new_conference(people["other"], reference="CP-2026-099")
    mine = people["owner"].get("/staff/conferences").get_data(as_text=True)
    assert "CP-2026-014" in mine and "CP-2026-099" not in mine
    theirs = people["other"].get("/staff/conferences").get_data(as_text=True)
    assert "CP-2026-099" in theirs and "CP-2026-014" not in theirs
    everything = people["admin"].get("/staff/conferences").get_data(as_text=True)
    assert "CP-2026-014" in everything and "CP-2026-099" in everything

    def held(who: str) -> str:
        page = people[who].get("/staff/conferences/summary").get_data(as_text=True)
        return page.split(" held:")[0].rsplit(">", 1)[1]

    assert held("owner") == "1 conference" and held("other") == "1 conference"
    assert held("officer") == "2 conferences" and held("admin") == "2 conferences"


def test_a_conference_without_a_chair_is_the_admins_only(app, people):
    conference_id, _code = new_conference(people["owner"])
    with app.app_context():
        db.session.get(Conference, conference_id).chair_id = None
        db.session.commit()
    assert ROUTES["view"](people["owner"], conference_id).status_code == 403
    assert ROUTES["view"](people["admin"], conference_id).status_code == 200


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite'}"
    return request.getfixturevalue("postgres").new_database()


def test_0012_gives_conferences_without_a_chair_the_chair_who_recorded_them(empty_database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "SECRET_KEY": "t"})
    now = "2026-11-01 10:00:00+00:00"
    with app.app_context():
        upgrade(revision="0010")
        with db.engine.begin() as conn:
            for user_id, role in ((1, "conference_chair"), (2, "admin")):
                conn.execute(
                    sa.text(
                        "INSERT INTO staff_user (id, email, name, role, password_hash, active, "
                        "on_duty, failed_logins, session_version, created_at) VALUES (:id, "
                        ":email, 'Staff', :role, 'x', true, false, 0, 1, :now)"
                    ),
                    {"id": user_id, "email": f"{user_id}@x.example", "role": role, "now": now},
                )
            # 1: recorded by chair 1; 2: by an admin; 3: no audit row; 4: has a chair already.
            for conference_id, chair in ((1, None), (2, None), (3, None), (4, 2)):
                conn.execute(
                    sa.text(
                        "INSERT INTO conference (id, reference, kind, held_on, chair_id, "
                        "short_code, created_at) VALUES (:id, :ref, 'review', :now, :chair, "
                        ":code, :now)"
                    ),
                    {
                        "id": conference_id,
                        "ref": f"CP-{conference_id}",
                        "now": now,
                        "chair": chair,
                        "code": f"CODE{conference_id}",
                    },
                )
            for conference_id, user_id in ((1, 1), (2, 2), (4, 1)):
                conn.execute(
                    sa.text(
                        "INSERT INTO audit_event (at, user_id, action, object_type, object_id) "
                        "VALUES (:now, :user, 'conference.created', 'Conference', :object)"
                    ),
                    {"now": now, "user": user_id, "object": str(conference_id)},
                )
        upgrade(revision="0012")
        with db.engine.connect() as conn:
            chairs = dict(conn.execute(sa.text("SELECT id, chair_id FROM conference")).all())
        # Only a conference chair is made owner; the rest stay the admins' (or keep theirs).
        assert chairs == {1: 1, 2: None, 3: None, 4: 2}
        db.engine.dispose()
