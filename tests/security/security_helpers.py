"""Helpers for the security tests: every route in the URL map with usable arguments, and the
header and cookie rules every response must follow.

(A module of its own, not conftest, so tests import it by a name no other folder uses.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from werkzeug.routing import Rule

from app.campaigns.service import create_campaign
from app.core.extensions import db
from app.models import Role
from app.staff.auth import create_user
from surveys import default_registry
from tests.staff.staff_helpers import PASSWORD
from tests.web.helpers import csrf_token, make_invitation

ADMIN = "security-admin@shireford.example"
PLACEHOLDER = re.compile(r"<(?:[^>]*?:)?(\w+)>")
# Endpoints whose argument must be one of a few names to reach the view at all.
FIXED = {
    "govuk_bundle": {"filename": "govuk-frontend.min.css"},
    "govuk_assets": {"filename": "manifest.json"},
    "static": {"filename": "app.css"},
}
LAST = {"staff.logout"}  # walked last, so the walk stays signed in


@dataclass
class Seeded:
    """Real values for route arguments, so pages render rather than 404."""

    values: dict[str, str]


def seed(app) -> Seeded:
    token = make_invitation(app, "pledge", reference="SEC-1")
    with app.test_request_context():
        campaign = create_campaign(
            default_registry().get("pledge"), "sec-open", "Open wave", open_link=True
        )
        create_user(ADMIN, "Sec Admin", Role.ADMIN, PASSWORD)
        db.session.commit()
        open_token = campaign.open_link_token
    return Seeded(
        {
            "token": token,
            "key": "health_rating",
            "open_token": open_token or "x",
            "code": "NOPE",
            "pid": "nope",
            "version": "full",
            "upload_id": "nope",
        }
    )


def url_for_rule(rule: Rule, seeded: Seeded) -> str:
    fixed = FIXED.get(rule.endpoint, {})

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in fixed:
            return fixed[name]
        if name in seeded.values:
            return seeded.values[name]
        return "1"  # an integer id: the first row, or a 404

    return PLACEHOLDER.sub(value, rule.rule)


def every_route(app, seeded: Seeded) -> Iterator[tuple[str, str, str]]:
    """(endpoint, method, url) for every GET and POST in the URL map; logout last."""
    rules = sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint in LAST, r.rule))
    for rule in rules:
        for method in sorted(rule.methods & {"GET", "POST"}):
            yield rule.endpoint, method, url_for_rule(rule, seeded)


def sign_in_at(client, base_url: str):
    page = client.get("/staff/login", base_url=base_url)
    return client.post(
        "/staff/login",
        base_url=base_url,
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "email": ADMIN,
            "password": PASSWORD,
        },
    )


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def header_problems(reply, *, https: bool) -> list[str]:
    """Everything wrong with one response's security headers and cookies."""
    problems = []
    headers = reply.headers
    csp = csp_directives(headers.get("Content-Security-Policy", ""))
    expected = {
        "default-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "style-src": ["'self'"],
    }
    for name, value in expected.items():
        if csp.get(name) != value:
            problems.append(f"CSP {name} is {csp.get(name)!r}, wanted {value!r}")
    scripts = csp.get("script-src", [])
    nonces = [s for s in scripts if s.startswith("'nonce-")]
    if set(scripts) - set(nonces) != {"'self'"} or len(nonces) != 1 or len(nonces[0]) < 20:
        problems.append(f"CSP script-src is {scripts!r}: 'self' and one real nonce only")
    for name, sources in csp.items():
        bad = {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} & set(sources)
        if bad or ("data:" in sources and name != "img-src"):
            problems.append(f"CSP {name} allows {sorted(bad) or ['data:']}")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if headers.get("Referrer-Policy") != "no-referrer":
        problems.append(f"Referrer-Policy is {headers.get('Referrer-Policy')!r}")
    if headers.get("X-Frame-Options") != "DENY":
        problems.append("no X-Frame-Options: DENY")
    # Only the shared assets may be cached; anything else may be personal (a page, a PDF).
    shared = reply.request.path.split("/")[1] in {"static", "assets", "govuk"}
    if not shared and "no-store" not in headers.get("Cache-Control", ""):
        problems.append(f"Cache-Control is {headers.get('Cache-Control')!r}, not no-store")
    hsts = headers.get("Strict-Transport-Security")
    if https:
        match = re.fullmatch(r"max-age=(\d+); includeSubDomains", hsts or "")
        if not match or int(match.group(1)) < 31_536_000:
            problems.append(f"HSTS over HTTPS is {hsts!r}")
    elif hsts:
        problems.append("HSTS sent over plain HTTP")
    for cookie in headers.getlist("Set-Cookie"):
        flags = {p.strip().split("=", 1)[0].lower(): p.strip() for p in cookie.split(";")[1:]}
        name = cookie.split("=", 1)[0]
        if "httponly" not in flags:
            problems.append(f"cookie {name} without HttpOnly")
        if flags.get("samesite", "").lower() not in ("samesite=lax", "samesite=strict"):
            problems.append(f"cookie {name} without SameSite=Lax or Strict")
        if "secure" not in flags:
            problems.append(f"cookie {name} without Secure")
    return problems
