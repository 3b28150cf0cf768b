"""The deeper safeguarding check's help on the survey pages (issue 14, "Slow checks on the
queue"; the check itself: app/safeguarding/deep_check.py). While a check of one of the young
person's answers may still be running, the page they are on carries the help numbers in a
<template> and asks, every few seconds, whether the check raised the answer
(static/deep_check.js; the JSON views on a survey link in app/responses/views.py, on the
conference tablet in app/conferences/participant_views.py, both answered here); without
JavaScript, the next page shows them.
"""

from __future__ import annotations

from typing import Any

from flask import Response as FlaskResponse
from flask import jsonify, url_for
from sqlalchemy import select

from analysis.safeguarding_tiers import URGENT
from app.core.audiences import audience_of, support_contacts
from app.core.extensions import db
from app.core.types import now_utc
from app.responses.models import Answer
from app.review.models import AnswerAnalysis
from app.safeguarding import deep_check
from surveys import ResolvedSurvey

# The poll: at most 30 asks a page (static/deep_check.js); counted per link or tablet
# participant, not per address, so a school's shared connection never stops one child's help.
POLL_LIMIT = "40 per minute"


def pending(response_id: int | None) -> bool:
    """May a deep check of one of this response's answers still be running? True for a
    free-text answer saved within `deep_check.PENDING` that the request's check did not make
    urgent (so `deep_check.ask` queued it). Reads only."""
    if response_id is None or not deep_check.switched_on():
        return False
    recent = db.session.scalar(
        select(Answer.id)
        .outerjoin(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
        .where(
            Answer.response_id == response_id,
            Answer.value_text.is_not(None),
            Answer.value_text != "",
            Answer.updated_at >= now_utc() - deep_check.PENDING,
            AnswerAnalysis.tier.is_(None) | (AnswerAnalysis.tier != URGENT),
        )
        .limit(1)
    )
    return recent is not None


def page_context(
    token: str, response_id: int | None, survey: ResolvedSurvey, shown: bool = True
) -> dict[str, Any]:
    """What respond/_deep_check_help.html needs on a survey link's page (see `help_context`)."""
    return help_context(
        response_id,
        survey,
        shown,
        status="respond.deep_check_status",
        seen="respond.deep_check_seen",
        token=token,
    )


def help_context(
    response_id: int | None,
    survey: ResolvedSurvey,
    shown: bool,
    *,
    status: str,
    seen: str,
    **view_args: Any,
) -> dict[str, Any]:
    """What respond/_deep_check_help.html needs: the help now if the deep check raised an
    answer since the last page (`shown`: this page shows it; a question page sends the young
    person to the support page instead), else the poll while a check may be running. `status`
    and `seen` are the endpoints the page asks (`status_reply`, `mark_seen`), with `view_args`:
    the survey link's, or the conference tablet's."""
    now = shown and deep_check.help_waiting(response_id)
    poll = not now and pending(response_id)
    if not (now or poll):
        return {}
    return {
        "deep_help_now": now,
        "deep_help_poll": poll,
        "deep_help_contacts": support_contacts(audience_of(survey)),
        "deep_help_url": url_for(status, **view_args),
        "deep_help_seen_url": url_for(seen, **view_args),
    }


def status_reply(response_id: int | None) -> FlaskResponse:
    """The poll's answer: may a check still be running, and has one raised an answer whose
    help is not shown yet? Two yes/no answers, never kept by the browser. Reads only."""
    reply = jsonify(pending=pending(response_id), help=deep_check.help_raised(response_id))
    reply.headers["Cache-Control"] = "no-store"
    return reply


def mark_seen(response_id: int | None) -> None:
    """The page showed the help the poll said was raised: recorded, so it is shown once."""
    help_now(response_id)


def help_now(response_id: int | None) -> bool:
    """Has the deep check raised an answer of this response whose help is not shown yet? If
    so, the caller shows it now (recorded, so only once)."""
    return deep_check.help_waiting(response_id)
