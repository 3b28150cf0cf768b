"""Turning on two-step sign-in: an authenticator app's QR code (or its key as text), confirmed
with a code from the app before it is needed at sign-in."""

from __future__ import annotations

from flask import redirect, render_template, session, url_for
from flask_login import current_user

from app.core.extensions import db
from app.core.phones import vault
from app.core.qr import qr_svg
from app.staff import auth
from app.staff.blueprint import ALL_STAFF, bp, requires
from app.staff.models import User
from forms.staff import TotpForm

# The key waiting for its first code, kept in the session encrypted: the cookie is signed but
# readable, and the key is as good as a password once the factor is on.
_PENDING = "totp_pending"


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@bp.route("/account/two-step", methods=["GET", "POST"])
@requires(*ALL_STAFF)
def two_step():
    """Set up two-step sign-in for the signed-in person. Once on, only an administrator can
    turn it off (`flask users totp-off`), so a stolen session cannot swap the key."""
    user = db.session.get(User, current_user.id)
    if user.totp_secret is not None:
        return render_template("staff/two_step.html", enabled=True)
    form = TotpForm()
    pending = session.get(_PENDING)
    if form.validate_on_submit() and pending:
        if auth.confirm_totp(user, vault().decrypt(pending), form.code.data):
            session.pop(_PENDING, None)
            return redirect(url_for(".two_step"))  # the page now says it is on
        error = "That code did not work. Check the app shows Golden Thread, then try a new code"
        secret = vault().decrypt(pending)
    else:
        # A fresh key each time the page is opened: one shown earlier is never needed again.
        error = None
        secret = auth.new_totp_secret()
        session[_PENDING] = vault().encrypt(secret)
    uri = auth.totp_uri(user, secret)
    return render_template(
        "staff/two_step.html",
        enabled=False,
        form=form,
        error=error,
        qr=qr_svg(uri, "QR code to add Golden Thread to your authenticator app"),
        secret=_grouped(secret),
    )
