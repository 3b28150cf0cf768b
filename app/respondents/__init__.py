"""The people who may be asked: CSV import, subject access and erasure."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.respondents import views  # noqa: F401 - adds its staff pages
