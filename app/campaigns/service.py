"""Creating campaigns and invitations."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.campaigns.models import Campaign, CampaignStatus, Invitation
from app.core.extensions import db
from app.core.tokens import new_token, token_hash
from app.core.types import Channel, now_utc
from app.respondents.models import Respondent
from surveys import SurveyDefinition
from surveys.vocabulary import Cohort

# Age bands from the brief's reporting conventions, mapped to survey audience variants.
VARIANT_BY_AGE_BAND = {
    "4-7": "early_years",
    "8-12": "younger",
    "13-15": "teen",
    "16-17": "teen",
    "18-21": "care_leaver",
    "22-25": "care_leaver",
}


def variants_on(definition: SurveyDefinition, channel: Channel) -> list[str]:
    """The variants a channel can carry, in the definition's order: a web-only variant has
    no SMS or voice wording, so only the web gets it."""
    return [
        name
        for name, variant in definition.variants.items()
        if channel == Channel.WEB or not variant.web_only
    ]


def variant_for(
    definition: SurveyDefinition, respondent: Respondent, channel: Channel = Channel.WEB
) -> str | None:
    """The audience variant a respondent should see, or None if the survey has none.

    A version without the wanted variant (pledge v2 has no early_years) gives its first one;
    a web-only variant is never given to a text or a call, which get the first they can ask.
    """
    if not definition.variants:
        return None
    usable = variants_on(definition, channel)
    if respondent.cohort == Cohort.CARE_LEAVER and "care_leaver" in usable:
        return "care_leaver"
    wanted = VARIANT_BY_AGE_BAND.get(respondent.age_band or "")
    if wanted in usable:
        return wanted
    return usable[0] if usable else next(iter(definition.variants))


def create_campaign(
    definition: SurveyDefinition,
    slug: str,
    name: str,
    *,
    cohort: Cohort | None = None,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    open_link: bool = False,
) -> Campaign:
    """A wave of one survey, pinned to the survey's current version."""
    campaign = Campaign(
        slug=slug,
        name=name,
        survey_key=definition.key,
        survey_version=definition.version,
        cohort=cohort,
        status=CampaignStatus.OPEN,
        opens_at=opens_at,
        closes_at=closes_at,
        open_link_token=new_token() if open_link else None,
    )
    db.session.add(campaign)
    db.session.flush()
    return campaign


def invite(
    campaign: Campaign,
    definition: SurveyDefinition,
    respondent: Respondent,
    *,
    days_valid: int,
    channel: Channel = Channel.WEB,
) -> tuple[Invitation, str]:
    """Create an invitation; returns it with the raw token, which is never stored."""
    token = new_token()
    invitation = Invitation(
        campaign=campaign,
        respondent=respondent,
        token_hash=token_hash(token),
        variant=variant_for(definition, respondent, channel),
        channel=channel,
        expires_at=now_utc() + timedelta(days=days_valid),
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation, token
