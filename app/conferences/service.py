"""Child protection conferences: creating one, its invitees, its feedback window and the tablet PIN.

The rest of conference feedback lives beside this: responses.py (a participant's response),
link_texts.py (texting invitees their link), rates.py (response rates), sentences.py (results
in the council's published style) and quarters.py (the quarterly summary)."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, true

from app.conferences.models import Conference, ConferenceInvitee
from app.core import attempts
from app.core.extensions import db
from app.core.phones import mask, uk_mobile, vault
from app.core.types import now_utc
from app.staff.audit import record
from app.staff.models import Role, User
from surveys.vocabulary import (  # noqa: F401 - the labels, imported from here too
    KIND_LABELS,
    ROLE_HINTS,
    ROLE_LABELS,
    ConferenceKind,
    ParticipantRole,
    reference_problem,
)

# The own-phone link and QR code keep working this long after the conference.
FEEDBACK_DAYS = 14
PIN_FAILURES_ALLOWED = 5
PIN_LOCK = timedelta(minutes=15)
SHORT_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L to misread

_pin_hasher = PasswordHasher()


# --- Who may manage a conference -------------------------------------------------------------


def may_manage(user: User, conference: Conference) -> bool:
    """A conference is its chair's (who recorded it) and the admins': nobody else may see it,
    add invitees, start or end tablet mode (setting its PIN) or text its link. One without a
    chair (recorded before chairs were kept, with no audit row naming one) is the admins'."""
    return user.role == Role.ADMIN or (
        conference.chair_id is not None and conference.chair_id == user.id
    )


def managed_by(user: User) -> Any:
    """`may_manage` as a filter on Conference, for lists and summaries."""
    return true() if user.role == Role.ADMIN else Conference.chair_id == user.id


# --- Reference codes ---------------------------------------------------------------------------


def normalise_reference(raw: str) -> str:
    return raw.strip().upper()


# --- Conferences and invitees -------------------------------------------------------------------


def held_on_datetime(day: date) -> datetime:
    # Midday UTC: the date reads the same in UK local time all year round.
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


def _new_short_code() -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(8))


def create_conference(
    *, reference: str, kind: ConferenceKind, held_on: date, chair: User | None
) -> Conference:
    """Record a conference with a fresh short code for its link and QR code. Flushes."""
    problem = reference_problem(reference)
    if problem:
        raise ValueError(problem)
    code = _new_short_code()
    while db.session.scalar(select(Conference.id).where(Conference.short_code == code)):
        code = _new_short_code()
    conference = Conference(
        reference=normalise_reference(reference),
        kind=kind,
        held_on=held_on_datetime(held_on),
        chair_id=chair.id if chair else None,
        short_code=code,
    )
    db.session.add(conference)
    db.session.flush()
    record("conference.created", conference, detail={"kind": kind.value})
    return conference


def add_invitee(
    conference: Conference,
    role: ParticipantRole,
    *,
    agency: str | None = None,
    phone: str | None = None,
) -> ConferenceInvitee:
    """Record one invitee by role; a mobile number is kept encrypted and hashed only. Flushes."""
    invitee = ConferenceInvitee(
        conference_id=conference.id,
        role=role,
        agency=(agency or None) if role == ParticipantRole.PROFESSIONAL else None,
    )
    if phone:
        e164 = uk_mobile(phone)
        invitee.phone_encrypted = vault().encrypt(e164)
        invitee.phone_hash = vault().hash(e164)
    db.session.add(invitee)
    db.session.flush()
    record(
        "conference.invitee_added",
        invitee,
        detail={"conference": conference.id, "role": role.value, "phone": bool(phone)},
    )
    return invitee


def masked_phone(invitee: ConferenceInvitee) -> str | None:
    """The invitee's number as staff may see it again: never in full."""
    if not invitee.phone_encrypted:
        return None
    return mask(vault().decrypt(invitee.phone_encrypted))


def feedback_open(conference: Conference, at: datetime | None = None) -> bool:
    """Whether the own-phone link still takes new answers."""
    return (at or now_utc()) < conference.held_on + timedelta(days=FEEDBACK_DAYS)


def by_short_code(code: str) -> Conference | None:
    if not code or len(code) > 16:
        return None
    return db.session.scalar(select(Conference).where(Conference.short_code == code.upper()))


# --- The tablet PIN --------------------------------------------------------------------------


def set_pin(conference: Conference, pin: str) -> None:
    conference.kiosk_pin_hash = _pin_hasher.hash(pin)
    attempts.reset(conference, Conference.pin_failures, Conference.pin_locked_until)
    db.session.flush()


def check_pin(conference: Conference, pin: str, at: datetime | None = None) -> str:
    """'ok', 'wrong' or 'locked'. Tries are taken atomically on the conference's row before the
    PIN is checked (app/core/attempts.py), so every worker and every device sees the same count
    and concurrent tries cannot overtake it; five wrong tries lock the PIN for 15 minutes."""
    at = at or now_utc()
    stored = conference.kiosk_pin_hash  # read before the try commits (app/core/attempts.py)
    number = attempts.take_try(
        conference,
        Conference.pin_failures,
        Conference.pin_locked_until,
        allowed=PIN_FAILURES_ALLOWED,
        lock_for=PIN_LOCK,
        now=at,
    )
    if number is None:
        record("conference.tablet_pin_refused", conference)
        return "locked"
    try:
        ok = bool(stored) and _pin_hasher.verify(stored or "", pin)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        record("conference.tablet_pin_failed", conference)
        db.session.flush()
        return "locked" if number >= PIN_FAILURES_ALLOWED else "wrong"
    attempts.reset(conference, Conference.pin_failures, Conference.pin_locked_until)
    return "ok"
