"""Safeguarding: flags raised from answers, alerts to the duty officer, escalation, and the
inbox where a person acknowledges each flag."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.safeguarding import alerts, views  # noqa: F401 - views add the inbox's staff pages

    alerts.init_app(app)
