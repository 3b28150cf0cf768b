"""Invitations by SMS, scheduled check-ins and reminders. Every function here flushes only.

Idempotency keys make each text happen once however often a tick or a command runs:
`invite:<invitation id>`, `remind:<invitation id>:<n>` (n = 1, 2) and `checkin:<schedule id>:<n>`.

Links in texts use a token derived from SECRET_KEY and the invitation id (the database keeps only
its hash), so a reminder can carry the same link as the invitation it follows up.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from flask import current_app
from sqlalchemy import insert, select, update

from app.campaigns.models import Campaign, Invitation
from app.campaigns.service import variant_for
from app.conversations.models import Conversation, ConversationStatus
from app.core.extensions import db
from app.core.sql import dialect_insert
from app.core.tokens import derived_token, token_hash
from app.core.types import Channel, now_utc
from app.outbound import sending as outbound
from app.outbound.models import CheckinSchedule, OutboundMessage, OutboundStatus
from app.respondents.models import Respondent
from app.responses.models import Response, ResponseStatus
from surveys import ResolvedSurvey, default_registry, gsm7_length
from surveys.sms import to_gsm7

GSM7_SEGMENT = 160
MAX_REMINDERS = 2
RULES = ("weeks", "months", "offsets")
STOP_HINT = " Reply STOP to stop texts."


# --- Dates -----------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, kept inside the month: 31 Jan + 1 month is 28 (or 29) Feb."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _on_uk_day(start: datetime, day: date) -> datetime:
    """`start`'s UK wall-clock time on another day: 10:00 stays 10:00 across summer time."""
    local = start.astimezone(outbound.UK)
    return datetime.combine(day, local.time(), tzinfo=outbound.UK).astimezone(UTC)


def due_at(schedule: CheckinSchedule, n: int) -> datetime | None:
    """When the n-th check-in (1-based) is due, or None if the schedule has no n-th.

    Every date is counted from the start date, not from the previous check-in, so month ends
    do not drift (31 Jan -> 28 Feb -> 31 Mar).
    """
    if n < 1:
        raise ValueError("check-ins are numbered from 1")
    start = schedule.start_date
    local_day = start.astimezone(outbound.UK).date()
    if schedule.rule == "weeks":
        return _on_uk_day(start, local_day + timedelta(weeks=n * _interval(schedule)))
    if schedule.rule == "months":
        return _on_uk_day(start, add_months(local_day, n * _interval(schedule)))
    if schedule.rule == "offsets":
        offsets = schedule.offsets_months or []
        if n > len(offsets):
            return None
        return _on_uk_day(start, add_months(local_day, offsets[n - 1]))
    raise ValueError(f"unknown schedule rule {schedule.rule!r}")


def _interval(schedule: CheckinSchedule) -> int:
    if not schedule.interval or schedule.interval < 1:
        raise ValueError("a weeks or months schedule needs an interval of 1 or more")
    return schedule.interval


def create_schedule(
    respondent: Respondent,
    campaign: Campaign,
    *,
    start: datetime,
    every_weeks: int | None = None,
    every_months: int | None = None,
    offsets_months: Sequence[int] | None = None,
) -> CheckinSchedule:
    """Check-ins for one person: every N weeks, every N months, or at month offsets from
    `start` (e.g. 6, 12, 18, 24, 30, 36 months after a placement)."""
    chosen = [x is not None for x in (every_weeks, every_months, offsets_months)]
    if sum(chosen) != 1:
        raise ValueError("give exactly one of every_weeks, every_months, offsets_months")
    if start.tzinfo is None:
        raise ValueError("start must carry a time zone")
    if every_weeks is not None:
        rule, interval, offsets = "weeks", every_weeks, None
    elif every_months is not None:
        rule, interval, offsets = "months", every_months, None
    else:
        offsets = sorted(set(offsets_months or []))
        if not offsets or offsets[0] < 1:
            raise ValueError("offsets are whole months after the start, 1 or more")
        rule, interval = "offsets", None
    schedule = CheckinSchedule(
        respondent_id=respondent.id,
        campaign_id=campaign.id,
        rule=rule,
        interval=interval,
        offsets_months=offsets,
        # In UTC: SQLite keeps no offset, so any other zone would be read back wrong.
        start_date=start.astimezone(UTC),
        sent_count=0,
        active=True,
    )
    schedule.next_due_at = due_at(schedule, 1)
    db.session.add(schedule)
    db.session.flush()
    return schedule


# --- Message text ----------------------------------------------------------------------------


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


def _link(invitation: Invitation) -> str:
    """The invitation's web link, the same every time; records its token's hash (no flush)."""
    base = current_app.config["PUBLIC_BASE_URL"]
    if not base:
        raise outbound.NotConfigured("PUBLIC_BASE_URL must be set to text survey links")
    token = derived_token(current_app.config["SECRET_KEY"], f"sms-invitation:{invitation.id}")
    hashed = token_hash(token)
    if invitation.token_hash != hashed:
        # Made elsewhere (its raw token is gone) or before a SECRET_KEY change: issue this one.
        invitation.token_hash = hashed
    return f"{base}/s/{token}"


def survey_link(invitation: Invitation) -> str:
    """The invitation's web link, the same every time it is asked for. Flushes."""
    link = _link(invitation)
    db.session.flush()
    return link


def _sms_opening(invitation: Invitation) -> str:
    from app.conversations.engine import open_for_invitation

    opening = to_gsm7(open_for_invitation(invitation))
    return fit(opening + STOP_HINT, opening)


def invitation_text(invitation: Invitation) -> str:
    if invitation.channel == Channel.SMS:
        return _sms_opening(invitation)
    return _web_invitation_text(survey_link(invitation))


def _web_invitation_text(link: str) -> str:
    return fit(
        f"{_council()}: we'd like to hear what you think. It takes a few minutes: {link}"
        + STOP_HINT,
        f"{_council()}: have your say: {link}" + STOP_HINT,
        f"Have your say: {link}",
    )


def reminder_text(invitation: Invitation) -> str:
    if invitation.channel == Channel.SMS:
        return _sms_opening(invitation)
    link = survey_link(invitation)
    return fit(
        f"Reminder from {_council()}: there's still time to have your say: {link}" + STOP_HINT,
        f"Reminder: have your say: {link}" + STOP_HINT,
        f"Reminder: {link}",
    )


def checkin_text(invitation: Invitation) -> str:
    if invitation.channel == Channel.SMS:
        return _sms_opening(invitation)
    link = survey_link(invitation)
    return fit(
        f"{_council()}: time for your check-in. How are things going? {link}" + STOP_HINT,
        f"Time for your check-in: {link}" + STOP_HINT,
        f"Check-in: {link}",
    )


# --- Invitations -----------------------------------------------------------------------------


@dataclass
class InviteSummary:
    queued: int = 0
    already_invited: int = 0
    no_consent: int = 0
    no_phone: int = 0
    opted_out: int = 0
    messages: list[OutboundMessage] = field(default_factory=list)


def _unreachable(respondent: Respondent) -> str | None:
    """Why this person must not be texted, opt-outs aside, if so."""
    if not respondent.consent_to_contact:
        return "no_consent"
    if not (respondent.phone_hash and respondent.phone_encrypted):
        return "no_phone"
    return None


def _can_text(respondent: Respondent) -> str | None:
    """Why this person must not be texted, if so."""
    reason = _unreachable(respondent)
    if reason is None and outbound.is_opted_out(respondent.phone_hash or ""):
        return "opted_out"
    return reason


def _invitations(
    campaign: Campaign,
    people: Sequence[Respondent],
    channels: dict[int, Channel],
    checkin_round: int,
) -> dict[int, Invitation]:
    """Each person's invitation for this campaign and round, made where missing (race-safe):
    one multi-row insert and one read, whatever the number of people."""
    if not people:
        return {}
    definition = default_registry().get(campaign.survey_key, campaign.survey_version)
    days = int(current_app.config["INVITATION_DAYS_VALID"])
    secret = current_app.config["SECRET_KEY"]
    now = now_utc()
    rows = [
        {
            "campaign_id": campaign.id,
            "respondent_id": person.id,
            # Replaced by the link's token when a link is sent; unique and unguessable meanwhile.
            "token_hash": token_hash(
                derived_token(secret, f"new-invitation:{campaign.id}:{person.id}:{checkin_round}")
            ),
            "variant": variant_for(definition, person),
            "channel": channels[person.id].value,
            "expires_at": now + timedelta(days=days),
            "checkin_round": checkin_round,
            "created_at": now,
        }
        for person in people
    ]
    db.session.execute(
        dialect_insert(Invitation).on_conflict_do_nothing(
            index_elements=["campaign_id", "respondent_id", "checkin_round"]
        ),
        rows,
    )
    found = db.session.scalars(
        select(Invitation).where(
            Invitation.campaign_id == campaign.id,
            Invitation.checkin_round == checkin_round,
            Invitation.respondent_id.in_([person.id for person in people]),
        )
    ).all()
    return {invitation.respondent_id: invitation for invitation in found}


def _invitation(
    campaign: Campaign, respondent: Respondent, channel: Channel, checkin_round: int
) -> Invitation:
    """The person's invitation for this campaign and round, made if missing (race-safe)."""
    return _invitations(campaign, [respondent], {respondent.id: channel}, checkin_round)[
        respondent.id
    ]


def _message_exists(key: str) -> bool:
    return (
        db.session.scalar(select(OutboundMessage.id).where(OutboundMessage.idempotency_key == key))
        is not None
    )


# Rows per multi-row statement: large enough that 10,000 people cost a few dozen round trips,
# small enough to stay well inside every driver's limit on bound parameters.
BATCH = 500


def send_invitations(
    campaign: Campaign,
    respondents: Iterable[Respondent],
    channel: Channel | None = None,
    *,
    at: datetime | None = None,
) -> InviteSummary:
    """Invite each person by SMS, once: a link (web) or the first question (sms).

    People without consent to contact, without a phone, or who opted out get nothing. Without
    `channel`, a person who prefers SMS is asked by SMS, anyone else gets a link. Works in
    batches, a handful of statements each, so a whole county is queued in seconds.
    """
    at = (at or now_utc()).astimezone(UTC)
    if not campaign.is_open(at):
        raise ValueError(f"campaign {campaign.slug!r} is not open")
    summary = InviteSummary()
    seen: set[int] = set()
    batch: list[Respondent] = []
    for respondent in respondents:
        if respondent.id in seen:
            summary.already_invited += 1  # listed twice: one text is enough
            continue
        seen.add(respondent.id)
        batch.append(respondent)
        if len(batch) == BATCH:
            _invite_batch(campaign, batch, channel, at, summary)
            batch = []
    if batch:
        _invite_batch(campaign, batch, channel, at, summary)
    db.session.flush()
    return summary


def _invite_batch(
    campaign: Campaign,
    people: list[Respondent],
    channel: Channel | None,
    at: datetime,
    summary: InviteSummary,
) -> None:
    textable: list[Respondent] = []
    for person in people:
        reason = _unreachable(person)
        if reason is None:
            textable.append(person)
        else:
            setattr(summary, reason, getattr(summary, reason) + 1)
    opted_out = outbound.opted_out_among({p.phone_hash for p in textable if p.phone_hash})
    summary.opted_out += sum(1 for person in textable if person.phone_hash in opted_out)
    textable = [person for person in textable if person.phone_hash not in opted_out]
    if not textable:
        return
    wanted = {
        person.id: channel
        or (Channel.SMS if person.preferred_channel == Channel.SMS else Channel.WEB)
        for person in textable
    }
    invitations = _invitations(campaign, textable, wanted, 0)
    keys = {person.id: f"invite:{invitations[person.id].id}" for person in textable}
    sent_before = outbound.keys_taken(list(keys.values()))
    fresh = [person for person in textable if keys[person.id] not in sent_before]
    summary.already_invited += len(textable) - len(fresh)
    if not fresh:
        return
    started = set(
        db.session.scalars(
            select(Response.invitation_id).where(
                Response.invitation_id.in_([invitations[p.id].id for p in fresh])
            )
        )
    )
    for person in fresh:
        invitation = invitations[person.id]
        if invitation.channel != wanted[person.id] and invitation.id not in started:
            invitation.channel = wanted[person.id]
    by_sms = [invitations[p.id] for p in fresh if invitations[p.id].channel == Channel.SMS]
    texts = _open_conversations(campaign, by_sms, started, at)
    for person in fresh:
        invitation = invitations[person.id]
        if invitation.channel != Channel.SMS:
            texts[invitation.id] = _web_invitation_text(_link(invitation))
    summary.messages.extend(
        outbound.queue_many(
            [
                outbound.Text(
                    person,
                    texts[invitations[person.id].id],
                    keys[person.id],
                    invitations[person.id],
                )
                for person in fresh
            ],
            "invite",
            at=at,
        )
    )
    summary.queued += len(fresh)


def _open_conversations(
    campaign: Campaign, invitations: list[Invitation], started: set[int], at: datetime
) -> dict[int, str]:
    """Start the SMS conversation each invitation asks for, as `open_for_invitation` does for
    one, in a few statements; returns each invitation's first text by invitation id."""
    from app.conversations.engine import open_for_invitation

    texts: dict[int, str] = {}
    # One by one where a response already exists: its answers decide the first question.
    fresh = [invitation for invitation in invitations if invitation.id not in started]
    one_by_one = [invitation for invitation in invitations if invitation.id in started]
    if fresh:
        active_keys = [f"{Channel.SMS.value}:{i.respondent.phone_hash}" for i in fresh]
        db.session.execute(
            update(Conversation)
            .where(Conversation.active_key.in_(active_keys))
            .values(status=ConversationStatus.TIMED_OUT, active_key=None)
        )
        db.session.execute(
            dialect_insert(Response).on_conflict_do_nothing(index_elements=["invitation_id"]),
            [
                {
                    "campaign_id": campaign.id,
                    "invitation_id": invitation.id,
                    "respondent_id": invitation.respondent_id,
                    "survey_key": campaign.survey_key,
                    "survey_version": campaign.survey_version,
                    "variant": invitation.variant,
                    "channel": Channel.SMS.value,
                    "status": ResponseStatus.IN_PROGRESS.value,
                    "started_at": at,
                    "updated_at": at,
                }
                for invitation in fresh
            ],
        )
        response_ids = {
            invitation_id: response_id
            for invitation_id, response_id in db.session.execute(
                select(Response.invitation_id, Response.id).where(
                    Response.invitation_id.in_([invitation.id for invitation in fresh])
                )
            )
        }
        definition = default_registry().get(campaign.survey_key, campaign.survey_version)
        openings: dict[str | None, tuple[str | None, str]] = {}
        rows = []
        for invitation, active_key in zip(fresh, active_keys, strict=True):
            if invitation.variant not in openings:
                openings[invitation.variant] = _first_question_text(
                    definition.resolve(invitation.variant)
                )
            first_key, text = openings[invitation.variant]
            texts[invitation.id] = text
            rows.append(
                {
                    "channel": Channel.SMS.value,
                    "phone_hash": invitation.respondent.phone_hash,
                    "response_id": response_ids[invitation.id],
                    "question_key": first_key,
                    "reasks": 0,
                    "status": ConversationStatus.ACTIVE.value,
                    "active_key": active_key,
                    "started_at": at,
                    "last_activity_at": at,
                }
            )
        db.session.execute(insert(Conversation), rows)
    for invitation in one_by_one:
        opening = to_gsm7(open_for_invitation(invitation))
        texts[invitation.id] = fit(opening + STOP_HINT, opening)
    return texts


def _first_question_text(survey: ResolvedSurvey) -> tuple[str | None, str]:
    """A new conversation's first question and the text that opens it, worded as
    `open_for_invitation` words it: the same for everyone on one survey variant."""
    from app.conversations.engine import invitation_intro, prompt

    first = survey.first_unanswered({})
    key = first.key if first else None
    opening = to_gsm7(" ".join(prompt(survey, {}, key, invitation_intro()).sms()))
    return key, fit(opening + STOP_HINT, opening)


# --- Check-ins -------------------------------------------------------------------------------


def queue_due_checkins(at: datetime | None = None) -> int:
    """Queue every check-in that is due. A round missed while nothing ran is skipped, not
    sent late in a burst: only the latest due round goes."""
    at = (at or now_utc()).astimezone(UTC)
    due = db.session.scalars(
        select(CheckinSchedule)
        .where(CheckinSchedule.active.is_(True), CheckinSchedule.next_due_at <= at)
        .order_by(CheckinSchedule.next_due_at)
        .limit(500)
    ).all()
    queued = 0
    for schedule in due:
        if _run_checkin(schedule, at):
            queued += 1
    return queued


def _run_checkin(schedule: CheckinSchedule, at: datetime) -> bool:
    previous = schedule.sent_count
    n = previous + 1
    while (following := due_at(schedule, n + 1)) is not None and following <= at:
        n += 1
    next_due = due_at(schedule, n + 1)
    # Claim round n: of two ticks running at once, only one moves the counter on.
    claimed = db.session.execute(
        update(CheckinSchedule)
        .where(CheckinSchedule.id == schedule.id, CheckinSchedule.sent_count == previous)
        .values(sent_count=n, next_due_at=next_due, active=next_due is not None)
    ).rowcount
    db.session.refresh(schedule)
    if claimed != 1:
        return False
    respondent = db.session.get(Respondent, schedule.respondent_id)
    campaign = db.session.get(Campaign, schedule.campaign_id)
    assert respondent is not None and campaign is not None
    if _can_text(respondent) is not None or not campaign.is_open(at):
        return False  # this round is skipped; the schedule goes on
    key = f"checkin:{schedule.id}:{n}"
    if _message_exists(key):
        return False
    channel = Channel.SMS if respondent.preferred_channel == Channel.SMS else Channel.WEB
    invitation = _invitation(campaign, respondent, channel, n)
    outbound.queue_sms(respondent, checkin_text(invitation), "checkin", key, invitation, at=at)
    return True


# --- Reminders -------------------------------------------------------------------------------


def reminder_days() -> tuple[int, ...]:
    """Days after the invitation text for reminder 1 and 2 (never more than two)."""
    raw = current_app.config["SMS_REMINDER_DAYS"]
    if isinstance(raw, str):
        raw = [part for part in raw.replace(" ", "").split(",") if part]
    return tuple(sorted(int(day) for day in raw))[:MAX_REMINDERS]


def queue_reminders(at: datetime | None = None) -> int:
    """Remind people who were texted an invitation or check-in and have not finished.

    At most two reminders per invitation, never to a finished survey, a closed campaign, an
    expired link, or a number that opted out. Reminder 2 waits its own gap after reminder 1,
    so a worker that was down does not send both at once.
    """
    at = (at or now_utc()).astimezone(UTC)
    days = reminder_days()
    if not days:
        return 0
    first_due = at - timedelta(days=days[0])
    sent = db.session.execute(
        select(OutboundMessage.invitation_id, OutboundMessage.sent_at)
        .where(
            OutboundMessage.purpose.in_(("invite", "checkin")),
            OutboundMessage.invitation_id.is_not(None),
            OutboundMessage.status.in_((OutboundStatus.SENT, OutboundStatus.DELIVERED)),
            OutboundMessage.sent_at <= first_due,
        )
        .order_by(OutboundMessage.invitation_id)
    ).all()
    queued = 0
    for invitation_id, sent_at in sent:
        invitation = db.session.get(Invitation, invitation_id)
        if invitation is None or not _wants_reminder(invitation, at):
            continue
        earlier = db.session.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.idempotency_key.like(f"remind:{invitation_id}:%"))
            .order_by(OutboundMessage.created_at)
        ).all()
        n = len(earlier) + 1
        if n > len(days):
            continue
        due = sent_at + timedelta(days=days[n - 1])
        if earlier:
            due = max(due, earlier[-1].created_at + timedelta(days=days[n - 1] - days[n - 2]))
        if due > at:
            continue
        outbound.queue_sms(
            invitation.respondent,
            reminder_text(invitation),
            "remind",
            f"remind:{invitation_id}:{n}",
            invitation,
            at=at,
        )
        queued += 1
    return queued


def _wants_reminder(invitation: Invitation, at: datetime) -> bool:
    if invitation.response is not None and invitation.response.is_complete:
        return False
    if not invitation.campaign.is_open(at):
        return False
    if invitation.expires_at and at >= invitation.expires_at:
        return False
    newer = db.session.scalar(
        select(Invitation.id).where(
            Invitation.campaign_id == invitation.campaign_id,
            Invitation.respondent_id == invitation.respondent_id,
            Invitation.checkin_round > invitation.checkin_round,
        )
    )
    if newer is not None:
        return False  # a later check-in has replaced this one
    return _can_text(invitation.respondent) is None


# --- The periodic tick -----------------------------------------------------------------------


@dataclass
class TickSummary:
    checkins: int
    reminders: int
    requeued: int
    unconfirmed: int


def tick(at: datetime | None = None) -> TickSummary:
    """Everything time-driven: due check-ins, due reminders, and lost or stuck messages."""
    at = (at or now_utc()).astimezone(UTC)
    checkins = queue_due_checkins(at)
    reminders = queue_reminders(at)
    swept = outbound.sweep(at)
    return TickSummary(checkins, reminders, len(swept.requeued), swept.unconfirmed)
