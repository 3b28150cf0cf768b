"""Child protection conferences: feedback at the end of the meeting (tablet or own phone) and
the chairs' pages."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.conferences import (
        tablet_deep_check,  # noqa: F401 - adds the tablet's asking
        views,  # noqa: F401 - adds its staff pages
    )
    from app.conferences.participant_views import bp

    app.register_blueprint(bp)
