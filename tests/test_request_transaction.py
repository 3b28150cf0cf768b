"""One transaction per request: committed once after the view, before the response goes out;
rolled back when the view raises; after-commit work only after a commit that succeeded."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import abort, session
from sqlalchemy import event, func, select, text

from app.core import transaction
from app.core.extensions import db
from app.core.transaction import after_commit
from app.staff.audit import record
from app.staff.auth import create_user
from app.staff.models import AuditEvent, Role, User
from tests.staff.staff_helpers import PASSWORD, sign_in

APP = Path(__file__).resolve().parents[1] / "app"

# Modules that handle requests and still commit, and why (also named in transaction.py).
COMMITS_FOR_ITSELF = {
    # once(): a delivery's claim and its stored reply commit together, retried on a race.
    "conversations/webhooks.py",
}


@pytest.fixture
def commits(app) -> Iterator[list[str]]:
    """The outermost commits of the app's session, in order, by the request path."""
    seen: list[str] = []

    def count(session) -> None:
        if not session.in_nested_transaction():
            from flask import has_request_context, request

            seen.append(request.path if has_request_context() else "")

    event.listen(db.session, "after_commit", count)
    yield seen
    event.remove(db.session, "after_commit", count)


def _audit_actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _add_routes(app, ran: list[str]) -> None:
    """Views written for these tests, each doing what a real view might."""

    @app.get("/t/writes")
    def writes():
        record("test.first")
        record("test.second")
        db.session.flush()
        after_commit(lambda: ran.append("after"))
        return "written"

    @app.get("/t/raises")
    def raises():
        record("test.doomed")
        db.session.flush()
        after_commit(lambda: ran.append("after"))
        raise RuntimeError("the view failed")

    @app.get("/t/sees-commit")
    def sees_commit():
        record("test.visible")

        def look() -> None:
            # A second connection sees only what is committed.
            with db.engine.connect() as other:
                count = other.execute(text("SELECT count(*) FROM audit_event")).scalar_one()
            ran.append(f"saw {count}")

        after_commit(look)
        return "ok"

    @app.get("/t/fails-at-commit")
    def fails_at_commit():
        # Two accounts with one email: nothing is flushed, so the commit meets the constraint.
        for _ in range(2):
            db.session.add(
                User(
                    email="twice@shireford.example",
                    name="Twice",
                    role=Role.ADMIN,
                    password_hash="x",
                )
            )
        record("test.lost")
        session["promised"] = "yes"
        after_commit(lambda: ran.append("after"))
        return "saved, honest"

    @app.get("/t/forbidden")
    def forbidden():
        record("test.rolled_back")
        abort(403)

    @app.get("/t/forbidden-after-queueing")
    def forbidden_after_queueing():
        # No transaction begun yet: the rollback has nothing to roll back, and still the work
        # must go, even though the error handler's audit row is then committed.
        after_commit(lambda: ran.append("after"))
        abort(403)

    @app.errorhandler(403)
    def refused(exc):
        record("access.refused", detail={"path": "/t/forbidden"})
        return "refused", 403


@pytest.fixture
def ran(app) -> list[str]:
    calls: list[str] = []
    _add_routes(app, calls)
    return calls


def test_a_request_commits_once_after_the_view(app, client, ran, commits):
    response = client.get("/t/writes")
    assert response.status_code == 200
    assert commits == ["/t/writes"]
    assert _audit_actions(app) == ["test.first", "test.second"]
    assert ran == ["after"]


def test_a_real_sign_in_commits_once_and_keeps_its_cookie(app, client, commits):
    with app.app_context():
        create_user("officer@shireford.example", "Alex", Role.PARTICIPATION_OFFICER, PASSWORD)
        db.session.commit()
    commits.clear()
    response = sign_in(client, "officer@shireford.example")
    assert response.status_code == 302
    # The try, committed before the password is checked (app/core/attempts.py), then the rest.
    assert commits.count("/staff/login") == 2
    assert "login.succeeded" in _audit_actions(app)
    assert client.get("/staff/").status_code == 200  # the cookie signs us in


def test_a_failed_sign_in_is_counted_and_committed(app, client, commits):
    with app.app_context():
        create_user("officer@shireford.example", "Alex", Role.PARTICIPATION_OFFICER, PASSWORD)
        db.session.commit()
    commits.clear()
    response = sign_in(client, "officer@shireford.example", "not the password")
    assert response.status_code == 200
    assert commits.count("/staff/login") == 2  # the try, then its audit row
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user is not None and user.failed_logins == 1
    assert _audit_actions(app)[-1] == "login.failed"


def test_a_view_that_raises_writes_nothing_and_runs_no_after_commit_work(app, client, ran):
    response = client.get("/t/raises")
    assert response.status_code == 500
    assert "test.doomed" not in _audit_actions(app)
    assert ran == []


def test_after_commit_work_runs_once_the_rows_are_committed(app, client, ran):
    assert client.get("/t/sees-commit").status_code == 200
    assert ran == ["saw 1"]


def test_a_commit_that_fails_gives_an_error_page_not_the_view_s_success(app, client, ran):
    response = client.get("/t/fails-at-commit")
    assert response.status_code == 500
    assert "saved, honest" not in response.get_data(as_text=True)
    assert ran == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0
    assert "test.lost" not in _audit_actions(app)
    # The browser keeps the session it sent, not one describing work that was not saved.
    with client.session_transaction() as kept:
        assert "promised" not in kept


def test_a_sign_in_whose_commit_fails_does_not_sign_in(app, client, monkeypatch):
    with app.app_context():
        create_user("officer@shireford.example", "Alex", Role.PARTICIPATION_OFFICER, PASSWORD)
        db.session.commit()

    def refuse(session) -> None:
        if session.info.pop("fail_this_commit", False):
            raise RuntimeError("the database refused the commit")

    from app.staff import auth

    completed = auth.completed_sign_in

    def completed_then_fail(user) -> None:
        completed(user)
        db.session.info["fail_this_commit"] = True

    monkeypatch.setattr(auth, "completed_sign_in", completed_then_fail)
    event.listen(db.session, "before_commit", refuse)
    try:
        response = sign_in(client, "officer@shireford.example")
    finally:
        event.remove(db.session, "before_commit", refuse)
    assert response.status_code == 500
    assert b"Sign out" not in response.data  # the error page is not a signed-in page
    assert "login.succeeded" not in _audit_actions(app)
    assert client.get("/staff/").status_code == 302  # still signed out


def test_an_error_handler_s_audit_row_is_committed(app, client, ran):
    response = client.get("/t/forbidden")
    assert response.status_code == 403
    actions = _audit_actions(app)
    assert "access.refused" in actions
    assert "test.rolled_back" not in actions


def _view_modules() -> list[Path]:
    """Every *views.py, the staff blueprint, and any other module that declares a route."""
    found = []
    for path in sorted(APP.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        routes = any(f"@{o}.{m}(" in source for o in ("bp", "app") for m in ROUTE_METHODS)
        if path.name.endswith("views.py") or path == APP / "staff" / "blueprint.py" or routes:
            found.append(path)
    return found


ROUTE_METHODS = ("route", "get", "post")


def _commit_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "commit"
    ]


def test_views_never_commit_by_hand():
    modules = _view_modules()
    assert APP / "staff" / "sign_in_views.py" in modules
    assert APP / "conversations" / "webhooks.py" in modules
    offenders = {
        str(path.relative_to(APP)): lines
        for path in modules
        if (lines := _commit_calls(path)) and str(path.relative_to(APP)) not in COMMITS_FOR_ITSELF
    }
    assert offenders == {}


def test_every_exception_is_documented_and_still_needed():
    documented = transaction.__doc__ or ""
    for module in COMMITS_FOR_ITSELF:
        assert module in documented
        assert _commit_calls(APP / module), f"{module} no longer commits: drop the exception"


def test_work_queued_before_any_write_is_dropped_when_the_view_raises(app, client, ran):
    assert client.get("/t/forbidden-after-queueing").status_code == 403
    assert "access.refused" in _audit_actions(app)
    assert ran == []
