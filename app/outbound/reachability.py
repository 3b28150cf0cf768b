"""Whether a person may be texted at all: consent, a number, no opt-out."""

from __future__ import annotations

from app.core.types import Channel
from app.outbound.opt_outs import is_opted_out
from app.respondents.models import Respondent


def unreachable(respondent: Respondent) -> str | None:
    """Why this person must not be texted, opt-outs aside, if so."""
    if not respondent.consent_to_contact:
        return "no_consent"
    if not (respondent.phone_hash and respondent.phone_encrypted):
        return "no_phone"
    return None


def cannot_text(respondent: Respondent, channel: Channel | str = Channel.SMS) -> str | None:
    """Why this person must not be texted (on `channel`: SMS or WhatsApp), if so."""
    reason = unreachable(respondent)
    if reason is None and is_opted_out(respondent.phone_hash or "", channel):
        return "opted_out"
    return reason
