"""Surveys as conversations by text message or phone call: one engine for SMS and voice.

The engine holds where each phone is (a Conversation row), reads a reply against the question
it is waiting on, stores answers through the same service as the web, and runs every message
through safeguarding first: a possible disclosure is answered at once with who can help,
whatever state the conversation is in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from flask import current_app
from sqlalchemy import (
    JSON,
    LABEL_STYLE_TABLENAME_PLUS_COL,
    bindparam,
    func,
    insert,
    literal_column,
    select,
    true,
    update,
)

from analysis import SafeguardingResult, assess
from app.campaigns.models import Campaign, Invitation
from app.conversations.models import Conversation, ConversationStatus, InboundMessage, SmsContact
from app.core.extensions import db
from app.core.phones import vault
from app.core.sql import dialect_name, holding_writes, run, typed_text, writes_held
from app.core.types import Channel, now_utc
from app.respondents.models import Respondent
from app.responses import service as svc
from app.responses.models import Answer, Response, ResponseStatus
from surveys import AnswerError, Question, ResolvedSurvey
from surveys.sms import (
    parse_keypad,
    parse_reply,
    sms_prompt,
    sms_segments,
    to_gsm7,
    voice_prompt,
)

P = ParamSpec("P")
R = TypeVar("R")

STOP_WORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit"})
START_WORDS = frozenset({"start", "unstop"})
HELP_WORDS = frozenset({"help", "info"})
# A second text within this time after a free-text answer is the rest of that answer.
CONTINUATION_WINDOW = timedelta(minutes=3)


@dataclass
class Outcome:
    """What to say back: notes first, then the awaited question, rendered per channel."""

    notes: list[str] = field(default_factory=list)
    question: Question | None = None
    position: tuple[int, int] | None = None
    reask: str | None = None  # kind words about a reply we could not read
    attempt: int = 0  # times this question has been asked again; part of voice callback URLs
    finished: bool = False
    flagged: bool = False

    def sms(self) -> list[str]:
        """Text messages, joined into one where they fit in a single segment."""
        parts = list(self.notes)
        if self.reask:
            parts.append(self.reask)
        elif self.question is not None:
            parts.append(sms_prompt(self.question, *(self.position or (None, None))))
        joined = " ".join(parts)
        return [joined] if parts and sms_segments(joined) == 1 else parts

    def voice(self) -> list[str]:
        """What the voice says, in order."""
        parts = list(self.notes)
        if self.reask:
            parts.append("Sorry, I didn't get that.")
        if self.question is not None:
            parts.append(voice_prompt(self.question))
        return parts


def keyword(text: str) -> str:
    return text.strip().strip(".!").lower()


def support_text() -> str:
    """The configured help numbers, short enough for a text message."""
    contacts = current_app.config["SUPPORT_CONTACTS"]
    return to_gsm7("; ".join(f"{c['name']}: {c['phone']}" for c in contacts[:3]))


def safety_message() -> str:
    return (
        "Thank you for telling us. If you are in danger now call 999. "
        f"{support_text()}. A person from our team will read your message."
    )


def help_message() -> str:
    council = current_app.config["COUNCIL_NAME"]
    return to_gsm7(
        f"{council} Children's Services survey. Need help now? {support_text()}. "
        "Reply STOP to stop texts."
    )


def contact_for(phone_hash: str) -> SmsContact | None:
    return db.session.scalar(select(SmsContact).where(SmsContact.phone_hash == phone_hash))


def _opted_out_statement(_dialect: str) -> Any:
    contact = SmsContact.__table__
    return select(contact.c.opted_out).where(contact.c.phone_hash == bindparam("phone_hash"))


def is_opted_out(phone_hash: str) -> bool:
    """Every sender asks this before sending."""
    return bool(run("sms.opted_out", _opted_out_statement, {"phone_hash": phone_hash}).scalar())


def _set_opt_out(phone_hash: str, opted_out: bool) -> bool:
    """Record the choice; True if it changed anything."""
    contact = contact_for(phone_hash)
    if contact is None:
        contact = SmsContact(phone_hash=phone_hash, opted_out=False)
        db.session.add(contact)
    if contact.opted_out == opted_out:
        return False
    contact.opted_out = opted_out
    if opted_out:
        contact.opted_out_at = now_utc()
    else:
        contact.opted_in_at = now_utc()
    db.session.flush()
    return True


# --- Conversation rows ------------------------------------------------------------------------
# Every text reads and writes one conversation row and reads its response. They are plain rows
# read and written with a few cached statements, not ORM objects: the ORM's loading and unit of
# work cost more than all the rest of a text's work.


@dataclass(eq=False)
class ResponseRow:
    """What the engine needs of a conversation's response (svc functions take it as a Response)."""

    id: int
    survey_key: str
    survey_version: int
    variant: str | None
    channel: Channel
    status: ResponseStatus

    @property
    def is_complete(self) -> bool:
        return self.status == ResponseStatus.COMPLETE

    @classmethod
    def of(cls, response: Response) -> ResponseRow:
        return cls(
            response.id,
            response.survey_key,
            response.survey_version,
            response.variant,
            response.channel,
            response.status,
        )


_STATE = (
    "question_key",
    "reasks",
    "status",
    "active_key",
    "last_text_key",
    "last_text_at",
    "last_activity_at",
)


@dataclass(eq=False)
class Thread:
    """One conversation row. Its changes are written at the end of each engine call (or by
    `write_with_reply`, inside `held_writes`)."""

    id: int
    channel: Channel
    phone_hash: str
    response: ResponseRow
    question_key: str | None
    reasks: int
    status: ConversationStatus
    active_key: str | None
    last_text_key: str | None
    last_text_at: datetime | None
    last_activity_at: datetime
    saved: tuple[Any, ...] = ()
    # The response's answers, read with the row; taken by the first `_survey_state`.
    answers: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        self.saved = self.state()
        db.session.info.setdefault(_THREADS, []).append(self)

    def state(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _STATE)


_THREADS = "gt_conversation_threads"


def _thread_columns() -> list[Any]:
    c, r = Conversation.__table__.c, Response.__table__.c
    return [
        c.id,
        c.channel,
        c.phone_hash,
        *(c[name] for name in _STATE),
        r.id,
        r.survey_key,
        r.survey_version,
        r.variant,
        r.channel,
        r.status,
    ]


def _thread(row: Any) -> Thread:
    cid, channel, phone_hash, *rest = row
    state, response = rest[: len(_STATE)], rest[len(_STATE) :]
    return Thread(cid, channel, phone_hash, ResponseRow(*response), *state)


def _locked_thread(dialect: str) -> Any:
    """The phone's live conversation with its response and answers, locked, so two texts from
    one phone are read one after the other."""
    c, r, a = Conversation.__table__, Response.__table__, Answer.__table__
    if dialect == "postgresql":
        answers = func.json_object_agg(a.c.question_key, a.c.value, type_=JSON)
        # After waiting for the lock on a row another text changed, PostgreSQL returns the
        # row's new version, but subqueries still see the statement's snapshot, so the answers
        # would be stale. The row's version as of that snapshot tells whether that happened.
        seen = c.alias("seen")
        fresh = literal_column("conversation.xmin::text") == (
            select(literal_column("seen.xmin::text")).where(seen.c.id == c.c.id).scalar_subquery()
        )
    else:  # SQLite: BEGIN IMMEDIATE, so nothing changes between the statements of a text
        answers = func.json_group_object(a.c.question_key, func.json(a.c.value), type_=JSON)
        fresh = true()
    return (
        select(
            *_thread_columns(),
            select(answers).where(a.c.response_id == c.c.response_id).scalar_subquery(),
            fresh,
        )
        .select_from(c.join(r, r.c.id == c.c.response_id))
        .where(c.c.active_key == bindparam("active_key"))
        .with_for_update(of=c)
    )


def _active_statement(dialect: str) -> Any:
    locked = _locked_thread(dialect)
    return locked.add_columns(_opted_out_statement(dialect).scalar_subquery())


def _claim_statement(_dialect: str) -> Any:
    table = InboundMessage.__table__
    return typed_text(
        table,
        "INSERT INTO inbound_message (sid, channel, phone_hash, received_at) "
        "VALUES (:sid, :channel, :phone_hash, :received_at) "
        "ON CONFLICT (sid) DO NOTHING RETURNING id",
        table.c.id,
    )


def _claim_and_read_statement(dialect: str) -> Any:
    """PostgreSQL: the delivery's claim, the opt-out and the locked conversation in one
    statement. No row when the delivery was claimed before (the conversation is not locked)."""
    claimed = _claim_statement(dialect).cte("claimed")
    thread = _locked_thread(dialect).set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)
    active = thread.lateral("active")
    return select(
        claimed.c.id, _opted_out_statement(dialect).scalar_subquery(), *active.c
    ).select_from(claimed.outerjoin(active, true()))


def _read(row: Any) -> Thread | None:
    """A Thread from `_locked_thread`'s columns (None when they are all null: no conversation)."""
    *columns, answers, fresh = row
    if columns[0] is None:
        return None
    thread = _thread(columns)
    if fresh:
        thread.answers = answers or {}
    return thread


_READ_AHEAD = "gt_conversation_read_ahead"


def claim(sid: str, channel: Channel, phone_hash: str) -> int | None:
    """Claim a webhook delivery by its id, and read what every text needs first (the phone's
    conversation, locked, and whether it opted out); the engine call that follows takes that
    read instead of making it again. None: the delivery was claimed before, by an earlier
    delivery of the same message or one running alongside (which this one waited for)."""
    info = db.session.info
    info.pop(_READ_AHEAD, None)
    values = {
        "sid": sid,
        "channel": channel.value,
        "phone_hash": phone_hash,
        "received_at": now_utc(),
        "active_key": f"{channel.value}:{phone_hash}",
    }
    if dialect_name() == "postgresql":
        row = run("delivery.claim_and_read", _claim_and_read_statement, values).first()
        if row is None:
            return None
        claimed, opted_out, *locked = row
        thread = _read(locked)
    else:  # SQLite has no INSERT in a WITH clause: two statements
        claimed = run("delivery.claim", _claim_statement, values).scalar()
        if claimed is None:
            return None
        thread, opted_out = _active_and_opted_out(channel, phone_hash)
    info[_READ_AHEAD] = ((channel, phone_hash), thread, bool(opted_out))
    return claimed


def _active_and_opted_out(channel: Channel, phone_hash: str) -> tuple[Thread | None, bool]:
    """The phone's live conversation, locked, and whether the phone has opted out: together,
    with the response's answers, as every text needs them."""
    ahead = db.session.info.pop(_READ_AHEAD, None)
    if ahead is not None and ahead[0] == (channel, phone_hash):
        return ahead[1], ahead[2]
    row = run(
        "conversation.active",
        _active_statement,
        {"active_key": f"{channel.value}:{phone_hash}", "phone_hash": phone_hash},
    ).first()
    if row is None:
        return None, is_opted_out(phone_hash)
    *locked, opted_out = row
    return _read(locked), bool(opted_out)


def _active(channel: Channel, phone_hash: str) -> Thread | None:
    return _active_and_opted_out(channel, phone_hash)[0]


def _paused_statement(_dialect: str) -> Any:
    c, r = Conversation.__table__, Response.__table__
    return (
        select(*_thread_columns())
        .select_from(c.join(r, r.c.id == c.c.response_id))
        .where(
            c.c.channel == bindparam("channel"),
            c.c.phone_hash == bindparam("phone_hash"),
            c.c.status == ConversationStatus.TIMED_OUT,
        )
        .order_by(c.c.last_activity_at.desc())
        .limit(1)
    )


def _latest_paused(channel: Channel, phone_hash: str) -> Thread | None:
    row = run(
        "conversation.paused", _paused_statement, {"channel": channel, "phone_hash": phone_hash}
    ).first()
    return _thread(row) if row is not None else None


def _save_statement(_dialect: str) -> Any:
    c = Conversation.__table__
    return (
        update(c)
        .where(c.c.id == bindparam("conversation_id"))
        .values({name: bindparam(f"new_{name}", type_=c.c[name].type) for name in _STATE})
    )


def _save_params(thread: Thread, state: tuple[Any, ...]) -> dict[str, Any]:
    values = {f"new_{name}": value for name, value in zip(_STATE, state, strict=True)}
    return {"conversation_id": thread.id, **values}


def _save(thread: Thread) -> None:
    """Write the row if anything changed since it was read or last written."""
    state = thread.state()
    if state == thread.saved:
        return
    run("conversation.save", _save_statement, _save_params(thread, state))
    thread.saved = state


def _save_all() -> None:
    for thread in db.session.info.pop(_THREADS, []):
        _save(thread)


def _writes_back(engine_call: Callable[P, R]) -> Callable[P, R]:
    """Write every conversation row the call changed before returning (the caller commits),
    unless inside `held_writes`."""

    @wraps(engine_call)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        info = db.session.info
        holding = writes_held()
        if not holding:
            info.pop(_THREADS, None)
        try:
            result = engine_call(*args, **kwargs)
        except BaseException:
            info.pop(_THREADS, None)
            raise
        if not holding:
            _save_all()
        return result

    return wrapper


@contextmanager
def held_writes() -> Iterator[None]:
    """Engine calls inside leave their conversation writes, and on PostgreSQL the answer they
    save, to `write_with_reply`."""
    info = db.session.info
    info.pop(_THREADS, None)
    svc.take_pending_answer()  # from an attempt that failed: rolled back
    try:
        with holding_writes():
            yield
    except BaseException:
        info.pop(_THREADS, None)
        svc.take_pending_answer()
        raise
    finally:
        info.pop(_READ_AHEAD, None)  # a `claim` read the engine call did not take


def _reply_statement(_dialect: str) -> Any:
    table = InboundMessage.__table__
    return (
        update(table)
        .where(table.c.id == bindparam("inbound_id"))
        .values(reply=bindparam("new_reply", type_=table.c.reply.type))
    )


_SETS = ", ".join(f"{name} = :new_{name}" for name in _STATE)
_CONVERSATION_CTE = (
    f"conversation_saved AS (UPDATE conversation SET {_SETS} "  # noqa: S608 - constant SQL
    "WHERE id = :conversation_id)"
)
_REPLY_SQL = "UPDATE inbound_message SET reply = :new_reply WHERE id = :inbound_id"


def _last_statement(answer: str | None, conversation: bool) -> Callable[[str], Any]:
    """PostgreSQL: the held answer (of this kind, if any), the conversation row (if changed)
    and the delivery's reply, in one statement."""

    def build(_dialect: str) -> Any:
        c = Conversation.__table__
        ctes = list(svc.answer_ctes(answer)) if answer else []
        if conversation:
            ctes.append(_CONVERSATION_CTE)
        sql = f"WITH {', '.join(ctes)} {_REPLY_SQL}" if ctes else _REPLY_SQL
        types = {f"new_{name}": c.c[name].type for name in _STATE}
        types["new_reply"] = InboundMessage.__table__.c.reply.type
        return typed_text(svc.ANSWER_TABLES, sql, types=types)

    return build


def write_with_reply(inbound_id: int, reply: str) -> None:
    """Write what the engine held back and a delivery's reply: on PostgreSQL, a text's answer,
    its conversation row and its reply in one statement."""
    changed = [t for t in db.session.info.pop(_THREADS, []) if t.state() != t.saved]
    params = {"inbound_id": inbound_id, "new_reply": reply}
    if len(changed) <= 1 and dialect_name() == "postgresql":
        pending = svc.take_pending_answer()
        answer = pending[0] if pending else None
        if pending:
            params.update(pending[1])
        if changed:
            [thread] = changed
            state = thread.state()
            params.update(_save_params(thread, state))
        run(
            f"delivery.last.{answer}.{bool(changed)}",
            _last_statement(answer, bool(changed)),
            params,
        )
        if changed:
            thread.saved = state
        return
    svc.write_pending_answer()
    for thread in changed:
        _save(thread)
    run("inbound.reply", _reply_statement, params)


def _open_invitation(respondent: Respondent) -> Invitation | None:
    """The newest invitation this person can still answer."""
    now = now_utc()
    for invitation in sorted(respondent.invitations, key=lambda i: i.created_at, reverse=True):
        if not invitation.campaign.is_open(now):
            continue
        if invitation.expires_at and now >= invitation.expires_at:
            continue
        if invitation.response is not None and invitation.response.is_complete:
            continue
        return invitation
    return None


def _insert_statement(_dialect: str) -> Any:
    c = Conversation.__table__
    return insert(c).returning(c.c.id)


def _start(channel: Channel, phone_hash: str, response: Response | ResponseRow) -> Thread:
    row = response if isinstance(response, ResponseRow) else ResponseRow.of(response)
    survey = svc.survey_for(row)
    answers = svc.answers_of(row)
    first = survey.first_unanswered(answers)
    now = now_utc()
    values = {
        "channel": channel,
        "phone_hash": phone_hash,
        "response_id": row.id,
        "question_key": first.key if first else None,
        "reasks": 0,
        "status": ConversationStatus.ACTIVE,
        "active_key": f"{channel.value}:{phone_hash}",
        "last_text_key": None,
        "last_text_at": None,
        "started_at": now,
        "last_activity_at": now,
    }
    cid = run("conversation.insert", _insert_statement, values).scalar_one()
    thread = Thread(cid, channel, phone_hash, row, *(values[name] for name in _STATE))
    thread.answers = answers
    return thread


@_writes_back
def start_practice(campaign: Campaign, phone: str, variant: str | None) -> Outcome:
    """Development chat page: an anonymous response on any open campaign, as if by SMS."""
    phone_hash = vault().hash(phone)
    existing = _active(Channel.SMS, phone_hash)
    if existing is not None:
        _finish(existing, ConversationStatus.TIMED_OUT)
    response, _token = svc.start_anonymous(
        campaign,
        variant,
        f"practice:{phone_hash}:{now_utc().isoformat()}",
        current_app.config["SECRET_KEY"],
        Channel.SMS,
    )
    conversation = _start(Channel.SMS, phone_hash, response)
    return _prompt_current(conversation, "Hi! Thanks for helping us.")


@_writes_back
def open_for_invitation(invitation: Invitation, channel: Channel = Channel.SMS) -> str:
    """Start the SMS conversation an invitation asks for; returns the first text to send."""
    respondent = invitation.respondent
    if not respondent.phone_hash:
        raise ValueError("respondent has no phone number")
    existing = _active(channel, respondent.phone_hash)
    if existing is not None:
        _finish(existing, ConversationStatus.TIMED_OUT)
    response = svc.start_for_invitation(svc.Access(invitation.campaign, invitation, None), channel)
    conversation = _start(channel, respondent.phone_hash, response)
    return " ".join(_prompt_current(conversation, invitation_intro()).sms())


def invitation_intro() -> str:
    """How a text inviting someone to a survey begins."""
    return to_gsm7(f"Hi, it's {current_app.config['COUNCIL_NAME']} Children's Services.")


def _finish(conversation: Thread, status: ConversationStatus, *, write: bool = True) -> None:
    """`write=False` leaves the row to be written with the call's other changes."""
    conversation.status = status
    conversation.active_key = None
    if write:
        _save(conversation)


def _survey_state(conversation: Thread) -> tuple[ResolvedSurvey, dict[str, Any]]:
    # Answers read with the row serve once: after that this text may have changed them.
    answers, conversation.answers = conversation.answers, None
    if answers is None:
        answers = svc.answers_of(conversation.response)
    return svc.survey_for(conversation.response), answers


def _prompt_current(
    conversation: Thread,
    lead: str = "",
    state: tuple[ResolvedSurvey, dict[str, Any]] | None = None,
) -> Outcome:
    # `state`: the caller's survey and answers, already up to date (saves a query per text).
    survey, answers = state or _survey_state(conversation)
    return prompt(survey, answers, conversation.question_key, lead, conversation.reasks)


def prompt(
    survey: ResolvedSurvey,
    answers: dict[str, Any],
    question_key: str | None,
    lead: str = "",
    attempt: int = 0,
) -> Outcome:
    """What to say to ask `question_key` (after `lead`), with its place among the questions
    these answers leave visible; only `lead` when there is no question left."""
    notes = [lead] if lead else []
    if question_key is None:
        return Outcome(notes)
    question = survey.question(question_key)
    visible = [q.key for q in survey.visible_questions(answers)]
    position = (visible.index(question.key) + 1, len(visible)) if question.key in visible else None
    return Outcome(notes, question=question, position=position, attempt=attempt)


def _advance(conversation: Thread, survey: ResolvedSurvey, answers: dict[str, Any]) -> Outcome:
    following = survey.next_question(answers, conversation.question_key)
    conversation.reasks = 0
    if following is None:
        svc.submit(conversation.response, survey, answers)
        conversation.question_key = None
        _finish(conversation, ConversationStatus.FINISHED, write=False)
        return Outcome(
            [
                "Thank you, that's everything. Your answers have been sent to the team, without "
                "your name. We'll tell you what we change because of what you said."
            ],
            finished=True,
        )
    conversation.question_key = following.key
    return _prompt_current(conversation, state=(survey, answers))


def _record_safety(
    text: str,
    result: SafeguardingResult,
    channel: Channel,
    phone: str,
    source_key: str,
    conversation: Thread | None,
) -> None:
    svc.record_flag(
        text,
        result,
        channel=channel,
        source_key=source_key,
        response=conversation.response if conversation else None,
        question_key=conversation.question_key if conversation else None,
        phone_hash=vault().hash(phone),
        # Outside a survey the number is the only way duty staff can reach the sender.
        phone_encrypted=vault().encrypt(phone) if conversation is None else None,
    )


def _begin(
    channel: Channel, phone_hash: str, active: Thread | None | bool = False
) -> tuple[Thread | None, str]:
    """Find or start the conversation for a phone; also says why there is none.

    `active`: the phone's active conversation when the caller has just looked it up.
    """
    conversation = _active(channel, phone_hash) if active is False else active
    if conversation is not None:
        if conversation.response.is_complete:
            _finish(conversation, ConversationStatus.FINISHED)
            conversation = None
        else:
            timeout = timedelta(hours=current_app.config["SMS_CONVERSATION_TIMEOUT_HOURS"])
            if now_utc() - conversation.last_activity_at > timeout:
                _finish(conversation, ConversationStatus.TIMED_OUT)
                return _resume(conversation), "resumed"
            return conversation, "active"
    paused = _latest_paused(channel, phone_hash)
    if paused is not None and not paused.response.is_complete:
        return _resume(paused), "resumed"
    respondent = db.session.scalar(select(Respondent).where(Respondent.phone_hash == phone_hash))
    if respondent is not None:
        invitation = _open_invitation(respondent)
        if invitation is not None:
            access = svc.Access(invitation.campaign, invitation, invitation.response)
            response = svc.start_for_invitation(access, channel)
            return _start(channel, phone_hash, response), "started"
    slug = current_app.config["SMS_OPEN_CAMPAIGN"]
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug)) if slug else None
    if campaign is not None and campaign.is_open(now_utc()):
        response, _token = svc.start_anonymous(
            campaign,
            _default_variant(campaign),
            f"{channel.value}:{phone_hash}:{now_utc().isoformat()}",
            current_app.config["SECRET_KEY"],
            channel,
        )
        return _start(channel, phone_hash, response), "started"
    return None, "unknown"


def _default_variant(campaign: Campaign) -> str | None:
    from surveys import default_registry

    definition = default_registry().get(campaign.survey_key, campaign.survey_version)
    return "teen" if "teen" in definition.variants else next(iter(definition.variants), None)


def _resume(conversation: Thread) -> Thread:
    conversation.status = ConversationStatus.ACTIVE
    conversation.active_key = f"{conversation.channel.value}:{conversation.phone_hash}"
    conversation.reasks = 0
    _save(conversation)
    return conversation


@_writes_back
def handle_sms(phone: str, body: str, source_key: str) -> Outcome:
    """One inbound text message; the caller stores the reply for redelivery and commits."""
    phone_hash = vault().hash(phone)
    text = body.strip()
    word = keyword(text)
    result = assess(text) if text else None
    flagged = bool(result and result.flagged)

    if word in STOP_WORDS:
        changed = _set_opt_out(phone_hash, True)
        conversation = _active(Channel.SMS, phone_hash)
        if conversation is not None:
            _finish(conversation, ConversationStatus.TIMED_OUT)  # kept, to resume on START
        if not changed:
            return Outcome()  # confirmed once already: say nothing more
        return Outcome(
            [
                "You won't get any more texts from us. Reply START if you change your mind. "
                f"Need help now? {support_text()}"
            ]
        )
    active, opted_out = _active_and_opted_out(Channel.SMS, phone_hash)
    if opted_out:
        if word in START_WORDS or word == "yes":
            _set_opt_out(phone_hash, False)
            conversation, _how = _begin(Channel.SMS, phone_hash, active)
            if conversation is None:
                return Outcome(["Welcome back. You'll get our texts again. Reply STOP to stop."])
            conversation.last_activity_at = now_utc()
            return _prompt_current(conversation, "Welcome back. Here's where you left off:")
        if flagged and result:
            # They asked us not to text, so we cannot reply; a person still has to know.
            _record_safety(text, result, Channel.SMS, phone, source_key, None)
        return Outcome(flagged=flagged)

    if word in HELP_WORDS:
        conversation = active
        if conversation is not None and conversation.question_key:
            outcome = _prompt_current(conversation, "To carry on:")
            outcome.notes.insert(0, help_message())
            return outcome
        return Outcome([help_message()])

    conversation, how = _begin(Channel.SMS, phone_hash, active)
    if conversation is None:
        if flagged and result:
            _record_safety(text, result, Channel.SMS, phone, source_key, None)
            return Outcome([safety_message()], flagged=True)
        council = current_app.config["COUNCIL_NAME"]
        return Outcome(
            [
                to_gsm7(
                    f"Hi, this is {council} Children's Services. We don't have a survey for "
                    f"this number right now. Need help now? {support_text()}"
                )
            ]
        )
    if how == "started":
        outcome = _prompt_current(conversation, "Hi! Thanks for helping us.")
    elif how == "resumed":
        outcome = _prompt_current(conversation, "Welcome back. Here's where you left off:")
    else:
        outcome = _answer(conversation, text, result, source_key, keypad=False)
    # Set after the answer is read, so it goes in the same UPDATE as the new question.
    conversation.last_activity_at = now_utc()
    if flagged and result:
        if how != "active" or not outcome.flagged:
            _record_safety(text, result, Channel.SMS, phone, source_key, conversation)
        outcome.notes.insert(0, safety_message())
        outcome.flagged = True
    return outcome


def _answer(
    conversation: Thread,
    text: str,
    result: SafeguardingResult | None,
    source_key: str,
    *,
    keypad: bool,
    meta: dict[str, Any] | None = None,
) -> Outcome:
    """Read a reply against the awaited question: store and move on, or ask again kindly."""
    survey, answers = _survey_state(conversation)
    if conversation.question_key is None:
        return _advance(conversation, survey, answers)
    question = survey.question(conversation.question_key)
    try:
        value = parse_keypad(question, text) if keypad else parse_reply(question, text)
    except AnswerError as problem:
        if _continues_free_text(conversation, survey, answers, text):
            return Outcome()  # the second half of a long answer: nothing to ask yet
        if conversation.reasks == 0:
            conversation.reasks = 1
            return Outcome(question=question, reask=str(problem), attempt=1)
        # Asked twice: store nothing for it and move on rather than trap them here.
        svc.save_answer(conversation.response, question, None, meta={"unparsed": True})
        answers[question.key] = None
        outcome = _advance(conversation, survey, answers)
        outcome.notes.insert(0, "No problem, let's move on.")
        return outcome
    flag_here = question.own_words and bool(value)
    svc.save_answer(
        conversation.response,
        question,
        value,
        meta=meta,
        safeguarding=result if flag_here else None,
    )
    if flag_here:
        conversation.last_text_key = question.key
        conversation.last_text_at = now_utc()
    answers[question.key] = value
    outcome = _advance(conversation, survey, answers)
    outcome.flagged = bool(flag_here and result and result.flagged)
    return outcome


def _continues_free_text(
    conversation: Thread, survey: ResolvedSurvey, answers: dict[str, Any], text: str
) -> bool:
    """Join a second part of a long free-text answer to the first, instead of mis-reading it."""
    key, at = conversation.last_text_key, conversation.last_text_at
    if not key or at is None or now_utc() - at > CONTINUATION_WINDOW or not text:
        return False
    question = survey.question(key)
    joined = f"{answers.get(key) or ''} {text}".strip()
    if len(joined) > (question.max_length or 2000):
        return False
    svc.save_answer(conversation.response, question, joined)
    conversation.last_text_at = now_utc()
    return True


def warm_up() -> None:
    """Load now what the first text in a process would otherwise load while someone waits for
    a reply (about half a second): the text analysis models, survey definitions, phone number
    metadata and the ORM's mapper configuration. Needs no app or database."""
    from sqlalchemy.orm import configure_mappers

    from analysis.pipeline import analyse
    from app.core.phones import normalise
    from surveys import default_registry

    analyse("I like my school and my social worker helps me")
    assess("warm up")
    for definition in default_registry().all():
        for variant in definition.variants or [None]:
            survey = definition.resolve(variant)
            if survey.questions:
                sms_prompt(survey.questions[0], 1, len(survey.questions))
    normalise("07700 900000")
    configure_mappers()  # else the first ORM statement in each worker does it


# --- Voice ----------------------------------------------------------------------------------


@_writes_back
def start_call(phone: str) -> Outcome | None:
    """A call came in: the question to ask first, or None when there is no survey for them."""
    phone_hash = vault().hash(phone)
    conversation, _how = _begin(Channel.VOICE, phone_hash)
    if conversation is None:
        return None
    conversation.last_activity_at = now_utc()
    return _prompt_current(conversation)


@_writes_back
def handle_voice(
    phone: str,
    question_key: str,
    *,
    digits: str | None,
    speech: str | None,
    confidence: float | None,
    silent: bool,
    source_key: str,
) -> Outcome:
    """One keypad press, spoken answer or silence on a call."""
    phone_hash = vault().hash(phone)
    conversation = _active(Channel.VOICE, phone_hash)
    if conversation is None:
        return Outcome(finished=True)
    conversation.last_activity_at = now_utc()
    if conversation.question_key != question_key:
        return _prompt_current(conversation)  # a stale retry: ask what we are really waiting on
    survey, answers = _survey_state(conversation)
    question = survey.question(question_key)
    if silent:
        if conversation.reasks == 0:
            conversation.reasks = 1
            return _prompt_current(conversation, "Sorry, I didn't hear anything.")
        skipped = question.skipped_value
        svc.save_answer(conversation.response, question, skipped, meta={"silent": True})
        answers[question.key] = skipped
        return _advance(conversation, survey, answers)
    text = question.voice_answer(digits, speech)
    result = assess(text) if question.own_words and text else None
    meta = {"source": "speech", "confidence": confidence} if speech is not None else None
    outcome = _answer(conversation, text, result, source_key, keypad=True, meta=meta)
    if result and result.flagged:
        outcome.notes.insert(0, safety_message())
        outcome.flagged = True
    return outcome
