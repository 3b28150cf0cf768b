"""Answering a survey on the web: links, one question a page, check your answers, and the store
every channel writes answers through."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.responses import helping
    from app.responses.views import bp

    app.register_blueprint(bp)
    helping.init_app(app)
