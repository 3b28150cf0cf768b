"""Which chat channel a Twilio address is on, and each channel's own consent to be messaged.

Twilio writes a WhatsApp sender or recipient as `whatsapp:+447700900123`; the number after the
prefix is the same E.164 number as an SMS one, stored and found the same way (encrypted, by
keyed hash). What differs per channel is consent: a STOP on WhatsApp stops WhatsApp only, and
an opt-in is recorded, with when, on the channel it was given on.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.conversations.models import InboundMessage, SmsContact, WhatsAppContact
from app.conversations.texts import START_WORDS, keyword
from app.core.extensions import db
from app.core.phones import InvalidPhone, is_mobile, normalise
from app.core.types import Channel, now_utc

WHATSAPP_PREFIX = "whatsapp:"
# WhatsApp allows free-form messages only this long after the person's last message to us;
# outside it, only an approved template may open the conversation (Meta's customer care window).
SESSION_WINDOW = timedelta(hours=24)
# Fields of a Twilio webhook never stored or logged: WhatsApp's display name for the person.
PRIVATE_FIELDS = frozenset({"ProfileName"})

ContactModel = type[SmsContact] | type[WhatsAppContact]


def sender(address: str) -> tuple[Channel, str] | None:
    """The channel and E.164 number of a Twilio address ("whatsapp:+44..." or a plain number);
    None when it is not a phone number."""
    channel = Channel.SMS
    if address.lower().startswith(WHATSAPP_PREFIX):
        channel, address = Channel.WHATSAPP, address[len(WHATSAPP_PREFIX) :]
    try:
        return channel, normalise(address)
    except InvalidPhone:
        return None


def conversable(channel: Channel | str, phone: str) -> bool:
    """Whether messages to and from `phone` (E.164, as `normalise` gives it: short codes are
    refused there) are exchanged on `channel`. Texts need a mobile; a WhatsApp account may be
    on a landline (WhatsApp Business numbers often are), so any number that parsed will do."""
    return channel == Channel.WHATSAPP or is_mobile(phone)


def address(channel: Channel | str, phone: str) -> str:
    """How Twilio is told to reach `phone` on `channel`."""
    return f"{WHATSAPP_PREFIX}{phone}" if channel == Channel.WHATSAPP else phone


def contact_model(channel: Channel | str) -> ContactModel:
    """Where a channel's opt-in and opt-out live. A call honours the SMS choice, as before."""
    return WhatsAppContact if channel == Channel.WHATSAPP else SmsContact


def without_private_fields(form: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in form.items() if name not in PRIVATE_FIELDS}


def record_opt_in(phone_hash: str, channel: Channel, at: datetime | None = None) -> None:
    """The person agreed to be messaged on `channel` (a START there, or consent recorded by
    staff): noted with when, unless they have since opted out there. Flushes."""
    model = contact_model(channel)
    contact = db.session.scalar(select(model).where(model.phone_hash == phone_hash))
    if contact is None:
        contact = model(phone_hash=phone_hash, opted_out=False)
        db.session.add(contact)
    if not contact.opted_out:
        contact.opted_in_at = at or now_utc()
    db.session.flush()


def note_start(phone_hash: str, channel: Channel, body: str) -> None:
    """A START sent on WhatsApp is that channel's opt-in (after a STOP the engine records it)."""
    if channel == Channel.WHATSAPP and keyword(body) in START_WORDS:
        record_opt_in(phone_hash, channel)


def opted_in_at(phone_hash: str, channel: Channel) -> datetime | None:
    """When the person opted in on `channel`; None if they have not, or have opted out since."""
    model = contact_model(channel)
    row = db.session.execute(
        select(model.opted_in_at, model.opted_out).where(model.phone_hash == phone_hash)
    ).first()
    return row.opted_in_at if row is not None and not row.opted_out else None


def last_inbound_at(phone_hash: str, channel: Channel) -> datetime | None:
    return db.session.scalar(
        select(func.max(InboundMessage.received_at)).where(
            InboundMessage.phone_hash == phone_hash, InboundMessage.channel == channel
        )
    )


def in_session_window(phone_hash: str, at: datetime | None = None) -> bool:
    """May a free-form WhatsApp message go to this number now?"""
    last = last_inbound_at(phone_hash, Channel.WHATSAPP)
    return last is not None and (at or now_utc()) - last < SESSION_WINDOW
