"""Conference chairs: record conferences and invitees, start tablet mode, send links, see rates."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, logout_user
from sqlalchemy import select

from app.conferences import service as svc
from app.conferences.link_texts import queue_link_texts
from app.conferences.models import Conference
from app.conferences.participant_views import enter_tablet_mode
from app.conferences.quarters import Quarter, quarterly_summary
from app.conferences.rates import role_rates
from app.core.extensions import db
from app.core.qr import qr_svg
from app.core.types import now_utc
from app.staff.audit import record
from app.staff.blueprint import MENU, bp, requires
from app.staff.models import Role, User
from forms.common import ConfirmForm
from forms.conference import (
    ConferenceForm,
    InviteeForm,
    TabletStartForm,
    agency_choices,
)
from surveys.vocabulary import ConferenceKind, ParticipantRole

MENU.append((45, "staff.conferences", "Conferences"))
MENU.append((46, "staff.conference_summary", "Conference feedback"))

CHAIRS = (Role.CONFERENCE_CHAIR,)
PAGE_SIZE = 100


def public_url(endpoint: str, **values: str) -> str:
    """An absolute link for a phone outside the building: the public address when configured."""
    base = current_app.config["PUBLIC_BASE_URL"]
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def _conference_or_404(conference_id: int) -> Conference:
    """The conference, for its own chair or an admin only (403 for any other chair)."""
    conference = db.session.get(Conference, conference_id)
    if conference is None:
        abort(404)
    if not svc.may_manage(current_user, conference):
        abort(403)
    return conference


@bp.get("/conferences")
@requires(*CHAIRS)
def conferences():
    """Conferences, newest first, with invited and answered counts."""
    rows = db.session.scalars(
        select(Conference)
        .where(svc.managed_by(current_user))
        .order_by(Conference.held_on.desc(), Conference.id.desc())
        .limit(PAGE_SIZE)
    ).all()
    rates = role_rates([c.id for c in rows])
    return render_template(
        "staff/conferences.html",
        rows=rows,
        rates=rates,
        kind_labels=svc.KIND_LABELS,
    )


@bp.route("/conferences/new", methods=["GET", "POST"])
@requires(*CHAIRS)
def conference_new():
    """Record a conference: type, date and reference code."""
    form = ConferenceForm()
    if form.validate_on_submit():
        conference = svc.create_conference(
            reference=form.reference.data,
            kind=ConferenceKind(form.kind.data),
            held_on=form.held_on,
            chair=current_user,
        )
        flash("Conference recorded. Now add who was invited.")
        return redirect(url_for(".conference", conference_id=conference.id))
    return render_template("staff/conference_new.html", form=form, kind_labels=svc.KIND_LABELS)


@bp.route("/conferences/<int:conference_id>", methods=["GET", "POST"])
@requires(*CHAIRS)
def conference(conference_id: int):
    """One conference: invitees (add one here), response rate, QR code, tablet mode, texts."""
    conference = _conference_or_404(conference_id)
    form = InviteeForm()
    if form.validate_on_submit():
        svc.add_invitee(
            conference,
            ParticipantRole(form.role.data),
            agency=form.agency.data,
            phone=form.mobile.data or None,
        )
        flash(f"{svc.ROLE_LABELS[ParticipantRole(form.role.data)]} added.")
        return redirect(url_for(".conference", conference_id=conference.id))
    return _conference_page(conference, form=form)


def _conference_page(
    conference: Conference,
    *,
    form: InviteeForm | None = None,
    tablet_form: TabletStartForm | None = None,
) -> str:
    invitees = sorted(conference.invitees, key=lambda i: i.id)
    link = public_url("conference.phone_start", code=conference.short_code)
    chair = db.session.get(User, conference.chair_id) if conference.chair_id else None
    record("conference.viewed", conference)
    return render_template(
        "staff/conference.html",
        conference=conference,
        chair=chair,
        kind_label=svc.KIND_LABELS[conference.kind],
        invitees=invitees,
        phones={i.id: svc.masked_phone(i) for i in invitees},
        rates=role_rates([conference.id])[conference.id],
        role_labels=svc.ROLE_LABELS,
        agencies={c.value: c.label for c in agency_choices()},
        link=link,
        link_text=link.split("://", 1)[-1],
        qr=qr_svg(link, "QR code for the feedback link"),
        open_for_feedback=svc.feedback_open(conference),
        feedback_days=svc.FEEDBACK_DAYS,
        form=form or InviteeForm(formdata=None),
        tablet_form=tablet_form or TabletStartForm(formdata=None),
        confirm_form=ConfirmForm(formdata=None),
        texts_ready=any(i.phone_encrypted for i in invitees),
        messages=get_flashed_messages(),
    )


@bp.post("/conferences/tablet/<int:conference_id>")
@requires(*CHAIRS)
def conference_tablet(conference_id: int):
    """Put this device into tablet mode: the chair is signed out, a PIN is needed to leave."""
    conference = _conference_or_404(conference_id)
    form = TabletStartForm()
    if not form.validate_on_submit():
        return _conference_page(conference, tablet_form=form)
    svc.set_pin(conference, form.pin.data)
    record("conference.tablet_started", conference)
    # The participants must never inherit the chair's staff session on a shared device.
    logout_user()
    session.clear()
    enter_tablet_mode(conference)
    return redirect(url_for("conference.tablet_start", code=conference.short_code))


@bp.post("/conferences/tablet-stop/<int:conference_id>")
@requires(*CHAIRS)
def conference_tablet_stop(conference_id: int):
    """End tablet mode for this conference on every device (e.g. a tablet left behind)."""
    conference = _conference_or_404(conference_id)
    if ConfirmForm().validate_on_submit():
        conference.kiosk_pin_hash = None
        record("conference.tablet_stopped_by_chair", conference)
        flash("Tablet mode has ended on every device for this conference.")
    return redirect(url_for(".conference", conference_id=conference.id))


@bp.post("/conferences/texts/<int:conference_id>")
@requires(*CHAIRS)
def conference_texts(conference_id: int):
    """Text the feedback link to every invitee who gave a mobile number (once each)."""
    conference = _conference_or_404(conference_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".conference", conference_id=conference.id))

    def link_for(token: str) -> str:
        return public_url("conference.invitee_link", code=conference.short_code, token=token)

    result = queue_link_texts(conference, link_for)
    if result is None:
        flash("Texts cannot be sent yet: the text message queue is not set up.")
    else:
        parts = [f"{result.queued} text{'' if result.queued == 1 else 's'} queued"]
        if result.already:
            parts.append(f"{result.already} already sent before")
        if result.opted_out:
            parts.append(f"{result.opted_out} not sent because the number opted out of texts")
        flash("; ".join(parts) + ".")
    return redirect(url_for(".conference", conference_id=conference.id))


@bp.get("/conferences/summary")
@requires(Role.CONFERENCE_CHAIR, Role.PARTICIPATION_OFFICER)
def conference_summary():
    """Quarterly conference feedback by conference type and role, in the council's words."""
    quarter = Quarter.parse(request.args.get("quarter")) or Quarter.of(now_utc().date())
    # A chair sees the conferences they chaired; officers and admins see every one.
    own = current_user.role == Role.CONFERENCE_CHAIR
    summary = quarterly_summary(quarter, *([svc.managed_by(current_user)] if own else []))
    record("conference.summary_viewed", detail={"quarter": quarter.key, "own": own})
    return render_template(
        "staff/conference_summary.html",
        summary=summary,
        quarter=quarter,
        kinds=list(ConferenceKind),
        roles=list(ParticipantRole),
        kind_labels=svc.KIND_LABELS,
        own=own,
    )
