"""A conference participant's response: the standing campaign each form's answers belong to,
starting or finding a response, and the tablet's one-time participant ids."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from app.campaigns.models import Campaign
from app.campaigns.service import create_campaign
from app.conferences.models import Conference
from app.core.extensions import db
from app.core.tokens import derived_token, token_hash
from app.core.types import Channel
from app.responses import answering
from app.responses import service as responses
from app.responses.models import Answer, Response
from app.safeguarding import deep_check
from surveys import default_registry
from surveys.languages import SOURCE_LANGUAGE
from surveys.vocabulary import Cohort, ParticipantRole

# Family members answer the parent/carer form: the council has no separate one.
ROLE_SURVEY: dict[ParticipantRole, str] = {
    ParticipantRole.PARENT_CARER: "parent_feedback",
    ParticipantRole.YOUNG_PERSON: "yp_conference_feedback",
    ParticipantRole.FAMILY_MEMBER: "parent_feedback",
    ParticipantRole.PROFESSIONAL: "professional_conference_feedback",
}
SURVEY_COHORT: dict[str, Cohort] = {
    "parent_feedback": Cohort.PARENT_CARER,
    "yp_conference_feedback": Cohort.CHILD_PROTECTION,
    "professional_conference_feedback": Cohort.PROFESSIONAL,
}


def standing_campaign(survey_key: str) -> Campaign:
    """The always-open campaign that holds conference feedback on one survey version."""
    definition = default_registry().get(survey_key)
    slug = f"conference-{survey_key}-v{definition.version}"
    found = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
    if found is not None:
        return found
    try:
        with db.session.begin_nested():
            return create_campaign(
                definition,
                slug,
                f"Conference feedback: {definition.title}",
                cohort=SURVEY_COHORT.get(survey_key),
            )
    except IntegrityError:
        # Another request made it first: use theirs.
        found = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
        assert found is not None
        return found


def offered_languages() -> list[str]:
    """The languages a participant may choose: those any role's form has a catalogue for
    (a form without one shows its English, marked as English)."""
    registry = default_registry()
    return sorted({code for key in set(ROLE_SURVEY.values()) for code in registry.languages(key)})


def start_response(
    conference: Conference,
    role: ParticipantRole,
    start_key: str,
    channel: Channel,
    language: str = SOURCE_LANGUAGE,
) -> tuple[Response, str]:
    """Start (or, for the same start key, find) one participant's response. Flushes.

    `start_key` must be namespaced by the caller ("tablet:", "phone:", "invitee:") so a key
    typed into one flow can never open a response begun in another.
    """
    campaign = standing_campaign(ROLE_SURVEY[role])
    response, token = responses.start_anonymous(
        campaign, None, start_key, current_app.config["SECRET_KEY"], channel, language
    )
    if response.conference_id is None:
        response.conference_id = conference.id
        response.participant_role = role.value
        db.session.flush()
    return response, token


def tablet_token_hash(response: Response, participant_id: str) -> str:
    """What a live tablet participant's response holds: the hash of its one-time id."""
    seed = f"start:{response.campaign_id}:tablet:{participant_id}"
    return token_hash(derived_token(current_app.config["SECRET_KEY"], seed))


def _pending_disclosures(response_id: int) -> frozenset[str]:
    """Answers the deep check, queued when they were saved, may not have read yet but would
    flag: read now, so a reset seconds after a disclosure never deletes it before anyone knew.
    They are kept, and the queued check (or this reading's flag, raised by it) finds them."""
    if not deep_check.switched_on():
        return frozenset()
    rows = db.session.execute(
        select(Answer.question_key).where(
            Answer.response_id == response_id, Answer.value_text.is_not(None)
        )
    ).scalars()
    pending = set()
    for key in rows:
        stored = responses.stored_words(response_id, key)
        if stored is not None and deep_check.would_raise(stored.text or "", stored.tier):
            pending.add(key)
    return frozenset(pending)


def forget_tablet_participant(response_id: int, conference_id: int) -> None:
    """The one-time id stops opening anything: after submitting, a reset or a time-out.

    Answers not sent go with it, as the tablet tells people, except those that may disclose
    harm: they stay for the duty officer (with their response, which the flag points at).
    """
    db.session.execute(
        update(Response)
        .where(
            Response.id == response_id,
            Response.conference_id == conference_id,
            Response.channel == Channel.KIOSK,
        )
        .values(resume_token_hash=None)
    )
    response = db.session.get(Response, response_id)
    if (
        response is None
        or response.conference_id != conference_id
        or response.channel != Channel.KIOSK
        or response.is_complete
    ):
        return
    kept = answering.disclosed_keys(response) | _pending_disclosures(response_id)
    unsent = delete(Answer).where(Answer.response_id == response_id)
    if kept:
        unsent = unsent.where(Answer.question_key.not_in(kept))
    # Their analysis and read state go with them (ON DELETE CASCADE).
    db.session.execute(unsent, execution_options={"synchronize_session": False})
    if not kept:
        db.session.execute(
            delete(Response).where(Response.id == response_id),
            execution_options={"synchronize_session": False},
        )
    db.session.expire(response)
