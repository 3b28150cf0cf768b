"""Background tasks (run by `flask queue worker` inside the app context) and `flask sms ...`.

The tasks only carry ids: every rule (opt-out, quiet hours, rate, retries, claims) lives in the
database and in `app.outbound.delivery`, so a duplicate or a late task is always harmless.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import click
from flask import Flask
from flask.cli import AppGroup
from huey import Huey, crontab
from huey.exceptions import TaskLockedException
from sqlalchemy import select

from app.campaigns.models import Campaign
from app.core.extensions import db
from app.core.times import UK
from app.core.types import Channel, now_utc
from app.outbound.checkins import create_schedule
from app.outbound.deep_checks import run_deep_check
from app.outbound.delivery import deliver
from app.outbound.invitations import send_invitations
from app.outbound.not_configured import NotConfigured
from app.outbound.periodic import TickSummary, tick
from app.outbound.queueing import queue_sms
from app.respondents.models import Respondent

log = logging.getLogger(__name__)

# A reply to a text that came in while the database was down, sent once it was back.
REPLY_PURPOSE = "late_reply"


@dataclass
class Tasks:
    """The tasks registered on one app's Huey instance."""

    huey: Huey
    send_sms: Any
    sms_tick: Any
    replay_inbound: Any = None
    deep_check: Any = None

    def send(self, message_id: int, eta: datetime | None = None) -> None:
        """Enqueue a send now, or for `eta` (quiet hours, a retry's back-off)."""
        if eta is not None and eta > now_utc():
            self.send_sms.schedule(args=(message_id,), eta=eta)
        else:
            self.send_sms(message_id)


def register(huey: Huey, app: Flask) -> Tasks:
    """Define the tasks on `huey`, each running in `app`'s context."""

    @huey.task(name="send_sms")
    def send_sms(message_id: int) -> None:
        with app.app_context():
            try:
                outcome = deliver(message_id)
            except NotConfigured as exc:
                # Left queued: `flask sms tick` picks it up once the settings are fixed.
                db.session.rollback()
                log.error("sms %s not sent: %s", message_id, exc)
                return
            # Give the connection back before enqueueing: with the immediate queue (and a
            # back-off already over) the retry runs inside this call, and on SQLite a
            # transaction left open here would hold the write lock it then waits for.
            db.session.close()
            if outcome.retry_at is not None:
                tasks.send(message_id, outcome.retry_at)

    @huey.periodic_task(crontab(minute="*"), name="sms_tick")
    def sms_tick() -> None:
        # Two consumers both schedule this; the lock keeps it to one run at a time (and the
        # idempotency keys make even overlapping runs send nothing twice).
        try:
            with huey.lock_task("sms-tick", ttl=300), app.app_context():
                run_tick()
        except TaskLockedException:
            log.info("sms tick already running elsewhere")

    @huey.periodic_task(crontab(minute="*"), name="safeguarding_tick")
    def safeguarding_tick() -> None:
        # Alerts normally go as soon as a flag's request answers; this retries failed sends
        # and escalates flags nobody has acknowledged in time.
        from app.safeguarding import alerts

        try:
            with huey.lock_task("safeguarding-tick", ttl=120), app.app_context():
                alerts.tick()
                db.session.commit()
        except TaskLockedException:
            log.info("safeguarding tick already running elsewhere")

    @huey.periodic_task(crontab(minute="*"), name="reading_tick")
    def reading_tick() -> None:
        # Tells the participation lead about free-text answers nobody read in time.
        from app.reading import escalation

        try:
            with huey.lock_task("reading-tick", ttl=120), app.app_context():
                escalation.escalate_overdue()
        except TaskLockedException:
            log.info("reading tick already running elsewhere")

    # A delivery kept while the database was down (`conversations.outage`): tried every 30 s
    # for an hour, then left in the queue's log for a person.
    @huey.task(name="replay_inbound", retries=120, retry_delay=30)
    def replay_inbound(kind: str, delivery: dict[str, Any]) -> None:
        with app.app_context():
            try:
                replay_kept_delivery(kind, delivery)
            except Exception:
                db.session.rollback()
                raise

    # The deeper safeguarding check of one answer (`app.safeguarding.deep_check`): seconds
    # after the answer, so an alert it raises still goes within the minute.
    @huey.task(name="deep_check", retries=3, retry_delay=5)
    def deep_check(response_id: int, question_key: str, phone_encrypted: str | None) -> None:
        with app.app_context():
            try:
                run_deep_check(response_id, question_key, phone_encrypted)
            except Exception:
                db.session.rollback()
                raise

    tasks = Tasks(huey, send_sms, sms_tick, replay_inbound, deep_check)
    return tasks


def replay_kept_delivery(kind: str, delivery: dict[str, Any]) -> int:
    """Process a kept delivery (raises while the database is still down), text the replies it
    would have had, and alert the duty officer at once if it held a disclosure. Commits.
    Returns how many texts were queued."""
    from app.conversations.webhooks import replay
    from app.safeguarding import alerts

    phone, replies = replay(kind, delivery)  # commits the delivery's work, once per id
    sid = delivery["form"].get("MessageSid") or delivery["form"].get("SmsSid") or ""
    for number, body in enumerate(replies):
        if phone is not None:
            queue_sms(phone, body, purpose=REPLY_PURPOSE, idempotency_key=f"late:{sid}:{number}")
    db.session.commit()
    alerts.alert_new_flags()  # not a minute later at the tick: a disclosure may be in it
    return len(replies)


def run_tick(at: datetime | None = None) -> TickSummary:
    """One tick (the periodic task and `flask sms tick`): queue what is due, then commit."""
    summary = tick(at)
    db.session.commit()  # enqueues the queued texts' tasks
    log.info(
        "sms tick: %s check-in(s), %s reminder(s), %s re-queued, %s unconfirmed",
        summary.checkins,
        summary.reminders,
        summary.requeued,
        summary.unconfirmed,
    )
    return summary


sms_cli = AppGroup("sms", help="Outbound text messages.")


@sms_cli.command("invite")
@click.argument("campaign_slug")
@click.option(
    "--channel",
    type=click.Choice([Channel.WEB.value, Channel.SMS.value]),
    help="web: text a link; sms: answer by text. Default: each person's preferred channel.",
)
def invite_command(campaign_slug: str, channel: str | None) -> None:
    """Text an invitation to everyone in the campaign's cohort who agreed to be contacted."""
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == campaign_slug))
    if campaign is None:
        raise click.ClickException(f"No campaign {campaign_slug!r}.")
    query = select(Respondent).where(
        Respondent.consent_to_contact.is_(True), Respondent.phone_hash.is_not(None)
    )
    if campaign.cohort is not None:
        query = query.where(Respondent.cohort == campaign.cohort)
    people = db.session.scalars(query.order_by(Respondent.id)).all()
    try:
        summary = send_invitations(campaign, people, Channel(channel) if channel else None)
    except (ValueError, NotConfigured) as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(
        f"Queued {summary.queued} invitation(s); already invited {summary.already_invited}; "
        f"opted out {summary.opted_out}."
    )


@sms_cli.command("tick")
def tick_command() -> None:
    """Queue due check-ins and reminders; re-queue lost messages (the worker does this every
    minute)."""
    summary = run_tick()
    click.echo(
        f"Check-ins {summary.checkins}, reminders {summary.reminders}, "
        f"re-queued {summary.requeued}, unconfirmed {summary.unconfirmed}."
    )


@sms_cli.command("schedule")
@click.argument("campaign_slug")
@click.argument("reference")
@click.option("--start", "start", required=True, help="Start date, e.g. 2026-03-31.")
@click.option("--every-weeks", type=int)
@click.option("--every-months", type=int)
@click.option("--offsets", help="Months after the start, e.g. 6,12,18,24,30,36.")
def schedule_command(
    campaign_slug: str,
    reference: str,
    start: str,
    every_weeks: int | None,
    every_months: int | None,
    offsets: str | None,
) -> None:
    """Schedule check-ins for one person (by case reference) in a campaign."""
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == campaign_slug))
    person = db.session.scalar(select(Respondent).where(Respondent.reference == reference))
    if campaign is None or person is None:
        raise click.ClickException("No such campaign or person.")
    try:
        begins = datetime.fromisoformat(start)
        if begins.tzinfo is None:  # a date: 10:00 UK time, a kind hour for a text
            begins = begins.replace(hour=10, tzinfo=UK)
        schedule = create_schedule(
            person,
            campaign,
            start=begins,
            every_weeks=every_weeks,
            every_months=every_months,
            offsets_months=[int(x) for x in offsets.split(",")] if offsets else None,
        )
    except ValueError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    assert schedule.next_due_at is not None
    first = schedule.next_due_at.astimezone(UK)
    click.echo(f"Scheduled; first check-in {first:%d %B %Y %H:%M} UK time.")
