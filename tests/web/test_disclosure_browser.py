"""Real headless Chromium (issue 14, done-means): a disclosure typed on the open poster link is
never shown to whoever opens the same link in a new browser context; Exit this page works
with the keyboard; the character count shows as one types; axe-core on each page."""

from __future__ import annotations

import pytest

from app.campaigns.service import create_campaign
from app.core.extensions import db
from app.models import SafeguardingFlag
from app.responses.answering import KEPT_BACK
from surveys import default_registry

from . import browser
from .browser import PHONE, chromium

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LONG_ENDING = "my carers boyfriend hits me when shes out"
SHORT = "sometimes I want to kill myself"
SECRET_WORDS = ("boyfriend", "kill myself", "shes out")


def check(page, name: str) -> None:
    browser.check_accessibility(page, f"disclosure-{name}")


def _never_shows_the_words(page, where: str) -> None:
    text = page.content()
    for words in SECRET_WORDS:
        assert words not in text, (where, words)


def test_a_disclosure_on_the_open_link_is_never_shown_to_the_next_browser(live_server):
    app, base = live_server
    definition = default_registry().get("pledge")
    with app.test_request_context():
        campaign = create_campaign(definition, "poster", "Poster wave", open_link=True)
        db.session.commit()
        open_token = campaign.open_link_token
    survey = definition.resolve("teen")
    free = [q for q in survey.questions if q.kind == "free_text"]
    long_words = (
        ("I like my school and my friends and going to the park. " * 60)[
            : 2300 - len(LONG_ENDING) - 1
        ]
        + " "
        + LONG_ENDING
    )

    with chromium() as chrome:
        child = chrome.new_context(bypass_csp=True, **PHONE).new_page()
        child.goto(f"{base}/o/{open_token}")
        child.get_by_label("Teenagers (13–17)").check()
        child.get_by_role("button", name="Start").click()
        for question in survey.questions:
            assert child.locator("h1").inner_text().strip() == question.text
            if question.key == free[0].key:
                box = child.locator("textarea")
                box.fill(long_words)
                # GOV.UK's character count, as one types.
                message = child.locator(".govuk-character-count__status")
                message.wait_for()
                assert "300 characters too many" in message.inner_text()
                check(child, "too-long")
                child.get_by_role("button", name="Continue").click()
                assert child.locator("h1").inner_text() == "Thank you for telling us"
                check(child, "help")
                child.get_by_role("button", name="Carry on with the questions").click()
                # Back on the same question: nothing stored, nothing shown back.
                assert KEPT_BACK in child.locator("main").inner_text()
                _never_shows_the_words(child, "same question, same browser")
                check(child, "kept-back")
                child.get_by_role("button", name="Continue").click()
            elif question.key == free[1].key:
                child.locator("textarea").fill(SHORT)
                child.get_by_role("button", name="Continue").click()
                assert child.locator("h1").inner_text() == "Thank you for telling us"
                child.get_by_role("button", name="Carry on with the questions").click()
            elif question.kind == "free_text":
                child.get_by_role("button", name="Continue").click()
            else:
                child.locator(".govuk-radios__label, .govuk-checkboxes__label").last.click()
                child.get_by_role("button", name="Continue").click()
            if child.locator("h1").inner_text() == "Check your answers before sending them":
                break
        link = child.url.split("/check")[0]  # /s/<token>: the link the child's page holds
        child.context.close()

        # Whoever picks up the link next, in a new browser: Carry on, Back, check answers.
        other = chrome.new_context(bypass_csp=True, **PHONE).new_page()
        other.goto(link)
        assert "Welcome back" in other.locator("main").inner_text()
        other.get_by_role("button", name="Carry on").click()
        assert other.locator("h1").inner_text() == "Check your answers before sending them"
        _never_shows_the_words(other, "check your answers")
        assert other.get_by_text(KEPT_BACK).count() == 2
        check(other, "check")
        other.locator(".govuk-back-link").click()
        _never_shows_the_words(other, "back from check")
        for question in free[:2]:
            other.goto(f"{link}/q/{question.key}?change=1")
            _never_shows_the_words(other, f"change {question.key}")
            assert other.locator("textarea").input_value() == ""
            assert KEPT_BACK in other.locator("main").inner_text()

        # Exit this page with the keyboard: Shift three times, to the neutral page.
        other.locator("body").click(position={"x": 5, "y": 5})
        for _ in range(3):
            other.keyboard.press("Shift")
        other.wait_for_url(app.config["EXIT_PAGE_URL"])
        assert other.url == "about:blank"
        other.context.close()

    with app.app_context():
        flags = db.session.scalars(db.select(SafeguardingFlag).order_by(SafeguardingFlag.id)).all()
        assert [f.text for f in flags] == [long_words, SHORT]


def test_exit_this_page_button_from_the_keyboard(live_server):
    app, base = live_server
    with chromium() as chrome:
        page = chrome.new_context(bypass_csp=True, **PHONE).new_page()
        page.goto(f"{base}/help")
        check(page, "help-page")
        button = page.get_by_role("button", name="Emergency Exit this page")
        assert button.is_visible()
        # Tab to it (it is the first thing after the skip link and the help link), then Enter.
        for _ in range(6):
            page.keyboard.press("Tab")
            if page.evaluate(
                "document.activeElement.classList.contains('govuk-exit-this-page__button')"
            ):
                break
        assert page.evaluate(
            "document.activeElement.classList.contains('govuk-exit-this-page__button')"
        )
        page.keyboard.press("Enter")
        page.wait_for_url("about:blank")


def test_a_parent_sees_adult_help_pages(live_server):
    app, base = live_server
    with chromium() as chrome:
        page = chrome.new_context(bypass_csp=True, **PHONE).new_page()
        for path, name in (
            ("/help?who=parents", "parent-help"),
            ("/privacy?who=parents", "parent-privacy"),
        ):
            page.goto(f"{base}{path}")
            text = page.locator("main").inner_text()
            assert "Childline" not in text and "social worker or personal adviser" not in text
            check(page, name)
        page.goto(f"{base}/help?who=parents")
        assert "Samaritans" in page.locator("main").inner_text()
        # Its own footer links keep the reader.
        page.get_by_role("link", name="How we use your answers").click()
        assert page.url.endswith("/privacy?who=parents")
