"""Real queue consumers (embedded SQLite queue and Redis) delivering through Prism, and the
`flask sms` / `flask queue` commands."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import redis
from huey import Huey
from sqlalchemy import select

from app.core.extensions import db
from app.models import Campaign, CheckinSchedule, OutboundMessage, OutboundStatus
from app.outbound import delivery
from app.outbound.checkins import create_schedule
from app.outbound.invitations import send_invitations
from app.outbound.queue import make_huey
from app.outbound.queueing import queue_sms
from app.outbound.rate_limit import reserve_send_slot
from app.outbound.tasks import register

from .conftest import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    FROM_NUMBER,
    PUBLIC_BASE,
    REPO,
    make_campaign,
    make_person,
    use_real_queue,
)

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@contextmanager
def consuming(*hueys: Huey, workers: int = 2) -> Iterator[None]:
    """Run one consumer per Huey instance (as separate worker processes would), in threads."""
    consumers = []
    for huey in hueys:
        consumer = huey.create_consumer(
            workers=workers, periodic=False, worker_type="thread", max_delay=0.2
        )
        consumer._set_signal_handlers = lambda: None  # pytest owns the signals
        consumer.start()
        consumers.append(consumer)
    try:
        yield
    finally:
        for consumer in consumers:
            consumer.stop(graceful=True)


def wait_for(
    app,
    check: Callable[[], bool],
    timeout: float = 20.0,
    process: subprocess.Popen | None = None,
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        with app.app_context():
            done = check()
            db.session.rollback()  # never hold SQLite's lock while the workers write
        if done:
            return
        if process is not None and process.poll() is not None:
            pytest.fail(f"the worker stopped:\n{process.stdout.read()[-3000:]}")
        if time.monotonic() > deadline:
            pytest.fail("the queue did not deliver in time")
        time.sleep(0.05)


def all_sent(count: int) -> Callable[[], bool]:
    def check() -> bool:
        statuses = db.session.scalars(select(OutboundMessage.status)).all()
        return len(statuses) == count and all(s == OutboundStatus.SENT for s in statuses)

    return check


@pytest.fixture
def redis_queue(app) -> Iterator[Huey]:
    """A Redis queue with a name of its own, emptied and deleted afterwards."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}: {exc}")
    name = f"gt-test-{uuid.uuid4().hex[:12]}"
    huey = use_real_queue(app, REDIS_URL=REDIS_URL, QUEUE_NAME=name)
    yield huey
    huey.flush()
    leftovers = list(client.scan_iter(f"*{name}*"))
    if leftovers:
        client.delete(*leftovers)
    client.close()


def test_consumer_on_the_embedded_sqlite_queue_delivers(app, tmp_path, twilio_front):
    huey = use_real_queue(app, QUEUE_SQLITE_PATH=str(tmp_path / "queue.sqlite"), REDIS_URL="")
    assert type(huey).__name__ == "SqliteHuey"
    with app.app_context():
        summary = send_invitations(make_campaign(), [make_person(), make_person()])
        db.session.commit()
        assert summary.queued == 2
    assert huey.pending_count() == 2  # committed, enqueued, not yet sent
    with consuming(huey):
        wait_for(app, all_sent(2))
    assert huey.pending_count() == 0
    assert len(twilio_front.seen) == 2


def test_consumer_on_redis_delivers(app, redis_queue, twilio_front):
    assert type(redis_queue).__name__ == "RedisHuey"
    with app.app_context():
        send_invitations(make_campaign(), [make_person()])
        db.session.commit()
    assert redis_queue.pending_count() == 1
    with consuming(redis_queue):
        wait_for(app, all_sent(1))
    assert len(twilio_front.seen) == 1


def test_two_consumers_together_keep_to_the_rate(app, redis_queue, twilio_front, monkeypatch):
    """Two consumers of two threads each (four senders) share one limit: 20 at 10/s."""
    slots: list[float] = []
    reserve = reserve_send_slot

    def recording(at, rate, name="sms"):
        wait = reserve(at, rate, name)
        slots.append(at.timestamp() + wait)
        return wait

    monkeypatch.setattr(delivery, "reserve_send_slot", recording)
    second = make_huey(app.config)
    register(second, app)
    with app.app_context():
        app.config["SMS_RATE_PER_SECOND"] = 10.0
        for n in range(20):
            queue_sms(make_person(), "Hello", "test", f"pair:{n}")
        db.session.commit()
    started = time.monotonic()
    with consuming(redis_queue, second):
        wait_for(app, all_sent(20))
    elapsed = time.monotonic() - started
    arrivals = sorted(seen.at for seen in twilio_front.seen)
    assert len(arrivals) == 20
    assert elapsed >= 1.9
    # The limiter's promise is about start times: twenty sends at 10/s span 1.9 s and any ten
    # consecutive ones a full second. Arrival times at the stand-in add network jitter on a
    # busy machine, so those checks are made on the slots the workers were given.
    slots.sort()
    assert len(slots) == 20
    assert slots[-1] - slots[0] >= 1.9 - 1e-6
    assert min(slots[i + 10] - slots[i] for i in range(10)) >= 1.0 - 1e-6


def test_retry_through_a_real_consumer(app, redis_queue, twilio_front):
    from .conftest import twilio_error

    twilio_front.script[:] = [twilio_error(503, 20503, "Service Unavailable")]
    with app.app_context():
        queue_sms(make_person(), "Hello", "test", "real-retry:1")
        db.session.commit()
    with consuming(redis_queue):
        wait_for(app, all_sent(1))
    with app.app_context():
        row = db.session.scalar(select(OutboundMessage))
        assert row.attempts == 2
    assert len(twilio_front.seen) == 2


def test_cli_invite_and_tick(app, runner, twilio_front):
    with app.app_context():
        make_campaign("cli-wave")
        make_person()
        make_person(consent=False)
        make_person(with_phone=False)
        db.session.commit()
    result = runner.invoke(args=["sms", "invite", "cli-wave", "--channel", "web"])
    assert result.exit_code == 0, result.output
    assert "Queued 1 invitation(s)" in result.output
    again = runner.invoke(args=["sms", "invite", "cli-wave"])
    assert "Queued 0 invitation(s); already invited 1" in again.output
    assert runner.invoke(args=["sms", "invite", "no-such"]).exit_code != 0
    assert len(twilio_front.seen) == 1
    assert "+4477" not in result.output + again.output

    with app.app_context():
        person = make_person()
        db.session.commit()
        reference = person.reference
    scheduled = runner.invoke(
        args=["sms", "schedule", "cli-wave", reference, "--start", "2020-01-31"]
        + ["--offsets", "6,12,18,24,30,36"]
    )
    assert scheduled.exit_code == 0, scheduled.output
    assert "31 July 2020 10:00" in scheduled.output
    tick = runner.invoke(args=["sms", "tick"])
    assert tick.exit_code == 0, tick.output
    assert "Check-ins 1" in tick.output
    with app.app_context():
        schedule = db.session.scalar(select(CheckinSchedule))
        assert (schedule.sent_count, schedule.active) == (6, False)
        assert db.session.scalar(select(Campaign.id).where(Campaign.slug == "cli-wave"))
    assert len(twilio_front.seen) == 2


def test_queue_worker_command_runs_a_consumer(app, database_url, tmp_path, twilio_front):
    """`flask queue worker` in its own process, as deployed, on the embedded SQLite queue."""
    queue_path = tmp_path / "worker-queue.sqlite"
    use_real_queue(app, QUEUE_SQLITE_PATH=str(queue_path), REDIS_URL="")
    with app.app_context():
        queue_sms(make_person(), "Hello", "test", "worker:1")
        db.session.commit()
    env = {
        **os.environ,
        "FLASK_APP": "app",
        "GOLDEN_THREAD_ENV": "development",
        "DATABASE_URL": database_url,
        "QUEUE_SQLITE_PATH": str(queue_path),
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": FROM_NUMBER,
        "TWILIO_API_BASE_URL": twilio_front.url,
        "PUBLIC_BASE_URL": PUBLIC_BASE,
        "SMS_QUIET_HOURS": "none",
    }
    env.pop("REDIS_URL", None)
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "queue", "worker", "--workers", "1", "--no-periodic"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(app, all_sent(1), timeout=30, process=worker)
    finally:
        worker.send_signal(signal.SIGINT)
        output, _ = worker.communicate(timeout=20)
    assert "Queue 'golden-thread' on SQLite" in output
    assert "+447700" not in output and "Hello" not in output
    assert len(twilio_front.seen) == 1


def test_the_periodic_tick_task_runs_the_tick_once_at_a_time(app, twilio_front):
    from datetime import timedelta

    from app.models import now_utc
    from app.outbound.queue import get_tasks

    with app.app_context():
        create_schedule(
            make_person(), make_campaign(), start=now_utc() - timedelta(days=8), every_weeks=1
        )
        db.session.commit()
    tasks = get_tasks(app)
    with tasks.huey.lock_task("sms-tick"):
        tasks.sms_tick()  # another tick holds the lock: this one does nothing
    assert twilio_front.seen == []
    tasks.sms_tick()
    with app.app_context():
        keys = db.session.scalars(select(OutboundMessage.idempotency_key)).all()
        assert [k.split(":")[0] for k in keys] == ["checkin"]
    assert len(twilio_front.seen) == 1
