"""Real headless Chromium on the conference tablet (issue 14, "Slow checks on the queue"): a young
person's answer goes to the deeper safeguarding check on a real queue; the check is slow, so
they have moved on and are typing their next answer when it raises the tier. Within seconds
the tablet page shows the help numbers in place (the survey link's banner, role="alert"),
without losing a letter of what they are typing and never showing the words that raised it.
Shown once; the asking stops. axe-core, screenshot."""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlalchemy import select

from analysis import assess
from app import create_app
from app.conferences.service import create_conference
from app.core.extensions import db
from app.models import ConferenceKind, FlagEvent, Role
from app.outbound.queue import get_huey
from app.staff.auth import create_user

from . import browser
from .browser import TABLET, browser_page, serve
from .test_deep_check_help_browser import WITHIN_SECONDS, WORDS, SlowDeepCheck

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EMAIL = "chair@shireford.example"
PASSWORD = "correct horse battery staple"
PIN = "517324"
TYPING = "I could not hear everyone"


@pytest.fixture
def live(tmp_path):
    check = SlowDeepCheck()
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'tablet-deep.sqlite'}",
            "SECRET_KEY": "x",
            # A real queue and a consumer on it, in threads, as `flask queue worker` runs one.
            "QUEUE_IMMEDIATE": False,
            "QUEUE_SQLITE_PATH": str(tmp_path / "queue.sqlite"),
            "SAFEGUARDING_DEEP_CHECK": check,
        }
    )
    with app.app_context():
        db.create_all()
        chair = create_user(EMAIL, "Sam Chair", Role.CONFERENCE_CHAIR, PASSWORD)
        conference = create_conference(
            reference="CP-2026-044", kind=ConferenceKind.REVIEW, held_on=date.today(), chair=chair
        )
        db.session.commit()
        conference_id = conference.id
    consumer = get_huey(app).create_consumer(
        workers=2, periodic=False, worker_type="thread", max_delay=0.5
    )
    consumer.start()
    try:
        with serve(app) as base:
            yield app, base, check, conference_id
    finally:
        check.release.set()
        consumer.stop(graceful=True)


def _start_tablet_mode(page, base: str, conference_id: int) -> None:
    page.goto(f"{base}/staff/login")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{base}/staff/conferences/{conference_id}")
    page.get_by_label("Choose a PIN for leaving tablet mode").fill(PIN)
    page.get_by_role("button", name="Start tablet mode").click()


def _tap_through_to_words(page) -> None:
    """Choose an answer on each page until one asks for words."""
    while page.locator("textarea").count() == 0:
        page.locator("input[type=radio], input[type=checkbox]").first.check()
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()


def test_help_appears_on_the_tablet_page_when_the_slow_check_raises(live):
    app, base, check, conference_id = live
    assert not assess(WORDS).flagged  # the request's own check sees nothing
    asks: list[str] = []
    with browser_page(TABLET) as page:
        page.on("request", lambda r: asks.append(r.url) if "/deep-check" in r.url else None)
        _start_tablet_mode(page, base, conference_id)
        page.get_by_label("Young person").check()
        page.get_by_role("button", name="Start").click()
        _tap_through_to_words(page)
        first_words_page = page.url
        page.locator("textarea").fill(WORDS)
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
        assert page.url != first_words_page and "/support" not in page.url
        assert page.locator("#deep-help").count() == 0  # no help yet: the check is running
        # The page waits with the help ready, asking this participant's own address.
        pid = page.url.split("/p/")[1].split("/")[0]
        slot = page.locator("#deep-help-slot")
        assert slot.get_attribute("data-gt-deep-check").endswith(f"/p/{pid}/deep-check")
        box = page.locator("textarea")
        box.click()
        box.type(TYPING[:10])

        check.release.set()  # the queue's deep check now finishes and raises the tier
        raised_at = time.monotonic()
        banner = page.locator("#deep-help")
        banner.wait_for(state="visible", timeout=WITHIN_SECONDS * 1000)
        shown_after = time.monotonic() - raised_at
        box.type(TYPING[10:])  # they carry on typing where they were

        assert box.input_value() == TYPING  # not a letter lost
        assert banner.get_attribute("role") == "alert"
        text = banner.inner_text()
        assert "We want to check you are OK" in text
        assert "0800 1111" in text  # Childline, as on the tablet's support page
        assert WORDS not in page.content()
        assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
        # Still the tablet's page: its help link and its way out stay.
        assert page.locator(".govuk-exit-this-page").count() == 1
        browser.check_accessibility(page, "tablet-deep-check-help-banner")

        # The asking stopped once the help was shown, and the tablet recorded it once.
        count = len(asks)
        page.wait_for_timeout(4000)
        assert len(asks) == count
        assert all("/tablet/" in url and f"/p/{pid}/" in url for url in asks)
        with app.app_context():
            kinds = db.session.scalars(select(FlagEvent.kind)).all()
            assert kinds.count("help_shown") == 1 and "deep_check" in kinds
        # Shown once: the page again is their question, not the help again.
        page.reload()
        assert f"/p/{pid}/q/" in page.url
        assert page.locator("#deep-help").count() == 0
    print(f"tablet deep check help shown {shown_after:.1f} s after the check raised the tier")
