"""Flask's signed-cookie sessions, with the signer made once per key."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from itsdangerous import BadSignature

from app.core.types import now_utc

# A session may say when it ends (tablet mode: the end of the conference day). It then outlives
# the idle lifetime (PERMANENT_SESSION_LIFETIME, the staff idle time) until that moment, unless
# a member of staff is signed in to it: a staff session never lives longer than its idle time.
LIVES_UNTIL = "_lives_until"
STAFF_KEY = "_user_id"  # Flask-Login's


def lives_until(data: Any) -> datetime | None:
    """When a session that carries its own end ends; None for any other session."""
    if not isinstance(data, dict) or STAFF_KEY in data or not data.get(LIVES_UNTIL):
        return None
    try:
        return datetime.fromisoformat(str(data[LIVES_UNTIL]))
    except ValueError:
        return None


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signer made once per key instead of on every
    request (making one serialises a test value: about 60 µs of every request's time)."""

    def __init__(self) -> None:
        self._signers: dict[tuple[Any, ...], Any] = {}

    def get_signing_serializer(self, app: Flask) -> Any:
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        signer = self._signers.get(key)
        if signer is None:
            signer = super().get_signing_serializer(app)
            if signer is not None:
                self._signers[key] = signer
        return signer

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """Flask's, except that a session carrying its own end is kept until then."""
        signer = self.get_signing_serializer(app)
        if signer is None:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        try:
            data, signed_at = signer.loads(cookie, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        now = now_utc()
        end = lives_until(data)
        fresh = now - signed_at <= app.permanent_session_lifetime
        if (end is not None and now < end) or (end is None and fresh):
            return self.session_class(data)
        return self.session_class()

    def get_expiration_time(self, app: Flask, session: SessionMixin) -> datetime | None:
        """The browser keeps a session that carries its own end until that end."""
        return lives_until(dict(session)) or super().get_expiration_time(app, session)
