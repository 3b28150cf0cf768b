"""A staff session works only from the browser that signed in.

Flask-Login's `session_protection = "strong"` compares a hash of the client's address and
User-Agent with the one stored at sign-in, but on a *permanent* session (ours are, for the idle
timeout's cookie lifetime) it only marks the session "not fresh" and lets it through, and no
page here asks for freshness. It does send `session_protected` first, so this ends the
sign-in there: a copied cookie replayed from another machine or browser is signed out.

A limit: Flask-Login takes the address from the first X-Forwarded-For entry when a request has
one, so someone who knows the victim's address and User-Agent can forge a match. It binds the
cookie to the browser more than to the network; the 10-hour limit and sign-out on the server
(the session version) still end a stolen cookie.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, session
from flask_login.signals import session_protected

from app.core.extensions import db
from app.staff.models import AuditEvent

# Flask-Login's keys for a signed-in session.
_SIGN_IN_KEYS = ("_user_id", "_id", "_fresh", "_remember", "_remember_seconds")


def _end_sign_in(app: Any, **_extra: Any) -> None:
    signed_in_as = session.get("_user_id")
    if signed_in_as is None:
        return  # tablet mode, a survey, or a half-finished sign-in: not a staff session
    for key in _SIGN_IN_KEYS:
        session.pop(key, None)
    # Not audit.record(): it asks who is signed in, which is what Flask-Login is working out.
    user_id = str(signed_in_as).partition(":")[0]
    db.session.add(
        AuditEvent(
            user_id=int(user_id) if user_id.isdigit() else None, action="login.session_moved"
        )
    )


def init_app(app: Flask) -> None:
    session_protected.connect(_end_sign_in, app)
