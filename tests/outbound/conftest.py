"""Outbound SMS fixtures: Prism serving Twilio's own API description, a scripted front for
error answers, people and campaigns, and a clock the tests move by hand.

Prism (npm @stoplight/prism-cli, a devDependency) answers 422 to any request that does not
match `../shared/twilio/twilio_api_v2010.json`; every test here also checks Prism's log, so a
request Twilio would refuse fails the test that sent it.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests
from huey import Huey
from huey.signals import SIGNAL_ERROR
from sqlalchemy import func, select

from app.campaigns.service import create_campaign
from app.core.extensions import db
from app.core.phones import normalise, vault
from app.models import Campaign, Channel, Cohort, OutboundMessage, Respondent
from app.outbound.queue import get_huey, get_tasks
from surveys import default_registry

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO.parent / "shared" / "twilio" / "twilio_api_v2010.json"
PRISM = REPO / "node_modules" / ".bin" / "prism"
ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "outbound-test-token-0123456789ab"
FROM_NUMBER = "+447700900000"
PUBLIC_BASE = "https://survey.example.org"
INVALID = "Request did not pass the validation rules"
VALID = "The request passed the validation rules"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Prism:
    url: str
    log: Path
    process: subprocess.Popen

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def counts(self) -> tuple[int, int]:
        """(requests that passed validation, requests that did not), so far."""
        text = self.log_text()
        return text.count(VALID), text.count(INVALID)


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prism]:
    """Prism on a free loopback port, dynamic answers (so every message gets its own SID)."""
    if not PRISM.exists():
        pytest.fail(f"{PRISM} is missing: run `npm ci` (Prism is a devDependency).")
    if not SPEC.exists():
        pytest.fail(f"Twilio's API description is missing at {SPEC} (shared/ beside the repo).")
    port = free_port()
    log = tmp_path_factory.mktemp("prism") / "prism.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(PRISM), "mock", "-d", "-h", "127.0.0.1", "-p", str(port), str(SPEC)],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=REPO,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            pytest.fail(f"Prism exited early:\n{log.read_text()[-2000:]}")
        try:
            requests.get(url, timeout=1)
            break
        # Under load Prism may accept the connection before it can answer: keep waiting.
        except (requests.ConnectionError, requests.Timeout):
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("Prism did not start within 60 s")
            time.sleep(0.1)
    yield Prism(url, log, process)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@dataclass
class Seen:
    at: float
    path: str
    form: dict[str, str]


@dataclass
class TwilioFront:
    """A loopback server in front of Prism: every request is passed on to Prism (so it is
    validated against the description), then answered as scripted: Prism's own answer
    ("pass"), an error Twilio gives (429, 5xx, 4xx with a Twilio code), or a dropped
    connection after the request arrived ("drop")."""

    prism: Prism
    url: str = ""
    script: list[Any] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.script.clear()
            self.seen.clear()

    def next_action(self, path: str, form: dict[str, str]) -> Any:
        with self.lock:
            self.seen.append(Seen(time.monotonic(), path, form))
            return self.script.pop(0) if self.script else "pass"


def twilio_error(status: int, code: int, message: str) -> tuple[int, dict[str, Any]]:
    return status, {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


def _handler(front: TwilioFront) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
            action = front.next_action(self.path, form)
            upstream = requests.post(
                front.prism.url + self.path,
                data=raw,
                headers={
                    "Content-Type": self.headers.get("Content-Type", ""),
                    "Authorization": self.headers.get("Authorization", ""),
                    "Accept": "application/json",
                },
                timeout=10,
            )
            if action == "drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if action == "pass":
                status, body = upstream.status_code, upstream.content
            else:
                status, payload = action
                body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture(scope="session")
def twilio_front_server(prism: Prism) -> Iterator[TwilioFront]:
    front = TwilioFront(prism)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(front))
    server.daemon_threads = True
    front.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield front
    server.shutdown()
    server.server_close()


@pytest.fixture
def twilio_front(twilio_front_server: TwilioFront, app) -> TwilioFront:
    """Point the app at the scripted front (still validated by Prism behind it)."""
    twilio_front_server.reset()
    app.config["TWILIO_API_BASE_URL"] = twilio_front_server.url
    return twilio_front_server


@pytest.fixture(autouse=True)
def prism_sees_only_valid_requests(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail any test that sent Twilio a request its API description does not allow."""
    if "app" not in request.fixturenames or request.node.get_closest_marker("invalid_ok"):
        yield
        return
    prism: Prism = request.getfixturevalue("prism")
    _, invalid_before = prism.counts()
    yield
    _, invalid_after = prism.counts()
    assert invalid_after == invalid_before, (
        "Prism refused a request as invalid by Twilio's API description:\n"
        + "\n".join(line for line in prism.log_text().splitlines() if "✖" in line)[-3000:]
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "invalid_ok: the test sends an invalid request on purpose")


@pytest.fixture
def app(app, prism: Prism):
    """The app wired to Prism; tasks run in-line at commit (immediate queue) unless a test
    asks for a real queue; no quiet hours unless a test sets them (CI runs at any hour)."""
    app.config.update(
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_FROM_NUMBER=FROM_NUMBER,
        TWILIO_MESSAGING_SERVICE_SID="",
        TWILIO_API_BASE_URL=prism.url,
        PUBLIC_BASE_URL=PUBLIC_BASE,
        QUEUE_IMMEDIATE=True,
        SMS_QUIET_HOURS="none",
        SMS_RATE_PER_SECOND=1000.0,
        SMS_MAX_ATTEMPTS=3,
        SMS_RETRY_BASE_SECONDS=0.2,
    )
    errors: list[BaseException] = []
    with app.app_context():
        huey = get_huey(app)

    @huey.signal(SIGNAL_ERROR)
    def _task_failed(signal: str, task: Any, exc: BaseException | None = None) -> None:
        errors.append(exc or RuntimeError(signal))

    yield app
    # A task that raised inside the in-line queue would otherwise pass unnoticed.
    assert not errors, f"a queued task failed: {errors!r}"


def run_task(app, message_id: int) -> None:
    """Run the send task in-line, as a worker would. SQLite's BEGIN IMMEDIATE means the test's
    own open transaction would block the worker's, so end it first."""
    db.session.rollback()
    get_tasks(app).send_sms(message_id)


def use_real_queue(app, **config: Any) -> Huey:
    """Swap the in-line queue for a real one (SQLite file or Redis) built from `config`."""
    app.config.update(QUEUE_IMMEDIATE=False, **config)
    app.extensions.pop("huey", None)
    app.extensions.pop("huey_tasks", None)
    return get_huey(app)


class FakeClock:
    """Time that moves only when a test (or a wait for a send slot) moves it."""

    def __init__(self, start: datetime) -> None:
        self.t = start
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        if seconds > 0:
            self.t += timedelta(seconds=seconds)

    def advance(self, **delta: float) -> None:
        self.t += timedelta(**delta)


_phones = itertools.count(100)


def new_phone() -> str:
    return f"07700 900{next(_phones) % 1000:03d}"


def make_person(
    *,
    phone: str | None = None,
    consent: bool = True,
    cohort: Cohort = Cohort.CLA,
    channel: Channel = Channel.WEB,
    with_phone: bool = True,
) -> Respondent:
    """A respondent (needs an app context); returns it flushed."""
    e164 = normalise(phone or new_phone()) if with_phone else None
    person = Respondent(
        reference=f"OUT-{os.urandom(4).hex()}",
        cohort=cohort,
        age_band="13-15",
        preferred_channel=channel,
        consent_to_contact=consent,
        phone_encrypted=vault().encrypt(e164) if e164 else None,
        phone_hash=vault().hash(e164) if e164 else None,
    )
    db.session.add(person)
    db.session.flush()
    return person


def make_campaign(slug: str = "pledge-wave", cohort: Cohort | None = Cohort.CLA) -> Campaign:
    definition = default_registry().get("pledge")
    return create_campaign(definition, slug, "Pledge survey", cohort=cohort)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def count_rows(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def messages_keyed(prefix: str) -> list[OutboundMessage]:
    """Outbound rows whose idempotency key starts with `prefix`, oldest first, freshly read."""
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.idempotency_key.like(f"{prefix}%"))
            .order_by(OutboundMessage.id)
        )
    )


def message_with_key(key: str) -> OutboundMessage:
    """The outbound row with this idempotency key, freshly read."""
    db.session.expire_all()
    message = db.session.scalar(
        select(OutboundMessage).where(OutboundMessage.idempotency_key == key)
    )
    assert message is not None
    return message
