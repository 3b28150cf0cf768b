"""Staff sign-in: Argon2 passwords, lock-out after repeated failures, optional TOTP."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from app.core.extensions import db
from app.core.phones import vault
from app.core.types import now_utc
from app.staff.audit import record
from app.staff.models import Role, User

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)
_hasher = PasswordHasher()
# Verifying against a dummy hash when the email is unknown keeps timing the same.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


class AuthError(Exception):
    """Sign-in refused; the message is safe to show."""


@dataclass
class SignIn:
    user: User
    needs_totp: bool


def hash_password(password: str) -> str:
    if len(password) < 12:
        raise AuthError("Passwords must be at least 12 characters long")
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


def check_password(email: str, password: str) -> SignIn:
    """Check a password, counting failures and locking the account for a while after five."""
    user = find_user(email)
    now = now_utc()
    if user is None:
        with contextlib.suppress(VerificationError):
            _hasher.verify(_DUMMY_HASH, password)
        raise AuthError("Enter a correct email address and password")
    if user.locked_until and user.locked_until > now:
        record("login.refused_locked", user)
        raise AuthError("Too many attempts. Try again in 15 minutes, or ask an administrator")
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until = now + LOCK_FOR
            user.failed_logins = 0
            record("login.locked", user)
        else:
            record("login.failed", user)
        db.session.flush()
        raise AuthError("Enter a correct email address and password") from None
    if not user.active:
        raise AuthError("This account is switched off. Ask an administrator")
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return SignIn(user, needs_totp=user.totp_secret is not None)


def check_totp(user: User, code: str) -> bool:
    if user.totp_secret is None:
        return True
    secret = vault().decrypt(user.totp_secret)
    return pyotp.TOTP(secret).verify(code.strip().replace(" ", ""), valid_window=1)


def completed_sign_in(user: User) -> None:
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now_utc()
    record("login.succeeded", user)


def end_sessions(user: User) -> None:
    """Every cookie issued so far stops working: at logout and when an account is disabled."""
    user.session_version += 1
    db.session.flush()


def enable_totp(user: User) -> str:
    """Turn on a second factor; returns the secret to show once as a QR code or text."""
    secret = pyotp.random_base32()
    user.totp_secret = vault().encrypt(secret)
    record("user.totp_enabled", user)
    return secret


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the id and the session version must both match."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user
