"""Scheduled check-ins: when each is due (UK calendar) and queueing the due ones.

The idempotency key `checkin:<schedule id>:<n>` makes each check-in happen once however often
a tick runs. Flushes only.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update

from app.campaigns.models import Campaign
from app.core.extensions import db
from app.core.times import UK
from app.core.types import Channel, now_utc
from app.outbound import whatsapp
from app.outbound.invitation_rows import invitation_for
from app.outbound.models import CheckinSchedule, OutboundMessage
from app.outbound.queueing import queue_many, queue_sms
from app.outbound.reachability import cannot_text
from app.outbound.texts import checkin_text, survey_link
from app.respondents.models import Respondent

RULES = ("weeks", "months", "offsets")


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, kept inside the month: 31 Jan + 1 month is 28 (or 29) Feb."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _on_uk_day(start: datetime, day: date) -> datetime:
    """`start`'s UK wall-clock time on another day: 10:00 stays 10:00 across summer time."""
    local = start.astimezone(UK)
    return datetime.combine(day, local.time(), tzinfo=UK).astimezone(UTC)


def due_at(schedule: CheckinSchedule, n: int) -> datetime | None:
    """When the n-th check-in (1-based) is due, or None if the schedule has no n-th.

    Every date is counted from the start date, not from the previous check-in, so month ends
    do not drift (31 Jan -> 28 Feb -> 31 Mar).
    """
    if n < 1:
        raise ValueError("check-ins are numbered from 1")
    start = schedule.start_date
    local_day = start.astimezone(UK).date()
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


def _message_exists(key: str) -> bool:
    return (
        db.session.scalar(select(OutboundMessage.id).where(OutboundMessage.idempotency_key == key))
        is not None
    )


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
    on_whatsapp = bool(whatsapp.invitable([respondent], None, "checkin"))
    by = Channel.WHATSAPP if on_whatsapp else Channel.SMS
    if cannot_text(respondent, by) is not None or not campaign.is_open(at):
        return False  # this round is skipped; the schedule goes on
    key = f"checkin:{schedule.id}:{n}"
    if _message_exists(key):
        return False
    if on_whatsapp:
        invitation = invitation_for(campaign, respondent, Channel.WHATSAPP, n)
        link = survey_link(invitation)
        text = whatsapp.first_contact(respondent, invitation, "checkin", key, link)
        queue_many([text], "checkin", at=at)
        return True
    channel = Channel.SMS if respondent.preferred_channel == Channel.SMS else Channel.WEB
    invitation = invitation_for(campaign, respondent, channel, n)
    queue_sms(respondent, checkin_text(invitation), "checkin", key, invitation, at=at)
    return True
