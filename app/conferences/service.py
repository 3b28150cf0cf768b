"""Child protection conference feedback: conferences, invitees, tablet and own-phone responses,
response rates and the council's published-style summaries."""

from __future__ import annotations

import re
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from analysis import disclosure
from app.campaigns.models import Campaign
from app.campaigns.service import create_campaign
from app.conferences.models import Conference, ConferenceInvitee
from app.core.extensions import db
from app.core.phones import mask, normalise, vault
from app.core.tokens import derived_token, new_token, token_hash
from app.core.types import Channel, now_utc
from app.outbound.models import OutboundMessage, OutboundStatus
from app.responses import service as responses
from app.responses.models import Answer, Response, ResponseStatus
from app.staff.audit import record
from app.staff.models import AuditEvent, User
from surveys import Question, default_registry
from surveys.vocabulary import (  # noqa: F401 - the labels, imported from here too
    KIND_LABELS,
    ROLE_HINTS,
    ROLE_LABELS,
    Cohort,
    ConferenceKind,
    ParticipantRole,
    reference_problem,
)

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
SURVEY_HEADINGS: dict[str, str] = {
    "parent_feedback": "Parents, carers and family members",
    "yp_conference_feedback": "Young people",
    "professional_conference_feedback": "Professionals",
}
# The own-phone link and QR code keep working this long after the conference.
FEEDBACK_DAYS = 14
PIN_FAILURES_ALLOWED = 5
PIN_LOCK = timedelta(minutes=15)
SHORT_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L to misread
SMS_PURPOSE = "conference_link"

_pin_hasher = PasswordHasher()


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
        e164 = normalise(phone)
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
    db.session.flush()


def _pin_failures(conference: Conference, at: datetime) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(
                AuditEvent.action == "conference.tablet_pin_failed",
                AuditEvent.object_type == "Conference",
                AuditEvent.object_id == str(conference.id),
                AuditEvent.at >= at - PIN_LOCK,
            )
        )
        or 0
    )


def check_pin(conference: Conference, pin: str, at: datetime | None = None) -> str:
    """'ok', 'wrong' or 'locked'. Failures are counted in the audit log, so every worker and
    every device sees the same count; five in fifteen minutes lock the PIN for a while."""
    at = at or now_utc()
    if _pin_failures(conference, at) >= PIN_FAILURES_ALLOWED:
        record("conference.tablet_pin_refused", conference)
        return "locked"
    try:
        ok = bool(conference.kiosk_pin_hash) and _pin_hasher.verify(
            conference.kiosk_pin_hash or "", pin
        )
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        record("conference.tablet_pin_failed", conference)
        db.session.flush()
        return "locked" if _pin_failures(conference, at) >= PIN_FAILURES_ALLOWED else "wrong"
    return "ok"


# --- Responses ---------------------------------------------------------------------------------


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


def start_response(
    conference: Conference, role: ParticipantRole, start_key: str, channel: Channel
) -> tuple[Response, str]:
    """Start (or, for the same start key, find) one participant's response. Flushes.

    `start_key` must be namespaced by the caller ("tablet:", "phone:", "invitee:") so a key
    typed into one flow can never open a response begun in another.
    """
    campaign = standing_campaign(ROLE_SURVEY[role])
    response, token = responses.start_anonymous(
        campaign, None, start_key, current_app.config["SECRET_KEY"], channel
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


def forget_tablet_participant(response_id: int, conference_id: int) -> None:
    """The one-time id stops opening anything: after submitting, a reset or a time-out."""
    db.session.execute(
        update(Response)
        .where(
            Response.id == response_id,
            Response.conference_id == conference_id,
            Response.channel == Channel.KIOSK,
        )
        .values(resume_token_hash=None)
    )


# --- Texts with the link ---------------------------------------------------------------------


@dataclass
class TextsResult:
    queued: int = 0
    already: int = 0
    opted_out: int = 0
    no_phone: int = 0


def sms_key(conference: Conference, invitee: ConferenceInvitee) -> str:
    return f"conference:{conference.id}:{invitee.id}"


def queue_link_texts(conference: Conference, link_for: Any) -> TextsResult | None:
    """Text each invitee who gave a mobile number their own link, once each. Flushes.

    `link_for(token)` makes the absolute personal link. Returns None when the outbound queue
    is not available in this build.
    """
    try:
        from app.outbound.queueing import queue_sms
    except ImportError:  # pragma: no cover - the queue ships in the same release
        return None
    result = TextsResult()
    held = conference.held_on
    day = f"{held.day} {held:%B}"
    for invitee in sorted(conference.invitees, key=lambda i: i.id):
        if not invitee.phone_encrypted:
            result.no_phone += 1
            continue
        key = sms_key(conference, invitee)
        if db.session.scalar(
            select(OutboundMessage.id).where(OutboundMessage.idempotency_key == key)
        ):
            result.already += 1
            continue
        token = new_token()
        invitee.invitation_token_hash = token_hash(token)
        body = (
            f"Thank you for coming to the meeting on {day}. Please tell us what you thought of "
            f"it. It takes about 5 minutes: {link_for(token)}"
        )
        message = queue_sms(
            vault().decrypt(invitee.phone_encrypted), body, SMS_PURPOSE, idempotency_key=key
        )
        if message.status == OutboundStatus.OPTED_OUT:
            result.opted_out += 1
        else:
            result.queued += 1
    db.session.flush()
    record(
        "conference.texts_queued",
        conference,
        detail={"queued": result.queued, "already": result.already, "opted_out": result.opted_out},
    )
    return result


def invitee_by_token(conference: Conference, token: str) -> ConferenceInvitee | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(
        select(ConferenceInvitee).where(
            ConferenceInvitee.invitation_token_hash == token_hash(token),
            ConferenceInvitee.conference_id == conference.id,
        )
    )


# --- Response rates ---------------------------------------------------------------------------


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


def _invited_counts(conference_ids: Sequence[int]) -> dict[tuple[int, str], int]:
    if not conference_ids:
        return {}
    rows = db.session.execute(
        select(ConferenceInvitee.conference_id, ConferenceInvitee.role, func.count())
        .where(ConferenceInvitee.conference_id.in_(conference_ids))
        .group_by(ConferenceInvitee.conference_id, ConferenceInvitee.role)
    )
    return {(cid, ParticipantRole(role).value): n for cid, role, n in rows}


def _answered_counts(conference_ids: Sequence[int]) -> dict[tuple[int, str], int]:
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
    invited = _invited_counts(conference_ids)
    answered = _answered_counts(conference_ids)
    return {
        cid: [
            RoleRate(role, invited.get((cid, role.value), 0), answered.get((cid, role.value), 0))
            for role in ParticipantRole
        ]
        for cid in conference_ids
    }


# --- Published-style sentences ----------------------------------------------------------------

# How the council words the parent/carer form's results ("9 of 11 said views were taken into
# account sometimes or always, 2 never"): the words after the positive and the negative count.
PARENT_PHRASES: dict[str, tuple[str, str]] = {
    "q1_views_taken_into_account": ("said views were taken into account {positive}", "{negative}"),
    "q2_worker_clear": ("said the worker was clear", "not"),
    "q3_worker_helped": ("said the worker helped", "not"),
    "q4_told_how_to_complain": ("were told how to complain", "were not"),
}
# Neither positive nor negative: left out of both counts, as the council does.
NEUTRAL_VALUES = frozenset({"not_sure"})


def _protected(counts: dict[str, int], threshold: int, unprinted: list[str]) -> dict[str, str]:
    """The sentence's counts as printed under `analysis.disclosure`: "fewer than 5" when
    small, "a number not shown" where subtraction from the total would give a small one back."""
    cells = disclosure.protect(counts, threshold, unprinted=unprinted)
    return {
        key: "a number not shown" if cell.hidden == disclosure.SECONDARY
        else disclosure.cell_text(cell, threshold)
        for key, cell in cells.items()
    }  # fmt: skip


def _of(part: str, whole: int, rest: str) -> str:
    """ "9 of 11 said ...", or "Of 11, a number not shown said ..." when the part is hidden."""
    if part == "a number not shown":
        return f"Of {whole:,}, {part} {rest}"
    return f"{part} of {whole:,} {rest}"


def published_sentence(
    question: Question,
    values: Iterable[Any],
    phrases: tuple[str, str] | None = None,
    *,
    threshold: int | None = None,
) -> str:
    """One result in the council's published style, from the question's own options. Pure.

    Positive answers are the options marked positive; negative ones are the rest except "not
    sure". With `threshold` (for anything the board or the public sees) the counts follow
    `analysis.disclosure`: small ones read "fewer than N", and where one could be worked out
    from the total ("9 of 11 ..., fewer than 5 never" gives 2), another is hidden too. The
    answers a sentence leaves out ("not sure", or the negatives) count as hidden cells.
    """
    summary = question.summarise(list(values))
    counts: dict[str, int] = summary["counts"]
    answered: int = summary["answered"]
    positive_options = [o for o in question.options if o.positive]
    negative_options = [
        o for o in question.options if not o.positive and o.value not in NEUTRAL_VALUES
    ]
    # The council lists the milder answer first: "sometimes or always".
    positive_words = " or ".join(o.label.lower() for o in reversed(positive_options))
    negative_words = " or ".join(o.label.lower() for o in negative_options)
    positive = sum(counts[o.value] for o in positive_options)
    negative = sum(counts[o.value] for o in negative_options)
    if threshold and disclosure.is_small(answered, threshold):
        return f"Fewer than {threshold} people answered"
    cells = {"positive": positive, "negative": negative, "other": answered - positive - negative}
    if phrases is None:
        printed = (
            _protected(cells, threshold, ["negative", "other"])
            if threshold
            else {k: str(n) for k, n in cells.items()}
        )
        return _of(printed["positive"], answered, f"answered {positive_words}")
    printed = (
        _protected(cells, threshold, ["other"])
        if threshold
        else {k: str(n) for k, n in cells.items()}
    )
    after_positive, after_negative = phrases
    return (
        _of(printed["positive"], answered, after_positive.format(positive=positive_words))
        + f", {printed['negative']} {after_negative.format(negative=negative_words)}"
    )


def scale_sentence(question: Question, values: Iterable[Any], *, threshold: int | None) -> str:
    """ "9 of 11 answered good or better" for a scale question, protected like the others."""
    assert question.scale is not None
    spec = question.scale
    good = spec.positive_at_least or spec.max
    numbers = [v for v in values if isinstance(v, int)]
    label = spec.labels.get(good, str(good)).lower()
    high = sum(1 for v in numbers if v >= good)
    if threshold is None:
        return f"{high} of {len(numbers)} answered {label} or better"
    if disclosure.is_small(len(numbers), threshold):
        return f"Fewer than {threshold} people answered"
    printed = _protected({"high": high, "rest": len(numbers) - high}, threshold, ["rest"])
    return _of(printed["high"], len(numbers), f"answered {label} or better")


# --- Quarters ---------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Quarter:
    """A council financial-year quarter: Q1 is April to June."""

    year: int  # the year the financial year starts
    number: int

    @classmethod
    def of(cls, day: date) -> Quarter:
        year = day.year if day.month >= 4 else day.year - 1
        return cls(year, (day.month - 4) % 12 // 3 + 1)

    @classmethod
    def parse(cls, text: str | None) -> Quarter | None:
        match = re.fullmatch(r"(\d{4})-Q([1-4])", text or "")
        return cls(int(match.group(1)), int(match.group(2))) if match else None

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d} Q{self.number}"

    @property
    def start(self) -> datetime:
        month = 4 + 3 * (self.number - 1)
        year = self.year + (month - 1) // 12
        return datetime(year, (month - 1) % 12 + 1, 1, tzinfo=UTC)

    @property
    def end(self) -> datetime:
        return (self.next()).start

    def next(self) -> Quarter:
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )


@dataclass
class QuestionResult:
    text: str
    sentence: str


@dataclass
class SurveySummary:
    title: str
    responses: int
    # scope label ("All conferences", "Initial conference", ...) -> results
    scopes: dict[str, list[QuestionResult]] = field(default_factory=dict)


@dataclass
class QuarterSummary:
    quarter: Quarter
    conferences: dict[ConferenceKind, int]
    # (kind, role) -> (invited, answered)
    rates: dict[tuple[ConferenceKind, ParticipantRole], RoleRate]
    surveys: list[SurveySummary]


def quarterly_summary(quarter: Quarter) -> QuarterSummary:
    """Response rates by conference type and role, and each form's results, for one quarter."""
    conferences = db.session.execute(
        select(Conference.id, Conference.kind).where(
            Conference.held_on >= quarter.start, Conference.held_on < quarter.end
        )
    ).all()
    kind_of = {cid: ConferenceKind(kind) for cid, kind in conferences}
    ids = list(kind_of)
    invited: dict[tuple[ConferenceKind, ParticipantRole], int] = defaultdict(int)
    answered: dict[tuple[ConferenceKind, ParticipantRole], int] = defaultdict(int)
    for (cid, role), n in _invited_counts(ids).items():
        invited[(kind_of[cid], ParticipantRole(role))] += n
    for (cid, role), n in _answered_counts(ids).items():
        answered[(kind_of[cid], ParticipantRole(role))] += n
    rates = {
        (kind, role): RoleRate(role, invited[(kind, role)], answered[(kind, role)])
        for kind in ConferenceKind
        for role in ParticipantRole
    }
    counts = {kind: sum(1 for k in kind_of.values() if k == kind) for kind in ConferenceKind}
    return QuarterSummary(quarter, counts, rates, _survey_summaries(ids, kind_of))


def _survey_summaries(ids: list[int], kind_of: dict[int, ConferenceKind]) -> list[SurveySummary]:
    values: dict[tuple[str, str], list[tuple[ConferenceKind, Any]]] = defaultdict(list)
    responses_by_survey: dict[str, set[int]] = defaultdict(set)
    if ids:
        rows = db.session.execute(
            select(
                Response.id,
                Response.survey_key,
                Response.conference_id,
                Answer.question_key,
                Answer.value,
            )
            .join(Answer, Answer.response_id == Response.id)
            .where(Response.conference_id.in_(ids), Response.status == ResponseStatus.COMPLETE)
        )
        for response_id, survey_key, cid, key, value in rows:
            values[(survey_key, key)].append((kind_of[cid], value))
            responses_by_survey[survey_key].add(response_id)
    summaries = []
    for survey_key in dict.fromkeys(ROLE_SURVEY.values()):
        survey = default_registry().get(survey_key).resolve(None)
        summary = SurveySummary(SURVEY_HEADINGS[survey_key], len(responses_by_survey[survey_key]))
        scopes: list[tuple[str, ConferenceKind | None]] = [("All conferences", None)] + [
            (f"{label}s", kind) for kind, label in KIND_LABELS.items()
        ]
        for scope_label, kind in scopes:
            results = []
            for question in survey.questions:
                if not any(o.positive for o in question.options) and not question.scale:
                    continue
                chosen = [v for k, v in values[(survey_key, question.key)] if kind in (None, k)]
                if not chosen:
                    continue
                results.append(
                    QuestionResult(question.text, _sentence(survey_key, question, chosen))
                )
            if results:
                summary.scopes[scope_label] = results
        summaries.append(summary)
    return summaries


def _sentence(survey_key: str, question: Question, values: list[Any]) -> str:
    if survey_key == "parent_feedback" and question.key in PARENT_PHRASES:
        return published_sentence(question, values, PARENT_PHRASES[question.key])
    if question.scale is not None:
        return scale_sentence(question, values, threshold=None)
    return published_sentence(question, values)
