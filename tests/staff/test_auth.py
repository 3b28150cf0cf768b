"""Sign-in, roles and sessions: every staff route for every role, and the known traps."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.models import AuditEvent, Role, User, now_utc
from app.staff.auth import enable_totp
from app.staff.blueprint import ALLOWED_ROLES

from .staff_helpers import any_csrf, sign_in

PUBLIC_STAFF = {"staff.login", "staff.totp", "staff.logout", "staff.static"}


def staff_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("staff.") and rule.endpoint not in PUBLIC_STAFF:
            yield rule


def fill(rule) -> str:
    return (
        rule.rule.replace("<int:", "<").split("<")[0] + "/".join("999999" for _ in rule.arguments)
        if rule.arguments
        else rule.rule
    )


def test_every_staff_view_declares_its_roles(app):
    undeclared = {r.endpoint for r in staff_rules(app)} - set(ALLOWED_ROLES)
    assert not undeclared


@pytest.mark.parametrize("role", list(Role))
def test_route_by_role_matrix(app, make_user, role):
    _id, email = make_user(role)
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    token = any_csrf(client)
    checked = 0
    for rule in staff_rules(app):
        url = fill(rule)
        allowed = role in ALLOWED_ROLES[rule.endpoint]
        for method in sorted(rule.methods & {"GET", "POST"}):
            if method == "GET":
                reply = client.get(url)
            else:
                reply = client.post(url, data={"csrf_token": token})
            checked += 1
            if allowed:
                assert reply.status_code != 403, (role, method, url)
                assert reply.status_code < 500, (role, method, url)
            else:
                assert reply.status_code == 403, (role, method, url, reply.status_code)
    assert checked >= 1


def test_anonymous_is_sent_to_sign_in(app, client):
    for rule in staff_rules(app):
        if "GET" in rule.methods:
            reply = client.get(fill(rule))
            assert reply.status_code == 302 and "/staff/login" in reply.headers["Location"]


def test_board_members_never_see_raw_material(app, make_user):
    _id, email = make_user(Role.BOARD_MEMBER)
    client = app.test_client()
    sign_in(client, email)
    for endpoint, roles in ALLOWED_ROLES.items():
        if Role.BOARD_MEMBER in roles:
            assert endpoint in {
                "staff.home",
                "staff.board_summary",
                "staff.actions",
                "staff.board_packs",
                "staff.board_pack",
                "staff.board_pack_print",
                "staff.board_pack_pdf",
                "staff.board_pack_csv",
                "staff.two_step",  # their own second factor, nothing else
            }, endpoint


def test_logged_out_cookie_replayed_is_refused(app, make_user):
    _id, email = make_user()
    client = app.test_client()
    sign_in(client, email)
    assert client.get("/staff/").status_code == 200
    stolen = client.get_cookie("session").value
    client.post("/staff/logout", data={"csrf_token": any_csrf(client)})
    replay = app.test_client()
    replay.set_cookie("session", stolen, domain="localhost")
    reply = replay.get("/staff/")
    assert reply.status_code == 302 and "/staff/login" in reply.headers["Location"]


def test_disabled_account_loses_its_session(app, make_user, runner):
    _id, email = make_user()
    client = app.test_client()
    sign_in(client, email)
    assert runner.invoke(args=["users", "disable", email]).exit_code == 0
    assert client.get("/staff/").status_code == 302
    again = sign_in(app.test_client(), email)
    assert "switched off" in again.get_data(as_text=True)


def test_five_failures_lock_the_account(app, make_user):
    _id, email = make_user()
    client = app.test_client()
    for _ in range(5):
        page = sign_in(client, email, "wrong password!!")
        assert "Enter a correct email address and password" in page.get_data(as_text=True)
    locked = sign_in(client, email)  # even the right password, for now
    assert locked.status_code == 200 and "After 5 wrong tries" in locked.get_data(as_text=True)
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        user.locked_until = now_utc() - timedelta(seconds=1)
        db.session.commit()
        actions = [e.action for e in db.session.scalars(select(AuditEvent))]
        assert actions.count("login.failed") == 4 and "login.locked" in actions
    assert sign_in(client, email).status_code == 302


def test_idle_session_times_out(app, make_user):
    _id, email = make_user()
    client = app.test_client()
    sign_in(client, email)
    with client.session_transaction() as session:
        session["staff_last_seen"] = (now_utc() - timedelta(minutes=31)).isoformat()
    reply = client.get("/staff/")
    assert reply.status_code == 302 and "timeout=1" in reply.headers["Location"]


def test_second_factor(app, make_user):
    user_id, email = make_user()
    with app.app_context():
        secret = enable_totp(db.session.get(User, user_id))
        db.session.commit()
    client = app.test_client()
    first = sign_in(client, email)
    assert first.headers["Location"].startswith("/staff/login/code")
    page = client.get("/staff/login/code").get_data(as_text=True)
    from tests.web.helpers import csrf_token

    bad = client.post("/staff/login/code", data={"csrf_token": csrf_token(page), "code": "000000"})
    assert "did not work" in bad.get_data(as_text=True)
    good = client.post(
        "/staff/login/code",
        data={"csrf_token": csrf_token(page), "code": pyotp.TOTP(secret).now()},
    )
    assert good.status_code == 302 and client.get("/staff/").status_code == 200


def test_session_cookie_flags(app, make_user):
    _id, email = make_user()
    client = app.test_client()
    reply = sign_in(client, email)
    cookie = reply.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    from app.core.config import load_config

    production = load_config(
        "/tmp",
        {
            "GOLDEN_THREAD_ENV": "production",
            "SECRET_KEY": "x" * 40,
            "PHONE_ENCRYPTION_KEY": "A" * 43 + "=",
            "PHONE_HASH_KEY": "k" * 40,
        },
    )
    assert production["SESSION_COOKIE_SECURE"] is True


def test_users_cli(app, runner):
    created = runner.invoke(
        args=[
            "users",
            "create",
            "chair@shireford.example",
            "--name",
            "Sam Chair",
            "--role",
            "conference_chair",
            "--password",
            "a long enough password",
        ]
    )
    assert created.exit_code == 0, created.output
    short = runner.invoke(
        args=[
            "users",
            "create",
            "x@shireford.example",
            "--name",
            "X",
            "--role",
            "admin",
            "--password",
            "short",
        ]
    )
    assert short.exit_code != 0 and "at least 12" in short.output
    changed = runner.invoke(args=["users", "set-role", "chair@shireford.example", "board_member"])
    assert changed.exit_code == 0
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        assert user.role == Role.BOARD_MEMBER and user.session_version == 2
        assert user.password_hash.startswith("$argon2")
