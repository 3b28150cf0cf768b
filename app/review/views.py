"""Review free-text answers: redacted by default, tags corrected, quotes approved for the board."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from app.campaigns.models import Campaign
from app.core.extensions import db
from app.core.paging import id_arg, page_number
from app.reading import queue as reading
from app.review import service as svc
from app.staff.audit import record
from app.staff.blueprint import ALLOWED_ROLES, MENU, bp, requires
from app.staff.disclosure_access import READS_DISCLOSURES
from app.staff.models import Role
from forms.common import ConfirmForm
from forms.staff_review import QuoteForm, TagsForm
from surveys import PLEDGE_KEYS, PLEDGE_SHORT_TITLES, PLEDGES

MENU.append((20, "staff.review", "Review"))

REVIEW_ROLES = (Role.PARTICIPATION_OFFICER, Role.CONFERENCE_CHAIR)
ACTION_ROLES = frozenset({Role.ADMIN, Role.PARTICIPATION_OFFICER})
SAVED_MESSAGES = {
    "tags": "Tags saved. Your tags are used from now on instead of the machine's.",
    "unchanged": "Nothing changed: the tags were already as you left them.",
    "quote": "Quote approved for the board.",
    "withdrawn": "Quote withdrawn: the board will no longer see it.",
    "read": "Marked as read.",
}


def _reads_disclosures() -> bool:
    """The safeguarding inbox's rule: may this member of staff read a possible disclosure?"""
    return current_user.role in READS_DISCLOSURES


def _filters() -> svc.Filters:
    pledge = request.args.get("pledge") or None
    return svc.Filters(
        campaign_id=id_arg("campaign"),
        pledge=pledge if pledge in PLEDGE_KEYS else None,
        theme=(request.args.get("theme") or "").strip()[:120] or None,
        flagged_only=request.args.get("flagged") == "1",
        without_flagged=not _reads_disclosures(),
    )


def _record_flagged_read(items: list[svc.ReviewItem]) -> None:
    """Reading a possible disclosure is recorded, as opening it in the inbox is."""
    flagged = [it.analysis.id for it in items if it.flagged]
    if flagged:
        record("answers.flagged_read", detail={"analysis_ids": flagged})


@bp.get("/review")
@requires(*REVIEW_ROLES)
def review():
    """List free-text answers, redacted, newest first, filtered by campaign, pledge or theme."""
    filters = _filters()
    ids = svc.matching_ids(filters)
    page = page_number()
    shown = ids[(page - 1) * svc.PAGE_SIZE : page * svc.PAGE_SIZE]
    campaigns = db.session.scalars(select(Campaign).order_by(Campaign.created_at.desc())).all()
    args = {k: v for k, v in request.args.items() if k != "page"}
    items = svc.load_items(shown)
    _record_flagged_read(items)
    return render_template(
        "staff/review.html",
        items=items,
        total=len(ids),
        page=page,
        has_next=len(ids) > page * svc.PAGE_SIZE,
        args=args,
        filters=filters,
        campaigns=campaigns,
        pledge_titles=PLEDGE_SHORT_TITLES,
    )


def _found(analysis_id: int) -> svc.ReviewItem:
    found = svc.item(analysis_id)
    # A flagged answer does not exist for a role the inbox refuses.
    if found is None or (found.flagged and not _reads_disclosures()):
        abort(404)
    return found


def _render(found: svc.ReviewItem, status: int = 200, **forms: Any):
    analysis = found.analysis
    tags = forms.get("tags_form") or TagsForm(
        formdata=None,
        pledges=analysis.final_pledges,
        themes="\n".join(analysis.final_themes),
    )
    quote = forms.get("quote_form") or QuoteForm(
        formdata=None, quote=analysis.quote or analysis.redacted
    )
    body = render_template(
        "staff/review_answer.html",
        item=found,
        analysis=analysis,
        tags_form=tags,
        quote_form=quote,
        original=forms.get("original"),
        error=forms.get("error"),
        saved=SAVED_MESSAGES.get(request.args.get("saved", "")),
        pledge_titles=PLEDGE_SHORT_TITLES,
        pledges=PLEDGES,
        corrected=analysis.corrected_at is not None,
        can_open_inbox=_reads_disclosures(),
        can_act=current_user.role in ACTION_ROLES,
        reading=reading.state_of(found.answer.id),
        can_mark_read=current_user.role in ALLOWED_ROLES.get("staff.reading_mark", frozenset()),
    )
    return body, status


@bp.get("/review/<int:analysis_id>")
@requires(*REVIEW_ROLES)
def review_answer(analysis_id: int):
    """Show one answer, redacted, with its tags and quote forms."""
    found = _found(analysis_id)
    _record_flagged_read([found])
    return _render(found)


@bp.post("/review/reveal/<int:analysis_id>")
@requires(*REVIEW_ROLES)
def review_reveal(analysis_id: int):
    """Show the original words of one answer; every showing is recorded in the audit log."""
    found = _found(analysis_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _render(found, 400, error="Use the button on the page to show the original words")
    original = svc.reveal(found)
    return _render(found, original=original)


@bp.post("/review/tags/<int:analysis_id>")
@requires(*REVIEW_ROLES)
def review_tags(analysis_id: int):
    """Save an officer's pledge and theme tags, which replace the machine's (audited)."""
    found = _found(analysis_id)
    form = TagsForm()
    if form.validate_on_submit():
        try:
            themes = svc.parse_themes(form.themes.data or "")
            changed = svc.correct_tags(found, current_user, list(form.pledges.data or []), themes)
        except svc.ReviewError as exc:
            form.themes.errors = [*form.themes.errors, str(exc)]
        else:
            return redirect(
                url_for(
                    ".review_answer",
                    analysis_id=analysis_id,
                    saved="tags" if changed else "unchanged",
                )
            )
    db.session.rollback()
    return _render(found, 400, tags_form=form)


@bp.post("/review/quote/<int:analysis_id>")
@requires(*REVIEW_ROLES)
def review_quote(analysis_id: int):
    """Approve (possibly shortened) words for the board; they are redacted again on saving."""
    found = _found(analysis_id)
    form = QuoteForm()
    if form.validate_on_submit():
        try:
            svc.approve(found, current_user, form.quote.data)
        except svc.ReviewError as exc:
            form.quote.errors = [*form.quote.errors, str(exc)]
        else:
            return redirect(url_for(".review_answer", analysis_id=analysis_id, saved="quote"))
    db.session.rollback()
    return _render(found, 400, quote_form=form)


@bp.post("/review/quote/withdraw/<int:analysis_id>")
@requires(*REVIEW_ROLES)
def review_quote_withdraw(analysis_id: int):
    """Withdraw an approved quote, so the board no longer sees it."""
    found = _found(analysis_id)
    form = ConfirmForm()
    if not form.validate_on_submit() or found.analysis.quote is None:
        return _render(found, 400, error="There is no approved quote to withdraw")
    svc.withdraw_quote(found)
    return redirect(url_for(".review_answer", analysis_id=analysis_id, saved="withdrawn"))
