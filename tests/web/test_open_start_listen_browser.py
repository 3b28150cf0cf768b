"""The poster (open link) start page has the Listen control the question pages have (issue 16),
in real headless Chromium: it reads the start page's own text in the page's language, never
the language list, and passes axe-core. speechSynthesis is the spy of test_young_browser."""

from __future__ import annotations

import pytest

from app.campaigns.service import create_campaign
from app.core.extensions import db
from surveys import default_registry

from . import browser
from .browser import PHONE, browser_page
from .test_young_browser import SPEECH_SPY

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def page():
    with browser_page(PHONE) as page:
        yield page


def _open_link(app) -> str:
    with app.test_request_context():
        campaign = create_campaign(
            default_registry().get("pledge"), "poster", "Poster wave", open_link=True
        )
        db.session.commit()
        return campaign.open_link_token


@pytest.mark.parametrize("code", ["en", "cy"])
def test_listen_reads_the_poster_start_page_in_its_language(live_server, page, code):
    app, base = live_server
    registry = default_registry()
    definition = registry.in_language(registry.get("pledge"), code)
    page.add_init_script(SPEECH_SPY)
    page.goto(f"{base}/o/{_open_link(app)}" + ("" if code == "en" else f"?lang={code}"))
    assert page.locator("html").get_attribute("lang") == code

    listen = page.locator("[data-gt-listen-play]")
    assert listen.is_visible()
    browser.check_accessibility(page, f"listen-poster-start-{code}")
    assert page.evaluate("window.__spoken") == []  # nothing read before they ask
    listen.tap()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1
    text, lang = spoken[0]["text"], spoken[0]["lang"]
    assert lang == code
    assert text.startswith(definition.title)
    assert definition.description and definition.description in text
    # The page's own words, not the list of other languages nor the Start button.
    languages = page.locator(".gt-languages li")
    assert languages.count() > 1
    assert not any(name in text for name in languages.all_inner_texts())
    assert page.locator("button.govuk-button--start").inner_text().strip() not in text
    stop = page.locator("[data-gt-listen-stop]")
    assert stop.is_visible() and not listen.is_visible()
    browser.check_accessibility(page, f"listen-poster-speaking-{code}")
    stop.tap()
    assert listen.is_visible() and page.evaluate("window.__cancelled") >= 1


def test_the_poster_start_page_has_no_listen_button_without_speech(live_server, page):
    app, base = live_server
    page.add_init_script("delete window.speechSynthesis; delete Window.prototype.speechSynthesis")
    page.goto(f"{base}/o/{_open_link(app)}")
    assert page.locator("h1").is_visible()
    assert page.locator("[data-gt-listen-play]").is_visible() is False
