"""Real headless Chromium on a phone-sized screen: the teenager pledge survey, with axe-core."""

from __future__ import annotations

import pytest

from app.campaigns.service import create_campaign, invite
from app.core.extensions import db
from app.models import Cohort, Respondent, Response, ResponseStatus
from surveys import default_registry

from . import browser
from .browser import PHONE, browser_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def page():
    with browser_page(PHONE) as page:
        yield page


def check_accessibility(page, name: str) -> None:
    browser.check_accessibility(page, f"teen-pledge-{name}")


def test_teenager_completes_pledge_survey_on_a_phone(live_server, page):
    app, base = live_server
    definition = default_registry().get("pledge")
    with app.test_request_context():
        person = Respondent(reference="BROWSER-1", cohort=Cohort.CLA, age_band="13-15")
        db.session.add(person)
        campaign = create_campaign(definition, "browser-wave", "Browser wave")
        _invitation, token = invite(campaign, definition, person, days_valid=30)
        db.session.commit()
    survey = definition.resolve("teen")

    page.goto(f"{base}/s/{token}")
    assert page.locator("h1").inner_text() == survey.title
    check_accessibility(page, "start")
    page.get_by_role("button", name="Start now").click()

    # The first question, sent empty: the GOV.UK error summary appears and is accessible.
    first = survey.questions[0]
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()  # the POST may still be loading
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "error")

    for n, question in enumerate(survey.questions):
        assert page.locator("h1").inner_text().strip() == question.text
        if n in (0, 1):
            check_accessibility(page, f"q{n}")
        if question.kind == "free_text":
            page.locator("textarea").fill("My PA is good but I want more help with money")
        else:
            # Tap the last option's label, as a thumb would.
            page.locator(".govuk-radios__label, .govuk-checkboxes__label").last.click()
        page.get_by_role("button", name="Continue").click()

    assert page.locator("h1").inner_text() == "Check your answers before sending them"
    check_accessibility(page, "check")
    page.get_by_role("button", name="Send my answers").click()
    assert "Thank you" in page.locator("h1").inner_text()
    check_accessibility(page, "done")

    with app.app_context():
        response = db.session.scalars(db.select(Response)).one()
        assert response.status == ResponseStatus.COMPLETE
        assert response.variant == "teen"
        assert len(response.answers) == len(survey.questions)
        assert first.key in {a.question_key for a in response.answers}


def test_younger_child_skips_a_question_and_gets_help_after_a_low_checkout(live_server, page):
    # Issue 16 point 7, as a child on a phone: the plain "I’d rather not say" button, and the
    # last "How are you feeling now?" faces leading to the kind help page when it is low.
    app, base = live_server
    app.config["SUPPORT_CONTACTS"] = [
        {"name": "Test Duty Team", "phone": "01632 960 999", "detail": "Day and night"}
    ]
    definition = default_registry().get("pledge")
    with app.test_request_context():
        person = Respondent(reference="BROWSER-2", cohort=Cohort.CLA, age_band="8-12")
        db.session.add(person)
        campaign = create_campaign(definition, "browser-skip", "Browser skip")
        _invitation, token = invite(campaign, definition, person, days_valid=30)
        db.session.commit()
    survey = definition.resolve("younger")

    page.goto(f"{base}/s/{token}/q/{survey.questions[0].key}")
    skip = page.get_by_role("button", name="I’d rather not say")
    assert skip.is_visible()
    browser.check_accessibility(page, "younger-pledge-skip-control")
    skip.click()
    page.wait_for_url(f"**/q/{survey.questions[1].key}")
    for question in survey.questions[1:-1]:
        assert page.locator("h1").inner_text().strip() == question.text
        page.get_by_role("button", name="I’d rather not say").click()
        page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == "How are you feeling now?"
    browser.check_accessibility(page, "younger-pledge-checkout")
    page.locator(".govuk-radios__label").first.click()  # the saddest face
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/feeling**")
    assert "Test Duty Team" in page.content()
    browser.check_accessibility(page, "younger-pledge-checkout-help")
    page.get_by_role("button", name="Carry on").click()
    assert page.locator("h1").inner_text() == "Check your answers before sending them"
    page.get_by_role("button", name="Send my answers").click()
    assert "Thank you" in page.locator("h1").inner_text()
    with app.app_context():
        response = db.session.scalars(db.select(Response)).one()
        assert response.status == ResponseStatus.COMPLETE
