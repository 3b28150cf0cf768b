"""Shared fixtures of the browser tests."""

from __future__ import annotations

import pytest

from app import create_app
from app.core.extensions import db

from .browser import serve


@pytest.fixture
def live_server(tmp_path):
    """The real app on an empty SQLite database, served on 127.0.0.1 for Chromium: (app, base).
    A test file that needs seeded data defines its own."""
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'browser.sqlite'}", "SECRET_KEY": "x"}
    )
    with app.app_context():
        db.create_all()
    with serve(app) as base:
        yield app, base
