"""Real headless Chromium: the whole pledge survey in Polish and in Arabic, chosen by the
language link on the first page, axe-core clean on every page (issue 16)."""

from __future__ import annotations

import pytest
from babel.support import Translations

from app.campaigns.service import create_campaign, invite
from app.core.extensions import db
from app.models import Cohort, Respondent, Response, ResponseStatus
from surveys import default_registry
from surveys.languages import LANGUAGES

from . import browser
from .browser import PHONE, ROOT, browser_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize("code", ["pl", "ar"])
def test_whole_pledge_survey_in_a_language_chosen_on_the_first_page(live_server, code):
    app, base = live_server
    registry = default_registry()
    definition = registry.get("pledge")
    with app.test_request_context():
        person = Respondent(reference=f"LANG-{code}", cohort=Cohort.CLA, age_band="13-15")
        db.session.add(person)
        campaign = create_campaign(definition, f"wave-{code}", "Browser wave")
        _invitation, token = invite(campaign, definition, person, days_valid=30)
        db.session.commit()
    survey = registry.in_language(definition, code).resolve("teen")
    english = definition.resolve("teen")
    language = LANGUAGES[code]
    ui = Translations.load(str(ROOT / "app" / "translations"), [code])
    continue_label = ui.gettext("Continue")
    assert continue_label != "Continue"  # the interface catalogue is compiled and used

    def check(page, name: str) -> None:
        html = page.locator("html")
        assert html.get_attribute("lang") == code, name
        assert html.get_attribute("dir") == language.direction, name
        browser.check_accessibility(page, f"lang-{code}-{name}")

    with browser_page(PHONE) as page:
        page.goto(f"{base}/s/{token}")
        assert page.locator("html").get_attribute("lang") == "en"
        link = page.locator(f'a[hreflang="{code}"]')
        assert link.inner_text() == language.own_name
        assert link.get_attribute("lang") == code
        assert link.get_attribute("dir") == language.direction
        link.click()
        page.wait_for_url(f"**/s/{token}?lang={code}")
        assert page.locator("h1").inner_text() == survey.title != english.title
        check(page, "start")
        page.locator(".govuk-button--start").click()

        for n, question in enumerate(survey.questions):
            heading = page.locator("h1").inner_text().strip()
            assert heading == question.text, (n, heading)
            if question.text != english.questions[n].text:
                assert page.locator("h1 [lang=en], h1[lang=en], label[lang=en]").count() == 0
            check(page, f"q{n}")
            if question.kind == "free_text":
                page.locator("textarea").fill("Dobrze" if code == "pl" else "جيد")
            else:
                page.locator(".govuk-radios__label, .govuk-checkboxes__label").last.click()
            page.get_by_role("button", name=continue_label, exact=True).click()
            page.wait_for_load_state()
            if "/support" in page.url:
                # Words in a script the detector cannot read are sent to a person to read
                # (app.safeguarding): the help page comes first, in the same language.
                check(page, f"support-{n}")
                page.locator("main a.govuk-button").click()

        assert page.locator("h1").inner_text() == ui.gettext(
            "Check your answers before sending them"
        )
        check(page, "check")
        page.get_by_role("button", name=ui.gettext("Send my answers")).click()
        page.locator(".govuk-panel__title").wait_for()
        assert page.locator(".govuk-panel__title").inner_text() == ui.gettext("Thank you")
        check(page, "done")

    with app.app_context():
        response = db.session.scalars(db.select(Response)).one()
        assert response.status == ResponseStatus.COMPLETE
        assert response.language == code
        assert len(response.answers) == len(survey.questions)
        assert {a.language for a in response.answers} == {code}
