"""The conversation engine's rows and statements, and `Delivery`, its unit of work.

Every text reads and writes one conversation row and reads its response. They are plain rows
read and written with a few cached statements, not ORM objects: the ORM's loading and unit of
work cost more than all the rest of a text's work. A `Delivery` holds them for one webhook
delivery (or one engine call), and is passed explicitly to whatever reads or writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

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

from analysis import SafeguardingResult
from app.conversations.channels import ContactModel, contact_model
from app.conversations.models import (
    Conversation,
    ConversationStatus,
    InboundMessage,
    SmsContact,
    WhatsAppContact,
)
from app.core.extensions import db
from app.core.sql import dialect_name, run, typed_text
from app.core.types import Channel, now_utc
from app.responses import service as svc
from app.responses.models import Answer, Response, ResponseStatus
from surveys import Question, ResolvedSurvey
from surveys.languages import SOURCE_LANGUAGE

# --- Opting out -------------------------------------------------------------------------------


def contact_for(
    phone_hash: str, channel: Channel = Channel.SMS
) -> SmsContact | WhatsAppContact | None:
    model = contact_model(channel)
    return db.session.scalar(select(model).where(model.phone_hash == phone_hash))


@cache
def _opted_out_for(model: ContactModel) -> Callable[[str], Any]:
    def build(_dialect: str) -> Any:
        contact = model.__table__
        return select(contact.c.opted_out).where(contact.c.phone_hash == bindparam("phone_hash"))

    return build


def is_opted_out(phone_hash: str, channel: Channel = Channel.SMS) -> bool:
    """Every sender asks this before sending (each channel has its own choice)."""
    return bool(run(_opted_out_for(contact_model(channel)), {"phone_hash": phone_hash}).scalar())


def set_opt_out(phone_hash: str, opted_out: bool, channel: Channel = Channel.SMS) -> bool:
    """Record the choice on `channel`; True if it changed anything."""
    contact = contact_for(phone_hash, channel)
    if contact is None:
        contact = contact_model(channel)(phone_hash=phone_hash, opted_out=False)
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


# --- Rows -------------------------------------------------------------------------------------


@dataclass(eq=False)
class ResponseRow:
    """A conversation's response as read with its row: a `svc.ResponseLike`, as the ORM
    `Response` is, so the response service takes either."""

    id: int
    survey_key: str
    survey_version: int
    variant: str | None
    channel: Channel
    status: ResponseStatus
    # The language the conversation is in (surveys.languages); a texter may switch it.
    language: str = SOURCE_LANGUAGE

    @property
    def is_complete(self) -> bool:
        return self.status == ResponseStatus.COMPLETE

    @classmethod
    def of(cls, response: svc.ResponseLike) -> ResponseRow:
        if isinstance(response, ResponseRow):
            return response
        return cls(
            response.id,
            response.survey_key,
            response.survey_version,
            response.variant,
            response.channel,
            response.status,
            getattr(response, "language", None) or SOURCE_LANGUAGE,
        )


def active_key_for(channel: Channel, phone_hash: str) -> str:
    """The key unique to a phone's one active conversation on a channel."""
    return f"{channel.value}:{phone_hash}"


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
    """One conversation row. The `Delivery` that read or started it writes its changes."""

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
    # The response's answers, read with the row; taken by the engine's first look at them.
    answers: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        self.saved = self.state()

    def state(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _STATE)

    @property
    def changed(self) -> bool:
        return self.state() != self.saved

    def end(self, status: ConversationStatus) -> None:
        """Finished or timed out: kept (to resume, if not finished), but no longer active."""
        self.status = status
        self.active_key = None

    def resume(self) -> None:
        """The phone's active conversation again, its question asked afresh."""
        self.status = ConversationStatus.ACTIVE
        self.active_key = active_key_for(self.channel, self.phone_hash)
        self.reasks = 0


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
        r.language,
    ]


def _thread(row: Any) -> Thread:
    cid, channel, phone_hash, *rest = row
    state, response = rest[: len(_STATE)], rest[len(_STATE) :]
    return Thread(cid, channel, phone_hash, ResponseRow(*response), *state)


def _read(row: Any) -> Thread | None:
    """A Thread from `_locked_thread`'s columns (None when they are all null: no conversation)."""
    *columns, answers, fresh = row
    if columns[0] is None:
        return None
    thread = _thread(columns)
    if fresh:
        thread.answers = answers or {}
    return thread


# --- Statements -------------------------------------------------------------------------------
# Module-level builders: `sql.built` keeps one statement per builder and dialect.


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


@cache
def _active_for(model: ContactModel) -> Callable[[str], Any]:
    def build(dialect: str) -> Any:
        locked = _locked_thread(dialect)
        return locked.add_columns(_opted_out_for(model)(dialect).scalar_subquery())

    return build


def _claim_statement(_dialect: str) -> Any:
    table = InboundMessage.__table__
    return typed_text(
        table,
        "INSERT INTO inbound_message (sid, channel, phone_hash, received_at) "
        "VALUES (:sid, :channel, :phone_hash, :received_at) "
        "ON CONFLICT (sid) DO NOTHING RETURNING id",
        table.c.id,
    )


@cache
def _claim_and_read_for(model: ContactModel) -> Callable[[str], Any]:
    def build(dialect: str) -> Any:
        """PostgreSQL: the delivery's claim, the opt-out and the locked conversation in one
        statement. No row when the delivery was claimed before (the conversation is not
        locked)."""
        claimed = _claim_statement(dialect).cte("claimed")
        thread = _locked_thread(dialect).set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)
        active = thread.lateral("active")
        return select(
            claimed.c.id, _opted_out_for(model)(dialect).scalar_subquery(), *active.c
        ).select_from(claimed.outerjoin(active, true()))

    return build


def _stored_reply_statement(_dialect: str) -> Any:
    table = InboundMessage.__table__
    return select(table.c.reply).where(table.c.sid == bindparam("sid"))


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


def _language_statement(_dialect: str) -> Any:
    r = Response.__table__
    return (
        update(r)
        .where(r.c.id == bindparam("response_id"))
        .values(language=bindparam("language", type_=r.c.language.type))
    )


def _insert_statement(_dialect: str) -> Any:
    c = Conversation.__table__
    return insert(c).returning(c.c.id)


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


@cache  # one builder per combination, so each is one cached statement
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


# --- The unit of work -------------------------------------------------------------------------


class Delivery:
    """One webhook delivery's work with the conversation rows, or one engine call's.

    It holds what would otherwise be read again or written statement by statement: the
    phone's conversation as read with the claim, the rows read or started (written once, if
    changed), and with `hold` on PostgreSQL the answer saved, which `write_with_reply` writes
    with the conversation row and the reply in the delivery's last statement.
    """

    def __init__(self, *, hold: bool = False) -> None:
        self.hold = hold
        self.inbound_id: int | None = None
        # (channel, phone hash, conversation, opted out) as read with the claim: serves once.
        self._read_ahead: tuple[Channel, str, Thread | None, bool] | None = None
        self._threads: list[Thread] = []
        self._answer: svc.AnswerWrite | None = None
        # The number the text or call came from: a flag on an answer keeps it (encrypted).
        self.sender: str | None = None

    def _track(self, thread: Thread | None) -> Thread | None:
        if thread is not None:
            self._threads.append(thread)
        return thread

    # Reading

    def claim(self, sid: str, channel: Channel, phone_hash: str) -> bool:
        """Claim a webhook delivery by its id, and read what every text needs first (the
        phone's conversation, locked, and whether it opted out), which `active` then serves.
        False: the delivery was claimed before, by an earlier delivery of the same message or
        one running alongside (which this one waited for)."""
        values = {
            "sid": sid,
            "channel": channel,
            "phone_hash": phone_hash,
            "received_at": now_utc(),
            "active_key": active_key_for(channel, phone_hash),
        }
        if dialect_name() == "postgresql":
            row = run(_claim_and_read_for(contact_model(channel)), values).first()
            if row is None:
                return False
            claimed, opted_out, *locked = row
            thread = self._track(_read(locked))
        else:  # SQLite has no INSERT in a WITH clause: two statements
            claimed = run(_claim_statement, values).scalar()
            if claimed is None:
                return False
            thread, opted_out = self.active(channel, phone_hash)
        self.inbound_id = claimed
        self._read_ahead = (channel, phone_hash, thread, bool(opted_out))
        return True

    def hold_back(self) -> None:
        """Mark the claimed delivery as held back by the rate limit (kept, not answered)."""
        assert self.inbound_id is not None, "hold_back needs a claimed delivery"
        table = InboundMessage.__table__
        db.session.execute(
            update(table).where(table.c.id == self.inbound_id).values(held_back=True)
        )

    @staticmethod
    def stored_reply(sid: str) -> str:
        """The reply given to the delivery that claimed `sid` first."""
        return run(_stored_reply_statement, {"sid": sid}).scalar() or ""

    def active(self, channel: Channel, phone_hash: str) -> tuple[Thread | None, bool]:
        """The phone's live conversation, locked, and whether the phone has opted out:
        together, with the response's answers, as every text needs them."""
        ahead, self._read_ahead = self._read_ahead, None
        if ahead is not None and ahead[:2] == (channel, phone_hash):
            return ahead[2], ahead[3]
        row = run(
            _active_for(contact_model(channel)),
            {"active_key": active_key_for(channel, phone_hash), "phone_hash": phone_hash},
        ).first()
        if row is None:
            return None, is_opted_out(phone_hash, channel)
        *locked, opted_out = row
        return self._track(_read(locked)), bool(opted_out)

    def latest_paused(self, channel: Channel, phone_hash: str) -> Thread | None:
        row = run(_paused_statement, {"channel": channel, "phone_hash": phone_hash}).first()
        return self._track(_thread(row)) if row is not None else None

    def answers_of(self, response: svc.ResponseLike) -> dict[str, Any]:
        self.write_answer()  # a held answer is part of what is read back
        return svc.answers_of(response)

    # Writing

    def start(self, channel: Channel, phone_hash: str, response: svc.ResponseLike) -> Thread:
        """A new conversation on `response`, waiting on its first unanswered question."""
        row = ResponseRow.of(response)
        answers = self.answers_of(row)
        first = svc.survey_for(row).first_unanswered(answers)
        now = now_utc()
        values = {
            "channel": channel,
            "phone_hash": phone_hash,
            "response_id": row.id,
            "question_key": first.key if first else None,
            "reasks": 0,
            "status": ConversationStatus.ACTIVE,
            "active_key": active_key_for(channel, phone_hash),
            "last_text_key": None,
            "last_text_at": None,
            "started_at": now,
            "last_activity_at": now,
        }
        cid = run(_insert_statement, values).scalar_one()
        thread = Thread(cid, channel, phone_hash, row, *(values[name] for name in _STATE))
        thread.answers = answers
        self._threads.append(thread)
        return thread

    def save(self, thread: Thread) -> None:
        """Write the row now if anything changed since it was read or last written."""
        state = thread.state()
        if state == thread.saved:
            return
        run(_save_statement, _save_params(thread, state))
        thread.saved = state

    def save_answer(
        self,
        response: svc.ResponseLike,
        question: Question,
        value: Any,
        meta: dict[str, Any] | None = None,
        safeguarding: SafeguardingResult | None = None,
    ) -> SafeguardingResult | None:
        """`svc.save_answer`; with `hold`, the write waits for `write_with_reply`."""
        self.write_answer()  # an answer held back earlier goes first
        return svc.save_answer(
            response,
            question,
            value,
            meta=meta,
            safeguarding=safeguarding,
            hold=self._hold_answer if self.hold else None,
            sender=self.sender,
            language=ResponseRow.of(response).language,
        )

    def set_language(self, response: ResponseRow, code: str) -> None:
        """Ask the rest of this response in `code` (a texter chose it)."""
        run(_language_statement, {"response_id": response.id, "language": code})
        response.language = code

    def _hold_answer(self, write: svc.AnswerWrite) -> None:
        self._answer = write

    def write_answer(self) -> None:
        """Write a held answer now, before anything reads answers back."""
        write, self._answer = self._answer, None
        if write is not None:
            svc.write_answer(write)

    def submit(
        self, response: svc.ResponseLike, survey: ResolvedSurvey, answers: dict[str, Any]
    ) -> bool:
        self.write_answer()
        return svc.submit(response, survey, answers)

    def write(self) -> None:
        """Write everything held: the answer and every changed row (the caller commits)."""
        self.write_answer()
        for thread in self._threads:
            self.save(thread)

    def write_with_reply(self, reply: str) -> None:
        """Write what is held and the claimed delivery's reply: on PostgreSQL, a text's answer,
        its conversation row and its reply in one statement."""
        assert self.inbound_id is not None, "write_with_reply needs a claimed delivery"
        changed = [t for t in self._threads if t.changed]
        params = {"inbound_id": self.inbound_id, "new_reply": reply}
        if len(changed) > 1 or dialect_name() != "postgresql":
            self.write()
            run(_reply_statement, params)
            return
        answer, self._answer = self._answer, None
        if answer is not None:
            params.update(answer[1])
        state = changed[0].state() if changed else None
        if changed:
            params.update(_save_params(changed[0], state))  # type: ignore[arg-type]
        run(_last_statement(answer[0] if answer else None, bool(changed)), params)
        if changed:
            changed[0].saved = state  # type: ignore[assignment]


@contextmanager
def unit_of_work(delivery: Delivery | None) -> Iterator[Delivery]:
    """The caller's delivery, which the caller writes (`write_with_reply`); or, without one, a
    unit of work for one engine call, written when the call returns (the caller commits)."""
    if delivery is not None:
        yield delivery
        return
    work = Delivery()
    yield work
    work.write()
