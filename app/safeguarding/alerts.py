"""Safeguarding alerts: the on-duty officer hears of a possible disclosure at once, and a second
contact hears of it if nobody acknowledges it in time.

An alert says only that a possible disclosure needs review, its category and a link to the flag
page (sign-in required): never the child's words, reference or phone number, because email and
SMS leave our systems.

Delivery is at least once. Each flag is its own unit of work, so these functions commit (like
`outbound.deliver`): the email goes first, then `alerted_at` (or `escalated_at`) and a FlagEvent
are recorded. A failed send records nothing, so the next tick tries again; a crash between the
send and the record repeats one email, never loses it. On PostgreSQL the flag's row is locked
while sending, so two workers never alert the same flag; SQLite takes a lock on the whole file
for any transaction, so there we read, let go, send, and then record.

When it runs:
- right after a request that recorded a flag has committed and its response has gone out
  (`flags.record_flag` asks for it, `init_app` installs the hook), so a child's reply is
  never held up by the mail server;
- `flask safeguarding tick`, every minute from the queue (and by cron if wanted), which sends
  what failed before and escalates.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import click
from flask import Flask, current_app, g, has_request_context
from flask.cli import AppGroup
from sqlalchemy import and_, or_, select, update

from analysis import CATEGORIES
from app.core.extensions import db
from app.core.times import uk_time
from app.core.transaction import after_commit
from app.core.types import Channel, now_utc
from app.safeguarding.models import FlagEvent, SafeguardingFlag
from app.staff.models import Role, User
from surveys.vocabulary import FlagOutcome

log = logging.getLogger(__name__)

SMTP_TIMEOUT_SECONDS = 10.0
SMS_PURPOSE = "safeguarding_alert"
# One run at a time in a process: the after-response hook and a tick must not both send.
_run_lock = threading.Lock()


class NotConfigured(RuntimeError):
    """No way to send: SMTP_HOST is not set, or there is nobody to send to."""


@dataclass(frozen=True)
class FlagSummary:
    """What an alert may say about a flag (nothing the child wrote, nothing that identifies)."""

    id: int
    category: str
    lado: bool
    channel: Channel
    created_at: datetime

    @property
    def label(self) -> str:
        return CATEGORIES.get(self.category, self.category.replace("_", " ").capitalize())


@dataclass(frozen=True)
class DutyOfficer:
    id: int
    email: str
    phone_encrypted: str | None


def category_label(category: str) -> str:
    return CATEGORIES.get(category, category.replace("_", " ").capitalize())


# --- Sending email ---------------------------------------------------------------------------


def send_email(to: Iterable[str], subject: str, body: str) -> None:
    """Send one plain-text email through the configured SMTP server; raises if it cannot."""
    config = current_app.config
    recipients = sorted({address for address in to if address})
    if not config["SMTP_HOST"]:
        raise NotConfigured("SMTP_HOST is not set")
    if not recipients:
        raise NotConfigured("no recipient")
    message = EmailMessage()
    message["From"] = config["ALERT_FROM_EMAIL"]
    message["To"] = ", ".join(recipients)
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="golden-thread")
    message.set_content(body)
    with smtplib.SMTP(
        config["SMTP_HOST"], int(config["SMTP_PORT"]), timeout=SMTP_TIMEOUT_SECONDS
    ) as smtp:
        if config["SMTP_STARTTLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["SMTP_USERNAME"]:
            smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
        # Raises only if every recipient is refused; one mailbox that took it is enough.
        smtp.send_message(message, to_addrs=recipients)


def flag_url(flag_id: int) -> str:
    """The flag page's address for an email, from PUBLIC_BASE_URL (or SERVER_NAME)."""
    return page_url("staff.safeguarding_flag", {"flag_id": flag_id})


def page_url(endpoint: str, values: dict[str, Any] | None = None) -> str:
    """A staff page's address for an email, from PUBLIC_BASE_URL (or SERVER_NAME)."""
    config = current_app.config
    adapter = current_app.url_map.bind(
        config["SERVER_NAME"] or "localhost", script_name=config["APPLICATION_ROOT"]
    )
    path = adapter.build(endpoint, values or {})
    base = config["PUBLIC_BASE_URL"] or (
        f"{config['PREFERRED_URL_SCHEME']}://{config['SERVER_NAME']}"
        if config["SERVER_NAME"]
        else ""
    )
    return f"{base}{path}"


def _alert_text(flag: FlagSummary, *, escalation: bool, minutes: int = 0) -> tuple[str, str]:
    subject = (
        f"Not yet acknowledged - possible disclosure: {flag.label}"
        if escalation
        else f"Possible disclosure needs review: {flag.label}"
    )
    lines = []
    if escalation:
        lines += [
            f"A possible disclosure has waited more than {minutes} minutes without being "
            "acknowledged by the duty officer. Please make sure someone reviews it now.",
            "",
        ]
    else:
        lines += ["A young person's answer may disclose harm. It needs review now.", ""]
    lines += [
        f"Category: {flag.label}",
        f"Received: {uk_time(flag.created_at)} by {Channel.label_of(flag.channel).lower()}",
    ]
    if flag.lado:
        lines += [
            "",
            "This may be an allegation about a carer or worker: it goes to the LADO, "
            "not to the carer's own team.",
        ]
    lines += [
        "",
        f"Review it here (sign in first): {flag_url(flag.id)}",
        "",
        "For the young person's privacy this email does not contain their words or details. "
        "Read them in Golden Thread, where viewing them is recorded.",
    ]
    return subject, "\n".join(lines)


def _sms_text(flag: FlagSummary) -> str:
    return (
        f"Golden Thread: a possible disclosure needs review now. Category: {flag.label}. "
        f"{flag_url(flag.id)}"
    )


# --- Finding and claiming flags --------------------------------------------------------------


def _summary(flag: SafeguardingFlag) -> FlagSummary:
    return FlagSummary(
        id=flag.id,
        category=flag.category,
        lado="carer_allegation" in (flag.categories or []),
        channel=Channel(flag.channel),
        created_at=flag.created_at,
    )


def _locks_rows() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _claim(flag_id: int, *conditions: Any) -> FlagSummary | None:
    """The flag if it still needs this step. On PostgreSQL its row stays locked until commit."""
    query = select(SafeguardingFlag).where(SafeguardingFlag.id == flag_id, *conditions)
    if _locks_rows():
        query = query.with_for_update(skip_locked=True)
    flag = db.session.scalar(query.execution_options(populate_existing=True))
    if flag is None:
        db.session.rollback()
        return None
    summary = _summary(flag)
    if not _locks_rows():
        db.session.rollback()  # SQLite: let the file go while the mail server is slow
    return summary


def _record(flag_id: int, column: Any, kind: str, at: datetime, detail: dict[str, Any]) -> bool:
    """Set the step's time once and add it to the trail; False if another worker did it."""
    done = db.session.execute(
        update(SafeguardingFlag)
        .where(SafeguardingFlag.id == flag_id, column.is_(None))
        .values({column.key: at})
    ).rowcount
    if done:
        db.session.add(FlagEvent(flag_id=flag_id, at=at, kind=kind, detail=detail))
    return bool(done)


def _duty_officers() -> list[DutyOfficer]:
    rows = db.session.execute(
        select(User.id, User.email, User.phone_encrypted).where(
            User.on_duty.is_(True), User.role == Role.DUTY_OFFICER, User.active.is_(True)
        )
    )
    return [DutyOfficer(*row) for row in rows]


def _split(addresses: str) -> list[str]:
    return [a.strip() for a in (addresses or "").replace(";", ",").split(",") if a.strip()]


def _escalation_addresses() -> list[str]:
    admins = db.session.scalars(
        select(User.email).where(User.role == Role.ADMIN, User.active.is_(True))
    ).all()
    return sorted(set(_split(current_app.config["ESCALATION_EMAIL"])) | set(admins))


# --- Alerting and escalating -----------------------------------------------------------------


def alert_new_flags(now: datetime | None = None) -> int:
    """Email (and text) the on-duty officers about every flag not yet alerted. Commits.

    Its own unit of work: call it with nothing pending in the session. Returns how many flags
    were alerted; sending problems are logged and left for the next tick.
    """
    now = (now or now_utc()).astimezone(UTC)
    with _run_lock:
        flag_ids = db.session.scalars(
            select(SafeguardingFlag.id)
            .where(SafeguardingFlag.alerted_at.is_(None))
            .order_by(SafeguardingFlag.created_at, SafeguardingFlag.id)
        ).all()
        if not flag_ids:
            db.session.rollback()
            return 0
        officers = _duty_officers()
        addresses = [o.email for o in officers] or _split(current_app.config["DUTY_EMAIL"])
        db.session.rollback()
        if not addresses:
            log.error(
                "%s safeguarding flag(s) not alerted: nobody is on duty and DUTY_EMAIL is not set",
                len(flag_ids),
            )
            return 0
        alerted = 0
        for flag_id in flag_ids:
            flag = _claim(flag_id, SafeguardingFlag.alerted_at.is_(None))
            if flag is None:
                continue
            subject, body = _alert_text(flag, escalation=False)
            try:
                send_email(addresses, subject, body)
            except (OSError, smtplib.SMTPException, NotConfigured) as exc:
                db.session.rollback()
                log.warning(
                    "safeguarding flag %s: alert email not sent (%s: %s); the next tick retries",
                    flag_id,
                    type(exc).__name__,
                    exc if isinstance(exc, NotConfigured) else "mail server error",
                )
                break  # the mail server is down or unset: the rest wait for the next tick
            texted = [o for o in officers if o.phone_encrypted]
            if _record(
                flag_id,
                SafeguardingFlag.alerted_at,
                "alerted",
                now,
                {"emails": len(addresses), "texts": len(texted)},
            ):
                alerted += 1
            db.session.commit()
            log.info("safeguarding flag %s: duty officer alerted", flag_id)
            _text_officers(flag, texted, now)
        return alerted


def _text_officers(flag: FlagSummary, officers: list[DutyOfficer], at: datetime) -> int:
    """Queue an SMS to each officer, if outbound SMS exists. Commits each; never raises.

    After the email is on record, each in its own transaction: a text that cannot be queued
    must not undo the record of the email (which would send it again on every tick).
    """
    try:
        from app.outbound import queueing as outbound
    except ImportError:
        return 0
    queue_sms = getattr(outbound, "queue_sms", None)
    if queue_sms is None:
        return 0
    from app.core.phones import vault

    queued = 0
    for officer in officers:
        try:
            queue_sms(
                vault().decrypt(officer.phone_encrypted or ""),
                _sms_text(flag),
                purpose=SMS_PURPOSE,
                idempotency_key=f"safeguarding-alert:{flag.id}:{officer.id}",
                at=at,
            )
            db.session.commit()
            queued += 1
        except Exception as exc:  # the email has gone; the text is a bonus
            db.session.rollback()
            log.warning(
                "safeguarding flag %s: officer SMS not queued (%s)", flag.id, type(exc).__name__
            )
    return queued


def escalate_unacknowledged(now: datetime | None = None) -> int:
    """Email the second contact about flags still unacknowledged after the set time. Commits.

    Each flag escalates once. The clock starts at the alert, or at the flag itself if the
    alert never went (a broken alert is exactly when someone else must know).
    """
    now = (now or now_utc()).astimezone(UTC)
    minutes = int(current_app.config["ALERT_ESCALATE_AFTER_MINUTES"])
    cutoff = now - timedelta(minutes=minutes)
    due = (
        SafeguardingFlag.acknowledged_at.is_(None),
        SafeguardingFlag.escalated_at.is_(None),
        or_(
            SafeguardingFlag.alerted_at <= cutoff,
            and_(SafeguardingFlag.alerted_at.is_(None), SafeguardingFlag.created_at <= cutoff),
        ),
    )
    with _run_lock:
        flag_ids = db.session.scalars(
            select(SafeguardingFlag.id).where(*due).order_by(SafeguardingFlag.created_at)
        ).all()
        if not flag_ids:
            db.session.rollback()
            return 0
        addresses = _escalation_addresses()
        db.session.rollback()
        if not addresses:
            log.error(
                "%s safeguarding flag(s) not escalated: set ESCALATION_EMAIL or add an admin",
                len(flag_ids),
            )
            return 0
        escalated = 0
        for flag_id in flag_ids:
            flag = _claim(flag_id, *due)
            if flag is None:
                continue
            subject, body = _alert_text(flag, escalation=True, minutes=minutes)
            try:
                send_email(addresses, subject, body)
            except (OSError, smtplib.SMTPException, NotConfigured) as exc:
                db.session.rollback()
                log.warning(
                    "safeguarding flag %s: escalation not sent (%s); the next tick retries",
                    flag_id,
                    type(exc).__name__,
                )
                break
            if _record(
                flag_id,
                SafeguardingFlag.escalated_at,
                "escalated",
                now,
                {"emails": len(addresses), "after_minutes": minutes},
            ):
                escalated += 1
            db.session.commit()
            log.info("safeguarding flag %s: escalated to the second contact", flag_id)
        return escalated


@dataclass(frozen=True)
class TickResult:
    alerted: int
    escalated: int


def tick(now: datetime | None = None) -> TickResult:
    """Both steps, as the periodic task and `flask safeguarding tick` run them."""
    return TickResult(alert_new_flags(now), escalate_unacknowledged(now))


# --- Acknowledging ---------------------------------------------------------------------------


def acknowledge(
    flag: SafeguardingFlag,
    user_id: int,
    outcome: FlagOutcome,
    note: str,
    at: datetime | None = None,
) -> bool:
    """Record who acted and how, once; stops escalation. Flushes. False if already acknowledged."""
    at = at or now_utc()
    done = db.session.execute(
        update(SafeguardingFlag)
        .where(SafeguardingFlag.id == flag.id, SafeguardingFlag.acknowledged_at.is_(None))
        .values(acknowledged_at=at, acknowledged_by=user_id, outcome=outcome)
    ).rowcount
    if not done:
        return False
    db.session.add(
        FlagEvent(
            flag_id=flag.id, at=at, kind="acknowledged", user_id=user_id, outcome=outcome, note=note
        )
    )
    db.session.flush()
    db.session.refresh(flag)
    return True


# --- Wiring: the after-response hook and the command ----------------------------------------

_COMMITTED = "gt_safeguarding_flag_committed"


def alert_once_committed() -> None:
    """A new flag was written: alert the duty officer right after this request's response,
    once its transaction has committed (a rollback drops the alert with the flag). Outside a
    request, `flask safeguarding tick` sends it."""
    after_commit(_alert_after_response)


def _alert_after_response() -> None:
    if has_request_context():
        g.setdefault(_COMMITTED, True)


def alert_in_background_of(app: Flask) -> None:
    """Send waiting alerts now, in `app`'s context; never raises (the tick is the safety net)."""
    with app.app_context():
        try:
            alert_new_flags()
        except Exception:
            db.session.rollback()
            log.exception("safeguarding alert after a request failed; the next tick retries")


def _after_request(response: Any) -> Any:
    if g.pop(_COMMITTED, False):
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        # After the body has gone: the child's reply never waits for the mail server.
        response.call_on_close(lambda: alert_in_background_of(app))
    return response


safeguarding_cli = AppGroup("safeguarding", help="Safeguarding alerts.")


@safeguarding_cli.command("tick")
def tick_command() -> None:
    """Alert the duty officer about new flags and escalate unacknowledged ones (run often)."""
    result = tick()
    click.echo(f"{result.alerted} flag(s) alerted, {result.escalated} escalated.")


def init_app(app: Flask) -> None:
    """Add `flask safeguarding tick` and the alert-after-response hook."""
    app.cli.add_command(safeguarding_cli)
    app.after_request(_after_request)
