"""A child starting on the poster link after too many starts from their network: in Chromium,
the kind "Please wait a minute" page, with no serious accessibility problem (axe-core)."""

from __future__ import annotations

import pytest

from app import create_app
from app.campaigns.service import create_campaign
from app.core.extensions import db
from surveys import default_registry

from .browser import PHONE, browser_page, check_accessibility, serve

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_limited_start_on_the_poster_link_gets_a_kind_page(tmp_path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'poster.sqlite'}",
            "SECRET_KEY": "x",
            "OPEN_LINK_RATE_LIMIT": "1 per minute",
        }
    )
    with app.app_context():
        db.create_all()
    with app.test_request_context():
        campaign = create_campaign(
            default_registry().get("pledge"), "poster", "Poster", open_link=True
        )
        db.session.commit()
        token = campaign.open_link_token
    with serve(app) as base, browser_page(PHONE) as page:
        titles = []
        for _ in range(2):
            page.goto(f"{base}/o/{token}")
            page.locator("input[name=variant]").first.check()
            page.locator("button[type=submit]").first.click()
            page.wait_for_load_state()
            titles.append(page.title())
        assert "Please wait a minute" not in titles[0]
        assert titles[1].startswith("Please wait a minute")
        assert "You have not done anything wrong" in page.content()
        check_accessibility(page, "rate-limited-open-link")
