"""Real headless Chromium on a phone-sized screen: the teenager pledge survey, with axe-core."""

from __future__ import annotations

import pytest

from app import create_app
from app.campaigns.service import create_campaign, invite
from app.core.extensions import db
from app.models import Cohort, Respondent, Response, ResponseStatus
from surveys import default_registry

from . import browser
from .browser import PHONE, browser_page, serve

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def live_server(tmp_path):
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'browser.sqlite'}", "SECRET_KEY": "x"}
    )
    with app.app_context():
        db.create_all()
    with serve(app) as base:
        yield app, base


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
