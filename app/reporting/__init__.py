"""What the board sees: figures, the dashboard, charts and the board pack (HTML, PDF, CSV)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.reporting import board_pack_views, dashboard_views  # noqa: F401 - staff pages
