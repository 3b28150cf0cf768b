"""The shared send-slot rate limit: starts at least 1/rate apart, whoever is sending."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.models import OutboundMessage, OutboundStatus, now_utc
from app.outbound.delivery import deliver
from app.outbound.queueing import queue_sms
from app.outbound.rate_limit import reserve_send_slot

from .conftest import FakeClock, make_person


def test_slots_follow_the_rate_with_an_injected_clock(app):
    with app.app_context():
        at = now_utc()
        waits = [reserve_send_slot(at, 10.0) for _ in range(20)]
        db.session.commit()
        assert waits == pytest.approx([i * 0.1 for i in range(20)])
        # Once the backlog has gone, no credit is saved up for a burst.
        later = at + timedelta(seconds=5)
        assert reserve_send_slot(later, 10.0) == 0
        assert reserve_send_slot(later, 10.0) == pytest.approx(0.1)
        assert reserve_send_slot(later, 0) == 0  # 0 = no limit


def test_workers_on_separate_connections_share_one_schedule(app):
    """Four threads, each with its own session and connection, as four workers would be."""
    at = now_utc() + timedelta(seconds=60)
    waits: list[float] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with app.app_context():
                for _ in range(5):
                    wait = reserve_send_slot(at, 10.0)
                    db.session.commit()
                    with lock:
                        waits.append(wait)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sorted(waits) == pytest.approx([i * 0.1 for i in range(20)])


def test_deliver_waits_for_its_slot(app, twilio_front):
    with app.app_context():
        app.config["SMS_RATE_PER_SECOND"] = 4.0
        clock = FakeClock(now_utc())
        ids = []
        for n in range(3):
            ids.append(queue_sms(make_person(), "Hello", "test", f"slot:{n}").id)
        db.session.info.pop("gt_after_commit", None)
        db.session.commit()
        for message_id in ids:
            assert deliver(message_id, clock).status == OutboundStatus.SENT
        assert clock.slept == pytest.approx([0, 0.25, 0.25])


def test_twenty_messages_at_ten_a_second_take_about_two_seconds(app, twilio_front):
    """Measured on the real clock, through the send task, with Prism behind the front."""
    with app.app_context():
        app.config["SMS_RATE_PER_SECOND"] = 10.0
        for n in range(20):
            queue_sms(make_person(), "Hello", "test", f"rate:{n}")
        started = time.monotonic()
        db.session.commit()  # the in-line queue sends all twenty now
        elapsed = time.monotonic() - started
        statuses = db.session.scalars(select(OutboundMessage.status)).all()
        assert statuses == [OutboundStatus.SENT] * 20
    assert elapsed >= 1.9
    arrivals = [seen.at for seen in twilio_front.seen]
    assert len(arrivals) == 20
    # Any eleven consecutive requests span about a second: never more than 10 a second. The
    # slots are exact; arrival adds each request's trip to the stand-in, which on a loaded
    # machine (tests run two at a time) once brought one span under 0.95 s.
    assert min(arrivals[i + 10] - arrivals[i] for i in range(10)) >= 0.85
