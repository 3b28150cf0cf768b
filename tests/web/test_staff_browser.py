"""Real headless Chromium: an officer reviews a flagged answer, acts on its theme and marks the
action green, then publishes "you said, we did"; axe-core checks every page on the way."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.core.extensions import db
from app.models import Action, Role
from app.staff.auth import create_user
from tests.staff.test_review_actions import RAW, seed_answer

from . import browser
from .browser import DESKTOP, browser_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EMAIL = "officer@shireford.example"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def page():
    with browser_page(DESKTOP) as page:  # an office screen
        yield page


def check_accessibility(page, name: str) -> None:
    browser.check_accessibility(page, f"staff-{name}")


def test_officer_reviews_acts_and_marks_green(live_server, page):
    app, base = live_server
    with app.test_request_context():
        create_user(EMAIL, "Alex Officer", Role.PARTICIPATION_OFFICER, PASSWORD)
        analysis = seed_answer(
            RAW, themes=["social worker"], pledges=["listened_to"], flagged="neglect"
        )
        db.session.commit()
        analysis_id = analysis.id

    page.goto(f"{base}/staff/login")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Review", exact=True).first.click()
    assert page.locator("h1").inner_text() == "Review answers"
    card = page.locator(f'[data-analysis="{analysis_id}"]')
    assert "Possible disclosure" in card.inner_text()
    assert "[name]" in card.inner_text() and "Jake" not in page.content()
    check_accessibility(page, "review")

    card.get_by_role("link", name=f"Review answer {analysis_id}").click()
    redacted = page.locator("#redacted").inner_text()
    assert "[phone]" in redacted and "07700" not in page.content()
    check_accessibility(page, "review-answer")

    page.get_by_role("link", name="Create an action for this theme").click()
    assert page.get_by_label("Theme").input_value() == "social worker"
    page.get_by_role("button", name="Save action").click()  # nothing filled in yet
    page.locator(".govuk-error-summary").wait_for()  # the POST may still be loading
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "action-errors")

    due = date.today() + timedelta(days=60)
    page.get_by_label("Title").fill("Social workers ring back within a day")
    page.get_by_label("Owner").fill("Children in care team manager")
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    page.get_by_label("Not started").check()
    page.get_by_role("button", name="Save action").click()
    row = page.locator("#actions tbody tr").first
    assert row.locator("[data-rag]").inner_text() == "Amber"
    check_accessibility(page, "actions-amber")

    row.get_by_role("link", name="Social workers ring back within a day", exact=True).click()
    check_accessibility(page, "action-edit")
    page.get_by_label("Under way").check()
    page.get_by_role("button", name="Save action").click()
    row = page.locator("#actions tbody tr").first
    assert row.locator("[data-rag]").inner_text() == "Green"
    page.locator(".govuk-notification-banner--success").wait_for()  # the POST may still be loading
    assert page.locator(".govuk-notification-banner--success").is_visible()
    check_accessibility(page, "actions-green")

    row.get_by_role("link", name="Publish").click()
    check_accessibility(page, "publish")
    page.get_by_label("You said").fill("You said social workers did not ring you back.")
    page.get_by_label("We did").fill("Social workers now ring back within one working day.")
    page.get_by_role("button", name="Publish").click()
    page.goto(f"{base}/you-said-we-did")
    assert "ring back within one working day" in page.content()
    check_accessibility(page, "you-said-we-did")

    for path, name in (("/staff/dashboard", "dashboard"), ("/staff/board", "board-summary")):
        page.goto(base + path)
        assert page.locator("svg[role=img]").count() >= 1
        check_accessibility(page, name)

    with app.app_context():
        action = db.session.scalars(db.select(Action)).one()
        assert action.theme == "social worker" and action.published_at is not None
