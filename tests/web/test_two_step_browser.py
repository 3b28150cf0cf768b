"""A member of staff sets up two-step sign-in in Chromium, from the home page, typing the key
into their app by hand, and then needs a code to sign in; axe-core checks both pages."""

from __future__ import annotations

import time

import pyotp
import pytest

from app import create_app
from app.core.extensions import db
from app.models import Role
from app.staff.auth import create_user

from . import browser
from .browser import DESKTOP, browser_page, serve

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EMAIL = "chair@shireford.example"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def live_server(tmp_path):
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'staff.sqlite'}", "SECRET_KEY": "x"}
    )
    with app.app_context():
        db.create_all()
        create_user(EMAIL, "Sam Chair", Role.CONFERENCE_CHAIR, PASSWORD)
        db.session.commit()
    with serve(app) as base:
        yield base


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/staff/login")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_staff_member_sets_up_two_step_sign_in(live_server):
    expect = pytest.importorskip("playwright.sync_api").expect  # waits for the next page
    base = live_server
    with browser_page(DESKTOP) as page:
        sign_in(page, base)
        page.get_by_role("link", name="Two-step sign-in").click()
        expect(page.locator("h1")).to_have_text("Set up two-step sign-in")
        assert page.get_by_role("img", name="QR code to add Golden Thread").is_visible()
        page.get_by_text("I cannot scan the code").click()
        key = page.locator("code.gt-secret").inner_text().replace(" ", "")
        browser.check_accessibility(page, "staff-two-step")

        totp = pyotp.TOTP(key)
        enrolled_with = totp.now()
        page.get_by_label("Code from your authenticator app").fill(enrolled_with)
        page.get_by_role("button", name="Turn on two-step sign-in").click()
        expect(page.locator("h1")).to_have_text("Two-step sign-in is on")
        assert key[:8] not in page.content()

        page.context.clear_cookies()
        sign_in(page, base)
        expect(page.locator("h1")).to_have_text("Enter your code")
        browser.check_accessibility(page, "staff-two-step-code")
        page.get_by_label("Code from your authenticator app").fill(enrolled_with)
        page.get_by_role("button", name="Continue").click()
        # Spent when it was set up.
        expect(page.locator(".govuk-error-summary")).to_contain_text("That code did not work")
        # The app's next code (one step of clock drift is allowed).
        page.get_by_label("Code from your authenticator app").fill(totp.at(time.time() + 30))
        page.get_by_role("button", name="Continue").click()
        expect(page.locator("h1")).to_have_text("Hello, Sam Chair")
