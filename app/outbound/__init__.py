"""Texts we send: the queue and its worker, sending within the rate limit and quiet hours,
Twilio's status callback, reminders and scheduled check-ins."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.outbound import queue, tasks
    from app.outbound.status_views import bp

    app.register_blueprint(bp)
    queue.init_app(app, tasks.register)
    app.cli.add_command(queue.queue_cli)
    app.cli.add_command(tasks.sms_cli)
