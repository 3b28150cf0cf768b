"""Where a signed inbound text's CPU goes: the real app in this process, no server.

    python benchmarks/profile_inbound_sms.py [--db postgresql|sqlite] [--phones 300]
                                             [--profile out.prof] [--top 40]

Seeds the same pledge-survey conversations as `inbound_sms.py`, then sends every round of
signed webhooks straight to the WSGI app (environs built beforehand, so nothing but the app
is timed). Prints this process's CPU time per text (which on PostgreSQL leaves out the
server's own) next to a bare endpoint's, and with --profile the cProfile summary. The
machine may be busy: CPU time, unlike wall time, hardly depends on that.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h  # noqa: E402
import inbound_sms as bench  # noqa: E402


def environ_of(raw: bytes) -> dict:
    """A WSGI environ for one of the harness's raw HTTP requests, as gunicorn would make it."""
    from werkzeug.test import EnvironBuilder

    head, body = raw.split(b"\r\n\r\n", 1)
    request_line, *header_lines = head.decode().split("\r\n")
    method, path, _ = request_line.split(" ")
    headers = dict(line.split(": ", 1) for line in header_lines)
    return EnvironBuilder(
        path=path, method=method, headers=headers, data=body, base_url="http://127.0.0.1"
    ).get_environ()


def drive(app, environs: list[dict], marker: bytes | None = None) -> None:
    def start_response(status, headers, exc_info=None):
        start_response.status = status

    for environ in environs:
        environ = dict(environ)
        environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].getvalue())
        body = b"".join(app(environ, start_response))
        if marker is not None and (
            not start_response.status.startswith("200") or marker not in body
        ):
            raise SystemExit(f"unexpected reply {start_response.status} {body[:200]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--profile", help="write cProfile stats here and print a summary")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(7)  # noqa: S311 - a repeatable run, not a secret
    with h.workdir() as work, h.database(args.db, work) as database:
        env = h.server_env(database.url, work)
        with h.app_for(env) as seeding:
            bench.seed(seeding, args.phones)
        rounds = [
            [
                environ_of(
                    h.signed_sms(
                        {
                            "AccountSid": env["TWILIO_ACCOUNT_SID"],
                            "MessageSid": f"SM{r:02d}{n:030d}",
                            "From": bench.phone(n),
                            "To": "+447700900000",
                            "Body": bench.reply_for(r, rng),
                            "NumMedia": "0",
                        }
                    )
                )
                for n in range(args.phones)
            ]
            for r in range(bench.QUESTIONS)
        ]
        bare = environ_of(h.post("/bench/bare-sms", {"From": bench.phone(0), "Body": "4"}))
        os.environ.update(env)
        import bench_wsgi

        app = bench_wsgi.application
        drive(app, [bare] * 50)  # warm up
        profiler = cProfile.Profile(time.process_time) if args.profile else None  # CPU, not waits
        cpu = {"real": 0.0, "bare": 0.0}
        for r, environs in enumerate(rounds):
            started = time.process_time()
            drive(app, [bare] * len(environs))
            cpu["bare"] += time.process_time() - started
            started = time.process_time()
            if profiler:
                profiler.enable()
            drive(app, environs, bench.expected(r))
            if profiler:
                profiler.disable()
            cpu["real"] += time.process_time() - started
        count = args.phones * bench.QUESTIONS
        with h.app_for(env) as checking:
            problems = bench.verify(checking, args.phones)
        print(
            f"[{args.db}] {count} texts; CPU a text in this process: real "
            f"{cpu['real'] / count * 1000:.2f} ms, bare {cpu['bare'] / count * 1000:.2f} ms"
            + (" (profiled)" if profiler else "")
            + f"; {h.load()}"
        )
        for problem in problems:
            print(f"DATABASE CHECK FAILED: {problem}")
        if profiler:
            profiler.dump_stats(args.profile)
            stats = pstats.Stats(args.profile)
            stats.sort_stats("cumulative").print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
        return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
