"""The ground every domain stands on: settings, extensions, the database engine and its types,
the request transaction, and what every page gets (assets, headers, error pages)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask


def init_app(app: Flask, test_config: dict[str, Any] | None = None) -> None:
    from app.core import access_log, database, fonts, i18n, pages, rate_limits, transaction
    from app.core.config import load_config
    from app.core.extensions import csrf, db, login_manager, migrate
    from app.core.sessions import CookieSessions
    from app.core.surveys_cli import surveys_cli

    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(load_config(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)

    if app.config["TRUSTED_PROXY_HOPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    access_log.install()
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parents[2] / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    rate_limits.init_app(app)
    with app.app_context():
        database.tune_sqlite(db.engine)
        database.ping_after_idle(db.engine)
    app.session_interface = CookieSessions()
    transaction.init_app(app)
    pages.init_app(app)
    fonts.init_app(app)
    i18n.init_app(app)
    app.cli.add_command(surveys_cli)
