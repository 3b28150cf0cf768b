"""Outbound SMS: queue 10,000 invitations, then send them at the configured rate, once each.

    python benchmarks/outbound.py [--count 10000] [--rate 50] [--processes 2] [--workers 4]

A fresh PostgreSQL database with N people who agreed to texts, and one open pledge-survey wave.
1. Queueing: `send_invitations` for everyone plus the commit that hands each text to
   the queue (Redis, database 13, or the embedded SQLite queue), timed. Target: under 10 s.
2. Sending: `flask queue worker` processes (2, of 4 threads, by default) send them through the real
   Twilio client to a loopback stand-in: the scripted front from tests/outbound/conftest.py in
   front of Prism serving Twilio's own API description (so every request is also checked
   against it). SMS_RATE_PER_SECOND is the configured rate.

Prints the queueing time, the send rate achieved against the configured one, the busiest
second, and the duplicate check: every number texted exactly once, every row sent with its own
Twilio SID, no request Prism found invalid.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/13"  # a database of its own, emptied before each run


def start_prism(work: Path):
    from tests.outbound.conftest import PRISM, SPEC, Prism

    if not PRISM.exists() or not SPEC.exists():
        raise SystemExit(f"Prism ({PRISM}) or Twilio's description ({SPEC}) is missing")
    import requests

    port = h.free_port()
    log = work / "prism.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603 - the project's own npm devDependency
            [str(PRISM), "mock", "-d", "-h", "127.0.0.1", "-p", str(port), str(SPEC)],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=h.ROOT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            raise SystemExit(f"Prism exited:\n{log.read_text()[-2000:]}")
        try:
            requests.get(url, timeout=1)
            return Prism(url, log, process)
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                os.killpg(process.pid, 9)
                raise SystemExit("Prism did not start within 90 s") from None
            time.sleep(0.2)


def seed(app, count: int) -> None:
    from app.campaigns.service import create_campaign
    from app.core.extensions import db
    from app.core.phones import vault
    from app.models import Channel, Cohort, Respondent
    from surveys import default_registry

    with app.test_request_context():
        create_campaign(default_registry().get("pledge"), "bench-out", "Pledge survey", cohort=None)
        for n in range(count):
            e164 = f"+4477009{n:05d}"
            db.session.add(
                Respondent(
                    reference=f"OUT-{n:06d}",
                    cohort=Cohort.CLA,
                    age_band="13-15",
                    phone_encrypted=vault().encrypt(e164),
                    phone_hash=vault().hash(e164),
                    preferred_channel=Channel.SMS if n % 3 == 0 else Channel.WEB,
                    consent_to_contact=True,
                )
            )
        db.session.commit()


def queue_all(app) -> tuple[int, float]:
    """What `flask sms invite` does, timed from the query to the last text handed to the queue."""
    from sqlalchemy import select

    from app.core.extensions import db
    from app.models import Campaign, Respondent
    from app.outbound.invitations import send_invitations

    with app.test_request_context():
        started = time.perf_counter()
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == "bench-out"))
        people = db.session.scalars(select(Respondent).order_by(Respondent.id)).all()
        summary = send_invitations(campaign, people)
        db.session.commit()  # the texts go to the queue after this commit
        return summary.queued, time.perf_counter() - started


def sent_rows(app) -> tuple[int, int, int]:
    from sqlalchemy import func, select

    from app.core.extensions import db
    from app.models import OutboundMessage, OutboundStatus

    with app.app_context():
        sent = db.session.scalar(
            select(func.count()).where(OutboundMessage.status == OutboundStatus.SENT)
        )
        sids = db.session.scalar(select(func.count(func.distinct(OutboundMessage.twilio_sid))))
        total = db.session.scalar(select(func.count()).select_from(OutboundMessage))
        db.session.remove()
    return sent, sids, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=50.0, help="SMS_RATE_PER_SECOND")
    parser.add_argument("--workers", type=int, default=4, help="threads per worker process")
    parser.add_argument("--processes", type=int, default=2, help="worker processes")
    parser.add_argument("--queue", choices=["redis", "sqlite"], default="redis")
    parser.add_argument("--timeout", type=float, default=900, help="give up after this long")
    args = parser.parse_args()
    from tests.outbound.conftest import TwilioFront, _handler

    print(
        f"Outbound benchmark: {h.machine(server=False)}; {args.count} invitations, configured rate "
        f"{args.rate:g}/s, {args.processes} worker processes x {args.workers} threads, "
        f"{args.queue} queue; {h.load()}"
    )
    ok = True
    with h.workdir() as work, h.database("postgresql", work) as database:
        prism = start_prism(work)
        front = TwilioFront(prism)
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(front))
        server.daemon_threads = True
        front.url = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        extra = {
            "TWILIO_API_BASE_URL": front.url,
            "TWILIO_FROM_NUMBER": "+447700900000",
            "SMS_RATE_PER_SECOND": str(args.rate),
        }
        if args.queue == "redis":
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()
            extra["REDIS_URL"] = REDIS_URL
        env = h.server_env(database.url, work, **extra)
        workers: list[subprocess.Popen] = []
        try:
            with h.app_for(env) as app:
                seed(app, args.count)
                queued, seconds = queue_all(app)
                verdict = "met" if seconds < 10 else "NOT met"
                print(f"Queued {queued} invitations in {seconds:.2f} s (target < 10 s: {verdict})")
                ok &= queued == args.count and seconds < 10
                workers = [
                    subprocess.Popen(  # noqa: S603 - our own venv's flask
                        [
                            str(h.ROOT / ".venv" / "bin" / "flask"),
                            "queue",
                            "worker",
                            "--workers",
                            str(args.workers),
                            "--no-periodic",
                        ],
                        env={**os.environ, **env, "FLASK_APP": "app"},
                        cwd=h.ROOT,
                        stdout=(work / f"worker-{n}.log").open("w"),
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                    for n in range(args.processes)
                ]
                deadline = time.monotonic() + args.timeout
                while len(front.seen) < args.count and time.monotonic() < deadline:
                    if any(w.poll() is not None for w in workers):
                        print((work / "worker-0.log").read_text()[-2000:])
                        break
                    time.sleep(0.5)
                time.sleep(2)  # anything still in flight would show up as a duplicate
                sent, sids, total = sent_rows(app)
        finally:
            for worker in workers:
                if worker.poll() is None:
                    os.killpg(worker.pid, 2)  # Ctrl-C: the worker finishes the text in hand
            for worker in workers:
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, 9)
            server.shutdown()
            os.killpg(prism.process.pid, 15)
            prism.process.wait(timeout=30)
        times = sorted(s.at for s in front.seen)
        numbers = [s.form.get("To", "") for s in front.seen]
        duplicates = len(numbers) - len(set(numbers))
        valid, invalid = prism.counts()
        if len(times) > 1:
            achieved = (len(times) - 1) / (times[-1] - times[0])
            busiest, start = 0, 0
            for end, moment in enumerate(times):
                while moment - times[start] >= 1.0:
                    start += 1
                busiest = max(busiest, end - start + 1)
            print(
                f"Sent {len(times)} texts in {times[-1] - times[0]:.1f} s: {achieved:.1f}/s "
                f"against a configured {args.rate:g}/s ({achieved / args.rate:.0%}); busiest "
                f"second {busiest}"
            )
            ok &= achieved <= args.rate * 1.05 and achieved >= args.rate * 0.9
        print(
            f"Duplicates: {duplicates} numbers texted twice; rows sent {sent} of {total} with "
            f"{sids} distinct Twilio SIDs; Prism: {valid} valid, {invalid} invalid requests"
        )
        ok &= duplicates == 0 and sent == total == sids == args.count and invalid == 0
    print(f"Done; {h.load()}. {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
