"""PostgreSQL dropped the pooled connection while the service was quiet (a restart, a failover,
an idle timeout): the next text is answered, because a connection that sat idle is tested and
replaced before use. Busy connections are not tested on every request (a round trip each);
one that breaks mid-load fails that request with a 503, and the whole pool is replaced.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.engine import make_url

from app.core import database as engine_setup
from app.core.extensions import db
from app.models import Answer
from tests.conversations.twilio_helpers import messages, sms_app, sms_respondent, text

PHONE = "07700 900462"


def _drop_connections(postgres, database: str) -> int:
    with postgres.admin.connect() as conn:
        return len(
            conn.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": database},
            ).all()
        )


@pytest.mark.postgres
def test_connection_dropped_while_idle_is_replaced_before_use(postgres, monkeypatch):
    url = postgres.new_database()
    app = sms_app(url)
    try:
        sms_respondent(app, PHONE, reference="IDLE-1")
        client = app.test_client()
        assert "Q1/13" in messages(text(client, PHONE, "hi"))[0]
        database = make_url(url).database

        # Idle for longer than the threshold (0 here, so no test has to sleep): tested, replaced.
        monkeypatch.setattr(engine_setup, "POOL_IDLE_PING_SECONDS", 0.0)
        assert _drop_connections(postgres, database) >= 1
        assert "Q2/13" in messages(text(client, PHONE, "4"))[0]

        # Busy (never idle that long): used untested, so the request fails and nothing is
        # stored by it; the young person still gets the help numbers (issue 14.8), and the
        # delivery is kept on the job queue (run at once here: the tests' queue is immediate,
        # on a new connection). Twilio's retry as well is processed once: the same reply.
        monkeypatch.setattr(engine_setup, "POOL_IDLE_PING_SECONDS", 3600.0)
        assert _drop_connections(postgres, database) >= 1
        sid = "SM" + "7" * 32
        [static] = messages(text(client, PHONE, "3", sid=sid))
        assert "call 999" in static and "Q3/13" not in static
        assert "Q3/13" in messages(text(client, PHONE, "3", sid=sid))[0]
        with app.app_context():
            answers = db.session.scalars(
                select(Answer.value).where(Answer.question_key == "health_more")
            ).all()
            assert answers == ["3"]  # Q2, in words: once
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
