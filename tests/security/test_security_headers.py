"""Security headers and cookie flags on every response of every route in the URL map, over
HTTP and HTTPS, signed in and not; and 413 for an oversized body on every POST route."""

from __future__ import annotations

from security_helpers import (
    every_route,
    header_problems,
    seed,
    sign_in_at,
)

from app.core.config import load_config
from tests.web.helpers import csrf_token

BIG = "x" * (300 * 1024)  # over MAX_CONTENT_LENGTH (256 KB)


def walk(app, seeded, base_url: str, *, signed_in: bool) -> dict[str, list[str]]:
    client = app.test_client()
    https = base_url.startswith("https")
    found: dict[str, list[str]] = {}
    if signed_in:
        assert sign_in_at(client, base_url).status_code == 302
    token = csrf_token(client.get("/staff/login", base_url=base_url).get_data(as_text=True))
    checked = 0
    for endpoint, method, url in every_route(app, seeded):
        if method == "GET":
            reply = client.get(url, base_url=base_url)
        else:
            reply = client.post(url, base_url=base_url, data={"csrf_token": token})
        checked += 1
        problems = header_problems(reply, https=https)
        if reply.status_code >= 500:
            problems.append(f"HTTP {reply.status_code}")
        if problems:
            found[f"{method} {url} ({endpoint}, {reply.status_code})"] = problems
    assert checked > 60  # the whole map, not a handful
    return found


def test_every_route_sends_strict_headers_and_flagged_cookies(app):
    seeded = seed(app)
    # What production sets (asserted below); the test app would otherwise send plain cookies.
    app.config["SESSION_COOKIE_SECURE"] = True
    found = {}
    for base_url in ("https://localhost", "http://localhost"):
        for signed_in in (False, True):
            found.update(walk(app, seeded, base_url, signed_in=signed_in))
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_production_cookie_settings(tmp_path):
    config = load_config(
        str(tmp_path),
        {
            "GOLDEN_THREAD_ENV": "production",
            "SECRET_KEY": "s" * 64,
            "PHONE_ENCRYPTION_KEY": "k" * 43 + "=",
            "PHONE_HASH_KEY": "h" * 64,
        },
    )
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert config["MAX_CONTENT_LENGTH"] == 256 * 1024


def test_every_post_route_refuses_an_oversized_body_with_413(app):
    seeded = seed(app)
    app.config.update(SESSION_COOKIE_SECURE=True, TWILIO_AUTH_TOKEN="a-token")
    for signed_in in (False, True):
        client = app.test_client()
        if signed_in:
            assert sign_in_at(client, "http://localhost").status_code == 302
        posts = [(e, u) for e, m, u in every_route(app, seeded) if m == "POST"]
        assert len(posts) > 20
        for endpoint, url in posts:
            # A signature header, so Twilio's routes get as far as reading the body.
            reply = client.post(
                url, data={"answer": BIG, "Body": BIG}, headers={"X-Twilio-Signature": "x"}
            )
            assert reply.status_code == 413, (endpoint, url, reply.status_code)
            assert not header_problems(reply, https=False), (endpoint, url)
