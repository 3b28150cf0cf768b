"""The fictional county's demo data, and `flask demo` to seed it."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.demo.cli import demo_command

    app.cli.add_command(demo_command)
