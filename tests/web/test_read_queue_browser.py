"""Real headless Chromium: an officer opens the read queue (urgent first), ticks two answers and
marks them read; axe-core checks the page and a screenshot is kept in test-artifacts/."""

from __future__ import annotations

import pytest

from app import create_app
from app.core.extensions import db
from app.models import Role
from app.staff.auth import create_user
from tests.staff.reading_helpers import web_answer

from . import browser
from .browser import DESKTOP, browser_page, serve

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EMAIL = "officer@shireford.example"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def live_server(tmp_path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'reading.sqlite'}",
            "SECRET_KEY": "x",
            "SERVER_NAME": None,
        }
    )
    with app.app_context():
        db.create_all()
    with serve(app) as base:
        yield app, base


def test_officer_reads_the_queue_urgent_first_and_marks_answers_read(live_server):
    app, base = live_server
    with app.test_request_context():
        create_user(EMAIL, "Alex Officer", Role.PARTICIPATION_OFFICER, PASSWORD)
        db.session.commit()
    routine = web_answer(app, "more trips out please, call me on 07700 900123")
    urgent = web_answer(app, "i want to die")
    other = web_answer(app, "the food at my placement is nice")

    with browser_page(DESKTOP) as page:
        page.goto(f"{base}/staff/login")
        page.get_by_label("Email address").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("link", name="Read queue", exact=True).first.click()
        assert page.locator("h1").inner_text() == "Read queue"
        rows = page.locator("#read-queue tbody tr")
        assert rows.count() == 3
        assert rows.first.get_attribute("data-answer") == str(urgent)
        assert "Urgent" in rows.first.inner_text()
        assert "[phone]" in page.content() and "07700 900123" not in page.content()
        browser.check_accessibility(page, "staff-read-queue")

        page.get_by_label(f"Select answer {routine}").check()
        page.get_by_label(f"Select answer {other}").check()
        page.get_by_role("button", name="Mark ticked answers as read").click()
        page.locator(".govuk-notification-banner").wait_for()
        assert "2 answers marked as read" in page.locator(".govuk-notification-banner").inner_text()
        assert page.locator("#read-queue tbody tr").count() == 1
        browser.check_accessibility(page, "staff-read-queue-marked")
