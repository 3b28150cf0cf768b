"""`sql.run`: statements run on the DBAPI cursor must behave exactly as through SQLAlchemy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import bindparam, insert, select
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
    db.session.flush()  # run() goes straight to the connection: no autoflush
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
    return insert(c).returning(c.c.id)  # column defaults apply: SQLAlchemy's own execution


def test_values_and_rows_are_typed_as_sqlalchemy_types_them(app):
    with app.test_request_context():
        response_id = _conversation(app)
        at = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)
        for status in (ConversationStatus.TIMED_OUT, ConversationStatus.ACTIVE):
            run(
                "test.insert_conversation",
                _insert_conversation,
                {
                    "channel": Channel.SMS,
                    "phone_hash": "h",
                    "response_id": response_id,
                    "status": status,
                    "last_activity_at": at,
                },
            )
        rows = run("test.select", _select, {"phone_hash": "h"}).all()
        assert rows == [(Channel.SMS, ConversationStatus.TIMED_OUT, at, 0)]
        channel, status, when, _reasks = rows[0]
        assert isinstance(channel, Channel) and isinstance(status, ConversationStatus)
        assert when.tzinfo is not None and when == at
        stored = run("test.answer", _answer_value, {"response_id": response_id}).scalar_one()
        assert stored == {"a": [1, "two"]}
        # The ORM reads what the direct path wrote, and the other way round.
        assert (
            db.session.scalar(
                select(Conversation.started_at).where(
                    Conversation.status == ConversationStatus.ACTIVE
                )
            )
            is not None
        )  # the Python-side default was applied by the fallback
        assert db.session.get(Response, response_id).status == ResponseStatus.IN_PROGRESS


def test_results_answer_like_sqlalchemy_results(app):
    with app.test_request_context():
        empty = run("test.select", _select, {"phone_hash": "nobody"})
        assert empty.first() is None and empty.scalar() is None and empty.all() == []
        with pytest.raises(NoResultFound):
            empty.scalar_one()
        claimed = run(
            "test.claim",
            _claim,
            {
                "sid": "SM1",
                "channel": Channel.SMS,
                "phone_hash": "h",
                "received_at": datetime.now(UTC),
            },
        )
        assert claimed.rowcount == 1 and isinstance(claimed.scalar_one(), int)


def test_errors_are_wrapped_as_sqlalchemy_wraps_them(app):
    """once() retries on IntegrityError and the app answers 503 on OperationalError: a DBAPI
    error from the direct path must arrive as SQLAlchemy's, or those would be 500s."""
    values = {"sid": "SM2", "channel": Channel.SMS, "phone_hash": "h", "received_at": None}
    with app.test_request_context():
        values["received_at"] = datetime.now(UTC) - timedelta(seconds=1)
        run("test.claim", _claim, values)
        with pytest.raises(IntegrityError):
            run("test.claim", _claim, values)
        db.session.rollback()
        # The session and its connection carry on after the rollback.
        run("test.claim", _claim, values)
        db.session.commit()
        assert db.session.scalar(select(InboundMessage.sid)) == "SM2"


def test_statements_sqlalchemy_must_run_are_left_to_it(app):
    with app.test_request_context():
        connection = db.session.connection()
        assert sql._Direct.of(_select("x"), connection.dialect) is not None
        assert sql._Direct.of(_claim("x"), connection.dialect) is not None
        assert sql._Direct.of(_insert_conversation("x"), connection.dialect) is None
        c = Conversation.__table__
        expanding = select(c.c.id).where(c.c.phone_hash.in_(bindparam("hashes", expanding=True)))
        assert sql._Direct.of(expanding, connection.dialect) is None
