"""Staff sign-in: Argon2 passwords, tries counted atomically and locked after five, TOTP."""

from __future__ import annotations

import contextlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, or_, select, update

from app.core import attempts
from app.core.extensions import db
from app.core.phones import vault
from app.core.types import now_utc
from app.staff.audit import record
from app.staff.models import Role, User
from app.staff.passwords import weak_password_problem

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)
# One message for an unknown address, a wrong password and a locked account: none of them may
# tell a stranger that an address has an account here.
SIGN_IN_REFUSED = (
    "Enter a correct email address and password. After 5 wrong tries, sign-in stops for 15 minutes"
)
_hasher = PasswordHasher()
# Verifying against a dummy hash when the email is unknown or the account locked keeps the
# time taken the same as for a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


class AuthError(Exception):
    """Sign-in refused; the message is safe to show."""


@dataclass
class SignIn:
    user: User
    needs_totp: bool


def hash_password(password: str) -> str:
    """An Argon2 hash of an acceptable password (app/staff/passwords.py)."""
    problem = weak_password_problem(password)
    if problem:
        raise AuthError(problem)
    return _hasher.hash(password)


def create_user(email: str, name: str, role: Role, password: str) -> User:
    user = User(
        email=email.strip().lower(), name=name, role=role, password_hash=hash_password(password)
    )
    db.session.add(user)
    db.session.flush()
    record("user.created", user, detail={"role": role.value})
    return user


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def address_hash(email: str) -> str:
    """A keyed hash of an address, for audit rows about sign-ins to no account: repeated tries
    at one address can be told apart, and the address itself is never stored."""
    return vault().hash(email.strip().lower())[:16]


def _take_try(user: User, now: datetime) -> int | None:
    return attempts.take_try(
        user,
        User.failed_logins,
        User.locked_until,
        allowed=MAX_FAILURES,
        lock_for=LOCK_FOR,
        now=now,
    )


def check_password(email: str, password: str) -> SignIn:
    """Check a password; five wrong tries (passwords and codes together) lock the account for
    15 minutes, counted atomically before each check."""
    user = find_user(email)
    now = now_utc()
    if user is None:
        with contextlib.suppress(VerificationError):
            _hasher.verify(_DUMMY_HASH, password)
        record("login.unknown_address", detail={"address": address_hash(email)})
        raise AuthError(SIGN_IN_REFUSED)
    stored = user.password_hash  # read before the try commits (app/core/attempts.py)
    number = _take_try(user, now)
    if number is None:
        with contextlib.suppress(VerificationError):
            _hasher.verify(_DUMMY_HASH, password)
        record("login.refused_locked", user)
        raise AuthError(SIGN_IN_REFUSED)
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        record("login.locked" if number >= MAX_FAILURES else "login.failed", user)
        db.session.flush()
        raise AuthError(SIGN_IN_REFUSED) from None
    if not user.active:
        raise AuthError("This account is switched off. Ask an administrator")
    if _hasher.check_needs_rehash(stored):
        user.password_hash = _hasher.hash(password)
    if user.totp_secret is not None:
        # The right password must not use up one of the tries its code gets.
        attempts.give_back(user, User.failed_logins, User.locked_until)
    return SignIn(user, needs_totp=user.totp_secret is not None)


def _matching_step(secret: str, code: str, at: datetime) -> int | None:
    """The time step (30 s) whose code this is, allowing one step of clock drift each way."""
    totp = pyotp.TOTP(secret)
    code = code.strip().replace(" ", "")
    now_step = totp.timecode(at)
    for step in (now_step - 1, now_step, now_step + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _use_step(user: User, step: int) -> bool:
    """Record `step` as used, atomically: False if it (or a later one) was used already, so a
    code seen over a shoulder or replayed from a log is never accepted twice."""
    used = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(user, ["totp_last_step"])
    return used.rowcount == 1


def check_totp(user: User, code: str) -> str:
    """'ok', 'wrong' or 'locked'. Wrong codes count with wrong passwords toward the lock."""
    if user.totp_secret is None:
        return "ok"
    now = now_utc()
    secret = vault().decrypt(user.totp_secret)  # read before the try commits
    number = _take_try(user, now)
    if number is None:
        record("login.totp_refused_locked", user)
        return "locked"
    step = _matching_step(secret, code, now)
    if step is not None and _use_step(user, step):
        return "ok"
    locked = number >= MAX_FAILURES
    record(
        "login.totp_locked" if locked else "login.totp_failed",
        user,
        detail={"reused": step is not None},
    )
    db.session.flush()
    return "locked" if locked else "wrong"


def completed_sign_in(user: User) -> None:
    attempts.reset(user, User.failed_logins, User.locked_until)
    user.last_login_at = now_utc()
    record("login.succeeded", user)


def end_sessions(user: User) -> None:
    """Every cookie issued so far stops working: at logout and when an account is disabled."""
    user.session_version += 1
    db.session.flush()


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    """What an authenticator app reads from the QR code: it lists the account under the name
    staff see at the top of every staff page."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name="Golden Thread")


def confirm_totp(user: User, secret: str, code: str) -> bool:
    """Turn the second factor on once the person shows their app makes the right codes; the
    code used here is spent, like any other."""
    step = _matching_step(secret, code, now_utc())
    if step is None:
        record("user.totp_enrol_failed", user)
        return False
    user.totp_secret = vault().encrypt(secret)
    user.totp_last_step = step
    record("user.totp_enabled", user)
    db.session.flush()
    return True


def enable_totp(user: User) -> str:
    """Turn on a second factor without a confirming code (tests and scripted set-up); returns
    the secret to show once."""
    secret = new_totp_secret()
    user.totp_secret = vault().encrypt(secret)
    user.totp_last_step = None
    record("user.totp_enabled", user)
    return secret


def disable_totp(user: User) -> None:
    user.totp_secret = None
    user.totp_last_step = None
    record("user.totp_disabled", user)


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the id and the session version must both match."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user
