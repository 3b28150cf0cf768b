"""The Corporate Parenting Board pack at scale: pack page timings at 10k, 100k and 1M answers.

    python benchmarks/board_pack_scale.py [--sizes 10000,100000,1000000] [--runs 10]

A fresh PostgreSQL database and one pledge-survey wave. A generator written in SQL
(generate_series, so a million answers take seconds, not an hour of ORM inserts) adds complete
responses, 12 answers each (scores, and words for the "tell us more" questions, a quarter left
blank), with what the analysis would have made of every piece of writing and a few approved
quotes; people are spread over cohorts, age bands, genders and ethnicities. At each size the
draft pack page (/staff/board-packs/<id>, which works every figure out afresh) is fetched
`--runs` times by a signed-in participation officer, in-process.

Prints, per size: p50 and p95 of the page (target p95 < 2 s at 1M), the number of SQL
statements per page and the rows they return to Python. Rows that stay flat as answers grow
show the scorecard is computed in SQL, not by reading answers into Python.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h  # noqa: E402

QUESTIONS = [
    ("health_rating", "scale", None),
    ("health_more", "free_text", "health_wellbeing"),
    ("home_rating", "scale", None),
    ("home_more", "free_text", "safe_stable_home"),
    ("education_rating", "scale", None),
    ("education_more", "free_text", "education_work"),
    ("listened_rating", "scale", None),
    ("listened_more", "free_text", "listened_to"),
    ("relationships_rating", "scale", None),
    ("relationships_more", "free_text", "relationships"),
    ("independence_rating", "scale", None),
    ("independence_more", "free_text", "independence"),
]
WORDS = [
    "My foster carer is really nice and helps me with homework",
    "I never see my social worker and she does not ring back",
    "I like my school and my new friends",
    "The wifi in my flat is rubbish and I can not afford the bills",
    "I want to go to college to do mechanics",
    "Nobody listens to me at my reviews",
    "Football club on saturdays is the best thing",
    "I miss my brother, we only see each other once a month",
]
THEMES = ["social worker", "school", "housing", "money", "family time", "friends"]
PLEDGES = [p for _key, _kind, p in QUESTIONS if p]
# Free text names one to three themes: a common one, then a long tail (skewed towards its head),
# so an answer's (pledges, themes) combination is often its own, as with real writing.
TAIL = 500


def tail(k: int) -> str:
    skew = f"power((abs(hashtext(a.id::text || '{k}')) % 10000) / 10000.0, 2)"
    return f"'topic ' || floor({TAIL} * {skew})::int"


PASSWORD = "a long enough benchmark password"  # noqa: S105 - a throwaway local account


# The generator's SQL is built from this file's constants only (S608 below): no outside input.
def _sql_array(items: list[str]) -> str:
    return "ARRAY[" + ", ".join("'" + i.replace("'", "''") + "'" for i in items) + "]"


def grow(connection, campaign_id: int, first: int, last: int, start: str) -> None:
    """Add people first..last (inclusive), each with one complete response of 12 answers."""
    from sqlalchemy import text

    connection.execute(
        text(
            "INSERT INTO respondent (reference, cohort, age_band, gender, ethnicity, "
            "preferred_channel, consent_to_contact, created_at) "
            "SELECT 'BP-' || lpad(g::text, 8, '0'), "
            "(ARRAY['cla','cla','care_leaver'])[1 + g % 3], "
            "(ARRAY['8-12','13-15','16-17','18-21','22-25'])[1 + g % 5], "
            "(ARRAY['Female','Male','Non-binary','Prefer not to say'])[1 + (g / 3) % 4], "
            "(ARRAY['White British','Mixed','Asian or Asian British','Black or Black British',"
            "'Information not yet obtained'])[1 + (g / 7) % 5], "
            "'web', true, now() "
            "FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) g"
        ),
        {"first": first, "last": last},
    )
    connection.execute(
        text(
            "INSERT INTO response (campaign_id, respondent_id, survey_key, survey_version, "
            "variant, channel, status, started_at, updated_at, completed_at) "
            "SELECT :campaign, r.id, 'pledge', 1, "
            "CASE WHEN r.cohort = 'care_leaver' THEN 'care_leaver' "
            "WHEN r.age_band = '8-12' THEN 'younger' ELSE 'teen' END, "
            "(ARRAY['web','sms','web'])[1 + r.id % 3], 'complete', "
            "t, t, t FROM respondent r, "
            "LATERAL (SELECT CAST(:start AS timestamptz) + (r.id % 40) * interval '1 day' "
            "+ (r.id % 997) * interval '1 minute' AS t) s "
            "WHERE r.reference BETWEEN 'BP-' || lpad(CAST(:first AS text), 8, '0') "
            "AND 'BP-' || lpad(CAST(:last AS text), 8, '0')"
        ),
        {"campaign": campaign_id, "first": first, "last": last, "start": start},
    )
    values = ", ".join(f"({n}, '{key}', '{kind}')" for n, (key, kind, _p) in enumerate(QUESTIONS))
    words = _sql_array(WORDS)
    connection.execute(
        text(
            "INSERT INTO answer (response_id, question_key, value, value_number, value_text, "  # noqa: S608
            "answered_at, updated_at) "
            "SELECT p.id, q.key, "
            "CASE WHEN q.kind = 'scale' THEN to_json(1 + abs(hashtext(p.id::text || q.key)) % 5) "
            f"ELSE to_json(CASE WHEN (p.id + q.n) % 4 = 0 THEN '' ELSE "
            f"({words})[1 + (p.id * 3 + q.n) % {len(WORDS)}] END) END, "
            "CASE WHEN q.kind = 'scale' THEN 1 + abs(hashtext(p.id::text || q.key)) % 5 END, "
            f"CASE WHEN q.kind = 'free_text' THEN CASE WHEN (p.id + q.n) % 4 = 0 THEN '' ELSE "
            f"({words})[1 + (p.id * 3 + q.n) % {len(WORDS)}] END END, "
            "p.completed_at, p.completed_at "
            f"FROM response p CROSS JOIN (VALUES {values}) AS q(n, key, kind) "
            "JOIN respondent r ON r.id = p.respondent_id "
            "WHERE r.reference BETWEEN 'BP-' || lpad(CAST(:first AS text), 8, '0') "
            "AND 'BP-' || lpad(CAST(:last AS text), 8, '0')"
        ),
        {"first": first, "last": last},
    )
    pledge_of = " ".join(f"WHEN '{key}' THEN '{p}'" for key, _k, p in QUESTIONS if p)
    head = f"({_sql_array(THEMES)})[1 + a.id % {len(THEMES)}]"
    connection.execute(
        text(
            "INSERT INTO answer_analysis (answer_id, response_id, pledges, themes, sentiment, "  # noqa: S608
            "polarity, redacted, analysed_at, quote, quote_approved_at) "
            "SELECT a.id, a.response_id, "
            f"CASE WHEN a.id % 4 = 0 THEN json_build_array(CASE a.question_key {pledge_of} END, "
            f"({_sql_array(PLEDGES)})[1 + a.id % {len(PLEDGES)}]) "
            f"ELSE json_build_array(CASE a.question_key {pledge_of} END) END, "
            f"CASE a.id % 3 WHEN 0 THEN json_build_array({head}) "
            f"WHEN 1 THEN json_build_array({head}, {tail(1)}) "
            f"ELSE json_build_array({head}, {tail(1)}, {tail(2)}) END, "
            "(ARRAY['pos','neg','neu'])[1 + a.id % 3], ((a.id % 21) - 10) / 10.0, "
            "a.value_text, a.answered_at, "
            "CASE WHEN a.id % 997 = 0 THEN a.value_text END, "
            "CASE WHEN a.id % 997 = 0 THEN a.answered_at END "
            "FROM answer a WHERE a.value_text <> '' "
            "AND NOT EXISTS (SELECT 1 FROM answer_analysis x WHERE x.answer_id = a.id)"
        )
    )
    connection.execute(text("ANALYZE"))


def measure(app, pack_id: int, runs: int) -> tuple[list[float], int, int, list]:
    """Page times (s); SQL statements, rows returned and the slowest statements of one page."""
    from sqlalchemy import event

    from app.core.extensions import db

    client = app.test_client()
    page = client.get("/staff/login")
    from tests.web.helpers import csrf_token

    client.post(
        "/staff/login",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "email": "bench-officer@shireford.example",
            "password": PASSWORD,
        },
    )
    counts = {"statements": 0, "rows": 0}
    slowest: list[tuple[float, str]] = []

    def begin(conn, _cursor, *_args) -> None:
        conn.info["bench_started"] = time.perf_counter()

    def count(conn, cursor, statement, *_args) -> None:
        counts["statements"] += 1
        counts["rows"] += max(cursor.rowcount, 0)
        took = time.perf_counter() - conn.info.pop("bench_started", time.perf_counter())
        slowest.append((took, " ".join(statement.split())[:150]))

    with app.app_context():
        engine = db.engine
    times = []
    for run in range(runs + 1):
        if run == runs:
            event.listen(engine, "before_cursor_execute", begin)
            event.listen(engine, "after_cursor_execute", count)
        started = time.perf_counter()
        reply = client.get(f"/staff/board-packs/{pack_id}")
        elapsed = time.perf_counter() - started
        if reply.status_code != 200:
            raise SystemExit(f"pack page: HTTP {reply.status_code}")
        if run < runs:
            times.append(elapsed)
    event.remove(engine, "before_cursor_execute", begin)
    event.remove(engine, "after_cursor_execute", count)
    return times, counts["statements"], counts["rows"], sorted(slowest, reverse=True)[:3]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Board pack at scale: {h.machine(server=False)}; sizes {sizes} answers; {h.load()}")
    ok = True
    with h.workdir() as work, h.database("postgresql", work) as database:
        env = h.server_env(database.url, work, GOLDEN_THREAD_ENV="development")
        with h.app_for(env) as app:
            from datetime import UTC, datetime, timedelta

            from app.campaigns.service import create_campaign
            from app.core.extensions import db
            from app.models import Role
            from app.reporting import pack_publishing
            from app.staff.auth import create_user
            from surveys import default_registry

            opens = datetime.now(UTC) - timedelta(days=60)
            with app.test_request_context():
                campaign = create_campaign(
                    default_registry().get("pledge"),
                    "bench-wave",
                    "Pledge survey, bench wave",
                    opens_at=opens,
                    closes_at=opens + timedelta(days=45),
                )
                create_user(
                    "bench-officer@shireford.example",
                    "Bench Officer",
                    Role.PARTICIPATION_OFFICER,
                    PASSWORD,
                )
                pack = pack_publishing.create_pack("Bench pack", campaign=campaign)
                db.session.commit()
                campaign_id, pack_id = campaign.id, pack.id
            people = 0
            for size in sizes:
                wanted = size // len(QUESTIONS)
                started = time.perf_counter()
                with app.app_context():
                    with db.engine.begin() as connection:
                        grow(connection, campaign_id, people + 1, wanted, opens.isoformat())
                    db.session.remove()
                people = wanted
                generated = time.perf_counter() - started
                times, statements, rows, slowest = measure(app, pack_id, args.runs)
                ms = [t * 1000 for t in times]
                p95 = h.percentile(ms, 95)
                print(
                    f"{people * len(QUESTIONS):>9,} answers (generated in {generated:5.1f} s): "
                    f"pack page p50 {h.percentile(ms, 50):7.0f} ms, p95 {p95:7.0f} ms; "
                    f"{statements} SQL statements returning {rows} rows"
                )
                for took, statement in slowest:
                    print(f"      {took * 1000:6.0f} ms  {statement}")
                if size >= 1_000_000:
                    ok &= p95 < 2000
    print(f"Target (p95 < 2 s at 1M answers): {'met' if ok else 'NOT met'}; {h.load()}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
