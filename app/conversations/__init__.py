"""Surveys by SMS and voice call: Twilio's webhooks, the conversation engine and its texts, and
the development SMS simulator."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.conversations.webhooks import bp

    app.register_blueprint(bp)
    if app.config["ENV_NAME"] in ("development", "testing"):
        from app.conversations.dev_views import bp as dev_bp

        app.register_blueprint(dev_bp)
    if app.config["ENV_NAME"] == "production":
        from app.conversations.engine import warm_up

        warm_up()  # in each worker, before it takes requests: not while the first texter waits
