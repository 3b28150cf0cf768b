"""WhatsApp's rules for what we send: a template to open a conversation, free-form words only
inside the 24-hour window after the person last wrote to us, and only to people who opted in
on WhatsApp itself.

A template is an approved Twilio Content API template (its SID, "HX..."): Twilio is sent the
SID and its variables (ContentSid, ContentVariables), never free words. The variables carry
only what the template needs (the council's name and the survey link), never a name.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from flask import current_app

from app.campaigns.models import Invitation
from app.conversations.channels import address, in_session_window
from app.core.types import Channel
from app.outbound.models import OutboundMessage
from app.outbound.not_configured import NotConfigured
from app.outbound.opt_outs import reach_among, reach_of
from app.outbound.queueing import Text
from app.respondents.models import Respondent

# The setting holding the template for each purpose of a first contact.
TEMPLATE_SETTINGS = {
    "invite": "WHATSAPP_INVITATION_CONTENT_SID",
    "remind": "WHATSAPP_REMINDER_CONTENT_SID",
    "checkin": "WHATSAPP_CHECKIN_CONTENT_SID",
}


def sender() -> dict[str, str]:
    number = current_app.config["WHATSAPP_FROM_NUMBER"]
    if not number:
        raise NotConfigured("set WHATSAPP_FROM_NUMBER to send on WhatsApp")
    return {"from_": address(Channel.WHATSAPP, number)}


def template(purpose: str, link: str) -> tuple[str, str]:
    """The Content SID and ContentVariables (JSON) for a first contact of this purpose."""
    setting = TEMPLATE_SETTINGS.get(purpose)
    if setting is None:
        raise ValueError(f"no WhatsApp template is meant for {purpose!r}")
    sid = current_app.config[setting]
    if not sid:
        raise NotConfigured(f"no WhatsApp template for {purpose!r}: set {setting}")
    variables = {"1": current_app.config["COUNCIL_NAME"], "2": link}
    return sid, json.dumps(variables, separators=(",", ":"))


def configured(purpose: str) -> bool:
    """Can a first contact of this purpose go on WhatsApp (a sender and its template set)?"""
    config = current_app.config
    setting = TEMPLATE_SETTINGS.get(purpose)
    return bool(config["WHATSAPP_FROM_NUMBER"] and setting and config[setting])


def invitable(
    people: Sequence[Respondent], channel: Channel | None, purpose: str = "invite"
) -> set[int]:
    """Which of these people to contact on WhatsApp: those who prefer it (or all, when
    WhatsApp is asked for) and opted in there, and not out since; nobody while WhatsApp or
    the purpose's template is not configured (they are texted as before). One query."""
    if not configured(purpose):
        return set()
    wanted = [
        p
        for p in people
        if p.phone_hash and (channel == Channel.WHATSAPP or p.preferred_channel == Channel.WHATSAPP)
    ]
    if not wanted or channel not in (None, Channel.WHATSAPP):
        return set()
    reach = reach_among(p.phone_hash for p in wanted)
    return {p.id for p in wanted if reach[p.phone_hash or ""].may_message(Channel.WHATSAPP)}


def first_contact(
    person: Respondent, invitation: Invitation, purpose: str, key: str, link: str
) -> Text:
    """The template message that opens a WhatsApp conversation; its body records, for staff,
    what was sent (the template and its variables)."""
    sid, variables = template(purpose, link)
    return Text(
        person,
        f"WhatsApp template {purpose} ({sid}): {variables}",
        key,
        invitation,
        channel=Channel.WHATSAPP,
        content_sid=sid,
        content_variables=variables,
    )


def refusal(message: OutboundMessage, at: datetime) -> str | None:
    """Why WhatsApp's rules forbid this message now, if they do."""
    if message.content_sid is None:
        if not in_session_window(message.phone_hash, at):
            return "outside WhatsApp's 24-hour window: only a template may be sent"
        return None
    if not reach_of(message.phone_hash).may_message(Channel.WHATSAPP):
        return "not opted in on WhatsApp"
    return None


def content(message: OutboundMessage) -> dict[str, Any]:
    """What Messages.create is given to say: the template, or the words themselves."""
    if message.channel == Channel.WHATSAPP and message.content_sid:
        return {
            "content_sid": message.content_sid,
            "content_variables": message.content_variables,
        }
    return {"body": message.body}
