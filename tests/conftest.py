"""Fixtures: every app test runs on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

os.environ["GOLDEN_THREAD_ENV"] = "testing"
os.environ.pop("DATABASE_URL", None)
os.environ.pop("SECRET_KEY", None)

from app import create_app  # noqa: E402
from app.core.extensions import db  # noqa: E402

TRANSLATIONS = Path(__file__).resolve().parents[1] / "app" / "translations"


def _compile_interface_translations() -> None:
    """Build each language's .mo that is missing or older than its .po, as `make setup`
    does, so the tests run on a fresh clone however they are started."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        partial = mo.with_suffix(f".{os.getpid()}.tmp")  # pytest-xdist workers race here
        with partial.open("wb") as target:
            write_mo(target, catalog)
        partial.replace(mo)


_compile_interface_translations()

# Trust auth on loopback, as on this project's machines and CI.
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


class PostgresServer:
    """Creates throwaway databases on the real server; never skips silently."""

    def __init__(self, admin_url: str) -> None:
        self.admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []

    def new_database(self) -> str:
        name = f"gt_test_{os.getpid()}_{secrets.token_hex(4)}"
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return self.admin.url.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.admin.connect() as conn:
            for name in self.created:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    if os.environ.get("GT_SKIP_POSTGRES") == "1":
        pytest.skip("GT_SKIP_POSTGRES=1: PostgreSQL tests explicitly switched off")
    server = PostgresServer(POSTGRES_ADMIN_URL)
    try:
        with server.admin.connect():
            pass
    except sa.exc.OperationalError as exc:  # a missing server must fail CI, not skip
        pytest.fail(
            f"PostgreSQL is not reachable at {server.admin.url!r}: {exc}. Start it, set "
            "TEST_POSTGRES_URL, or set GT_SKIP_POSTGRES=1 to run without it on purpose."
        )
    yield server
    server.drop_all()


@pytest.fixture(scope="session")
def postgres_db(postgres: PostgresServer) -> str:
    """One database for the session's app tests; tables are recreated per test."""
    return postgres.new_database()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    return request.getfixturevalue("postgres_db")


@pytest.fixture
def app(database_url: str, tmp_path: Path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "test-secret",
            "SERVER_NAME": "localhost",
        }
    )
    app.instance_path = str(tmp_path / "instance")
    os.makedirs(app.instance_path, exist_ok=True)
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
