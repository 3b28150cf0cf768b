"""What every page gets: GOV.UK Frontend's assets, security headers, hardened cookies, the
template globals, and kind error pages (a 503 with Retry-After when the database is down)."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g, render_template, request, send_from_directory
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from app.core.audiences import current_audience
from app.core.extensions import db


def init_app(app: Flask) -> None:
    _register_assets(app)
    _register_page_helpers(app)
    _register_error_pages(app)


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


# Endpoints serving the same files to everyone; they set their own caching.
SHARED_ASSETS = frozenset({"static", "govuk_assets", "govuk_bundle", "fonts"})


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
    # The nonce is made on first use (`_csp_nonce`): by a template or, at the latest, by the
    # header below, so a request that renders nothing pays for it once.
    @app.context_processor
    def _globals() -> dict[str, Any]:
        audience = current_audience()
        return {
            "council_name": app.config["COUNCIL_NAME"],
            "service_name": app.config["SERVICE_NAME"],
            "csp_nonce": _csp_nonce(),
            "exit_page_url": app.config["EXIT_PAGE_URL"],
            "audience": audience,
            # The help and privacy links' arguments: worded for the page's reader (children's
            # pages are the default).
            "who": {"who": audience.value} if audience and audience != "children" else {},
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
        # Anything but the shared assets may hold personal data (pages, board pack PDFs and
        # CSVs, exports, charts): no browser cache or proxy keeps a copy. An error page is
        # never a shared asset, even under an asset's route.
        if request.endpoint not in SHARED_ASSETS or response.status_code >= 400:
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
