"""`sql.run` and `sql.built`: cached statements run through SQLAlchemy's public API, on the
session's connection."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import bindparam, event, insert, select
from sqlalchemy.exc import IntegrityError, NoResultFound

from app.core import sql
from app.core.extensions import db
from app.core.sql import run, typed_text
from app.models import (
    Answer,
    Campaign,
    Channel,
    Conversation,
    ConversationStatus,
    InboundMessage,
    Response,
    ResponseStatus,
)


def _conversation(app) -> int:
    campaign = Campaign(slug="c", name="C", survey_key="pledge", survey_version=1)
    db.session.add(campaign)
    db.session.flush()
    response = Response(
        campaign_id=campaign.id, survey_key="pledge", survey_version=1, channel=Channel.SMS
    )
    db.session.add(response)
    db.session.flush()
    db.session.add(Answer(response_id=response.id, question_key="q1", value={"a": [1, "two"]}))
    db.session.flush()  # run() goes to the connection: no autoflush
    return response.id


def _select(_dialect: str):
    c = Conversation.__table__
    return select(c.c.channel, c.c.status, c.c.last_activity_at, c.c.reasks).where(
        c.c.phone_hash == bindparam("phone_hash"),
        c.c.status == ConversationStatus.TIMED_OUT,  # a bound constant, not a parameter
    )


def _claim(_dialect: str):
    table = InboundMessage.__table__
    return typed_text(
        table,
        "INSERT INTO inbound_message (sid, channel, phone_hash, received_at) "
        "VALUES (:sid, :channel, :phone_hash, :received_at) RETURNING id",
        table.c.id,
    )


def _answer_value(_dialect: str):
    a = Answer.__table__
    return select(a.c.value).where(a.c.response_id == bindparam("response_id"))


def _insert_conversation(_dialect: str):
    c = Conversation.__table__
    return insert(c).returning(c.c.id)  # column defaults apply


def test_values_and_rows_are_typed_as_sqlalchemy_types_them(app):
    with app.test_request_context():
        response_id = _conversation(app)
        at = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)
        for status in (ConversationStatus.TIMED_OUT, ConversationStatus.ACTIVE):
            run(
                _insert_conversation,
                {
                    "channel": Channel.SMS,
                    "phone_hash": "h",
                    "response_id": response_id,
                    "status": status,
                    "last_activity_at": at,
                },
            )
        rows = run(_select, {"phone_hash": "h"}).all()
        assert rows == [(Channel.SMS, ConversationStatus.TIMED_OUT, at, 0)]
        channel, status, when, _reasks = rows[0]
        assert isinstance(channel, Channel) and isinstance(status, ConversationStatus)
        assert when.tzinfo is not None and when == at
        stored = run(_answer_value, {"response_id": response_id}).scalar_one()
        assert stored == {"a": [1, "two"]}
        # The ORM reads what run() wrote, and the other way round.
        assert (
            db.session.scalar(
                select(Conversation.started_at).where(
                    Conversation.status == ConversationStatus.ACTIVE
                )
            )
            is not None
        )  # the Python-side default was applied
        assert db.session.get(Response, response_id).status == ResponseStatus.IN_PROGRESS


def test_results_are_sqlalchemy_results(app):
    with app.test_request_context():
        nobody = {"phone_hash": "nobody"}
        assert run(_select, nobody).first() is None and run(_select, nobody).all() == []
        with pytest.raises(NoResultFound):
            run(_select, nobody).scalar_one()
        claimed = run(
            _claim,
            {
                "sid": "SM1",
                "channel": Channel.SMS,
                "phone_hash": "h",
                "received_at": datetime.now(UTC),
            },
        )
        assert isinstance(claimed.scalar_one(), int)


def test_errors_are_wrapped_as_sqlalchemy_wraps_them(app):
    """once() retries on IntegrityError and the app answers 503 on OperationalError: a DBAPI
    error from run() must arrive as SQLAlchemy's, or those would be 500s."""
    values = {"sid": "SM2", "channel": Channel.SMS, "phone_hash": "h", "received_at": None}
    with app.test_request_context():
        values["received_at"] = datetime.now(UTC) - timedelta(seconds=1)
        run(_claim, values)
        with pytest.raises(IntegrityError):
            run(_claim, values)
        db.session.rollback()
        # The session and its connection carry on after the rollback.
        run(_claim, values)
        db.session.commit()
        assert db.session.scalar(select(InboundMessage.sid)) == "SM2"


def test_cursor_events_fire_for_run(app):
    """Statement logging, tracing and timing hook into cursor events: run() must not hide
    statements from them."""
    seen: list[str] = []

    def before(_conn, _cursor, statement, _params, _context, _executemany):
        seen.append(statement)

    values = {"sid": "SM3", "channel": Channel.SMS, "phone_hash": "h"}
    with app.test_request_context():
        event.listen(db.engine, "before_cursor_execute", before)
        try:
            run(_select, {"phone_hash": "h"}).all()
            run(_claim, {**values, "received_at": datetime.now(UTC)})
        finally:
            event.remove(db.engine, "before_cursor_execute", before)
    assert any("FROM conversation" in statement for statement in seen)
    assert any("INSERT INTO inbound_message" in statement for statement in seen)


def test_a_statement_is_built_once_per_builder(app):
    calls: list[str] = []

    def build(dialect: str):
        calls.append(dialect)
        return _answer_value(dialect)

    with app.test_request_context():
        response_id = _conversation(app)
        for _ in range(3):
            assert run(build, {"response_id": response_id}).scalar_one() == {"a": [1, "two"]}
        assert sql.built(build) is sql.built(build)
    assert len(calls) == 1


def test_two_builders_never_share_a_cache_entry(app):
    """Entries are keyed by the builder itself: no name two modules could both pick."""

    def first(_dialect: str):
        return select(bindparam("x", type_=Conversation.__table__.c.reasks.type) + 1)

    def second(_dialect: str):
        return select(bindparam("x", type_=Conversation.__table__.c.reasks.type) + 2)

    second.__name__ = second.__qualname__ = first.__qualname__  # even when named alike
    with app.test_request_context():
        assert sql.built(first) is not sql.built(second)
        assert run(first, {"x": 1}).scalar_one() == 2
        assert run(second, {"x": 1}).scalar_one() == 3


PRIVATE = re.compile(
    r"positiontup|escaped_bind_names|effective_value|_handle_dbapi_exception|re\._parser|sre_parse"
)
ROOT = Path(__file__).resolve().parents[1]


def _private_uses(package: str) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if PRIVATE.search(line)
    ]


@pytest.mark.parametrize("package", ["app", "forms", "surveys"])
def test_shipped_code_uses_no_private_attribute_of_sqlalchemy_or_re(package):
    assert _private_uses(package) == []


def test_analysis_uses_no_private_attribute_of_re():
    assert _private_uses("analysis") == []
