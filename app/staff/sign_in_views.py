"""Sign in, second factor and sign out."""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from app.core.extensions import db
from app.core.rate_limits import limited
from app.core.types import now_utc
from app.staff import auth
from app.staff.blueprint import SIGNED_IN_AT, bp
from app.staff.models import User
from forms.staff import LoginForm, TotpForm


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/staff") and not target.startswith("//"):
        return target
    return url_for("staff.home")


@bp.route("/login", methods=["GET", "POST"])
@limited("SIGN_IN_RATE_LIMIT", scope="sign-in")
def login():
    """Staff sign-in with email and password."""
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        try:
            result = auth.check_password(form.email.data, form.password.data)
        except auth.AuthError as exc:
            # Not raised on: the failure count and its audit row commit with this page.
            error = str(exc)
        else:
            if result.needs_totp:
                session["pending_user"] = result.user.get_id()
                return redirect(url_for(".totp", next=request.args.get("next")))
            return _finish(result.user)
    return render_template(
        "staff/login.html",
        form=form,
        error=error,
        timed_out=request.args.get("timeout"),
        ended=request.args.get("ended"),
    )


@bp.route("/login/code", methods=["GET", "POST"])
@limited("SIGN_IN_RATE_LIMIT", scope="sign-in")
def totp():
    """Second factor for accounts that have one."""
    pending = session.get("pending_user")
    user = auth.load_user(pending) if pending else None
    if user is None:
        return redirect(url_for(".login"))
    form = TotpForm()
    error = None
    if form.validate_on_submit():
        outcome = auth.check_totp(user, form.code.data)
        if outcome == "ok":
            session.pop("pending_user", None)
            return _finish(user)
        if outcome == "locked":
            session.pop("pending_user", None)
            return render_template("staff/login.html", form=LoginForm(), error=auth.SIGN_IN_REFUSED)
        error = "That code did not work. Wait for a new code and try again"
    return render_template("staff/totp.html", form=form, error=error)


def _finish(user: User):
    session.clear()  # a fresh session on sign-in, so nothing from before carries over
    auth.completed_sign_in(user)
    login_user(user)
    session[SIGNED_IN_AT] = now_utc().isoformat()
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/logout")
@login_required
def logout():
    """Sign out everywhere this session was used: the old cookie stops working."""
    user = db.session.get(User, current_user.id)
    auth.end_sessions(user)
    logout_user()
    session.clear()
    return redirect(url_for(".login"))
