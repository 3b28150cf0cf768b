""" "You said, we did": actions with RAG status and evidence, and the public page."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.actions import views  # noqa: F401 - adds its staff pages
    from app.actions.public_views import bp

    app.register_blueprint(bp)
