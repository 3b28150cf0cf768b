"""Work that must wait for the transaction that caused it to commit.

Enqueueing a text or sending an alert before the commit would let a worker look for a row that
is not there yet, or tell the duty officer about a flag a rollback then undoes. Callbacks are
held on the session (`Session.info`, SQLAlchemy's public slot for this) and run after the
outermost commit, or dropped on rollback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.core.extensions import db

_PENDING = "gt_after_commit"

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    _listen_once()


def after_commit(callback: Callable[[], None]) -> None:
    """Run `callback` once the current transaction commits; drop it if it rolls back."""
    db.session.info.setdefault(_PENDING, []).append(callback)


_listening = False


def _listen_once() -> None:
    global _listening
    if _listening:
        return
    _listening = True
    event.listen(db.session, "after_commit", _run_pending)
    event.listen(db.session, "after_rollback", _drop_pending)


def _run_pending(session: Session) -> None:
    # Releasing a savepoint fires after_commit too; only the outermost commit is real.
    if session.in_nested_transaction():
        return
    callbacks = session.info.pop(_PENDING, [])
    for callback in callbacks:
        try:
            callback()
        except Exception:
            # The row is committed and `flask sms tick` re-enqueues lost work: log, carry on.
            log.exception("could not enqueue background work; the next tick will retry")


def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)
