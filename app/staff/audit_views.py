"""The audit log for admins: who viewed identifiable data or changed something, and when."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import func, select

from app.core.extensions import db
from app.core.paging import id_arg, page_number
from app.core.times import uk_time
from app.staff.blueprint import MENU, bp, requires
from app.staff.models import AuditEvent, User

MENU.append((70, "staff.audit_log", "Audit log"))
PAGE_SIZE = 50


@bp.get("/audit")
@requires()  # admins only
def audit_log():
    """Page through the audit log, newest first, filtered by member of staff or action."""
    user_id = id_arg("user")
    action = (request.args.get("action") or "").strip()[:64] or None
    page = page_number()
    query = select(AuditEvent)
    if user_id:
        query = query.where(AuditEvent.user_id == user_id)
    if action:
        query = query.where(AuditEvent.action == action)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    events = db.session.scalars(
        query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    users = db.session.scalars(select(User).order_by(User.name, User.email)).all()
    actions = db.session.scalars(
        select(AuditEvent.action).distinct().order_by(AuditEvent.action)
    ).all()
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "staff/audit_log.html",
        events=events,
        total=total,
        page=page,
        has_next=total > page * PAGE_SIZE,
        users=users,
        names={u.id: u for u in users},
        actions=actions,
        user_id=user_id,
        action=action,
        args=args,
        uk_time=uk_time,
    )
