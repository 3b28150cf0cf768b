"""Golden Thread: the Flask application factory."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g, render_template, request, send_from_directory
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError, OperationalError
from werkzeug.exceptions import HTTPException

from .config import load_config
from .extensions import csrf, db, login_manager, migrate


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure an instance of the app."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(load_config(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)

    if app.config["TRUSTED_PROXY_HOPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent.parent / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    with app.app_context():
        _tune_sqlite(db.engine)
        _ping_after_idle(db.engine)

    from . import cli, queue
    from .blueprints import conference, public, respond, sms_status, staff, twilio_hooks, yswd
    from .services.auth import load_user

    app.session_interface = _CookieSessions()
    login_manager.user_loader(load_user)
    app.register_blueprint(public.bp)
    app.register_blueprint(yswd.bp)  # "you said, we did"
    app.register_blueprint(staff.bp)
    app.register_blueprint(respond.bp)
    app.register_blueprint(conference.bp)
    app.register_blueprint(twilio_hooks.bp)
    app.register_blueprint(sms_status.bp)
    queue.init_app(app)
    if app.config["ENV_NAME"] in ("development", "testing"):
        from .blueprints import dev

        app.register_blueprint(dev.bp)
    cli.register(app)
    if app.config["ENV_NAME"] == "production":
        from .services.conversation import warm_up

        warm_up()  # in each worker, before it takes requests: not while the first texter waits
    _register_assets(app)
    _register_page_helpers(app)
    _register_error_pages(app)
    return app


class _CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signer made once per key instead of on every
    request (making one serialises a test value: about 60 µs of every request's time)."""

    def __init__(self) -> None:
        self._signers: dict[tuple[Any, ...], Any] = {}

    def get_signing_serializer(self, app: Flask) -> Any:
        key = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        signer = self._signers.get(key)
        if signer is None:
            signer = super().get_signing_serializer(app)
            if signer is not None:
                self._signers[key] = signer
        return signer


def _tune_sqlite(engine: Any) -> None:
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


def _ping_after_idle(engine: Any) -> None:
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


def _register_assets(app: Flask) -> None:
    """Serve GOV.UK Frontend straight from the npm package, so it is never hand-copied."""
    root = Path(app.config["GOVUK_FRONTEND_DIR"])

    @app.route("/assets/<path:filename>")
    def govuk_assets(filename: str):
        """Fonts, images and manifest that GOV.UK Frontend's CSS refers to."""
        return send_from_directory(root / "assets", filename, max_age=86400)

    @app.route("/govuk/<any('govuk-frontend.min.css', 'govuk-frontend.min.js'):filename>")
    def govuk_bundle(filename: str):
        """GOV.UK Frontend's compiled stylesheet and script."""
        return send_from_directory(root, filename, max_age=86400)


def _csp_nonce() -> str:
    """This request's script nonce, made on first use: a page for an error raised before any
    before_request hook (a bad CSRF token) still carries the nonce its header names."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def _harden_cookies(response: Any) -> Any:
    """Every cookie gets the session cookie's flags, whoever set it (Flask-Login clears its
    unused remember-me cookie on anonymous pages with none)."""
    cookies = response.headers.getlist("Set-Cookie")
    if not cookies:
        return response
    config = current_app.config
    hardened = []
    for cookie in cookies:
        flags = {part.strip().split("=", 1)[0].lower() for part in cookie.split(";")[1:]}
        if "httponly" not in flags:
            cookie += "; HttpOnly"
        if "samesite" not in flags:
            cookie += f"; SameSite={config['SESSION_COOKIE_SAMESITE'] or 'Lax'}"
        if config["SESSION_COOKIE_SECURE"] and "secure" not in flags:
            cookie += "; Secure"
        hardened.append(cookie)
    response.headers.setlist("Set-Cookie", hardened)
    return response


def _register_page_helpers(app: Flask) -> None:
    @app.before_request
    def _nonce() -> None:
        _csp_nonce()

    @app.context_processor
    def _globals() -> dict[str, Any]:
        from .blueprints.staff import staff_menu

        return {
            "staff_menu": staff_menu,
            "council_name": app.config["COUNCIL_NAME"],
            "service_name": app.config["SERVICE_NAME"],
            "csp_nonce": _csp_nonce(),
        }

    @app.after_request
    def _headers(response):
        nonce = _csp_nonce()
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            f"script-src 'self' 'nonce-{nonce}'; font-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # Survey links carry their token in the path: never send it to another site.
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.is_secure:
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        if response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    # after_request hooks run in reverse order of registration: first in the list runs last,
    # after the hooks that extensions registered earlier (Flask-Login's sets a cookie).
    app.after_request_funcs.setdefault(None, []).insert(0, _harden_cookies)


def _register_error_pages(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if exc.code is None or exc.code < 400:
            return exc
        template = {404: "errors/404.html", 413: "errors/413.html"}.get(
            exc.code, "errors/generic.html"
        )
        return render_template(template, error=exc), exc.code

    @app.errorhandler(OperationalError)
    def _database_unavailable(exc: OperationalError):
        # Nothing was acknowledged, so nothing is lost: say so, and let the sender retry.
        app.logger.error("database unavailable: %s", type(exc.orig).__name__)
        db.session.rollback()
        body = render_template("errors/503.html")
        return body, 503, {"Retry-After": "30"}

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unhandled error")
        db.session.rollback()
        return render_template("errors/500.html"), 500
