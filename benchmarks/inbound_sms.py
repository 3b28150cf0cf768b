"""Inbound SMS under a production server: signed webhooks driving real pledge-survey conversations.

    python benchmarks/inbound_sms.py [--db sqlite|postgresql|both] [--phones 600]
                                     [--concurrency 8]

For each database: a fresh database, N respondents with distinct phone numbers and an SMS
invitation to the pledge survey, each conversation opened as the invitation text would open it
(question 1 sent). gunicorn (sync workers, 2 x cores) serves the real app on 127.0.0.1. Then
round by round every phone answers its current question (a score, or a few words for the "tell
us more" questions) in a signed Twilio webhook; between rounds the same number of requests go to
a bare endpoint returning fixed TwiML in the same processes, so both share the machine alike.
Every reply is checked (the next question's counter, or the thank-you at the end), and the
database afterwards: every response complete, every answer stored once, one row per message.

Prints messages per second and p50/p99 latency for both, and the ratio; on Linux also the CPU
time per message of the gunicorn workers and of the PostgreSQL server (the machine is shared
by them and this load generator, so CPU per message is what throughput comes down to).
Targets (issue 12): >= 600 messages/s on PostgreSQL, p99 < 100 ms (issue 7 asked for 500).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h  # noqa: E402

# Every variant of the pledge survey asks the same number of questions (13 in version 2: the
# six pledges' rating and "tell us more", then the check-out "How are you feeling now?").
QUESTIONS = 13
BENIGN = [
    "It's fine thanks",
    "My foster carer is really nice and helps me with homework",
    "I like my school and my new friends",
    "Would like more time with my social worker",
    "nothing really",
    "Football club on saturdays is the best thing",
    "Could you help me get a bus pass",
    "I want to go to college to do mechanics",
]
AGE_BANDS = ["8-12", "13-15", "16-17", "18-21"]
REDIS_URL = "redis://127.0.0.1:6379/12"  # a database of its own, emptied before each run


def phone(number: int) -> str:
    """Distinct numbers in Ofcom's drama range for mobiles (07700 900000 - 07700 999999)."""
    return f"+4477009{number:05d}"


def seed(app, phones: int) -> None:
    """Respondents with SMS invitations, each conversation opened as the invitation text does."""
    from app.campaigns.service import create_campaign, invite, variants_on
    from app.conversations.engine import open_for_invitation
    from app.core.extensions import db
    from app.core.phones import vault
    from app.models import Channel, Cohort, Respondent
    from surveys import default_registry

    definition = default_registry().get("pledge")
    # Only the variants a text can carry count: the 4-7 and easy-read ones are web-only.
    asked = {
        sum(len(s.questions) for s in definition.resolve(v).sections)
        for v in variants_on(definition, Channel.SMS)
    }
    if asked != {QUESTIONS}:
        raise SystemExit(f"the pledge survey now asks {asked} questions; update QUESTIONS")
    with app.test_request_context():
        campaign = create_campaign(definition, "bench-sms", "Pledge survey by text")
        for n in range(phones):
            band = AGE_BANDS[n % len(AGE_BANDS)]
            e164 = phone(n)
            person = Respondent(
                reference=f"BENCH-{n:06d}",
                cohort=Cohort.CARE_LEAVER if band == "18-21" else Cohort.CLA,
                age_band=band,
                phone_encrypted=vault().encrypt(e164),
                phone_hash=vault().hash(e164),
                preferred_channel=Channel.SMS,
                consent_to_contact=True,
            )
            db.session.add(person)
            invitation, _token = invite(
                campaign, definition, person, days_valid=30, channel=Channel.SMS
            )
            open_for_invitation(invitation)
            if n % 200 == 199:
                db.session.commit()
        db.session.commit()


def reply_for(round_number: int, rng: random.Random) -> str:
    if round_number == QUESTIONS - 1:  # the check-out: a low answer is answered with help
        return rng.choice(["4", "5"])
    if round_number % 2 == 0:  # 0, 2, 4 ...: a score question
        return rng.choice(["1", "2", "3", "4", "5", "4", "5", "three", "4 please"])
    return rng.choice(BENIGN)


def expected(round_number: int) -> bytes:
    if round_number == QUESTIONS - 1:
        return b"that's everything"
    return f"Q{round_number + 2}/{QUESTIONS}:".encode()


def verify(app, phones: int) -> list[str]:
    """Problems found in the database after the run (an empty list is a pass)."""
    from sqlalchemy import func, select

    from app.core.extensions import db
    from app.models import Answer, InboundMessage, Response, ResponseStatus

    problems = []
    with app.app_context():
        complete = db.session.scalar(
            select(func.count()).where(Response.status == ResponseStatus.COMPLETE)
        )
        answers = db.session.scalar(select(func.count()).select_from(Answer))
        inbound = db.session.scalar(select(func.count()).select_from(InboundMessage))
        db.session.remove()
    if complete != phones:
        problems.append(f"{complete} of {phones} responses complete")
    if answers != phones * QUESTIONS:
        problems.append(f"{answers} answers stored, expected {phones * QUESTIONS}")
    if inbound != phones * QUESTIONS:
        problems.append(f"{inbound} inbound rows, expected {phones * QUESTIONS}")
    return problems


def _cpu(pid: int) -> float:
    """User + system CPU seconds of a live process (0 if it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_now(server_pid: int, database: str | None) -> tuple[float, float]:
    """CPU seconds used so far by the gunicorn workers and by the database's server processes.

    Linux only (/proc); elsewhere both stay 0. Where the time goes tells what to work on: the
    machine is shared by the workers, the database and this load generator.
    """
    workers = database_cpu = 0.0
    for entry in Path("/proc").iterdir() if Path("/proc/self/stat").exists() else []:
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == server_pid:
            workers += _cpu(int(entry.name))
        elif database and command.startswith("postgres:") and f" {database} " in command:
            database_cpu += _cpu(int(entry.name))
    return workers, database_cpu


def store_settings(store: str) -> dict[str, str]:
    """Where the per-number limits (and the queue) live. Several workers need Redis, as the
    README says: the memory store counts per worker, and its expiry timer starts a thread
    every few texts, which a deployment with Redis never pays."""
    if store == "memory":
        return {}
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    return {"REDIS_URL": REDIS_URL}


def run(
    kind: str, phones: int, concurrency: int, store: str = "redis", workers: int = h.WORKERS
) -> dict[str, float]:
    rng = random.Random(7)  # noqa: S311 - a repeatable run, not a secret
    with h.workdir() as work, h.database(kind, work) as database:
        env = h.server_env(database.url, work, **store_settings(store))
        started = time.perf_counter()
        with h.app_for(env) as app:
            seed(app, phones)
        print(f"[{kind}] seeded {phones} conversations in {time.perf_counter() - started:.1f} s")
        rounds = [
            [
                h.signed_sms(
                    {
                        "AccountSid": env["TWILIO_ACCOUNT_SID"],
                        "MessageSid": f"SM{r:02d}{n:030d}",
                        "From": phone(n),
                        "To": "+447700900000",
                        "Body": reply_for(r, rng),
                        "NumMedia": "0",
                    }
                )
                for n in range(phones)
            ]
            for r in range(QUESTIONS)
        ]
        bare = h.post("/bench/bare-sms", {"From": phone(0), "Body": "4", "MessageSid": "SMx"})
        server = h.start_gunicorn(env, work, workers=workers)
        real = h.Tally(f"[{kind}] signed SMS, real conversations")
        base = h.Tally(f"[{kind}] bare endpoint, fixed TwiML")
        wrong: list[str] = []
        name = database.url.rsplit("/", 1)[1] if kind == "postgresql" else None
        cpu = {"real": [0.0, 0.0, 0.0], "bare": [0.0, 0.0, 0.0]}

        def timed_cpu(which: str, work: object) -> tuple[list[h.Result], float]:
            before = (*cpu_now(server.process.pid, name), time.process_time())
            outcome = h.timed(work)
            after = (*cpu_now(server.process.pid, name), time.process_time())
            for i in range(3):
                cpu[which][i] += after[i] - before[i]
            return outcome

        try:
            h.timed(
                partial(h.send_all, server.port, [bare] * 200, concurrency)
            )  # warm every worker
            for r, raws in enumerate(rounds):
                results, seconds = timed_cpu(
                    "bare", partial(h.send_all, server.port, [bare] * phones, concurrency)
                )
                base.add(results, seconds)
                results, seconds = timed_cpu(
                    "real", partial(h.send_all, server.port, raws, concurrency)
                )
                marker = expected(r)
                real.add(results, seconds, ok=lambda x, m=marker: x.status == 200 and m in x.body)
                wrong += [
                    f"round {r}: HTTP {x.status} {x.body[:120]!r}"
                    for x in results
                    if not (x.status == 200 and marker in x.body)
                ][:3]
        finally:
            server.kill()
        with h.app_for(env) as app:
            problems = verify(app, phones)
        print(real.line("msg/s"))
        print(base.line("msg/s"))
        ratio = real.rate / base.rate if base.rate else 0.0
        print(f"[{kind}] ratio real / bare: {ratio:.2f}")
        count = phones * QUESTIONS
        print(
            f"[{kind}] CPU per message: workers {cpu['real'][0] / count * 1000:.2f} ms"
            + (f", database {cpu['real'][1] / count * 1000:.2f} ms" if name else "")
            + f", load generator {cpu['real'][2] / count * 1000:.2f} ms"
            + f" (bare endpoint: workers {cpu['bare'][0] / count * 1000:.2f} ms,"
            + f" load generator {cpu['bare'][2] / count * 1000:.2f} ms)"
        )
        for line in wrong[:5]:
            print(f"[{kind}] unexpected reply: {line}")
        for problem in problems:
            print(f"[{kind}] DATABASE CHECK FAILED: {problem}")
        if not problems and not wrong:
            print(f"[{kind}] database check: {phones} responses complete, every answer once")
        ms = [x * 1000 for x in real.latencies]
        return {
            "rate": real.rate,
            "p50": h.percentile(ms, 50),
            "p99": h.percentile(ms, 99),
            "bare": base.rate,
            "ratio": ratio,
            "ok": float(not problems and not wrong),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--phones", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--store",
        choices=["redis", "memory"],
        default="redis",
        help="rate-limit store and queue: Redis (REDIS_URL, as several workers need) or memory",
    )
    parser.add_argument("--workers", type=int, default=h.WORKERS)
    args = parser.parse_args()
    print(
        f"Inbound SMS benchmark: {h.machine(server=False)}, "
        f"{args.phones} phones x {QUESTIONS} messages, "
        f"{args.concurrency} requests in flight, {args.workers} workers, limits and queue in "
        f"{args.store}; {h.load()}"
    )
    figures = h.on_databases(
        args.db,
        lambda kind: run(kind, args.phones, args.concurrency, args.store, args.workers),
    )
    if "postgresql" in figures:
        pg = figures["postgresql"]
        verdict = "met" if pg["rate"] >= 600 and pg["p99"] < 100 else "NOT met"
        print(f"Target (>= 600 msg/s and p99 < 100 ms on PostgreSQL): {verdict}")
    return 0 if all(f["ok"] for f in figures.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
