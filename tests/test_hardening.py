"""Headers on every page, and a kind 503 when the database is away."""

from __future__ import annotations

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
    from app.blueprints import public

    def broken(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("db down"))

    monkeypatch.setattr(public.db.session, "scalars", broken)
    reply = client.get("/")
    assert reply.status_code == 503 and reply.headers["Retry-After"] == "30"
    assert "still saved" in reply.get_data(as_text=True)
