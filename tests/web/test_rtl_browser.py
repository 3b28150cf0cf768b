"""A right-to-left page in real headless Chromium: an Arabic survey on a phone is laid out
mirrored (each radio on the right of its label, the back link's arrow on the right, the check
page's question on the right of the answer), draws Arabic in Noto Sans Arabic from /fonts/, and
passes axe-core. Screenshots go to test-artifacts/rtl-*.png."""

from __future__ import annotations

import pytest

from app.campaigns.service import create_campaign, invite
from app.core.extensions import db
from app.models import Cohort, Respondent
from surveys import default_registry

from . import browser
from .browser import PHONE, browser_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ARABIC_ANSWER = "أحب كرة القدم مع أصدقائي"  # "I love football with my friends"

# Where each radio's input sits against its label, on the page as drawn.
RADIO_BOXES = """() => Array.from(document.querySelectorAll('.govuk-radios__item')).map(item => {
  const input = item.querySelector('input').getBoundingClientRect();
  const label = item.querySelector('label').getBoundingClientRect();
  const circle = getComputedStyle(item.querySelector('label'), '::before');
  return {inputLeft: input.left, labelRight: label.right, circleRight: circle.right,
          circleLeft: circle.left};
})"""
ARABIC_FACES = """async () => {
  await document.fonts.ready;
  return Array.from(document.fonts)
    .filter(f => f.family.replace(/"/g, '') === 'Noto Sans Arabic' && f.status === 'loaded')
    .map(f => f.weight);
}"""


@pytest.fixture
def page():
    with browser_page(PHONE) as page:
        yield page


def test_arabic_survey_is_mirrored_and_drawn_in_an_arabic_font(live_server, page):
    app, base = live_server
    definition = default_registry().get("pledge")
    app.config["SUPPORT_CONTACTS"] = [
        {"name": "Test Duty Team", "phone": "+44 1632 960 999", "detail": "Day and night"}
    ]
    with app.test_request_context():
        person = Respondent(reference="RTL-1", cohort=Cohort.CLA, age_band="13-15")
        db.session.add(person)
        campaign = create_campaign(definition, "rtl-wave", "RTL wave")
        _invitation, token = invite(campaign, definition, person, days_valid=30)
        db.session.commit()
    fonts_fetched: list[str] = []
    page.on("response", lambda r: fonts_fetched.append(r.url) if "/fonts/" in r.url else None)

    # Arabic chosen as a child would: the language link on the first page.
    page.goto(f"{base}/s/{token}?lang=ar")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("link[href$='rtl.css']").count() == 1
    page.locator(".govuk-button--start").click()

    # The first question: every radio's control is on the right of its words.
    page.locator(".govuk-radios__item").first.wait_for()
    boxes = page.evaluate(RADIO_BOXES)
    assert boxes
    for box in boxes:
        assert box["inputLeft"] >= box["labelRight"] - 1, box
        assert box["circleRight"] == "2px", box  # the drawn circle sits over the input
    family = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert family.startswith('"Noto Sans Arabic"'), family
    browser.check_accessibility(page, "rtl-question")

    # Answer through to the check page, writing in Arabic wherever there is a text box.
    survey = definition.resolve("teen")
    for question in survey.questions:
        if question.kind == "free_text":
            page.locator("textarea").fill(ARABIC_ANSWER)
        else:
            page.locator(".govuk-radios__label, .govuk-checkboxes__label").last.click()
        page.locator("main form button.govuk-button:not([name=skip])").first.click()
        page.wait_for_load_state()
        if "/support" in page.url:
            # Words in a script the safeguarding rules cannot read go to a person, and the
            # child sees the support page: its phone numbers read left to right inside it.
            supported_in_rtl(page)
            page.locator("main a.govuk-button").first.click()
    page.locator(".govuk-summary-list").first.wait_for()

    # The Arabic text is drawn in Noto Sans Arabic, fetched from the app's own /fonts/.
    assert 400 in {int(w) for w in page.evaluate(ARABIC_FACES)}
    assert any(
        url.endswith("/fonts/noto-sans-arabic-arabic-400-normal.woff2") for url in fonts_fetched
    )
    # Question on the right, answer to its left.
    row = page.locator(".govuk-summary-list__row").first
    key = row.locator(".govuk-summary-list__key").bounding_box()
    value = row.locator(".govuk-summary-list__value").bounding_box()
    assert key["x"] >= value["x"] + value["width"] - 1 or key["y"] < value["y"]
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.govuk-summary-list__key')).textAlign"
    ) in ("start", "right")
    browser.check_accessibility(page, "rtl-check")

    # The back link's chevron is drawn on its right.
    back = page.locator(".govuk-back-link")
    if back.count():
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('.govuk-back-link'), '::before').right"
            )
            != "auto"
        )


def supported_in_rtl(page) -> None:
    number = page.locator("a[href^='tel:'] bdi").first
    assert number.get_attribute("dir") == "ltr"
    assert (
        page.evaluate("getComputedStyle(document.querySelector(\"a[href^='tel:'] bdi\")).direction")
        == "ltr"
    )
    item = page.locator(".gt-support-list__item").first
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('.gt-support-list__item')).borderRightWidth"
        )
        == "5px"
    )
    assert item.is_visible()
    browser.check_accessibility(page, "rtl-support")


def test_an_english_page_downloads_no_script_fonts(live_server, page):
    _app, base = live_server
    fonts_fetched: list[str] = []
    page.on("request", lambda r: fonts_fetched.append(r.url) if "/fonts/" in r.url else None)
    page.goto(f"{base}/help")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("link[href$='rtl.css']").count() == 0
    assert page.locator("link[href$='fonts.css']").count() == 1
    assert fonts_fetched == []
