"""Development only: chat with any survey as if by SMS or WhatsApp, through the real
conversation engine."""

from __future__ import annotations

import secrets

from flask import Blueprint, redirect, render_template, request, session, url_for
from sqlalchemy import select

from app.campaigns.models import Campaign, CampaignStatus
from app.campaigns.service import variants_on
from app.conversations import engine
from app.core.extensions import db
from app.core.phones import InvalidPhone, normalise
from app.core.types import Channel
from surveys import default_registry

bp = Blueprint("dev", __name__, url_prefix="/dev")

PRACTICE_PHONE = "07700 900000"  # Ofcom's drama range: never a real person


def _transcript() -> list[list[str]]:
    return session.setdefault("sms_transcript", [])


@bp.route("/sms", methods=["GET", "POST"])
def sms_chat():
    """Try a survey by text message without Twilio, for demos and training."""
    transcript = _transcript()
    error = None
    phone = session.get("sms_phone", PRACTICE_PHONE)
    channel = Channel(session.get("sms_channel", Channel.SMS.value))
    if request.method == "POST":
        action = request.form.get("action")
        wanted = request.form.get("channel", channel.value)
        channel = Channel.WHATSAPP if wanted == Channel.WHATSAPP.value else Channel.SMS
        try:
            phone = normalise(request.form.get("phone", phone))
        except InvalidPhone:
            error = "Enter a phone number, for example 07700 900000"
        if error is None and action == "start":
            campaign = db.session.get(Campaign, int(request.form.get("campaign", "0") or 0))
            if campaign is None:
                error = "Choose a survey"
            else:
                definition = default_registry().get(campaign.survey_key, campaign.survey_version)
                # A web-only variant (pictures, one tap) has no wording to text: never practised.
                usable = variants_on(definition, channel)
                variant = request.form.get("variant") or None
                if variant not in usable:
                    variant = usable[0] if usable else None
                transcript.clear()
                outcome = engine.start_practice(campaign, phone, variant, channel=channel)
                transcript.extend(["them", m] for m in outcome.sms())
        elif error is None:
            body = request.form.get("body", "")
            transcript.append(["you", body])
            outcome = engine.handle_sms(phone, body, f"dev:{secrets.token_hex(8)}", channel=channel)
            transcript.extend(["them", m] for m in outcome.sms())
        if error is None:
            session["sms_phone"] = phone
            session["sms_channel"] = channel.value
            session["sms_transcript"] = transcript[-60:]
            return redirect(url_for(".sms_chat"))
    campaigns = db.session.scalars(
        select(Campaign).where(Campaign.status == CampaignStatus.OPEN).order_by(Campaign.name)
    ).all()
    # The age groups offered are those the open surveys can text (SMS and WhatsApp alike).
    variants: dict[str, str] = {}
    for campaign in campaigns:
        definition = default_registry().get(campaign.survey_key, campaign.survey_version)
        for name in variants_on(definition, Channel.SMS):
            variants.setdefault(name, definition.variants[name].label)
    return render_template(
        "dev/sms.html",
        transcript=transcript,
        campaigns=campaigns,
        phone=phone,
        channel=channel.value,
        variants=variants,
        error=error,
    )
