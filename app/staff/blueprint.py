"""The staff blueprint: every domain adds its staff pages to it, each declaring who may use it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from flask import Blueprint, abort, current_app, redirect, session, url_for
from flask_login import current_user, logout_user

from app.core.types import now_utc
from app.staff.models import Role

bp = Blueprint("staff", __name__, url_prefix="/staff")

# Every staff view declares who may use it; the route-by-role test reads this.
ALLOWED_ROLES: dict[str, frozenset[Role]] = {}


def requires(*roles: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Signed-in staff with one of `roles` only (admins always); others get 403."""
    allowed = frozenset(roles) | {Role.ADMIN}

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        ALLOWED_ROLES[f"{bp.name}.{view.__name__}"] = allowed

        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorate


ALL_STAFF = tuple(Role)

# The menu as (position, endpoint, label); each view module adds its own entries, and an
# item shows only to the roles its view allows.
MENU: list[tuple[int, str, str]] = [(0, "staff.home", "Home")]


def staff_menu() -> list[tuple[str, str]]:
    if not current_user.is_authenticated:
        return []
    return [
        (endpoint, label)
        for _position, endpoint, label in sorted(MENU)
        if current_user.role in ALLOWED_ROLES.get(endpoint, frozenset())
    ]


OFFICERS = (Role.PARTICIPATION_OFFICER,)


# When this session signed in: no session lasts longer than STAFF_SESSION_MAX_HOURS, however
# busy, so a stolen cookie stops working by the end of the day at the latest.
SIGNED_IN_AT = "staff_signed_in_at"


@bp.before_request
def _idle_timeout():
    """Sign out after a quiet spell; a shared office computer must not stay signed in."""
    if not current_user.is_authenticated:
        return None
    limit = timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"])
    longest = timedelta(hours=current_app.config["STAFF_SESSION_MAX_HOURS"])
    last_seen = session.get("staff_last_seen")
    signed_in_at = session.get(SIGNED_IN_AT)
    now = now_utc()
    too_long = not signed_in_at or now - datetime.fromisoformat(signed_in_at) > longest
    if too_long or (last_seen and now - datetime.fromisoformat(last_seen) > limit):
        logout_user()
        session.clear()
        return redirect(url_for("staff.login", **({"ended": 1} if too_long else {"timeout": 1})))
    session["staff_last_seen"] = now.isoformat()
    session.permanent = True
    return None
