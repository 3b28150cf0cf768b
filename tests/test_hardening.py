"""Headers on every page, and a kind 503 when the database is away."""

from __future__ import annotations

import pytest
from itsdangerous import BadSignature
from sqlalchemy.exc import OperationalError


def test_security_headers_on_public_pages(client):
    for path in ("/", "/help", "/privacy", "/s/unknown", "/staff/login"):
        reply = client.get(path)
        csp = reply.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "'unsafe-inline'" not in csp
        assert reply.headers["X-Content-Type-Options"] == "nosniff"
        assert reply.headers["Referrer-Policy"] == "no-referrer"
        assert "Strict-Transport-Security" not in reply.headers  # plain http here
    secure = client.get("/help", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_database_unavailable_is_a_503_not_a_500(app, client, monkeypatch):
    from app.public import views as public

    def broken(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("db down"))

    monkeypatch.setattr(public.db.session, "scalars", broken)
    reply = client.get("/")
    assert reply.status_code == 503 and reply.headers["Retry-After"] == "30"
    assert "still saved" in reply.get_data(as_text=True)


def test_session_signer_is_made_once_per_key_and_a_new_key_refuses_old_cookies(app):
    """The cookie signer is cached (it costs every request ~60 µs to make), but by key: a
    rotated SECRET_KEY must still refuse cookies signed with the old one."""
    sessions = app.session_interface
    signer = sessions.get_signing_serializer(app)
    assert sessions.get_signing_serializer(app) is signer
    cookie = signer.dumps({"who": "officer"})
    assert sessions.get_signing_serializer(app).loads(cookie) == {"who": "officer"}
    app.secret_key = "a-rotated-key-" + "x" * 40
    rotated = sessions.get_signing_serializer(app)
    assert rotated is not signer
    with pytest.raises(BadSignature):
        rotated.loads(cookie)
    app.config["SECRET_KEY_FALLBACKS"] = [signer.secret_keys[-1].decode()]
    assert sessions.get_signing_serializer(app).loads(cookie) == {"who": "officer"}
