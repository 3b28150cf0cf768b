"""The staff landing page: what needs doing, by role."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import func, select

from app.core.extensions import db
from app.safeguarding.models import SafeguardingFlag
from app.staff.blueprint import ALL_STAFF, bp, requires


@bp.get("/")
@requires(*ALL_STAFF)
def home():
    """Landing page with the counts that need attention."""
    open_flags = db.session.scalar(
        select(func.count())
        .select_from(SafeguardingFlag)
        .where(SafeguardingFlag.acknowledged_at.is_(None))
    )
    return render_template("staff/home.html", open_flags=open_flags)
