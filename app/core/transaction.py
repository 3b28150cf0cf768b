"""One transaction per request, and work that must wait for that transaction to commit.

A request commits once, after its view (or the error handler that answered instead) has
returned and before the response goes out, the pattern of Indico's RH.process: a commit that
fails becomes an error page, never a success page for work that was not saved. A view that
raises has everything it wrote rolled back before its error handler runs; what the handler
itself writes (an audit row, a tablet participant forgotten) is committed like a view's work.
Views never call commit() themselves (tests/test_request_transaction.py checks).

The hook is `Flask.finalize_request`: every response built from a view, a before_request hook or
an error handler passes through it before the after_request hooks and the session cookie, so
the commit comes first and the cookie is only saved once the data it points at is. When the
commit fails the browser keeps the cookie it sent (a sign-in whose audit row was not written
does not stay signed in).

Code that commits for itself, each for a reason:
- the Twilio webhooks' once()/claim (app/conversations/webhooks.py): the claim of a delivery
  id and the reply stored for redeliveries commit together, and a race on a new conversation
  is retried inside the request, which needs its own transaction boundaries;
- background jobs (app/outbound/tasks.py, app/outbound/delivery.deliver) and the safeguarding
  tick (app/safeguarding/alerts.py): no request around them, and each email or text sent is
  recorded in its own commit, so a failure later in the batch does not send it again;
- CLI commands (app/*/cli.py, app/outbound/tasks.py): no request either;
- a try at a password, code or PIN (app/core/attempts.py, called by app/staff/auth.py and
  app/conferences/service.py): the try is taken and committed before the slow hash check, so
  it counts whatever happens next and no lock is held while the hash is checked.
The request's commit after a webhook's own is empty and so costs no round trip.

Enqueueing a text or sending an alert before the commit would let a worker look for a row that
is not there yet, or tell the duty officer about a flag a rollback then undoes. Callbacks are
held on the session (`Session.info`, SQLAlchemy's public slot for this) and run after the
outermost commit, or dropped on rollback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, request
from flask import session as browser_session
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.core.extensions import db

_PENDING = "gt_after_commit"

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    _listen_once()
    _commit_each_request(app)


def after_commit(callback: Callable[[], None]) -> None:
    """Run `callback` once the current transaction commits; drop it if it rolls back."""
    db.session.info.setdefault(_PENDING, []).append(callback)


# --- The request's transaction --------------------------------------------------------------


def _commit_each_request(app: Flask) -> None:
    """Wrap the app's own methods (as ProxyFix wraps wsgi_app): Flask has no hook that runs
    after the view and error handlers yet before the after_request hooks and the cookie."""
    finalize = app.finalize_request
    handle_user_exception = app.handle_user_exception
    handle_exception = app.handle_exception

    def finalize_request(rv: Any, from_error_handler: bool = False) -> Any:
        if from_error_handler:
            # The last-resort 500 page: whatever happens here, that page is what goes out.
            try:
                _commit()
            except Exception:
                log.exception("could not commit the error page's writes")
            return finalize(rv, from_error_handler=True)
        try:
            _commit()
        except Exception as exc:
            # Answer with the error page instead; what its handler writes is committed in
            # turn, and if that fails too Flask's own 500 page goes out.
            rv = app.handle_user_exception(exc)
            _commit()
        return finalize(rv)

    def rollback_then_handle_user_exception(exc: Exception) -> Any:
        _rollback()
        return handle_user_exception(exc)

    def rollback_then_handle_exception(exc: Exception) -> Any:
        _rollback()
        return handle_exception(exc)

    app.finalize_request = finalize_request  # type: ignore[method-assign]
    app.handle_user_exception = rollback_then_handle_user_exception  # type: ignore[method-assign]
    app.handle_exception = rollback_then_handle_exception  # type: ignore[method-assign]


def _commit() -> None:
    """Commit the request's work; on failure roll back, keep the sender's cookie, re-raise."""
    current = db.session()  # the request's Session itself: the scoped proxy lacks some methods
    if not (current.in_transaction() or current.info.get(_PENDING)):
        return  # nothing touched the database since the last commit (a webhook's own)
    try:
        current.commit()
    except Exception:
        _rollback()
        _keep_request_cookie()
        raise


def _rollback() -> None:
    current = db.session()
    current.rollback()
    # A rollback with no transaction begun fires no after_rollback event: drop by hand.
    _drop_pending(current)


def _keep_request_cookie() -> None:
    """Put the session back as the request brought it: a sign-in, sign-out or tablet step
    whose rows were not committed must not be kept in the browser either."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    sent = app.session_interface.open_session(app, request)
    browser_session.clear()
    if sent:
        browser_session.update(sent)


# --- After-commit work ----------------------------------------------------------------------

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
