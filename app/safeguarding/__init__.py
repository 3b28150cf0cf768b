"""Safeguarding: flags raised from answers, alerts to the duty officer, escalation, and the
inbox where a person acknowledges each flag."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    # views add the inbox's staff pages, retention its command
    from app.safeguarding import alerts, retention, views  # noqa: F401

    alerts.init_app(app)
