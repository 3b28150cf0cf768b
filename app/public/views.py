"""Pages anyone may see: home, get help now, privacy."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, current_app, render_template
from sqlalchemy import select

from app.campaigns.models import Campaign, CampaignStatus
from app.core.audiences import requested_audience, support_contacts, use_audience
from app.core.extensions import db
from app.core.i18n import chosen_language, use_language
from surveys.languages import LANGUAGES

bp = Blueprint("public", __name__)


@bp.get("/")
def home():
    """Landing page; in development it also lists demo links."""
    open_campaigns = db.session.scalars(
        select(Campaign)
        .where(Campaign.status == CampaignStatus.OPEN, Campaign.open_link_token.is_not(None))
        .order_by(Campaign.name)
    ).all()
    demo_links: list[tuple[str, str]] = []
    if current_app.config["ENV_NAME"] == "development":
        links_file = Path(current_app.instance_path) / "demo-links.json"
        if links_file.exists():
            demo_links = [tuple(pair) for pair in json.loads(links_file.read_text())]
    return render_template("public/home.html", open_campaigns=open_campaigns, demo_links=demo_links)


@bp.get("/help")
def help_now():
    """Who can help right now: the configured numbers for who is reading (`?who=parents`)."""
    audience = use_audience(requested_audience())
    use_language(chosen_language(LANGUAGES))  # the language chosen on a survey, if any
    return render_template("public/help.html", contacts=support_contacts(audience))


@bp.get("/privacy")
def privacy():
    """How answers are used, in plain words for who is reading."""
    use_audience(requested_audience())
    use_language(chosen_language(LANGUAGES))
    return render_template("public/privacy.html")
