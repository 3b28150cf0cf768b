"""Texts we send: the queue and its worker, sending within the rate limit and quiet hours,
Twilio's status callback, reminders and scheduled check-ins."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.conversations import outage
    from app.outbound import queue, tasks
    from app.outbound.status_views import bp
    from app.safeguarding import deep_check

    app.register_blueprint(bp)
    queue.init_app(app, tasks.register)
    # A Twilio delivery that came while the database was down waits on the queue for it.
    outage.install_spool(
        app, lambda kind, delivery: queue.get_tasks(app).replay_inbound(kind, delivery)
    )
    deep_check.install_queue(
        app,
        lambda response_id, key, phone: queue.get_tasks(app).deep_check(response_id, key, phone),
    )
    app.cli.add_command(queue.queue_cli)
    app.cli.add_command(tasks.sms_cli)
