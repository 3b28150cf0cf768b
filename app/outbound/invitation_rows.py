"""Invitation rows, made where missing (race-safe), for invitations and check-ins."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from app.campaigns.models import Campaign, Invitation
from app.campaigns.service import variant_for
from app.core.extensions import db
from app.core.sql import dialect_insert
from app.core.tokens import derived_token, token_hash
from app.core.types import Channel, now_utc
from app.respondents.models import Respondent
from surveys import default_registry


def invitations_for(
    campaign: Campaign,
    people: Sequence[Respondent],
    channels: dict[int, Channel],
    checkin_round: int,
) -> dict[int, Invitation]:
    """Each person's invitation for this campaign and round, made where missing (race-safe):
    one multi-row insert and one read, whatever the number of people."""
    if not people:
        return {}
    definition = default_registry().get(campaign.survey_key, campaign.survey_version)
    days = int(current_app.config["INVITATION_DAYS_VALID"])
    secret = current_app.config["SECRET_KEY"]
    now = now_utc()
    rows = [
        {
            "campaign_id": campaign.id,
            "respondent_id": person.id,
            # Replaced by the link's token when a link is sent; unique and unguessable meanwhile.
            "token_hash": token_hash(
                derived_token(secret, f"new-invitation:{campaign.id}:{person.id}:{checkin_round}")
            ),
            "variant": variant_for(definition, person, channels[person.id]),
            "channel": channels[person.id].value,
            "expires_at": now + timedelta(days=days),
            "checkin_round": checkin_round,
            "created_at": now,
        }
        for person in people
    ]
    db.session.execute(
        dialect_insert(Invitation).on_conflict_do_nothing(
            index_elements=["campaign_id", "respondent_id", "checkin_round"]
        ),
        rows,
    )
    found = db.session.scalars(
        select(Invitation).where(
            Invitation.campaign_id == campaign.id,
            Invitation.checkin_round == checkin_round,
            Invitation.respondent_id.in_([person.id for person in people]),
        )
    ).all()
    return {invitation.respondent_id: invitation for invitation in found}


def invitation_for(
    campaign: Campaign, respondent: Respondent, channel: Channel, checkin_round: int
) -> Invitation:
    """The person's invitation for this campaign and round, made if missing (race-safe)."""
    return invitations_for(campaign, [respondent], {respondent.id: channel}, checkin_round)[
        respondent.id
    ]
