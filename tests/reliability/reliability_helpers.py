"""Helpers for reliability tests: real servers on loopback, a 40-question survey, and a TCP
proxy in front of PostgreSQL that can make the database unreachable on demand.

(A module of its own, not conftest, so tests import it by a name no other folder uses.)"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from app.campaigns.service import create_campaign, invite
from app.core.extensions import db
from app.models import Cohort, Respondent

REPO = Path(__file__).resolve().parents[2]
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
FORTY_KEY = "reliability_forty"


def forty_yaml() -> str:
    """A survey of 40 questions: mostly scales, some yes/no, a few free text."""
    questions = []
    for n in range(40):
        if n % 10 == 9:
            questions.append(
                f"      - key: q{n:02d}\n        kind: free_text\n        required: false\n"
                f"        text: Question {n}, tell us more\n"
            )
        elif n % 3 == 1:
            questions.append(
                f"      - key: q{n:02d}\n        kind: yes_no_not_sure\n"
                f"        text: Question {n}, yes or no?\n"
            )
        else:
            questions.append(
                f"      - key: q{n:02d}\n        kind: scale\n"
                f"        text: Question {n}, how much?\n"
                "        scale: {min: 1, max: 5, labels: {1: Not at all, 5: Very}}\n"
            )
    return (
        "schema: 2\nkey: reliability_forty\nversion: 1\ntitle: Forty questions\n"
        "description: A long survey for reliability tests.\naudience: young_people\n"
        "sections:\n  - key: all\n    title: Everything\n    questions:\n" + "".join(questions)
    )


def value_for(person: int, n: int) -> str:
    """What person `person` answers to question n: different for every pair, and checkable."""
    if n % 10 == 9:
        return f"Answer {n} from person {person}, all fine"
    if n % 3 == 1:
        return ("yes", "no", "not_sure")[(person + n) % 3]
    return str((person * 7 + n) % 5 + 1)


def invite_people(app, definition, count: int, slug: str) -> list[str]:
    """`count` people with a personal link to an open wave of `definition`; their tokens."""
    tokens = []
    with app.test_request_context():
        campaign = create_campaign(definition, slug, f"Wave {slug}")
        for n in range(count):
            person = Respondent(reference=f"{slug}-{n:03d}", cohort=Cohort.CLA, age_band="13-15")
            db.session.add(person)
            tokens.append(invite(campaign, definition, person, days_valid=30)[1])
        db.session.commit()
    return tokens


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http(base: str) -> requests.Session:
    """A browser-like session for the test app (whose SERVER_NAME is localhost)."""
    session = requests.Session()
    session.headers["Host"] = "localhost"
    return session


def csrf_of(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


# --- A separate server process (gunicorn), to kill with SIGKILL ------------------------------


class GunicornServer:
    """gunicorn serving `app:create_app()` in its own process group on a fixed loopback port."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2) -> None:
        self.env, self.log, self.workers = env, log, workers
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 40) -> None:
        with self.log.open("a") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
                [
                    str(Path(sys.executable).parent / "gunicorn"),
                    "--workers",
                    str(self.workers),
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--log-level",
                    "warning",
                    "app:create_app()",
                ],
                cwd=REPO,
                env={**os.environ, **self.env},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while True:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            try:
                if requests.get(f"{self.url}/help", timeout=5).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass  # workers still starting
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.1)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group: master and workers die at once."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)


def production_env(database_url: str, tmp_path: Path) -> dict[str, str]:
    from cryptography.fernet import Fernet

    return {
        "GOLDEN_THREAD_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "PHONE_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "PHONE_HASH_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url,
        "QUEUE_SQLITE_PATH": str(tmp_path / "queue.sqlite"),
    }


# --- A TCP proxy that can make PostgreSQL unreachable ----------------------------------------


class FlakyProxy:
    """Forwards 127.0.0.1:port to a target. `down()` cuts every open connection and refuses
    new ones (they are accepted and closed at once, as when the server is gone); `up()`
    forwards again."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.available = True
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.lock = threading.Lock()
        self.stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped:
            ready, _, _ = select.select([self.listener], [], [], 0.1)
            if not ready:
                continue
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.available:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.pairs.append((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        sockets = [a, b]
        try:
            while True:
                ready, _, _ = select.select(sockets, [], [], 0.5)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (b if sock is a else a).sendall(data)
        except OSError:
            return
        finally:
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.close()

    def down(self) -> None:
        self.available = False
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for sock in pair:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def up(self) -> None:
        self.available = True

    def close(self) -> None:
        self.stopped = True
        self.down()
        self.listener.close()
