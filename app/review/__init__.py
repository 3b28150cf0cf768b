"""Reading what children wrote: stored analyses, officers' corrections and quote approval."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.review import views  # noqa: F401 - adds its staff pages
    from app.review.cli import analysis_cli

    app.cli.add_command(analysis_cli)
