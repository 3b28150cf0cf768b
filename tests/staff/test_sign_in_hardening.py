"""Sign-in hardening (issue 15, points 5 and 12), through the real pages and commands: the second
factor (enrolment, lock, audit, no replay), session lifetime and binding, weak passwords and
PINs, a locked account that says nothing more than a wrong password, and phone and gender
fields that take only what they say."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from html import unescape

import pyotp
import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from app.core.extensions import db
from app.models import AuditEvent, Conference, Respondent, Role, User, now_utc
from app.staff import auth
from app.staff.auth import SIGN_IN_REFUSED, address_hash, enable_totp
from app.staff.blueprint import SIGNED_IN_AT
from tests.web.helpers import csrf_token

from .staff_helpers import PASSWORD, any_csrf, sign_in
from .test_conferences import add_invitee, chair, new_conference, start_tablet  # noqa: F401
from .test_import import import_file, officer, problems_on, upload

KEY_RE = re.compile(r'<code class="gt-secret">([A-Z2-7 ]+)</code>')


def audit(app) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def actions(app) -> Counter:
    return Counter(e.action for e in audit(app))


def enter_code(client, code: str):
    page = client.get("/staff/login/code")
    return client.post(
        "/staff/login/code",
        data={"csrf_token": csrf_token(page.get_data(as_text=True)), "code": code},
    )


def sign_out(client) -> None:
    client.post("/staff/logout", data={"csrf_token": any_csrf(client)})


def with_totp(app, make_user) -> tuple[str, str]:
    user_id, email = make_user()
    with app.app_context():
        secret = enable_totp(db.session.get(User, user_id))
        db.session.commit()
    return email, secret


def other_code(right: str, n: int = 1) -> str:
    return f"{(int(right) + n) % 1_000_000:06d}"


# --- Point 5: the second factor ----------------------------------------------------------------


def test_wrong_codes_lock_after_five_tries_and_are_audited(app, make_user):
    email, secret = with_totp(app, make_user)
    client = app.test_client()
    assert sign_in(client, email).headers["Location"].startswith("/staff/login/code")
    right = pyotp.TOTP(secret).now()
    for n in range(1, 5):
        assert "did not work" in enter_code(client, other_code(right, n)).get_data(as_text=True)
    locked = enter_code(client, other_code(right, 5))
    assert SIGN_IN_REFUSED in unescape(locked.get_data(as_text=True))
    assert client.get("/staff/login/code").status_code == 302  # the half sign-in is over
    # Even the right password and then the right code now wait for the lock to run out.
    again = sign_in(client, email)
    assert again.status_code == 200 and SIGN_IN_REFUSED in unescape(again.get_data(as_text=True))
    assert client.get("/staff/").status_code == 302
    seen = actions(app)
    assert seen["login.totp_failed"] == 4 and seen["login.totp_locked"] == 1
    assert seen["login.refused_locked"] == 1 and "login.succeeded" not in seen


def test_the_right_password_does_not_use_up_a_code_try(app, make_user):
    email, secret = with_totp(app, make_user)
    for _ in range(3):  # three half sign-ins, abandoned at the code
        assert sign_in(app.test_client(), email).status_code == 302
    client = app.test_client()
    sign_in(client, email)
    right = pyotp.TOTP(secret).now()
    for n in range(1, 5):  # four wrong codes still leave the fifth try
        enter_code(client, other_code(right, n))
    assert enter_code(client, right).status_code == 302
    assert client.get("/staff/").status_code == 200


def test_a_used_code_is_never_accepted_again(app, make_user):
    email, secret = with_totp(app, make_user)
    client = app.test_client()
    sign_in(client, email)
    code = pyotp.TOTP(secret).now()
    assert enter_code(client, code).status_code == 302
    sign_out(client)
    thief = app.test_client()
    sign_in(thief, email)
    replayed = enter_code(thief, code)  # seen over a shoulder, or in a log
    assert replayed.status_code == 200 and "did not work" in replayed.get_data(as_text=True)
    assert thief.get("/staff/").status_code == 302
    failed = [e for e in audit(app) if e.action == "login.totp_failed"]
    assert [e.detail for e in failed] == [{"reused": True}]


def test_staff_set_up_their_own_second_factor_on_a_page(app, make_user):
    _id, email = make_user(Role.BOARD_MEMBER)
    client = app.test_client()
    sign_in(client, email)
    page = client.get("/staff/account/two-step").get_data(as_text=True)
    assert "<svg" in page and "QR code to add Golden Thread" in page
    key = KEY_RE.search(page).group(1).replace(" ", "")
    token = csrf_token(page)
    wrong = client.post(
        "/staff/account/two-step",
        data={"csrf_token": token, "code": other_code(pyotp.TOTP(key).now())},
    )
    assert "did not work" in wrong.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(User)).one().totp_secret is None
    code = pyotp.TOTP(key).now()
    done = client.post("/staff/account/two-step", data={"csrf_token": token, "code": code})
    assert done.status_code == 302
    on = client.get("/staff/account/two-step").get_data(as_text=True)
    assert "Two-step sign-in is on" in on and not KEY_RE.search(on)  # the key is not shown again
    sign_out(client)
    assert sign_in(client, email).headers["Location"].startswith("/staff/login/code")
    assert enter_code(client, code).status_code == 200  # the enrolment code is spent too
    later = pyotp.TOTP(key).at(now_utc() + timedelta(seconds=30))
    assert enter_code(client, later).status_code == 302
    seen = actions(app)
    assert seen["user.totp_enrol_failed"] == 1 and seen["user.totp_enabled"] == 1
    for event in audit(app):  # the key never reaches the audit log
        assert key not in str(event.detail)


def test_admins_set_up_and_remove_a_second_factor_from_the_command_line(
    app, make_user, runner, monkeypatch
):
    _id, email = make_user()
    key = pyotp.random_base32()
    monkeypatch.setattr(auth, "new_totp_secret", lambda: key)
    right = pyotp.TOTP(key).now()
    made = runner.invoke(args=["users", "totp", email], input=f"{other_code(right)}\n{right}\n")
    assert made.exit_code == 0, made.output
    assert key in made.output and "did not work" in made.output and "is on" in made.output
    client = app.test_client()
    assert sign_in(client, email).headers["Location"].startswith("/staff/login/code")
    assert enter_code(client, right).status_code == 200  # spent at enrolment
    again = runner.invoke(args=["users", "totp", email], input=f"{right}\n")
    assert again.exit_code != 0 and "already on" in again.output
    off = runner.invoke(args=["users", "totp-off", email])
    assert off.exit_code == 0, off.output
    assert sign_in(app.test_client(), email).status_code == 302
    assert client.get("/staff/login/code").status_code == 302  # its half sign-in ended
    assert {"user.totp_enabled", "user.totp_disabled"} <= set(actions(app))


# --- Point 12: sessions ------------------------------------------------------------------------


def test_a_busy_session_still_ends_after_the_longest_allowed(app, make_user):
    _id, email = make_user()
    client = app.test_client()
    sign_in(client, email)
    assert client.get("/staff/").status_code == 200
    hours = app.config["STAFF_SESSION_MAX_HOURS"]
    with client.session_transaction() as session:
        # Used a minute ago, so the idle timeout would let it through.
        session["staff_last_seen"] = (now_utc() - timedelta(minutes=1)).isoformat()
        session[SIGNED_IN_AT] = (now_utc() - timedelta(hours=hours, minutes=1)).isoformat()
    reply = client.get("/staff/")
    assert reply.status_code == 302 and "/staff/login?ended=1" in reply.headers["Location"]
    assert "signed in a long time ago" in client.get(reply.headers["Location"]).get_data(True)
    assert client.get("/staff/").status_code == 302


def test_a_session_cookie_works_only_in_the_browser_that_signed_in(app, make_user):
    _id, email = make_user()
    client = app.test_client()
    sign_in(client, email)
    assert client.get("/staff/").status_code == 200
    cookie = client.get_cookie("session").value
    elsewhere = app.test_client()
    elsewhere.set_cookie("session", cookie, domain="localhost")
    moved = elsewhere.get("/staff/", headers={"User-Agent": "Mozilla/5.0 (another machine)"})
    assert moved.status_code == 302 and "/staff/login" in moved.headers["Location"]
    other_address = app.test_client()
    other_address.set_cookie("session", cookie, domain="localhost")
    reply = other_address.get("/staff/", environ_overrides={"REMOTE_ADDR": "192.0.2.7"})
    assert reply.status_code == 302
    assert actions(app)["login.session_moved"] == 2
    assert client.get("/staff/").status_code == 200  # where it signed in, it still works


# --- Point 12: passwords, PINs and what a refusal says --------------------------------------


@pytest.mark.parametrize(
    "weak", ["aaaaaaaaaaaa", "password1234", "qwertyuiop12", "Password123!Password123!"]
)
def test_common_and_guessable_passwords_are_refused(runner, weak):
    made = runner.invoke(
        args=[
            "users",
            "create",
            "new@shireford.example",
            "--name",
            "New Person",
            "--role",
            "admin",
            "--password",
            weak,
        ]
    )
    assert made.exit_code != 0 and "too easy to guess" in made.output


def test_a_tablet_pin_has_at_least_six_digits(app, chair):  # noqa: F811
    conference_id, _code = new_conference(chair)
    short = start_tablet(chair, conference_id, pin="2468")
    assert short.status_code == 200
    assert "The PIN must be 6 to 8 numbers" in short.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Conference, conference_id).kiosk_pin_hash is None
    assert start_tablet(chair, conference_id, pin="246813").status_code == 302


def test_a_locked_account_answers_exactly_like_an_unknown_address(app, make_user, monkeypatch):
    _id, email = make_user()
    for _ in range(5):
        sign_in(app.test_client(), email, "wrong password!!")
    checks: list[str] = []

    class CountingHasher(PasswordHasher):
        def verify(self, hash_, password):  # noqa: ANN001, ANN201 - as argon2's
            checks.append(password)
            return super().verify(hash_, password)

    monkeypatch.setattr(auth, "_hasher", CountingHasher())

    def refusal(address: str, password: str) -> tuple[int, str, int]:
        checks.clear()
        reply = sign_in(app.test_client(), address, password)
        body = re.sub(r'(value|nonce)="[^"]+"', "", reply.get_data(as_text=True))  # CSRF, CSP
        body = body.replace(address, "ADDRESS")
        return reply.status_code, body, len(checks)

    locked = refusal(email, PASSWORD)  # the right password, on a locked account
    unknown = refusal("nobody@shireford.example", PASSWORD)
    assert locked == unknown  # same status, same page, one Argon2 check each
    assert locked[0] == 200 and locked[2] == 1 and SIGN_IN_REFUSED in unescape(locked[1])


def test_sign_ins_to_unknown_addresses_are_audited_by_keyed_hash(app, make_user):
    for address in ("nobody@shireford.example", "NOBODY@shireford.example", "else@x.example"):
        sign_in(app.test_client(), address, "some password here")
    rows = [e for e in audit(app) if e.action == "login.unknown_address"]
    assert len(rows) == 3 and all(e.user_id is None for e in rows)
    hashes = [e.detail["address"] for e in rows]
    assert hashes[0] == hashes[1] != hashes[2]  # the same address is recognisable...
    for event in rows:  # ...but never written down
        assert "nobody" not in str(event.detail).lower() and "x.example" not in str(event.detail)
    with app.app_context():
        assert hashes[0] == address_hash("nobody@shireford.example")


# --- Point 12: fields that take only what they say ------------------------------------------


@pytest.mark.parametrize("abroad", ["+1 202 555 0143", "+33 6 12 34 56 78", "01632 960 001"])
def test_uk_mobile_fields_refuse_other_numbers(app, chair, abroad):  # noqa: F811
    conference_id, _code = new_conference(chair)
    refused = add_invitee(chair, conference_id, "parent_carer", mobile=abroad)
    assert "Enter a UK mobile number" in refused.get_data(as_text=True)
    added = add_invitee(chair, conference_id, "parent_carer", mobile="07700 900982")
    assert added.status_code == 302
    with app.app_context():
        invitees = db.session.get(Conference, conference_id).invitees
        assert len(invitees) == 1 and invitees[0].phone_encrypted


HEADER = "reference,cohort,age_band,gender,ethnicity,phone,preferred_channel,consent_sms\n"


def test_imported_gender_comes_from_a_fixed_list(app, make_user):
    client = officer(app, make_user)
    rows = (
        "CLA-201,CLA,13-15,Jane Smith,White British,,web,no\n"
        "CLA-202,CLA,13-15,f,White British,,web,no\n"
        "CLA-203,CLA,13-15,Non binary,White British,,web,no\n"
    )
    _url, html = upload(client, (HEADER + rows).encode())
    problems = problems_on(html)
    assert problems == [
        "Row 2, column gender: is not one of the genders we record. Use one of Female, Male, "
        "Non-binary, Another gender, Prefer not to say, Not known"
    ]
    assert "Jane" not in html  # a name typed into the column is not repeated back
    import_file(client, (HEADER + rows.split("\n", 1)[1]).encode())
    with app.app_context():
        genders = {p.reference: p.gender for p in db.session.scalars(select(Respondent))}
    assert genders == {"CLA-202": "Female", "CLA-203": "Non-binary"}


def test_imported_phone_numbers_are_uk_numbers(app, make_user):
    client = officer(app, make_user)
    rows = "CLA-301,CLA,13-15,Male,White British,+33 6 12 34 56 78,sms,yes\n"
    _url, html = upload(client, (HEADER + rows).encode())
    assert problems_on(html) == [
        "Row 2, column phone: is not a UK number. Give a UK mobile or landline number"
    ]
    assert "612" not in html.split("gt-import-problem", 1)[1]
