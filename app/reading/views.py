"""The read queue's pages: unread free-text answers, most urgent first, and marking them read."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from app.core.paging import page_number
from app.core.times import uk_time
from app.core.types import now_utc
from app.core.working_days import working_days_between
from app.reading import queue as svc
from app.reading.tiers import TIER_LABELS, TIERS
from app.staff.blueprint import ALLOWED_ROLES, MENU, bp, requires
from app.staff.models import Role
from forms.common import ConfirmForm

MENU.append((15, "staff.reading", "Read queue"))

READ_ROLES = (Role.PARTICIPATION_OFFICER, Role.DUTY_OFFICER)


def _tier() -> str | None:
    tier = request.args.get("tier") or None
    return tier if tier in TIERS else None


@bp.get("/reading")
@requires(*READ_ROLES)
def reading():
    """Every free-text answer nobody has read yet: urgent first, then by score, oldest first."""
    tier = _tier()
    page = page_number()
    items, total = svc.queue(tier, page)
    now = now_utc()
    return render_template(
        "staff/read_queue.html",
        items=items,
        total=total,
        tier=tier,
        tiers=[(t, TIER_LABELS[t]) for t in TIERS],
        summary=svc.summary(now),
        page=page,
        has_next=total > page * svc.PAGE_SIZE,
        now=now,
        days=svc.service_days(),
        marked=request.args.get("marked", type=int),
        form=ConfirmForm(formdata=None, confirm="yes"),
        uk_time=uk_time,
        waited=lambda item: working_days_between(item.received, now),
        can_open=current_user.role in ALLOWED_ROLES.get("staff.review_answer", frozenset()),
    )


@bp.post("/reading/read")
@requires(*READ_ROLES)
def reading_mark():
    """Mark the ticked answers read (or the one whose own button was pressed); audited."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    only = request.form.get("only", type=int)
    ids = [only] if only else request.form.getlist("answer", type=int)
    marked = svc.mark_read(ids, current_user)
    tier = _tier()
    return redirect(url_for(".reading", marked=marked, **({"tier": tier} if tier else {})))


@bp.post("/reading/read/<int:answer_id>")
@requires(*READ_ROLES)
def reading_mark_answer(answer_id: int):
    """Mark one answer read from its own page; back to that page."""
    form = ConfirmForm()
    analysis_id = request.form.get("analysis_id", type=int)
    if not form.validate_on_submit() or not analysis_id:
        abort(400)
    svc.mark_read([answer_id], current_user)
    return redirect(url_for(".review_answer", analysis_id=analysis_id, saved="read"))
