"""Finding a person, and the records that are theirs (by respondent, invitation or phone)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select

from app.campaigns.models import Invitation
from app.conversations.models import Conversation
from app.core.extensions import db
from app.core.phones import InvalidPhone, normalise, vault
from app.outbound.models import OutboundMessage
from app.respondents.models import Respondent
from app.responses.models import Response
from app.safeguarding.models import SafeguardingFlag


def find_by_phone(raw: str) -> Respondent | None:
    """The respondent with this phone number, found by its keyed hash."""
    try:
        e164 = normalise(raw)
    except InvalidPhone:
        return None
    return db.session.scalar(select(Respondent).where(Respondent.phone_hash == vault().hash(e164)))


# --- Everything held about one person ----------------------------------------------------------


def response_ids_of(person: Respondent) -> list[int]:
    """Their responses: by respondent, by their invitations, and by conversations from their
    phone (an open-link survey answered by text is theirs too)."""
    invitation_ids = select(Invitation.id).where(Invitation.respondent_id == person.id)
    conditions = [Response.respondent_id == person.id, Response.invitation_id.in_(invitation_ids)]
    if person.phone_hash:
        conditions.append(
            Response.id.in_(
                select(Conversation.response_id).where(Conversation.phone_hash == person.phone_hash)
            )
        )
    return list(db.session.scalars(select(Response.id).where(or_(*conditions))))


def flags_of(person: Respondent, response_ids: Sequence[int]) -> list[SafeguardingFlag]:
    conditions = [SafeguardingFlag.response_id.in_(response_ids)]
    if person.phone_hash:
        conditions.append(SafeguardingFlag.phone_hash == person.phone_hash)
    return list(
        db.session.scalars(
            select(SafeguardingFlag).where(or_(*conditions)).order_by(SafeguardingFlag.created_at)
        )
    )


def messages_of(person: Respondent) -> list[OutboundMessage]:
    conditions = [OutboundMessage.respondent_id == person.id]
    if person.phone_hash:
        conditions.append(OutboundMessage.phone_hash == person.phone_hash)
    return list(
        db.session.scalars(
            select(OutboundMessage).where(or_(*conditions)).order_by(OutboundMessage.created_at)
        )
    )
