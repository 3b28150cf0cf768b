"""Shared machinery for the server benchmarks: databases, a gunicorn server, a load generator.

Everything runs on this machine against 127.0.0.1 only, with bounded request counts and time
limits. The load generators write raw HTTP on sockets (one connection per request, as
gunicorn's sync workers close each one), so that as little of the two cores as possible goes
to the client: `send_all` is a selector loop for fixed requests, `fetch` with asyncio serves
benchmarks whose next request depends on the last reply. Every request's bytes are built (and
signed) before the clock starts.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
TWILIO_TOKEN = "bench-auth-token-0123456789abcdef"  # noqa: S105 - a stand-in, loopback only
PUBLIC_BASE_URL = "https://survey.bench.invalid"
WORKERS = 2 * (os.cpu_count() or 1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- Databases -------------------------------------------------------------------------------


@dataclass
class Database:
    kind: str
    url: str
    _drop: Any = None

    def drop(self) -> None:
        if self._drop:
            self._drop()


@contextmanager
def database(kind: str, workdir: Path) -> Iterator[Database]:
    """A fresh SQLite file or a fresh PostgreSQL database, with the app's tables."""
    if kind == "sqlite":
        db = Database(kind, f"sqlite:///{workdir / 'bench.sqlite'}")
    else:
        import sqlalchemy as sa

        admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        name = f"gt_bench_{os.getpid()}_{secrets.token_hex(3)}"
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))

        def drop() -> None:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

        db = Database(kind, admin.url.set(database=name).render_as_string(False), drop)
    try:
        yield db
    finally:
        db.drop()


def server_env(db_url: str, workdir: Path, **extra: str) -> dict[str, str]:
    """Production settings, as a deployment would set them (keys made fresh per run)."""
    from cryptography.fernet import Fernet

    env = {
        "GOLDEN_THREAD_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "PHONE_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "PHONE_HASH_KEY": secrets.token_hex(32),
        "DATABASE_URL": db_url,
        "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "QUEUE_SQLITE_PATH": str(workdir / "queue.sqlite"),
        "SMS_QUIET_HOURS": "none",
    }
    env.update(extra)
    return env


@contextmanager
def app_for(env: dict[str, str]) -> Iterator[Any]:
    """The app in this process, configured exactly as the server's workers are."""
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        from app import create_app
        from app.core.extensions import db

        app = create_app()
        with app.app_context():
            db.create_all()
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


# --- The server ------------------------------------------------------------------------------


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path

    def kill(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def start_gunicorn(
    env: dict[str, str], workdir: Path, workers: int = WORKERS, port: int | None = None
) -> Server:
    """gunicorn with sync workers (2 x cores) on 127.0.0.1, serving benchmarks/bench_wsgi.py."""
    port = port or free_port()
    log = workdir / f"gunicorn-{port}.log"
    command = [
        str(GUNICORN),
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--backlog",
        "2048",
        "--timeout",
        "60",
        "--log-level",
        "warning",
        "--worker-tmp-dir",
        str(workdir),  # heartbeat files on the benchmark's own temporary folder
        "--chdir",
        str(ROOT),
        "--pythonpath",
        f"{ROOT / 'benchmarks'},{ROOT}",
        "bench_wsgi:application",
    ]
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
            command,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so we stop exactly what we started
        )
    server = Server(port, process, log)
    wait_ready(server)
    return server


def wait_ready(server: Server, timeout: float = 60) -> None:
    """Until every worker answers (a few requests in a row succeed)."""
    deadline = time.monotonic() + timeout
    good = 0
    while good < 3 * WORKERS:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{server.log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            server.kill()
            raise RuntimeError(f"gunicorn not ready:\n{server.log.read_text()[-3000:]}")
        try:
            result = asyncio.run(fetch(server.port, get("/bench/bare-page")))
            good = good + 1 if result.status == 200 else 0
        except OSError:
            good = 0
            time.sleep(0.2)


# --- Requests --------------------------------------------------------------------------------


def post(path: str, form: dict[str, str], headers: dict[str, str] | None = None) -> bytes:
    body = urlencode(form).encode()
    lines = [
        f"POST {path} HTTP/1.1",
        "Host: 127.0.0.1",
        "Content-Type: application/x-www-form-urlencoded",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *(f"{k}: {v}" for k, v in (headers or {}).items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def get(path: str, headers: dict[str, str] | None = None) -> bytes:
    lines = [
        f"GET {path} HTTP/1.1",
        "Host: 127.0.0.1",
        "Connection: close",
        *(f"{k}: {v}" for k, v in (headers or {}).items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def signed_sms(form: dict[str, str]) -> bytes:
    """A Twilio Messaging webhook delivery, signed as Twilio signs it."""
    from twilio.request_validator import RequestValidator

    signature = RequestValidator(TWILIO_TOKEN).compute_signature(
        f"{PUBLIC_BASE_URL}/sms/inbound", form
    )
    return post("/sms/inbound", form, {"X-Twilio-Signature": signature})


@dataclass
class Result:
    status: int
    seconds: float
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


async def fetch(port: int, raw: bytes, timeout: float = 30) -> Result:
    """One request on its own connection; the server closes it after answering."""
    started = time.perf_counter()
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        writer.write(raw)
        data = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    return parse(data, time.perf_counter() - started)


def parse(data: bytes, seconds: float) -> Result:
    """An HTTP/1.1 response as read off the socket (status 0 if it is not one)."""
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    if not lines or len(lines[0]) < 12:
        return Result(0, seconds)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        # Several Set-Cookie headers are kept, one a line; other repeats are not expected.
        headers[name] = f"{headers[name]}\n{value.strip()}" if name in headers else value.strip()
    return Result(int(lines[0][9:12]), seconds, headers, body)


def send_all(
    port: int, raws: Sequence[bytes], concurrency: int, timeout: float = 30
) -> list[Result]:
    """Send every request with at most `concurrency` in flight; results in input order.

    A plain selector loop over non-blocking sockets rather than asyncio: the load generator
    shares the two cores with the server, and asyncio's streams cost it about twice the CPU
    a request. A request that fails or stalls for `timeout` seconds counts as status 0.
    """
    selector = selectors.DefaultSelector()
    results = [Result(0, 0.0)] * len(raws)
    queue = iter(range(len(raws)))

    def start() -> bool:
        index = next(queue, None)
        if index is None:
            return False
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        sock.connect_ex(("127.0.0.1", port))  # completes (or fails) when it turns writable
        state = [index, time.perf_counter(), memoryview(raws[index]), bytearray()]
        selector.register(sock, selectors.EVENT_WRITE, state)
        return True

    def finish(sock: socket.socket, result: Result | None, state: list[Any]) -> None:
        selector.unregister(sock)
        sock.close()
        if result is not None:
            results[state[0]] = result
        start()

    for _ in range(concurrency):
        if not start():
            break
    while selector.get_map():
        events = selector.select(timeout)
        if not events:  # nothing moved for `timeout` seconds: every one in flight failed
            for key in list(selector.get_map().values()):
                finish(key.fileobj, None, key.data)  # type: ignore[arg-type]
            continue
        for key, mask in events:
            sock, state = key.fileobj, key.data
            try:
                if mask & selectors.EVENT_WRITE:
                    state[2] = state[2][sock.send(state[2]) :]  # type: ignore[union-attr]
                    if not state[2]:
                        selector.modify(sock, selectors.EVENT_READ, state)
                    continue
                chunk = sock.recv(65536)  # type: ignore[union-attr]
            except OSError:
                finish(sock, None, state)  # type: ignore[arg-type]
                continue
            if chunk:
                state[3] += chunk
            else:  # the server closed the connection: the response is complete
                finish(sock, parse(bytes(state[3]), time.perf_counter() - state[1]), state)  # type: ignore[arg-type]
    selector.close()
    return results


async def run_tasks(tasks: Sequence[Any], concurrency: int) -> list[Any]:
    """Run coroutine factories with at most `concurrency` at once; results in input order."""
    results: list[Any] = [None] * len(tasks)
    queue = iter(range(len(tasks)))

    async def worker() -> None:
        for index in queue:
            results[index] = await tasks[index]()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return results


# --- Figures ---------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


@dataclass
class Tally:
    """Requests and the wall time spent sending them (only while this kind was running)."""

    name: str
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    failures: int = 0

    def add(self, results: Sequence[Result], seconds: float, ok: Any = None) -> None:
        self.seconds += seconds
        for result in results:
            if (ok or (lambda r: r.status == 200))(result):
                self.latencies.append(result.seconds)
            else:
                self.failures += 1

    @property
    def rate(self) -> float:
        return (len(self.latencies) + self.failures) / self.seconds if self.seconds else 0.0

    def line(self, unit: str = "req/s") -> str:
        ms = [x * 1000 for x in self.latencies]
        return (
            f"{self.name:<34} {self.rate:8.0f} {unit}   p50 {percentile(ms, 50):6.1f} ms   "
            f"p99 {percentile(ms, 99):6.1f} ms   n={len(ms) + self.failures} failed={self.failures}"
        )


def timed(work: Any) -> tuple[Any, float]:
    """Run a coroutine, or call a function, and time it."""
    started = time.perf_counter()
    result = asyncio.run(work) if asyncio.iscoroutine(work) else work()
    return result, time.perf_counter() - started


def on_databases(choice: str, run: Any) -> dict[str, dict[str, float]]:
    """`run(kind)` on SQLite, PostgreSQL or both (`--db`), then how long it all took."""
    started = time.perf_counter()
    kinds = ["sqlite", "postgresql"] if choice == "both" else [choice]
    figures = {kind: run(kind) for kind in kinds}
    print(f"Done in {time.perf_counter() - started:.0f} s; {load()}")
    return figures


@contextmanager
def workdir(keep: bool = False) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="gt-bench-"))
    try:
        yield path
    finally:
        if not keep:
            shutil.rmtree(path, ignore_errors=True)


def machine(server: bool = True) -> str:
    import platform

    text = f"{os.cpu_count()} cores, Python {platform.python_version()}"
    return f"{text}, {WORKERS} gunicorn workers" if server else text


def load() -> str:
    """The machine's load average: other work running at the same time slows every figure."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"
