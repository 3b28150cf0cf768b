"""Every free-text answer read by a person, in order of risk: the read queue, marking answers
read, the working-day service level and its escalation to the participation lead."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.reading import views  # noqa: F401 - adds its staff pages
    from app.reading.escalation import reading_cli

    app.cli.add_command(reading_cli)
