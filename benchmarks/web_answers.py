"""Web answers under a production server: survey pages submitted per second, and their latency.

    python benchmarks/web_answers.py [--db sqlite|postgresql|both] [--people 400]
                                     [--concurrency 8]

For each database: a fresh database and N people with a personal link to the pledge survey.
gunicorn (sync workers, 2 x cores) serves the real app on 127.0.0.1. Each person first opens
the first question (their session cookie and CSRF token; not timed). Then round by round every
person submits the page in front of them, as a browser does: POST the answer (a score, or a few
words for the "tell us more" questions), follow the redirect with a GET of the next page. The
last round sends "check your answers". Between rounds the same number of page cycles go to a
bare POST (a fixed redirect) and a bare GET (a fixed small page) in the same processes.
Every redirect is checked (it names the next question), and the database afterwards: every
response complete and every answer stored once.

Prints page cycles (POST + GET) per second, p50/p99 of the POSTs and of the GETs, for the real
pages and for the bare ones, and the ratio.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h  # noqa: E402

QUESTIONS = 12
BENIGN = [
    "It's fine thanks",
    "My foster carer is really nice and helps me with homework",
    "I like my school and my new friends",
    "Would like more time with my social worker",
    "",
    "Football club on saturdays is the best thing",
]
AGE_BANDS = ["8-12", "13-15", "16-17", "18-21"]
CSRF = re.compile(rb'name="csrf_token"[^>]*value="([^"]+)"')


def seed(app, people: int) -> list[str]:
    """People with a personal link to an open pledge-survey wave; returns their tokens."""
    from app.campaigns.service import create_campaign, invite
    from app.core.extensions import db
    from app.models import Cohort, Respondent
    from surveys import default_registry

    definition = default_registry().get("pledge")
    tokens = []
    with app.test_request_context():
        campaign = create_campaign(definition, "bench-web", "Pledge survey on the web")
        for n in range(people):
            band = AGE_BANDS[n % len(AGE_BANDS)]
            person = Respondent(
                reference=f"WEB-{n:06d}",
                cohort=Cohort.CARE_LEAVER if band == "18-21" else Cohort.CLA,
                age_band=band,
            )
            db.session.add(person)
            _invitation, token = invite(campaign, definition, person, days_valid=30)
            tokens.append(token)
        db.session.commit()
    return tokens


def keys_in_order() -> list[str]:
    from surveys import default_registry

    return [q.key for q in default_registry().get("pledge").resolve("teen").questions]


@dataclass
class Person:
    token: str
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""
    location: str = ""

    def headers(self) -> dict[str, str]:
        jar = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {"Cookie": jar} if jar else {}

    def take_cookie(self, result: h.Result) -> None:
        for line in filter(None, result.headers.get("set-cookie", "").split("\n")):
            name, _, value = line.split(";", 1)[0].partition("=")
            if value and "max-age=0" not in line.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)


@dataclass
class Figures:
    posts: list[float] = field(default_factory=list)
    gets: list[float] = field(default_factory=list)
    seconds: float = 0.0
    cycles: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.cycles / self.seconds if self.seconds else 0.0

    def line(self, name: str) -> str:
        posts = [x * 1000 for x in self.posts]
        gets = [x * 1000 for x in self.gets]
        return (
            f"{name:<30} {self.rate:7.0f} pages/s   POST p50 {h.percentile(posts, 50):5.1f} "
            f"p99 {h.percentile(posts, 99):6.1f} ms   GET p50 {h.percentile(gets, 50):5.1f} "
            f"p99 {h.percentile(gets, 99):6.1f} ms   n={self.cycles} failed={len(self.failures)}"
        )


async def open_first(port: int, person: Person, first_key: str) -> None:
    result = await h.fetch(port, h.get(f"/s/{person.token}/q/{first_key}"))
    match = CSRF.search(result.body)
    if result.status != 200 or not match:
        raise RuntimeError(f"first page: HTTP {result.status}")
    person.take_cookie(result)
    person.csrf = match.group(1).decode()
    person.location = f"/s/{person.token}/q/{first_key}"


def page_task(port: int, person: Person, form: dict[str, str], expect: str, figures: Figures):
    async def run() -> None:
        posted = await h.fetch(
            port, h.post(person.location, {"csrf_token": person.csrf, **form}, person.headers())
        )
        person.take_cookie(posted)
        target = posted.headers.get("location", "")
        if posted.status != 302 or expect not in target:
            figures.failures.append(f"POST {posted.status} -> {target!r}, wanted {expect!r}")
            return
        path = re.sub(r"^https?://[^/]+", "", target)
        page = await h.fetch(port, h.get(path, person.headers()))
        if page.status != 200:
            figures.failures.append(f"GET {path}: HTTP {page.status}")
            return
        person.take_cookie(page)
        person.location = path
        figures.posts.append(posted.seconds)
        figures.gets.append(page.seconds)
        figures.cycles += 1

    return run


def bare_task(port: int, figures: Figures):
    async def run() -> None:
        posted = await h.fetch(port, h.post("/bench/bare-answer", {"answer": "4"}))
        page = await h.fetch(port, h.get("/bench/bare-page"))
        if posted.status != 302 or page.status != 200:
            figures.failures.append(f"bare {posted.status}/{page.status}")
            return
        figures.posts.append(posted.seconds)
        figures.gets.append(page.seconds)
        figures.cycles += 1

    return run


def verify(app, people: int) -> list[str]:
    from sqlalchemy import func, select

    from app.core.extensions import db
    from app.models import Answer, Response, ResponseStatus

    with app.app_context():
        complete = db.session.scalar(
            select(func.count()).where(Response.status == ResponseStatus.COMPLETE)
        )
        answers = db.session.scalar(select(func.count()).select_from(Answer))
        db.session.remove()
    problems = []
    if complete != people:
        problems.append(f"{complete} of {people} responses complete")
    if answers != people * QUESTIONS:
        problems.append(f"{answers} answers stored, expected {people * QUESTIONS}")
    return problems


def run(kind: str, people: int, concurrency: int) -> dict[str, float]:
    rng = random.Random(11)  # noqa: S311 - a repeatable run, not a secret
    keys = keys_in_order()
    with h.workdir() as work, h.database(kind, work) as database:
        env = h.server_env(database.url, work)
        with h.app_for(env) as app:
            tokens = seed(app, people)
        crowd = [Person(token) for token in tokens]
        server = h.start_gunicorn(env, work)
        real, bare = Figures(), Figures()
        try:
            h.timed(h.run_tasks([bare_task(server.port, Figures()) for _ in range(100)], 8))
            h.timed(
                h.run_tasks(
                    [lambda p=p: open_first(server.port, p, keys[0]) for p in crowd], concurrency
                )
            )
            for r in range(QUESTIONS + 1):
                _, seconds = h.timed(
                    h.run_tasks([bare_task(server.port, bare) for _ in crowd], concurrency)
                )
                bare.seconds += seconds
                tasks = []
                for person in crowd:
                    if r < QUESTIONS:
                        value = str(rng.randint(1, 5)) if r % 2 == 0 else rng.choice(BENIGN)
                        expect = f"/q/{keys[r + 1]}" if r + 1 < QUESTIONS else "/check"
                        form = {"answer": value}
                    else:  # "check your answers": send them
                        person.location = f"/s/{person.token}/submit"
                        form, expect = {}, "/done"
                    tasks.append(page_task(server.port, person, form, expect, real))
                _, seconds = h.timed(h.run_tasks(tasks, concurrency))
                real.seconds += seconds
        finally:
            server.kill()
        with h.app_for(env) as app:
            problems = verify(app, people)
        print(real.line(f"[{kind}] survey pages"))
        print(bare.line(f"[{kind}] bare POST + GET"))
        ratio = real.rate / bare.rate if bare.rate else 0.0
        print(f"[{kind}] ratio real / bare: {ratio:.2f}")
        for failure in real.failures[:5]:
            print(f"[{kind}] unexpected: {failure}")
        for problem in problems:
            print(f"[{kind}] DATABASE CHECK FAILED: {problem}")
        if not problems and not real.failures:
            print(f"[{kind}] database check: {people} responses complete, every answer once")
        posts = [x * 1000 for x in real.posts]
        return {
            "rate": real.rate,
            "p99": h.percentile(posts, 99),
            "ok": float(not problems and not real.failures),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    print(
        f"Web answers benchmark: {h.machine()}, {args.people} people x {QUESTIONS + 1} pages, "
        f"{args.concurrency} people at once; {h.load()}"
    )
    figures = h.on_databases(args.db, lambda kind: run(kind, args.people, args.concurrency))
    return 0 if all(f["ok"] for f in figures.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
