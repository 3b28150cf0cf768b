"""The production server killed with SIGKILL in the middle of load, then restarted: every
answer that was acknowledged (a 302 received) is in the database, with the value sent.

The server is gunicorn in its own process group; the whole group (master and workers) gets
SIGKILL at once, as when a machine or container dies. People whose request failed do what a
browser user does: press the button again until it works.
"""

from __future__ import annotations

import threading
import time

import requests
from reliability_helpers import GunicornServer, csrf_of, invite_people, production_env
from sqlalchemy import func, select

from app.core.extensions import db
from app.models import Response
from surveys import default_registry

PEOPLE = 16


def answer_for(person: int, index: int, kind: str) -> str:
    if kind == "free_text":
        return f"Person {person} says all is fine at step {index}"
    return str((person + index) % 5 + 1)


def test_sigkill_mid_load_loses_no_acknowledged_answer(app, tmp_path):
    definition = default_registry().get("pledge")
    questions = definition.resolve("teen").questions
    tokens = invite_people(app, definition, PEOPLE, "killed")
    server = GunicornServer(
        production_env(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path), tmp_path / "gunicorn.log"
    )
    server.start()
    acknowledged: list[tuple[str, str, str]] = []
    failures = 0
    lock = threading.Lock()
    deadline = time.monotonic() + 45

    def person(n: int) -> None:
        nonlocal failures
        session = requests.Session()
        base = lambda: f"{server.url}/s/{tokens[n]}/q/"  # noqa: E731 - the port stays the same
        token = None
        for i, question in enumerate(questions):
            value = answer_for(n, i, question.kind)
            while time.monotonic() < deadline:
                try:
                    if token is None:
                        page = session.get(base() + questions[0].key, timeout=10)
                        token = csrf_of(page.text)
                        # Production cookies are Secure (a TLS proxy sits in front); this
                        # test talks plain HTTP on loopback, so it sends the cookie itself.
                        session.headers["Cookie"] = f"session={page.cookies['session']}"
                    reply = session.post(
                        base() + question.key,
                        data={"csrf_token": token, "answer": value},
                        allow_redirects=False,
                        timeout=10,
                    )
                except (requests.ConnectionError, requests.Timeout):
                    reply = None
                if reply is not None and reply.status_code == 302:
                    with lock:
                        acknowledged.append((tokens[n], question.key, value))
                    break
                with lock:
                    failures += 1
                time.sleep(0.1)  # the person presses the button again

    threads = [threading.Thread(target=person, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    total = PEOPLE * len(questions)
    while len(acknowledged) < total // 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    server.kill()  # SIGKILL to master and workers, mid-load
    at_kill = len(acknowledged)
    assert 0 < at_kill < total, "the kill must land in the middle of the load"
    time.sleep(0.5)
    server.start()
    for thread in threads:
        thread.join(timeout=max(1, deadline - time.monotonic()))
    server.kill()

    assert len(acknowledged) == total, f"only {len(acknowledged)} of {total} acknowledged"
    assert failures > 0, "requests should have failed while the server was down"
    token_of = {t: n for n, t in enumerate(tokens)}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == PEOPLE
        stored = {
            (response.invitation.respondent.reference, answer.question_key): answer.value
            for response in db.session.scalars(select(Response))
            for answer in response.answers
        }
    for token, key, value in acknowledged:
        reference = f"killed-{token_of[token]:03d}"
        assert str(stored.get((reference, key))) == value, (reference, key)
    assert len(stored) == total
