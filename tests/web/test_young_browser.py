"""Issue 16, points 4 and 5, in real headless Chromium on a 320 px phone: the 4-7 pledge
variant finished by taps alone, easy read with a helper, and the Listen control speaking the
question in the page's language (speechSynthesis observed). axe-core on every page."""

from __future__ import annotations

import pytest

from app.campaigns.service import create_campaign, invite
from app.core.extensions import db
from app.models import Cohort, Respondent, Response, ResponseStatus
from surveys import default_registry

from . import browser
from .browser import browser_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SMALL_PHONE = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}

# Headless Chromium has no voices, so record what would be spoken instead. The stub keeps the
# real API's shape: speak(utterance) queues it, cancel() ends it (firing onend), and the test
# finishes speech when it wants to see the page after reading.
SPEECH_SPY = """
(() => {
  window.__spoken = []
  window.__cancelled = 0
  let current = null
  const stub = {
    speak (utterance) {
      current = utterance
      window.__spoken.push({ text: utterance.text, lang: utterance.lang })
    },
    cancel () {
      window.__cancelled += 1
      const ending = current
      current = null
      if (ending && ending.onend) ending.onend()
    },
    getVoices () { return [] },
    get speaking () { return current !== null }
  }
  Object.defineProperty(window, 'speechSynthesis', { value: stub, configurable: true })
  window.__finishSpeaking = () => {
    const ending = current
    current = null
    if (ending && ending.onend) ending.onend()
  }
})()
"""


@pytest.fixture
def page():
    with browser_page(SMALL_PHONE) as page:
        yield page


def _invite(app, age_band: str) -> str:
    definition = default_registry().get("pledge")
    with app.test_request_context():
        person = Respondent(reference=f"YOUNG-{age_band}", cohort=Cohort.CLA, age_band=age_band)
        db.session.add(person)
        campaign = create_campaign(definition, f"young-{age_band}", "Young wave")
        _invitation, token = invite(campaign, definition, person, days_valid=30)
        db.session.commit()
    return token


def _no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page scrolls sideways at 320 px ({width} px wide)"


def test_a_four_to_seven_year_old_finishes_by_taps_alone(live_server, page):
    app, base = live_server
    definition = default_registry().get("pledge")
    survey = definition.resolve("early_years")
    assert 6 <= len(survey.questions) <= 8
    token = _invite(app, "4-7")

    page.goto(f"{base}/s/{token}")
    browser.check_accessibility(page, "early-years-start")
    page.get_by_role("button", name="Start now").tap()

    chosen: dict[str, int] = {}
    for n, question in enumerate(survey.questions):
        page.wait_for_url(f"**/q/{question.key}")
        assert page.locator("h1").inner_text().strip() == question.text
        # A picture for the question, with what it shows in words, and the credit.
        picture = page.locator(".gt-question-picture img")
        assert picture.get_attribute("alt")
        assert "OpenMoji" in page.locator(".gt-picture-credit").inner_text()
        # One big picture button per answer, and no Continue: one tap answers.
        taps = page.locator("button.gt-tap")
        assert taps.count() == len(question.options)
        assert page.get_by_role("button", name="Continue").count() == 0
        box = taps.first.bounding_box()
        assert box["width"] >= 120 and box["height"] >= 120, box
        assert taps.first.locator("img").bounding_box()["width"] >= 90
        _no_horizontal_scroll(page)
        browser.check_accessibility(page, f"early-years-q{n + 1}")
        # Sad to happy across the questions; the check-out happy, so no help page comes.
        index = len(question.options) - 1 if question.key == "feeling_now" else n % 5
        chosen[question.key] = int(question.options[index].value)
        taps.nth(index).tap()

    page.wait_for_url("**/check")
    browser.check_accessibility(page, "early-years-check")
    page.get_by_role("button", name="Send my answers").tap()
    page.wait_for_url("**/done**")
    assert "Thank you" in page.locator("h1").inner_text()
    browser.check_accessibility(page, "early-years-done")

    with app.app_context():
        response = db.session.scalars(db.select(Response)).one()
        assert response.status == ResponseStatus.COMPLETE
        assert response.variant == "early_years"
        assert response.assisted is False
        # The same values as every other variant's faces, so reports pool them.
        assert {a.question_key: a.value for a in response.answers} == chosen


def test_easy_read_with_a_helper_on_the_open_link(live_server, page):
    app, base = live_server
    definition = default_registry().get("pledge")
    survey = definition.resolve("easy_read")
    with app.test_request_context():
        campaign = create_campaign(definition, "easy-open", "Easy read open", open_link=True)
        db.session.commit()
        open_token = campaign.open_link_token

    page.goto(f"{base}/o/{open_token}")
    page.get_by_label("Easy read, with pictures").check()
    page.get_by_label("I am helping a child to answer").check()
    browser.check_accessibility(page, "easy-read-start")
    page.get_by_role("button", name="Start now").click()

    for n, question in enumerate(survey.questions):
        page.wait_for_url(f"**/q/{question.key}**")
        assert page.locator("h1").inner_text().strip() == question.text
        # Spoken to the helper, and a picture with words for every question.
        assert "read this question and the answers to the child" in (
            page.locator("#helper-note").inner_text()
        )
        assert page.locator(".gt-question-picture img").get_attribute("alt")
        if question.kind == "free_text":
            page.locator("textarea").fill("I like my new school")
        else:
            labels = page.locator(".gt-picture-label")
            assert labels.count() == len(question.options)
            assert labels.locator("img").count() == len(question.options)
            assert labels.first.locator("img").bounding_box()["width"] >= 60
            labels.nth(3).click()
        _no_horizontal_scroll(page)
        browser.check_accessibility(page, f"easy-read-q{n + 1}")
        page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/check")
    browser.check_accessibility(page, "easy-read-check")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/done**")
    with app.app_context():
        response = db.session.scalars(db.select(Response)).one()
        assert response.status == ResponseStatus.COMPLETE
        assert response.variant == "easy_read"
        assert response.assisted is True
        assert len(response.answers) == len(survey.questions)


def test_listen_speaks_the_question_and_its_answers_in_the_page_language(live_server, page):
    app, base = live_server
    survey = default_registry().get("pledge").resolve("younger")
    question = survey.questions[0]
    token = _invite(app, "8-12")
    page.add_init_script(SPEECH_SPY)

    page.goto(f"{base}/s/{token}/q/{question.key}")
    listen = page.get_by_role("button", name="Listen")
    assert listen.is_visible()
    browser.check_accessibility(page, "listen-question")
    listen.click()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1
    assert spoken[0]["text"].startswith(question.text)
    assert question.help in spoken[0]["text"]
    assert all(option.label in spoken[0]["text"] for option in question.options)
    lang = page.evaluate("document.documentElement.lang")
    assert lang == "en" and spoken[0]["lang"] == lang
    # While speaking: a Stop button, a visible marker and words saying so.
    stop = page.get_by_role("button", name="Stop reading")
    assert stop.is_visible() and not listen.is_visible()
    assert "gt-listen--speaking" in page.locator("[data-gt-listen]").get_attribute("class")
    assert page.locator("[data-gt-listen-status]").inner_text() == "Reading out loud…"
    browser.check_accessibility(page, "listen-speaking")
    stop.click()
    assert page.evaluate("window.__cancelled") >= 1
    assert listen.is_visible() and not stop.is_visible()
    # Keyboard only: Listen is a real button.
    listen.focus()
    page.keyboard.press("Enter")
    assert len(page.evaluate("window.__spoken")) == 2
    page.evaluate("window.__finishSpeaking()")
    assert listen.is_visible()


def test_the_young_variants_read_aloud_after_the_first_tap(live_server, page):
    app, base = live_server
    survey = default_registry().get("pledge").resolve("early_years")
    token = _invite(app, "4-7")
    page.add_init_script(SPEECH_SPY)
    page.goto(f"{base}/s/{token}/q/{survey.questions[0].key}")
    assert page.evaluate("window.__spoken") == []  # browsers forbid speech before a tap
    page.locator("h1").tap()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1 and spoken[0]["text"].startswith(survey.questions[0].text)
    # Stop turns reading aloud off for the next pages of the visit.
    page.get_by_role("button", name="Stop reading").tap()
    page.locator("button.gt-tap").first.tap()
    page.wait_for_url(f"**/q/{survey.questions[1].key}")
    page.locator("h1").tap()
    assert page.evaluate("window.__spoken") == []


def test_listen_reads_the_help_page_and_is_absent_without_speech(live_server, page):
    _app, base = live_server
    page.add_init_script(SPEECH_SPY)
    page.goto(f"{base}/help")
    page.get_by_role("button", name="Listen").click()
    spoken = page.evaluate("window.__spoken")
    assert spoken[0]["text"].startswith("Get help now")
    assert "999" in spoken[0]["text"]
    browser.check_accessibility(page, "listen-help")
    # No speech synthesis: no button that would do nothing.
    page.add_init_script("delete window.speechSynthesis; delete Window.prototype.speechSynthesis")
    page.goto(f"{base}/help")
    assert page.get_by_role("button", name="Listen").count() == 0


def test_listen_reads_the_start_page_and_the_check_page(live_server, page):
    """Listen is on the first and the last page too: the start page read without its language
    list, the check page's questions and answers read without their Change links."""
    app, base = live_server
    survey = default_registry().get("pledge").resolve("early_years")
    token = _invite(app, "4-7")
    page.add_init_script(SPEECH_SPY)

    page.goto(f"{base}/s/{token}")
    page.get_by_role("button", name="Listen").tap()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1 and spoken[0]["text"].startswith(survey.title)
    assert "Start now" not in spoken[0]["text"]
    languages = page.locator(".gt-languages li")
    assert languages.count() > 1
    assert not any(name in spoken[0]["text"] for name in languages.all_inner_texts())
    page.evaluate("window.__finishSpeaking()")
    page.get_by_role("button", name="Start now").tap()

    for question in survey.questions:
        page.wait_for_url(f"**/q/{question.key}")
        page.locator("button.gt-tap").last.tap()
    page.wait_for_url("**/check")
    page.get_by_role("button", name="Listen").tap()
    text = page.evaluate("window.__spoken")[-1]["text"]
    assert text.startswith("Check your answers before sending them")
    for row in page.locator(".govuk-summary-list__row").all():
        assert row.locator("dt").inner_text().strip() in text
        assert row.locator(".govuk-summary-list__value").inner_text().strip() in text
    assert "Change" not in text
    browser.check_accessibility(page, "listen-check")
