"""Tablet mode in real headless Chromium: two people in a row on one shared tablet, and the second
never sees the first one's answers, however often they press Back. Pages pass axe-core."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from app import create_app
from app.conferences.service import create_conference
from app.core.extensions import db
from app.models import Channel, ConferenceKind, Response, ResponseStatus, Role
from app.staff.auth import create_user

from . import browser
from .browser import TABLET, browser_page, serve

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EMAIL = "chair@shireford.example"
PASSWORD = "correct horse battery staple"
PIN = "517324"
# The first person's words: none of them may ever reach the second person's screen.
FIRST_WORDS = ["Marigold elephants sang loudly", "Quartz umbrella festival"]
FIRST_CHOICES = {"never", "no", "yes"}  # "yes" only on the complaint question, below

STATE = """() => ({
  url: location.pathname + location.search,
  text: document.body.innerText,
  typed: Array.from(document.querySelectorAll('textarea, input[type=text]')).map(e => e.value),
  checked: Array.from(document.querySelectorAll('input:checked')).map(e => e.name + '=' + e.value),
})"""


@pytest.fixture
def live_server(tmp_path):
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'tablet.sqlite'}", "SECRET_KEY": "x"}
    )
    with app.app_context():
        db.create_all()
        chair = create_user(EMAIL, "Sam Chair", Role.CONFERENCE_CHAIR, PASSWORD)
        conference = create_conference(
            reference="CP-2026-031", kind=ConferenceKind.REVIEW, held_on=date.today(), chair=chair
        )
        db.session.commit()
        ids = (conference.id, conference.short_code)
    with serve(app) as base:
        yield app, base, ids


@pytest.fixture
def page():
    with browser_page(TABLET) as page:
        yield page


def check_accessibility(page, name: str) -> None:
    browser.check_accessibility(page, f"tablet-{name}")


def choose(page, label: str) -> None:
    page.get_by_label(label, exact=True).check()
    # Wait for the next page itself: reading the DOM mid-navigation finds no <body>.
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def test_two_participants_in_a_row_and_back_never_shows_the_first(live_server, page):
    app, base, (conference_id, code) = live_server

    # The chair signs in on the tablet and starts tablet mode with a PIN.
    page.goto(f"{base}/staff/login")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{base}/staff/conferences/{conference_id}")
    assert page.locator("svg.gt-qr").count() == 1
    check_accessibility(page, "chair-conference")
    page.get_by_label("Choose a PIN for leaving tablet mode").fill(PIN)
    page.get_by_role("button", name="Start tablet mode").click()
    page.wait_for_url(f"{base}/tablet/{code}")
    check_accessibility(page, "start")

    # The first person: a parent who is unhappy, with words of their own.
    page.get_by_label("Parent or carer").check()
    page.get_by_role("button", name="Start").click()
    check_accessibility(page, "question")
    choose(page, "Never")
    choose(page, "No")
    choose(page, "No")
    choose(page, "No")
    choose(page, "Yes, please contact me")
    page.locator("textarea").fill(FIRST_WORDS[0])
    page.get_by_role("button", name="Continue").click()
    page.locator("textarea").fill(FIRST_WORDS[1])
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Check your answers before sending them"
    assert FIRST_WORDS[0] in page.locator("main").inner_text()
    check_accessibility(page, "check")
    page.get_by_role("button", name="Send my answers").click()
    assert page.locator("h1").inner_text() == "Thank you"
    check_accessibility(page, "thanks")
    page.get_by_role("button", name="Next person").click()

    # The second person starts, answers one question, then presses Back again and again.
    page.get_by_label("Parent or carer").check()
    page.get_by_role("button", name="Start").click()
    choose(page, "Always")
    seen = []
    for _ in range(30):
        page.wait_for_function("document.body !== null")
        state = page.evaluate(STATE)
        seen.append(state["url"])
        for words in FIRST_WORDS:
            assert words not in state["text"], state["url"]
            assert all(words not in typed for typed in state["typed"]), state["url"]
        answers = {c.split("=", 1)[1] for c in state["checked"] if c.startswith("answer=")}
        assert not answers & FIRST_CHOICES, (state["url"], answers)
        assert "Check your answers" not in state["text"], state["url"]
        if page.go_back() is None:
            break
        page.wait_for_load_state()
    # Back really went all the way: through the first person's pages to the staff sign-in.
    assert any("/staff/login" in url for url in seen), seen
    assert sum(1 for url in seen if url.rstrip("?").startswith(f"/tablet/{code}")) >= 10

    # Leaving tablet mode needs the chair's PIN.
    page.goto(f"{base}/tablet/{code}/exit")
    check_accessibility(page, "exit")
    page.get_by_label("PIN").fill("0000")
    page.get_by_role("button", name="Leave tablet mode").click()
    assert "That PIN is not right" in page.locator("main").inner_text()
    check_accessibility(page, "exit-error")
    page.get_by_label("PIN").fill(PIN)
    page.get_by_role("button", name="Leave tablet mode").click()
    page.wait_for_url(re.compile(r"/staff/login$"))

    # Own phones: the short link's start page; and the chair's quarterly summary.
    page.goto(f"{base}/c/{code}")
    check_accessibility(page, "own-phone-start")
    page.goto(f"{base}/staff/login")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{base}/staff/conferences/summary")
    assert "0 of 1 said views were taken into account sometimes or always, 1 never" in (
        page.locator("main").inner_text()
    )
    check_accessibility(page, "summary")

    with app.app_context():
        responses = db.session.scalars(select(Response).order_by(Response.id)).all()
        # The second person left without sending: their answers went (issue 14, point 7).
        [first] = responses
        assert first.status == ResponseStatus.COMPLETE and first.channel == Channel.KIOSK
        assert {a.value_text for a in first.answers if a.value_text} == set(FIRST_WORDS)
        assert first.resume_token_hash is None


def test_the_tablet_warns_then_clears_itself_when_left(live_server, page):
    app, base, (conference_id, code) = live_server
    app.config["TABLET_IDLE_SECONDS"] = 4
    page.goto(f"{base}/staff/login")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{base}/staff/conferences/{conference_id}")
    page.get_by_label("Choose a PIN for leaving tablet mode").fill(PIN)
    page.get_by_role("button", name="Start tablet mode").click()
    page.get_by_label("Young person").check()
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Yes", exact=True).check()
    warning = page.locator("#gt-idle-warning")
    warning.wait_for(state="visible", timeout=5000)
    check_accessibility(page, "idle-warning")
    page.wait_for_url(re.compile(rf"/tablet/{code}\?timeout=1$"), timeout=8000)
    assert "not used for a few minutes" in page.locator("main").inner_text()
    assert page.locator("input:checked").count() == 0
