""" "You said, we did": the public page telling young people and families what changed."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from app.actions import service as actions
from surveys.vocabulary import Cohort

bp = Blueprint("yswd", __name__)


@bp.get("/you-said-we-did")
def page():
    """Published "you said, we did" messages, for one cohort or everyone, newest first."""
    wanted = request.args.get("cohort", "")
    cohort = Cohort(wanted) if wanted in {c.value for c in Cohort} else None
    items = actions.published(cohort)
    cohorts = sorted({a.cohort for a in actions.published() if a.cohort}, key=list(Cohort).index)
    return render_template(
        "yswd.html",
        items=items,
        cohort=cohort,
        cohorts=cohorts,
        day=lambda at: actions.format_day(actions.uk_today(at)),
    )
