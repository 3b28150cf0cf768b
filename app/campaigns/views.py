"""Campaigns: a wave of one survey for one cohort; invitations and reminders go through the
queue; live response rates with small numbers suppressed; closing a wave."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from flask import abort, current_app, redirect, render_template, request, url_for
from sqlalchemy import func, select
from wtforms.fields.choices import SelectChoice

from app.campaigns.models import Campaign, CampaignStatus, Invitation
from app.campaigns.service import create_campaign
from app.campaigns.stats import campaign_stats, suppress
from app.core.extensions import db
from app.core.times import uk_midnight, uk_time
from app.core.types import Channel, now_utc
from app.outbound.invitations import InviteSummary, send_invitations
from app.outbound.not_configured import NotConfigured
from app.outbound.reminders import queue_reminders, reminder_days
from app.respondents.models import Respondent
from app.responses.models import Response, ResponseStatus
from app.staff.audit import record
from app.staff.blueprint import MENU, OFFICERS, bp, requires
from forms.common import ConfirmForm
from forms.staff import (
    CHANNEL_HINTS,
    CampaignForm,
    InviteForm,
)
from surveys import default_registry
from surveys.languages import LANGUAGES
from surveys.translations import Status, status
from surveys.vocabulary import COHORT_LABELS, Cohort

MENU.append((50, "staff.campaigns", "Campaigns"))

INVITE_CHANNELS: dict[str, Channel | None] = {
    "preferred": None,
    "web": Channel.WEB,
    "sms": Channel.SMS,
}


def _slug(name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "campaign"
    return f"{base}-{secrets.token_hex(3)}"


def _campaign_or_404(campaign_id: int) -> Campaign:
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None:
        abort(404)
    return campaign


def _survey_title(campaign: Campaign) -> str:
    try:
        return default_registry().get(campaign.survey_key, campaign.survey_version).title
    except KeyError:
        return campaign.survey_key


@bp.get("/campaigns")
@requires(*OFFICERS)
def campaigns():
    """List campaigns, newest first, with how many were invited and finished."""
    rows = db.session.execute(
        select(
            Campaign,
            select(func.count(Invitation.id))
            .where(Invitation.campaign_id == Campaign.id)
            .scalar_subquery(),
            select(func.count(Response.id))
            .where(Response.campaign_id == Campaign.id, Response.status == ResponseStatus.COMPLETE)
            .scalar_subquery(),
        ).order_by(Campaign.created_at.desc(), Campaign.id.desc())
    ).all()
    return render_template(
        "staff/campaigns.html",
        rows=[
            (c, suppress(invited), suppress(done), _survey_title(c)) for c, invited, done in rows
        ],
        uk_time=uk_time,
    )


@bp.route("/campaigns/new", methods=["GET", "POST"])
@requires(*OFFICERS)
def campaign_new():
    """Create a campaign: a survey, who to ask, and when it is open."""
    surveys = default_registry().latest_versions()
    form = CampaignForm()
    form.survey.choices = [SelectChoice(d.key, f"{d.title} (version {d.version})") for d in surveys]
    if form.validate_on_submit():
        definition = default_registry().get(form.survey.data)
        cohort = Cohort(form.cohort.data) if form.cohort.data else None
        opens_on, closes_on = form.opens_on.data, form.closes_on.data
        campaign = create_campaign(
            definition,
            _slug(form.name.data),
            form.name.data.strip(),
            cohort=cohort,
            opens_at=uk_midnight(opens_on) if opens_on else None,
            # "Closes at the end of" a day: at midnight that night.
            closes_at=uk_midnight(closes_on + timedelta(days=1)) if closes_on else None,
            open_link=bool(form.open_link.data),
        )
        record(
            "campaign.created",
            campaign,
            detail={
                "survey": f"{definition.key} v{definition.version}",
                "cohort": cohort.value if cohort else None,
            },
        )
        return redirect(url_for(".campaign", campaign_id=campaign.id, created=1))
    return render_template("staff/campaigns_new.html", form=form)


def _audience(campaign: Campaign) -> list[Respondent]:
    query = select(Respondent).order_by(Respondent.id)
    if campaign.cohort is not None:
        query = query.where(Respondent.cohort == campaign.cohort)
    return list(db.session.scalars(query))


def _open_link(campaign: Campaign) -> str | None:
    if not campaign.open_link_token:
        return None
    path = url_for("respond.open_start", open_token=campaign.open_link_token)
    base = current_app.config["PUBLIC_BASE_URL"]
    return (
        base + path
        if base
        else url_for("respond.open_start", open_token=campaign.open_link_token, _external=True)
    )


def _translations(campaign: Campaign) -> list[tuple[str, Status]]:
    """Each language the survey can be answered in, with how far its translation is: a
    translation stays "not yet reviewed" until `flask surveys review` records a reviewer."""
    registry = default_registry()
    definition = registry.get(campaign.survey_key, campaign.survey_version)
    return [
        (
            LANGUAGES[code].english_name,
            status(definition, registry.catalogue(campaign.survey_key, code)),
        )
        for code in registry.languages(campaign.survey_key)
    ]


def _campaign_page(
    campaign: Campaign,
    invite_form: InviteForm | None = None,
    error: str | None = None,
    invited: InviteSummary | None = None,
    reminded: int | None = None,
):
    audience = _audience(campaign)
    reachable = sum(1 for p in audience if p.consent_to_contact and p.phone_hash)
    return render_template(
        "staff/campaigns_detail.html",
        campaign=campaign,
        survey_title=_survey_title(campaign),
        translations=_translations(campaign),
        cohort_label=COHORT_LABELS[campaign.cohort] if campaign.cohort else "Everyone",
        stats=campaign_stats(campaign),
        audience=len(audience),
        reachable=reachable,
        invite_form=invite_form or InviteForm(channel="preferred"),
        channel_hints=CHANNEL_HINTS,
        confirm_form=ConfirmForm(),
        is_open=campaign.is_open(now_utc()),
        open_link=_open_link(campaign),
        reminder_days=reminder_days(),
        error=error,
        invited=invited,
        reminded=reminded,
        created=bool(request.args.get("created")),
        uk_time=uk_time,
    )


@bp.get("/campaigns/<int:campaign_id>")
@requires(*OFFICERS)
def campaign(campaign_id: int):
    """One campaign: live response rates by cohort and age band, inviting, closing."""
    return _campaign_page(_campaign_or_404(campaign_id))


@bp.post("/campaigns/invite/<int:campaign_id>")
@requires(*OFFICERS)
def campaign_invite(campaign_id: int):
    """Text an invitation to everyone in the campaign's cohort who agreed to texts (once)."""
    campaign = _campaign_or_404(campaign_id)
    form = InviteForm()
    if not form.validate_on_submit() or form.channel.data not in INVITE_CHANNELS:
        return _campaign_page(campaign, invite_form=form, error="Select how to invite them")
    if not campaign.is_open(now_utc()):
        return _campaign_page(
            campaign,
            invite_form=form,
            error="This campaign is not open, so nobody can be invited. Invite once it opens",
        )
    try:
        summary = send_invitations(
            campaign, _audience(campaign), INVITE_CHANNELS[form.channel.data]
        )
    except (ValueError, NotConfigured) as exc:
        db.session.rollback()
        current_app.logger.warning("campaign %s: invitations not queued: %s", campaign.id, exc)
        return _campaign_page(
            campaign,
            invite_form=form,
            error="Invitations could not be queued: texting is not set up on this service "
            "(Twilio settings and PUBLIC_BASE_URL). Nothing was sent",
        )
    record(
        "campaign.invited",
        campaign,
        detail={
            "channel": form.channel.data,
            "queued": summary.queued,
            "already_invited": summary.already_invited,
            "no_consent": summary.no_consent,
            "no_phone": summary.no_phone,
            "opted_out": summary.opted_out,
        },
    )
    return _campaign_page(campaign, invited=summary)


@bp.post("/campaigns/remind/<int:campaign_id>")
@requires(*OFFICERS)
def campaign_remind(campaign_id: int):
    """Queue the reminders that are due now (the queue's tick also does this every minute)."""
    campaign = _campaign_or_404(campaign_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _campaign_page(campaign, error="Use the button on the page to send reminders")
    # Reminders follow their own rules (at most two, never to finished surveys or closed
    # campaigns, never to someone who said STOP), so running this early or twice is harmless.
    try:
        queued = queue_reminders()
    except NotConfigured as exc:
        db.session.rollback()
        current_app.logger.warning("reminders not queued: %s", exc)
        return _campaign_page(
            campaign, error="Reminders could not be queued: texting is not set up on this service"
        )
    record("reminders.queued", campaign, detail={"queued": queued})
    return _campaign_page(campaign, reminded=queued)


@bp.post("/campaigns/close/<int:campaign_id>")
@requires(*OFFICERS)
def campaign_close(campaign_id: int):
    """Close this wave: no more answers, invitations or reminders."""
    campaign = _campaign_or_404(campaign_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _campaign_page(campaign, error="Use the button on the page to close this wave")
    if campaign.status != CampaignStatus.CLOSED:
        campaign.status = CampaignStatus.CLOSED
        if campaign.closes_at is None or campaign.closes_at > now_utc():
            campaign.closes_at = now_utc()
        record("campaign.closed", campaign)
    return redirect(url_for(".campaign", campaign_id=campaign.id))
