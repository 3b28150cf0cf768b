"""Response rates: how many of those invited to a conference answered, by role."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from app.conferences.models import ConferenceInvitee
from app.core.extensions import db
from app.responses.models import Response, ResponseStatus
from surveys.vocabulary import ROLE_LABELS, ParticipantRole


@dataclass(frozen=True)
class RoleRate:
    role: ParticipantRole
    invited: int
    answered: int

    @property
    def label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def rate(self) -> str:
        if not self.invited:
            return "–"
        return f"{round(100 * min(self.answered, self.invited) / self.invited)}%"


def invited_counts(conference_ids: Sequence[int]) -> dict[tuple[int, str], int]:
    if not conference_ids:
        return {}
    rows = db.session.execute(
        select(ConferenceInvitee.conference_id, ConferenceInvitee.role, func.count())
        .where(ConferenceInvitee.conference_id.in_(conference_ids))
        .group_by(ConferenceInvitee.conference_id, ConferenceInvitee.role)
    )
    return {(cid, ParticipantRole(role).value): n for cid, role, n in rows}


def answered_counts(conference_ids: Sequence[int]) -> dict[tuple[int, str], int]:
    if not conference_ids:
        return {}
    rows = db.session.execute(
        select(Response.conference_id, Response.participant_role, func.count())
        .where(
            Response.conference_id.in_(conference_ids),
            Response.status == ResponseStatus.COMPLETE,
        )
        .group_by(Response.conference_id, Response.participant_role)
    )
    return {(cid, role): n for cid, role, n in rows if role}


def role_rates(conference_ids: Sequence[int]) -> dict[int, list[RoleRate]]:
    """Invited and answered by role, per conference."""
    invited = invited_counts(conference_ids)
    answered = answered_counts(conference_ids)
    return {
        cid: [
            RoleRate(role, invited.get((cid, role.value), 0), answered.get((cid, role.value), 0))
            for role in ParticipantRole
        ]
        for cid in conference_ids
    }
