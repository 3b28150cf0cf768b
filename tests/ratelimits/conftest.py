"""Apps whose rate limits count in memory or in the machine's real Redis."""

from __future__ import annotations

import os
import secrets

import pytest
import redis

from app import create_app
from app.core.extensions import db
from tests.conversations.twilio_helpers import AUTH_TOKEN
from tests.staff.conftest import make_user  # noqa: F401 - the staff tests' fixture

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest):
    """Where the limits count: each process's memory, or Redis (keys under a fresh prefix,
    removed afterwards, so parallel test workers never share a count)."""
    if request.param == "memory":
        yield "memory://", None
        return
    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except redis.ConnectionError as exc:  # a missing Redis must fail CI, not skip
        pytest.fail(f"Redis is not reachable at {REDIS_URL}: {exc}")
    prefix = f"gt-test-{secrets.token_hex(6)}"
    yield REDIS_URL, prefix
    for key in server.scan_iter(f"*{prefix}*"):
        server.delete(key)
    server.close()


@pytest.fixture
def app(database_url, tmp_path, store):
    uri, prefix = store
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret",
        "SERVER_NAME": "localhost",
        "RATELIMIT_STORAGE_URI": uri,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
    }
    if prefix:
        config["RATE_LIMIT_NAMESPACE"] = prefix
    app = create_app(config)
    app.instance_path = str(tmp_path / "instance")
    os.makedirs(app.instance_path, exist_ok=True)
    app.redis_prefix = prefix
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
