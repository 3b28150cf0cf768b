"""WCAG 2.2 AA on every respondent page type, in real headless Chromium (issue 16, points 7-8).

- Keyboard only: a whole pledge survey with Tab, Space, Enter and typing; focus always visible,
  in a sensible order; an empty answer's error summary takes focus and is announced.
- Every page: axe-core with the wcag2a/wcag2aa/wcag21aa/wcag22aa rules (target size 2.5.8
  among them) clean at any impact, the quick exit present, and no sideways scrolling at 320 px
  wide (1.4.10 reflow) or at 200% zoom of a 1280 px screen.
- Every page of every pledge variant through axe; one page-type sweep per other language, set
  as the response's language, to keep the run short.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from babel.support import Translations
from sqlalchemy import select

from app import create_app
from app.core.extensions import db
from app.models import Response
from surveys import default_registry
from surveys.languages import LANGUAGES

from .browser import ARTIFACTS, AXE, DESKTOP, PHONE, ROOT, TABLET, browser_page, serve
from .helpers import make_invitation

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
# 320 CSS px: WCAG's reflow width. 640 CSS px: a 1280 px screen at 200% zoom.
WIDTHS = (320, 640)
EXIT = ".govuk-exit-this-page__button"
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), type: el.type || '', id: el.id, name: el.name || '',
    href: el.getAttribute('href') || '',
    text: (el.innerText || el.value || '').trim().slice(0, 60), cls: el.className,
    top: box.top + window.scrollY,
    visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || (style.boxShadow && style.boxShadow !== 'none'),
  };
}"""


def axe_clean(page: Any, name: str) -> None:
    """Every WCAG 2.2 A/AA rule axe-core has, at any impact; target size must have run."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    ran = {r["id"] for kind in ("passes", "inapplicable", "incomplete") for r in result[kind]}
    ran |= {v["id"] for v in result["violations"]}
    assert "target-size" in ran  # 2.5.8 is checked, not just absent
    bad = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"]
    ]
    assert not bad, f"{name}: " + json.dumps(bad)


def no_sideways_scroll(page: Any, name: str) -> None:
    size = page.viewport_size
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            widths = page.evaluate(
                "() => [document.scrollingElement.scrollWidth,"
                " document.scrollingElement.clientWidth]"
            )
            assert widths[0] <= widths[1], f"{name} scrolls sideways at {width}px: {widths}"
            if width == 320:
                page.screenshot(path=str(ARTIFACTS / f"wcag-{name}-320.png"), full_page=True)
    finally:
        page.set_viewport_size(size)


def check_page(page: Any, name: str, *, axe: bool = True) -> None:
    """What every respondent page must be: the quick exit, reflow, WCAG 2.2 AA rules."""
    ARTIFACTS.mkdir(exist_ok=True)
    assert page.locator(EXIT).count() == 1, f"{name}: no quick exit"
    assert page.locator(EXIT).is_visible()
    no_sideways_scroll(page, name)
    if axe:
        axe_clean(page, name)


def press_tab_until(page: Any, match, limit: int = 40) -> list[dict[str, Any]]:
    """Tab forwards until `match(focused)`; every stop on the way must show its focus."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused is not None, "focus fell off the page"
        assert focused["visible"], f"focus not visible on {focused}"
        stops.append(focused)
        if match(focused):
            return stops
    raise AssertionError(f"never reached the control; stops: {[s['text'] for s in stops]}")


def button(text: str):
    return lambda f: f["tag"] in ("button", "a") and f["text"] == text


def answer_by_keyboard(page: Any, question: Any) -> None:
    """Focus the answer with Tab, choose with Space or type, then Enter on Continue."""
    if question.kind == "free_text":
        press_tab_until(page, lambda f: f["tag"] == "textarea")
        page.keyboard.type("More help with money, please")
    else:
        stops = press_tab_until(page, lambda f: f["type"] in ("radio", "checkbox"))
        assert stops[0]["cls"].startswith("govuk-skip-link")  # the first stop skips to main
        page.keyboard.press("Space")  # the first option: on the check-out, the lowest face
    stops = press_tab_until(page, button("Continue"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert not any(s["id"] == "skip-question" for s in stops)  # Continue comes first


def test_a_whole_pledge_survey_by_keyboard_alone(live_server):
    app, base = live_server
    token = make_invitation(app, "pledge", age_band="13-15", reference="KEYS-1")
    survey = default_registry().get("pledge").resolve("teen")
    with browser_page(DESKTOP) as page:
        page.goto(f"{base}/s/{token}")
        check_page(page, "start")
        press_tab_until(page, button("Start now"))
        with page.expect_navigation():
            page.keyboard.press("Enter")

        # Continue with nothing chosen: the error summary is focused and announced.
        first = survey.questions[0]
        check_page(page, "question-scale")
        press_tab_until(page, button("Continue"))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        summary = page.locator(".govuk-error-summary")
        summary.wait_for()
        page.wait_for_function(
            "() => document.activeElement.closest('.govuk-error-summary') !== null"
        )
        assert summary.locator("[role=alert]").count() + (summary.get_attribute("role") == "alert")
        described = page.locator("fieldset").first.get_attribute("aria-describedby") or ""
        assert any(
            page.locator(f"#{part}.govuk-error-message").count() for part in described.split()
        )
        check_page(page, "question-error")
        # The error's link takes focus to the answer.
        stops = press_tab_until(page, lambda f: f["href"].startswith("#"), 1)
        assert stops[0]["text"] == first.field_spec().required_message[:60].strip()
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.type") == "radio"
        page.keyboard.press("Space")
        press_tab_until(page, button("Continue"))
        with page.expect_navigation():
            page.keyboard.press("Enter")

        for question in survey.questions[1:]:
            assert page.locator("h1").inner_text().strip() == question.text
            if question.key in ("health_more", "feeling_now"):
                check_page(page, f"question-{question.kind}")
            answer_by_keyboard(page, question)
        assert first.key not in page.url

        # The lowest face on the check-out: the help page, then on by keyboard.
        assert "Thank you for telling us how you feel" in page.locator("h1").inner_text()
        check_page(page, "feeling-help")
        press_tab_until(page, button("Carry on"))
        with page.expect_navigation():
            page.keyboard.press("Enter")

        assert page.locator("h1").inner_text() == "Check your answers before sending them"
        check_page(page, "check")
        press_tab_until(page, button("Send my answers"), limit=80)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "Thank you" in page.locator("h1").inner_text()
        check_page(page, "done")

        for path, name in (("/help", "help"), ("/privacy", "privacy"), ("/no-such", "404")):
            page.goto(f"{base}{path}")
            check_page(page, name)
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.completed_at is not None and len(response.answers) == len(survey.questions)


@pytest.mark.parametrize("age_band", ["8-12", "13-15", "18-21"])
def test_every_page_of_every_pledge_variant_passes_axe(live_server, age_band):
    app, base = live_server
    token = make_invitation(app, "pledge", age_band=age_band, reference=f"AXE-{age_band}")
    with browser_page(PHONE) as page:
        page.goto(f"{base}/s/{token}")
        axe_clean(page, f"{age_band}-start")
        with page.expect_navigation():  # the first question, not the start page still
            page.get_by_role("button", name="Start now").click()
        seen = 0
        while page.locator("#skip-question").count():
            seen += 1
            axe_clean(page, f"{age_band}-q{seen}")
            with page.expect_navigation():
                page.locator("#skip-question").click()  # passing over is always fine
        assert seen >= 10
        assert page.locator("h1").inner_text() == "Check your answers before sending them"
        assert page.locator(".govuk-summary-list__value", has_text="Not answered").count() == seen
        axe_clean(page, f"{age_band}-check")
        page.get_by_role("button", name="Send my answers").click()
        axe_clean(page, f"{age_band}-done")


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_page_types_in_other_languages(live_server, language):
    """Each page type in the language chosen by `?lang=` on the first page: really in it
    (html lang and dir, a translated heading), and still clean."""
    app, base = live_server
    token = make_invitation(app, "pledge", age_band="13-15", reference=f"LANG-{language}")
    definition = default_registry().get("pledge")
    survey = default_registry().in_language(definition, language).resolve("teen")
    english = definition.resolve("teen")
    ui = Translations.load(str(ROOT / "app" / "translations"), [language])
    direction = LANGUAGES[language].direction
    assert direction == ("rtl" if language == "ar" else "ltr")

    def in_language(page: Any, name: str, heading: str) -> None:
        html = page.locator("html")
        assert html.get_attribute("lang") == language, name
        assert html.get_attribute("dir") == direction, name
        assert page.locator("h1").first.inner_text().strip() == heading, name
        check_page(page, f"{language}-{name}")

    def translated(text: str) -> str:
        words = ui.gettext(text)
        assert words != text, f"{text!r} has no {language} translation"
        return words

    with browser_page(PHONE) as page:
        page.goto(f"{base}/s/{token}?lang={language}")
        assert survey.title != english.title
        in_language(page, "start", survey.title)
        with page.expect_navigation():
            page.locator(".govuk-button--start").click()
        first = survey.questions[0]
        assert first.text != english.questions[0].text
        in_language(page, "question", first.text)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()  # nothing chosen
        summary = page.locator(".govuk-error-summary")
        summary.wait_for()
        assert summary.locator("h2").inner_text().strip() == translated("There is a problem")
        # Through the catalogue (the kind words are new: translators are adding them).
        assert summary.locator("a").first.inner_text().strip() == ui.gettext(
            first.field_spec().required_message
        )
        in_language(page, "error", first.text)
        while page.locator("#skip-question").count():
            with page.expect_navigation():
                page.locator("#skip-question").click()
        in_language(page, "check", translated("Check your answers before sending them"))
        answers = page.locator(".govuk-summary-list__value").all_inner_texts()
        assert answers and {a.strip() for a in answers} == {ui.gettext("Not answered")}
        with page.expect_navigation():
            page.locator("main form button[type=submit]").last.click()
        in_language(page, "done", translated("Thank you"))
        page.goto(f"{base}/help")  # the choice outlives the survey's pages
        in_language(page, "help", translated("Get help now"))


@pytest.mark.parametrize("variant", ["early_years", "easy_read"])
def test_page_types_of_the_picture_variants(live_server, variant):
    """The 4-7 (one tap) and easy-read (picture radios) pages: start, a question, an empty
    answer's error where there is a Continue, check and done; every question by skipping."""
    app, base = live_server
    definition = default_registry().get("pledge")
    survey = definition.resolve(variant)
    assert survey.flags.pictures
    with browser_page(PHONE) as page:
        if variant == "early_years":
            token = make_invitation(app, "pledge", age_band="4-7", reference="AXE-4-7")
            page.goto(f"{base}/s/{token}")
        else:
            from app.campaigns.service import create_campaign

            with app.test_request_context():
                campaign = create_campaign(definition, "axe-easy", "Easy read", open_link=True)
                db.session.commit()
                open_token = campaign.open_link_token
            page.goto(f"{base}/o/{open_token}")
            page.get_by_label(definition.variants[variant].label).check()
        check_page(page, f"{variant}-start")
        with page.expect_navigation():
            page.get_by_role("button", name="Start now").click()
        assert page.locator("h1").inner_text().strip() == survey.questions[0].text
        assert page.locator(".gt-question-picture img").count() == 1
        check_page(page, f"{variant}-question")
        if not survey.flags.one_tap:
            with page.expect_navigation():
                page.get_by_role("button", name="Continue").click()  # nothing chosen
            page.locator(".govuk-error-summary").wait_for()
            check_page(page, f"{variant}-error")
        skipped = 0
        while page.locator("#skip-question").count():
            skipped += 1
            with page.expect_navigation():
                page.locator("#skip-question").click()
        assert skipped == len(survey.questions)
        assert page.locator("h1").inner_text() == "Check your answers before sending them"
        check_page(page, f"{variant}-check")
        with page.expect_navigation():
            page.get_by_role("button", name="Send my answers").click()
        check_page(page, f"{variant}-done")


def test_tablet_page_types(tmp_path):
    from datetime import date

    from app.conferences.service import create_conference
    from app.models import ConferenceKind, Role
    from app.staff.auth import create_user

    email, password, pin = "chair@shireford.example", "correct horse battery staple", "517324"
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'tablet.sqlite'}", "SECRET_KEY": "x"}
    )
    with app.app_context():
        db.create_all()
        chair = create_user(email, "Sam Chair", Role.CONFERENCE_CHAIR, password)
        conference = create_conference(
            reference="CP-2026-032", kind=ConferenceKind.REVIEW, held_on=date.today(), chair=chair
        )
        db.session.commit()
        conference_id, code = conference.id, conference.short_code
    with serve(app) as base, browser_page(TABLET) as page:
        page.goto(f"{base}/staff/login")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"{base}/staff/conferences/{conference_id}")
        page.get_by_label("Choose a PIN for leaving tablet mode").fill(pin)
        page.get_by_role("button", name="Start tablet mode").click()
        page.wait_for_url(f"{base}/tablet/{code}")
        check_page(page, "tablet-start")
        page.get_by_label("Parent or carer").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Start").click()
        check_page(page, "tablet-question")
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()  # nothing chosen
        page.locator(".govuk-error-summary").wait_for()
        check_page(page, "tablet-question-error")
        while page.locator("#skip-question").count():
            with page.expect_navigation():
                page.locator("#skip-question").click()
        assert page.locator("h1").inner_text() == "Check your answers before sending them"
        check_page(page, "tablet-check")
        with page.expect_navigation():
            page.get_by_role("button", name="Send my answers").click()
        check_page(page, "tablet-thanks")
        page.goto(f"{base}/tablet/{code}/help")
        check_page(page, "tablet-help")
        page.goto(f"{base}/c/{code}")
        check_page(page, "own-phone-start")
