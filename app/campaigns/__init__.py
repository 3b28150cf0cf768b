"""Campaigns: a survey wave sent to a cohort, its invitations and live response rates."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.campaigns import views  # noqa: F401 - adds its staff pages
