"""The database engine as this service needs it: SQLite tuned for safe concurrent writes, and
pooled connections tested only after they sat idle."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError


def tune_sqlite(engine: Any) -> None:
    """WAL plus BEGIN IMMEDIATE: concurrent writers wait their turn instead of failing."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: an answer we have acknowledged survives a power cut, not just a crash.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


# A pooled connection unused for longer than this is tested before use.
POOL_IDLE_PING_SECONDS = 1.0


def ping_after_idle(engine: Any) -> None:
    """Test a pooled connection before use only if it has sat idle: a database restarted while
    the service was quiet must not fail the next request. (pool_pre_ping tests on every
    checkout: a round trip per request, an eighth of a text's time under load. A connection
    that breaks mid-load fails one request, which invalidates the whole pool.)"""

    @event.listens_for(engine, "checkin")
    def _idle_from(_dbapi_connection: Any, record: Any) -> None:
        record.info["gt_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("gt_idle_since")
        if since is None or time.monotonic() - since < POOL_IDLE_PING_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            # The pool drops this connection and checks out a new one.
            raise DisconnectionError("stale pooled connection") from exc
