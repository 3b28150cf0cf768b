"""The safeguarding inbox: possible disclosures from every channel, and acknowledging them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from app.core.extensions import db
from app.core.paging import id_arg, page_number
from app.core.phones import vault
from app.core.times import uk_time
from app.core.types import Channel, now_utc
from app.outbound.opt_outs import Reach, reach_among
from app.reading import queue as reading
from app.respondents.models import Respondent
from app.safeguarding import alerts
from app.safeguarding.models import FlagEvent, SafeguardingFlag
from app.staff.audit import record
from app.staff.blueprint import MENU, bp, requires
from app.staff.disclosure_access import KNOWS_WHOSE, READS_DISCLOSURES
from app.staff.models import User
from forms.staff import AcknowledgeForm
from surveys import default_registry
from surveys.vocabulary import OUTCOMES, FlagOutcome

MENU.append((10, "staff.safeguarding", "Safeguarding"))

INBOX_ROLES = tuple(READS_DISCLOSURES)
# Who may see which child it was: the duty service acts on it; others only see the words.
SEES_WHO = KNOWS_WHOSE
PAGE_SIZE = 50
WAITING_LIMIT = 500

EVENT_LABELS = {
    "alerted": "Duty officer alerted",
    "escalated": "Escalated to the second contact",
    "viewed": "Viewed",
    "acknowledged": "Acknowledged",
    "erased": "Young person erased on request: the words are kept, no longer linked to them",
    "exported": "Words included in a subject access download",
}


@dataclass(frozen=True)
class Row:
    flag: SafeguardingFlag
    waiting: str
    acknowledged_by: str | None
    stop: StopNotice | None = None

    @property
    def label(self) -> str:
        return alerts.category_label(self.flag.category)

    @property
    def lado(self) -> bool:
        return "carer_allegation" in (self.flag.categories or [])

    @property
    def channel(self) -> str:
        return channel_text(self.flag)


def channel_text(flag: SafeguardingFlag) -> str:
    if flag.channel in (Channel.SMS, Channel.WHATSAPP) and flag.response_id is None:
        return f"{Channel.label_of(flag.channel)} (not in a survey)"
    return Channel.label_of(flag.channel)


def duration(delta: timedelta) -> str:
    """'4 minutes', '2 hours 5 minutes', '3 days 1 hour': how long someone has waited."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)

    def part(n: int, unit: str) -> str:
        return f"{n} {unit}{'' if n == 1 else 's'}"

    if days:
        return " ".join([part(days, "day")] + ([part(hours, "hour")] if hours else []))
    if hours:
        return " ".join([part(hours, "hour")] + ([part(minutes, "minute")] if minutes else []))
    return "less than a minute" if minutes == 0 else part(minutes, "minute")


def _names(ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(wanted))).all())


_CHANNEL_NAMES = {Channel.SMS: "texts", Channel.WHATSAPP: "WhatsApp"}
_HOW = {Channel.SMS: "text", Channel.WHATSAPP: "WhatsApp"}


@dataclass(frozen=True)
class StopNotice:
    """What the duty officer is told about a sender who replied STOP on some channel: which
    channels they stopped and which still reach them (a call always may)."""

    tag: str  # short, for the inbox list
    sentence: str  # for the flag's own page

    @staticmethod
    def of(reach: Reach | None) -> StopNotice | None:
        stopped = [c for c in _CHANNEL_NAMES if reach is not None and c in reach.stopped]
        if reach is None or not stopped:
            return None
        what = " and ".join(_CHANNEL_NAMES[c] for c in stopped)
        tag = f"Stopped {what}: {' or '.join([*(_HOW[c] for c in reach.channels), 'call'])}"
        said = {
            (Channel.SMS,): "replied STOP to our texts: we cannot text them.",
            (Channel.WHATSAPP,): "replied STOP on WhatsApp: we cannot message them there.",
        }.get(
            tuple(stopped),
            "replied STOP to our texts and on WhatsApp: we cannot text them "
            "or message them on WhatsApp.",
        )
        still = {
            (Channel.SMS,): " Texts (SMS) to the same number still reach them.",
            (Channel.WHATSAPP,): " They agreed to WhatsApp messages and have not stopped them.",
        }.get(reach.channels, "")
        return StopNotice(tag, f"This young person {said}{still}")


def stop_notices(flags: list[SafeguardingFlag]) -> dict[int, StopNotice]:
    """For each flag whose sender replied STOP anywhere (and has not started again there)."""
    reach = reach_among(f.phone_hash for f in flags)
    notices = {f.id: StopNotice.of(reach.get(f.phone_hash or "")) for f in flags}
    return {flag_id: notice for flag_id, notice in notices.items() if notice is not None}


def _rows(flags: list[SafeguardingFlag], now: datetime) -> list[Row]:
    names = _names({f.acknowledged_by for f in flags})
    notices = stop_notices(flags)
    return [
        Row(
            flag,
            duration((flag.acknowledged_at or now) - flag.created_at),
            names.get(flag.acknowledged_by) if flag.acknowledged_by else None,
            stop=notices.get(flag.id),
        )
        for flag in flags
    ]


@bp.get("/safeguarding")
@requires(*INBOX_ROLES)
def safeguarding():
    """List possible disclosures: those waiting first, then acknowledged ones, newest first."""
    now = now_utc()
    page = page_number()
    newest = (SafeguardingFlag.created_at.desc(), SafeguardingFlag.id.desc())
    waiting = db.session.scalars(
        select(SafeguardingFlag)
        .where(SafeguardingFlag.acknowledged_at.is_(None))
        .order_by(*newest)
        .limit(WAITING_LIMIT)
    ).all()
    done_count = db.session.scalar(
        select(func.count())
        .select_from(SafeguardingFlag)
        .where(SafeguardingFlag.acknowledged_at.is_not(None))
    )
    done = db.session.scalars(
        select(SafeguardingFlag)
        .where(SafeguardingFlag.acknowledged_at.is_not(None))
        .order_by(*newest)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    just_done = None
    done_id = id_arg("done")
    if done_id:
        flag = db.session.get(SafeguardingFlag, done_id)
        if flag is not None and flag.outcome is not None:
            just_done = (flag.id, OUTCOMES[flag.outcome][0])
    # "Read today" answers are not alerts: the detector thinks they need a person today, not now.
    read_today, read_today_total = reading.read_today()
    return render_template(
        "staff/safeguarding.html",
        read_today=read_today,
        read_today_total=read_today_total,
        waiting=_rows(list(waiting), now),
        done=_rows(list(done), now),
        outcomes=OUTCOMES,
        page=page,
        has_next=done_count > page * PAGE_SIZE,
        just_done=just_done,
        uk_time=uk_time,
    )


def _where_from(flag: SafeguardingFlag) -> tuple[str | None, str | None]:
    """The survey's title and the question's words, when the flag came from a survey."""
    response = flag.response
    if response is None:
        return None, None
    try:
        definition = default_registry().get(response.survey_key, response.survey_version)
        survey = definition.resolve(response.variant)
    except (KeyError, ValueError):
        return f"{response.survey_key} version {response.survey_version}", flag.question_key
    question = None
    if flag.question_key:
        try:
            question = survey.question(flag.question_key).text
        except KeyError:
            question = flag.question_key
    return f"{survey.title} (version {response.survey_version})", question


def _respondent(flag: SafeguardingFlag) -> Respondent | None:
    if flag.response is not None and flag.response.respondent_id is not None:
        return db.session.get(Respondent, flag.response.respondent_id)
    if flag.phone_hash:
        # A text from outside a survey may still come from a number we know.
        return db.session.scalar(select(Respondent).where(Respondent.phone_hash == flag.phone_hash))
    return None


@bp.route("/safeguarding/<int:flag_id>", methods=["GET", "POST"])
@requires(*INBOX_ROLES)
def safeguarding_flag(flag_id: int):
    """Show one possible disclosure (the viewing is recorded) and take its acknowledgement."""
    flag = db.session.get(SafeguardingFlag, flag_id)
    if flag is None:
        abort(404)
    form = AcknowledgeForm()
    error = None
    if request.method == "POST":
        if flag.acknowledged_at is not None:
            error = "This has already been acknowledged, so nothing was changed"
        elif form.validate_on_submit():
            outcome = FlagOutcome(form.outcome.data)
            if alerts.acknowledge(flag, current_user.id, outcome, form.note.data.strip()):
                record("flag.acknowledged", flag, detail={"outcome": outcome.value})
                return redirect(url_for(".safeguarding", done=flag.id))
            error = "Someone else acknowledged this while you were writing. Your note was not saved"
            db.session.rollback()
            flag = db.session.get(SafeguardingFlag, flag_id)
            assert flag is not None

    sees_who = current_user.role in SEES_WHO
    respondent = _respondent(flag) if sees_who else None
    number_shown = bool(sees_who and flag.phone_encrypted)
    # The page shows the child's words: every showing goes on the audit log and the trail.
    shown = bool(respondent) or number_shown
    record(
        "flag.viewed",
        flag,
        detail={"category": flag.category, "who_shown": shown, "number_shown": number_shown},
    )
    db.session.add(FlagEvent(flag_id=flag.id, kind="viewed", user_id=current_user.id))

    events = db.session.scalars(
        select(FlagEvent).where(FlagEvent.flag_id == flag.id).order_by(FlagEvent.at, FlagEvent.id)
    ).all()
    names = _names({e.user_id for e in events} | {flag.acknowledged_by})
    survey_title, question_text = _where_from(flag)
    return render_template(
        "staff/safeguarding_flag.html",
        flag=flag,
        form=form,
        error=error,
        label=alerts.category_label(flag.category),
        other_labels=[alerts.category_label(c) for c in (flag.categories or [])[1:]],
        lado="carer_allegation" in (flag.categories or []),
        channel=channel_text(flag),
        survey_title=survey_title,
        question_text=question_text,
        sees_who=sees_who,
        respondent=respondent,
        sender_phone=vault().decrypt(flag.phone_encrypted) if number_shown else None,
        stop=stop_notices([flag]).get(flag.id),
        events=events,
        names=names,
        event_labels=EVENT_LABELS,
        outcomes=OUTCOMES,
        waited=duration((flag.acknowledged_at or now_utc()) - flag.created_at),
        uk_time=uk_time,
    )
