""" "You said, we did": actions with RAG status and evidence, and the public page."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from analysis import redact_for_board
    from app.actions import views  # noqa: F401 - adds its staff pages
    from app.actions.public_views import bp

    app.register_blueprint(bp)
    # `{{ text | for_board }}`: staff's and children's words as the board or the public may
    # read them, redacted again when shown (the rules may have grown since they were saved).
    app.add_template_filter(redact_for_board, "for_board")
