""" "You said, we did": actions followed up to the end, with RAG status and publishing back."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from app.actions import service as svc
from app.actions.models import Action
from app.core.extensions import db
from app.core.paging import id_arg
from app.review.models import AnswerAnalysis
from app.staff.blueprint import MENU, bp, requires
from app.staff.models import Role
from forms.common import ConfirmForm
from forms.staff_review import ActionForm, PublishForm
from surveys import PLEDGE_KEYS, PLEDGE_SHORT_TITLES
from surveys.vocabulary import ActionStatus, Cohort

MENU.append((30, "staff.actions", "Actions"))

# Board members see the list only, and only the columns in `actions_board.html`.
LIST_ROLES = (Role.PARTICIPATION_OFFICER, Role.CONFERENCE_CHAIR, Role.BOARD_MEMBER)
EDIT_ROLES = (Role.PARTICIPATION_OFFICER,)
CAN_EDIT = frozenset({Role.ADMIN, *EDIT_ROLES})


def _all_actions() -> list[Action]:
    return svc.sorted_for_attention(db.session.scalars(select(Action)).all())


@bp.get("/actions")
@requires(*LIST_ROLES)
def actions():
    """List actions, those needing attention first; the board sees a summary of each."""
    rows = _all_actions()
    today = svc.uk_today()
    rags = {a.id: svc.action_rag(a, today) for a in rows}
    counts = {r: sum(1 for a in rows if rags[a.id] == r) for r in svc.Rag}
    common = {
        "rows": rows,
        "rags": rags,
        "counts": counts,
        "due": lambda a: svc.format_day(svc.due_day(a)),
        "pledge_titles": PLEDGE_SHORT_TITLES,
    }
    if current_user.role == Role.BOARD_MEMBER:
        return render_template("staff/actions_board.html", summary=svc.evidence_summary, **common)
    saved = id_arg("saved")
    published = id_arg("published")
    return render_template(
        "staff/actions.html",
        can_edit=current_user.role in CAN_EDIT,
        statuses=svc.STATUS_LABELS,
        saved=db.session.get(Action, saved) if saved else None,
        published=db.session.get(Action, published) if published else None,
        queued=request.args.get("queued", type=int),
        opted_out=request.args.get("opted_out", type=int),
        **common,
    )


def _quote_choices(form: ActionForm) -> list[AnswerAnalysis]:
    quotes = svc.approved_quotes()
    form.quotes.choices = [SelectChoice(q.id, q.quote or "") for q in quotes]
    return quotes


def _data(form: ActionForm) -> svc.ActionData:
    assert form.due is not None
    return svc.ActionData(
        title=form.title.data.strip(),
        description=(form.description.data or "").strip() or None,
        pledge=form.pledge.data or None,
        theme=" ".join((form.theme.data or "").split()).lower() or None,
        cohort=Cohort(form.cohort.data) if form.cohort.data else None,
        owner=form.owner.data.strip(),
        due=form.due,
        status=ActionStatus(form.status.data),
        at_risk=bool(form.at_risk.data),
        evidence=(form.evidence.data or "").strip() or None,
        quote_ids=[int(q) for q in form.quotes.data or []],
    )


def _save(action: Action | None, form: ActionForm):
    try:
        saved = svc.save_action(action, _data(form), current_user)
    except svc.EvidenceRequired as exc:
        db.session.rollback()
        form.evidence.errors = [*form.evidence.errors, str(exc)]
        return None
    return redirect(url_for(".actions", saved=saved.id))


def _render_form(form: ActionForm, action: Action | None, status: int = 200):
    quotes = _quote_choices(form)
    return (
        render_template(
            "staff/action_form.html",
            form=form,
            action=action,
            quotes=quotes,
            rag=svc.action_rag(action) if action else None,
            pledge_titles=PLEDGE_SHORT_TITLES,
        ),
        status,
    )


@bp.route("/actions/new", methods=["GET", "POST"])
@requires(*EDIT_ROLES)
def action_new():
    """Create an action, optionally started from a reviewed answer's theme and quote."""
    form = ActionForm()
    quotes = _quote_choices(form)
    if request.method == "POST":
        if form.validate():
            done = _save(None, form)
            if done is not None:
                return done
        return _render_form(form, None, 400)
    # Started from a reviewed answer: carry its theme, pledge, cohort and quote across.
    theme = (request.args.get("theme") or "").strip()[:60]
    pledge = request.args.get("pledge") or ""
    cohort = request.args.get("cohort") or ""
    form.theme.data = theme
    form.pledge.data = pledge if pledge in PLEDGE_KEYS else ""
    form.cohort.data = cohort if cohort in {c.value for c in Cohort} else ""
    quote = request.args.get("quote", type=int)
    form.quotes.data = [quote] if quote and quote in {q.id for q in quotes} else []
    return _render_form(form, None)


def _action(action_id: int) -> Action:
    action = db.session.get(Action, action_id)
    if action is None:
        abort(404)
    return action


@bp.route("/actions/<int:action_id>", methods=["GET", "POST"])
@requires(*EDIT_ROLES)
def action_edit(action_id: int):
    """Change an action: its status, risk, due date and evidence (needed to complete it)."""
    action = _action(action_id)
    if request.method == "POST":
        form = ActionForm()
        _quote_choices(form)
        if form.validate():
            done = _save(action, form)
            if done is not None:
                return done
        return _render_form(form, action, 400)
    due = svc.due_day(action)
    # Plain values, not obj=action: WTForms would read None as the string "None".
    form = ActionForm(
        formdata=None,
        title=action.title,
        description=action.description or "",
        theme=action.theme or "",
        owner=action.owner,
        at_risk=action.at_risk,
        evidence=action.evidence or "",
        pledge=action.pledge or "",
        cohort=action.cohort.value if action.cohort else "",
        status=action.status.value,
        due_day=str(due.day),
        due_month=str(due.month),
        due_year=str(due.year),
        quotes=[q.id for q in action.quotes],
    )
    return _render_form(form, action)


@bp.route("/actions/publish/<int:action_id>", methods=["GET", "POST"])
@requires(*EDIT_ROLES)
def action_publish(action_id: int):
    """Publish "you said, we did" on the public page and, if chosen, by text to the cohort."""
    action = _action(action_id)
    form = (
        PublishForm()
        if request.method == "POST"
        else PublishForm(formdata=None, you_said=action.you_said or "", we_did=action.we_did or "")
    )
    recipients, opted_out = svc.sms_recipients(action.cohort) if action.cohort else ([], 0)
    if request.method == "POST" and form.validate():
        result = svc.publish(
            action,
            " ".join(form.you_said.data.split()),
            " ".join(form.we_did.data.split()),
            bool(form.send_sms.data) and action.cohort is not None,
        )
        return redirect(
            url_for(
                ".actions", published=action.id, queued=result.queued, opted_out=result.opted_out
            )
        )
    status = 400 if request.method == "POST" else 200
    return (
        render_template(
            "staff/action_publish.html",
            form=form,
            action=action,
            recipients=len(recipients),
            opted_out=opted_out,
        ),
        status,
    )


@bp.post("/actions/unpublish/<int:action_id>")
@requires(*EDIT_ROLES)
def action_unpublish(action_id: int):
    """Take a "you said, we did" message off the public page."""
    action = _action(action_id)
    form = ConfirmForm()
    if form.validate_on_submit() and action.published_at is not None:
        svc.unpublish(action)
    return redirect(url_for(".action_publish", action_id=action.id))
