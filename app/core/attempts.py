"""Tries at a secret (a password, a second-factor code, a tablet PIN), counted atomically.

Reading a failure count, checking the secret, then writing the count back lets concurrent
tries all read the same count: 40 concurrent wrong passwords had 20 checked before a five-try
lock (issue 15). Here the database hands out the tries, one conditional UPDATE ... RETURNING
each, *before* the secret is checked: the UPDATE only matches a row that is not locked, and the
try that uses up the last one sets the lock in the same statement. On PostgreSQL concurrent
UPDATEs of one row queue on its row lock and re-read it; on SQLite every transaction is
BEGIN IMMEDIATE (app/core/database.py). Either way at most `allowed` secrets are checked per
lock period, however many arrive at once.

Taking a try commits at once, before the slow check (Argon2 takes about 0.1 s of CPU): the try
counts even if the request fails later, and no lock is held while the secret is checked (on
SQLite a transaction holds the database's write lock, so 40 concurrent sign-ins held it for 15
seconds in turn, stalling every survey answer). Callers read what the check needs (the hash)
*before* taking the try: after the commit, reading the row again would open a transaction.

A try is counted when taken and forgotten only by `reset` (a full success) or `give_back`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, literal, or_, update

from app.core.extensions import db


def take_try(
    row: Any,
    count: Any,
    locked_until: Any,
    *,
    allowed: int,
    lock_for: timedelta,
    now: datetime,
) -> int | None:
    """Take one try at `row`'s secret: the number of this try (1..allowed), or None when the
    row is locked. The try numbered `allowed` locks the row until `now + lock_for` (a success
    undoes that with `reset`). `count` and `locked_until` are the model's columns. Commits,
    with anything the request wrote before: call it before writing anything else."""
    model = type(row)
    expired = and_(locked_until.is_not(None), locked_until <= now)
    number = case((expired, 1), else_=count + 1)  # a lock that ran out starts the count again
    statement = (
        update(model)
        .where(model.id == row.id, or_(locked_until.is_(None), locked_until <= now))
        .values(
            {
                count: number,
                locked_until: case(
                    (number >= allowed, literal(now + lock_for, locked_until.type)),
                    else_=literal(None, locked_until.type),
                ),
            }
        )
        .returning(count)
        .execution_options(synchronize_session=False)
    )
    taken = db.session.execute(statement).scalar_one_or_none()
    db.session.commit()  # app/core/transaction.py names this exception to one commit a request
    return taken


def give_back(row: Any, count: Any, locked_until: Any) -> None:
    """Undo one try that turned out right but did not finish (a correct password before its
    second factor): it must not use up one of the tries the second factor gets. Flushes."""
    model = type(row)
    db.session.execute(
        update(model)
        .where(model.id == row.id, count > 0)
        .values({count: count - 1, locked_until: literal(None, locked_until.type)})
        .execution_options(synchronize_session=False)
    )
    db.session.expire(row, [count.key, locked_until.key])


def reset(row: Any, count: Any, locked_until: Any) -> None:
    """A success: the count starts again and any lock ends."""
    setattr(row, count.key, 0)
    setattr(row, locked_until.key, None)
