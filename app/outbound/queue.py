"""The background job queue: Huey on an embedded SQLite file by default, Redis when configured.

Each app gets its own Huey instance (built on first use, so an app that never queues touches no
queue file) with the tasks of `app.outbound.tasks` registered on it; tasks run inside that
app's context.
Work is only enqueued once the database transaction that created it has committed, so a worker
never looks for a row that is not there yet, and a rolled-back request enqueues nothing.

Run a worker with `flask queue worker` (see the README's "SMS and outbound" section).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey

_build_lock = threading.Lock()

log = logging.getLogger(__name__)


def make_huey(config: dict[str, Any] | Any) -> Huey:
    """A Huey instance for these settings (not yet carrying any task)."""
    name = config["QUEUE_NAME"]
    if config["QUEUE_IMMEDIATE"]:
        return MemoryHuey(name, immediate=True)
    if config["REDIS_URL"]:
        return RedisHuey(name, url=config["REDIS_URL"])
    path = config["QUEUE_SQLITE_PATH"]
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    return SqliteHuey(name, filename=path)


def init_app(app: Flask, register_tasks: Callable[[Huey, Flask], Any]) -> None:
    """Make `get_huey()` work for this app, with the tasks `register_tasks` defines on it.
    (Passed in, not imported: the tasks use the services that enqueue through this module.)"""
    app.extensions["huey_factory"] = lambda: _build(app, register_tasks)


def _build(app: Flask, register_tasks: Callable[[Huey, Flask], Any]) -> None:
    huey = make_huey(app.config)
    app.extensions["huey_tasks"] = register_tasks(huey, app)
    app.extensions["huey"] = huey


def get_huey(app: Flask | None = None) -> Huey:
    """The app's Huey instance, built on first use."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    if "huey" not in app.extensions:
        with _build_lock:
            if "huey" not in app.extensions:
                app.extensions["huey_factory"]()
    return app.extensions["huey"]


def get_tasks(app: Flask | None = None) -> Any:
    """The app's tasks (an `app.outbound.tasks.Tasks`), registered on its Huey instance."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    get_huey(app)
    return app.extensions["huey_tasks"]


queue_cli = AppGroup("queue", help="The background job queue.")


@queue_cli.command("worker")
@click.option("-w", "--workers", default=2, show_default=True, help="Worker threads.")
@click.option(
    "--no-periodic",
    is_flag=True,
    help="Do not schedule the periodic tick here (run it on one worker per deployment).",
)
@click.option("--flush-locks", is_flag=True, help="Clear locks left by a worker that died.")
def worker_command(workers: int, no_periodic: bool, flush_locks: bool) -> None:
    """Run a queue consumer: sends queued texts and, every minute, runs `flask sms tick`."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    huey = get_huey(app)
    if huey.immediate:
        raise click.ClickException("QUEUE_IMMEDIATE is on: there is no queue to consume.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    backend = "Redis" if app.config["REDIS_URL"] else "SQLite"
    click.echo(f"Queue '{huey.name}' on {backend}: {workers} worker thread(s).")
    consumer = huey.create_consumer(
        workers=workers,
        periodic=not no_periodic,
        flush_locks=flush_locks,
        worker_type="thread",
        max_delay=2.0,  # an idle SQLite queue is polled at least every 2 s
    )
    consumer.run()
