"""The wording of the texts we send: invitations, reminders and check-ins, one GSM-7 segment
where it fits, and the survey link they carry.

Links use a token derived from SECRET_KEY and the invitation id (the database keeps only its
hash), so a reminder can carry the same link as the invitation it follows up.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale, gettext

from app.campaigns.models import Invitation
from app.core.extensions import db
from app.core.tokens import derived_token, token_hash
from app.core.types import Channel
from app.outbound.not_configured import NotConfigured
from surveys import ResolvedSurvey, gsm7_length
from surveys.languages import SOURCE_LANGUAGE
from surveys.sms import to_gsm7

GSM7_SEGMENT = 160
STOP_HINT = " Reply STOP to stop texts."


def fit(*candidates: str) -> str:
    """The first text that fits one GSM-7 segment (160), else the shortest."""
    texts = [to_gsm7(text) for text in candidates]
    for text in texts:
        length = gsm7_length(text)
        if length is not None and length <= GSM7_SEGMENT:
            return text
    return min(texts, key=len)


def _council() -> str:
    return to_gsm7(current_app.config["COUNCIL_NAME"])


def web_link(invitation: Invitation) -> str:
    """The invitation's web link, the same every time; records its token's hash (no flush)."""
    base = current_app.config["PUBLIC_BASE_URL"]
    if not base:
        raise NotConfigured("PUBLIC_BASE_URL must be set to text survey links")
    token = derived_token(current_app.config["SECRET_KEY"], f"sms-invitation:{invitation.id}")
    hashed = token_hash(token)
    if invitation.token_hash != hashed:
        # Made elsewhere (its raw token is gone) or before a SECRET_KEY change: issue this one.
        invitation.token_hash = hashed
    return f"{base}/s/{token}"


def survey_link(invitation: Invitation) -> str:
    """The invitation's web link, the same every time it is asked for. Flushes."""
    link = web_link(invitation)
    db.session.flush()
    return link


def sms_opening(invitation: Invitation) -> str:
    from app.conversations.engine import open_for_invitation

    opening = to_gsm7(open_for_invitation(invitation))
    return fit(opening + STOP_HINT, opening)


def invitation_language(invitation: Invitation) -> str:
    """The language to invite in: the respondent's, where the survey has been translated."""
    from app.conversations.languages import language_for

    return language_for(invitation.respondent, invitation.campaign.survey_key)


def invitation_text(invitation: Invitation) -> str:
    if invitation.channel == Channel.SMS:
        return sms_opening(invitation)
    return web_invitation_text(survey_link(invitation), invitation_language(invitation))


def web_invitation_text(link: str, language: str = SOURCE_LANGUAGE) -> str:
    """In `language` once its message catalogue has these wordings (English until then). The
    STOP hint stays English: it names the carriers' keyword."""
    council = _council()
    with force_locale(language):
        return fit(
            gettext(
                "%(council)s: we'd like to hear what you think. It takes a few minutes: %(link)s",
                council=council,
                link=link,
            )
            + STOP_HINT,
            gettext("%(council)s: have your say: %(link)s", council=council, link=link) + STOP_HINT,
            gettext("Have your say: %(link)s", link=link),
        )


def reminder_text(invitation: Invitation) -> str:
    """In the language the invitation was in (English until its catalogue has these)."""
    if invitation.channel == Channel.SMS:
        return sms_opening(invitation)
    link, council = survey_link(invitation), _council()
    with force_locale(invitation_language(invitation)):
        return fit(
            gettext(
                "Reminder from %(council)s: there's still time to have your say: %(link)s",
                council=council,
                link=link,
            )
            + STOP_HINT,
            gettext("Reminder: have your say: %(link)s", link=link) + STOP_HINT,
            gettext("Reminder: %(link)s", link=link),
        )


def checkin_text(invitation: Invitation) -> str:
    """In the respondent's language where the survey has it, as the invitation is."""
    if invitation.channel == Channel.SMS:
        return sms_opening(invitation)
    link, council = survey_link(invitation), _council()
    with force_locale(invitation_language(invitation)):
        return fit(
            gettext(
                "%(council)s: time for your check-in. How are things going? %(link)s",
                council=council,
                link=link,
            )
            + STOP_HINT,
            gettext("Time for your check-in: %(link)s", link=link) + STOP_HINT,
            gettext("Check-in: %(link)s", link=link),
        )


def first_question_text(
    survey: ResolvedSurvey, language: str = SOURCE_LANGUAGE
) -> tuple[str | None, str]:
    """A new conversation's first question and the text that opens it, worded as
    `open_for_invitation` words it: the same for everyone on one survey variant in one
    language (`survey` is worded in it already)."""
    from app.conversations.outcome import prompt
    from app.conversations.texts import invitation_intro

    first = survey.first_unanswered({})
    key = first.key if first else None
    outcome = prompt(survey, {}, key, invitation_intro(), language=language)
    opening = to_gsm7(" ".join(outcome.sms()))
    return key, fit(opening + STOP_HINT, opening)
