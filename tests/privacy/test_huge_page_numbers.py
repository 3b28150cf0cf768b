"""Issue 15 point 7: a huge page number (or id in the query string) is a clean 404 or the first
page, never a 500, on every paginated staff page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.models import Role
from tests.staff.staff_helpers import sign_in

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"
# Every page whose template links to another page of itself.
PAGINATED = {
    "staff.audit_log": "/staff/audit",
    "staff.safeguarding": "/staff/safeguarding",
    "staff.review": "/staff/review",
    "staff.reading": "/staff/reading",
}
HUGE = ("99999999999999999999999", "9223372036854775807", "9223372036854775808", "1000001")


def test_the_list_of_paginated_pages_is_complete():
    linked = set()
    for template in TEMPLATES.rglob("*.html"):
        linked |= set(re.findall(r"url_for\('([\w.]+)', page=", template.read_text()))
    assert linked == set(PAGINATED)


@pytest.fixture
def admin(app, make_user):
    _id, email = make_user(Role.ADMIN, email="admin@shireford.example")
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


@pytest.mark.parametrize("path", sorted(PAGINATED.values()))
def test_huge_page_numbers_are_not_found_never_a_server_error(admin, path):
    for huge in HUGE:
        reply = admin.get(f"{path}?page={huge}")
        assert reply.status_code == 404, (path, huge, reply.status_code)
    for ordinary in ("1", "2", "0", "-5", "abc", "1000000"):
        assert admin.get(f"{path}?page={ordinary}").status_code == 200, (path, ordinary)


def test_huge_ids_in_query_strings_are_ignored(admin):
    for url in (
        "/staff/audit?user={n}",
        "/staff/safeguarding?done={n}",
        "/staff/review?campaign={n}",
        "/staff/actions?saved={n}&published={n}",
    ):
        for huge in HUGE:
            reply = admin.get(url.format(n=huge))
            assert reply.status_code == 200, (url, huge, reply.status_code)
