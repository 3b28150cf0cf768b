"""Pages anyone may see: home, get help now, privacy."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.public.views import bp

    app.register_blueprint(bp)
