"""The board pack as paper: each PDF version is rendered page by page to PNG (poppler's pdftoppm)
in test-artifacts/board-pack/ and every page checked; and the pack's pages pass axe-core in a
real headless Chromium.

Set GT_UPDATE_DOCS=1 to refresh docs/board-pack.png, the README's picture of the first page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from sqlalchemy import select

from app import create_app
from app.core.extensions import db
from app.demo.seed import PLEDGE_SLUG, seed_demo
from app.models import Action, ActionStatus, Campaign, Role, User
from app.reporting import pack_publishing
from app.review import analysis_store
from app.staff.auth import create_user
from tests.staff.staff_helpers import PASSWORD, sign_in

from . import browser
from .browser import ARTIFACTS, DESKTOP, browser_page, serve

ROOT = Path(__file__).resolve().parents[2]
PAGES = ARTIFACTS / "board-pack"
# Pages each version may run to with the demo county's figures. The summary is two pages at most
# by design; the others grow with the number of actions and themes.
PAGE_RANGES = {"full": (4, 14), "summary": (1, 2), "young": (2, 6), "large": (8, 30)}
OFFICER = "officer@board-pack.example"
BOARD = "board@board-pack.example"


@pytest.fixture
def demo_app(tmp_path):
    """The demo county, a couple of actions and quotes, and a published wave pack (SQLite only:
    the figures' SQL runs on both databases in tests/staff/test_board_pack.py)."""
    assert shutil.which("pdftoppm"), "install poppler-utils: `make browser` does"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'pack.sqlite'}",
            "SECRET_KEY": "x",
            "SERVER_NAME": "localhost",
        }
    )
    app.instance_path = str(tmp_path / "instance")
    os.makedirs(app.instance_path, exist_ok=True)
    with app.app_context(), app.test_request_context():
        db.create_all()
        seed_demo(Path(app.instance_path), reset=True)
        officer = create_user(OFFICER, "Alex Officer", Role.PARTICIPATION_OFFICER, PASSWORD)
        create_user(BOARD, "Bea Board", Role.BOARD_MEMBER, PASSWORD)
        _example_actions_and_quotes(officer)
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == PLEDGE_SLUG))
        pack = pack_publishing.create_pack(
            "Corporate Parenting Board: pledge survey 2026-27 Q3", campaign=campaign, user=officer
        )
        pack_publishing.save_storyboard(pack, STORYBOARD)
        pack_publishing.publish(pack, officer)
        db.session.commit()
        app.config["PACK_ID"] = pack.id
    yield app
    with app.app_context():
        db.engine.dispose()


STORYBOARD = {
    "where_we_were": "Care leavers told us that nobody rang them back, and younger children "
    "said contact with brothers and sisters kept being cancelled.",
    "what_we_did": "Every personal adviser now rings back within two working days. Family time "
    "moved to weekends and to places children chose.",
    "difference_made": "More care leavers say they are listened to than last quarter, and fewer "
    "mention cancelled contact.",
    "what_next": "Check the call-back promise in every team, and ask the Children in Care "
    "Council to review the new family time rooms.",
}


def _example_actions_and_quotes(officer: User) -> None:
    from app.models import AnswerAnalysis

    for title, pledge, status, at_risk, due in (
        ("Ring back care leavers within two working days", "listened_to", "completed", False, 1),
        ("Family time at weekends", "relationships", "under_way", True, 3),
        ("Budgeting sessions at the centre", "independence", "not_started", False, 2),
        ("CAMHS waiting list update for young people", "health_wellbeing", "under_way", False, -1),
    ):
        db.session.add(
            Action(
                title=title,
                pledge=pledge,
                owner="Head of Service",
                due_date=datetime(2027, 1 + max(due, 0), 15, tzinfo=UTC)
                if due > 0
                else datetime(2026, 11, 1, tzinfo=UTC),
                status=ActionStatus(status),
                at_risk=at_risk,
                evidence="Checked in the supervision audit." if status == "completed" else None,
                you_said="Nobody rings me back." if pledge == "listened_to" else None,
                we_did="Personal advisers now ring back within two working days."
                if pledge == "listened_to"
                else None,
            )
        )
    for analysis in db.session.scalars(
        select(AnswerAnalysis)
        .where(AnswerAnalysis.safeguarding_category.is_(None))
        .order_by(AnswerAnalysis.id)
        .limit(40)
    ):
        if len(analysis.redacted.split()) >= 6:
            analysis_store.approve_quote(analysis, officer)
    db.session.flush()


def _signed_in(app, email: str):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def _ink(image: Image.Image) -> float:
    """Share of the page that is not white."""
    grey = image.convert("L")
    dark = sum(grey.histogram()[:200])
    return dark / (grey.width * grey.height)


def test_each_pdf_version_renders_page_by_page(demo_app):
    board = _signed_in(demo_app, BOARD)
    pack_id = demo_app.config["PACK_ID"]
    if PAGES.exists():
        shutil.rmtree(PAGES)
    PAGES.mkdir(parents=True)
    for version, (fewest, most) in PAGE_RANGES.items():
        reply = board.get(f"/staff/board-packs/pdf/{version}/{pack_id}")
        assert reply.status_code == 200 and reply.mimetype == "application/pdf"
        pdf = PAGES / f"{version}.pdf"
        pdf.write_bytes(reply.data)
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(PAGES / version)], check=True)
        pages = sorted(PAGES.glob(f"{version}-*.png"))
        assert fewest <= len(pages) <= most, (version, len(pages))
        for png in pages:
            with Image.open(png) as image:
                assert image.width < image.height, png.name  # A4 portrait
                ink = _ink(image)
                # Not blank, and not a page of solid colour either.
                assert 0.004 < ink < 0.6, (png.name, ink)
                # Something is printed in the body, not only the running header and footer.
                body = image.crop((0, image.height // 8, image.width, image.height * 7 // 8))
                assert ImageStat.Stat(body.convert("L")).extrema[0][0] < 100, png.name
    if os.environ.get("GT_UPDATE_DOCS") == "1":
        first = PAGES / "docs-first.png"
        subprocess.run(
            [
                "pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                str(PAGES / "full.pdf"), str(first.with_suffix("")),
            ],
            check=True,
        )  # fmt: skip
        shutil.copy(first, ROOT / "docs" / "board-pack.png")


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_pack_pages_pass_axe(demo_app):
    demo_app.config["SERVER_NAME"] = None
    pack_id = demo_app.config["PACK_ID"]
    with serve(demo_app) as base, browser_page(DESKTOP) as page:
        page.goto(f"{base}/staff/login")
        page.get_by_label("Email address").fill(OFFICER)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        for name, path in (
            ("list", "/staff/board-packs"),
            ("new", "/staff/board-packs/new"),
            ("pack", f"/staff/board-packs/{pack_id}"),
            ("print-full", f"/staff/board-packs/print/full/{pack_id}"),
            ("print-young", f"/staff/board-packs/print/young/{pack_id}"),
        ):
            page.goto(f"{base}{path}")
            assert page.locator("h1").count() == 1, name
            browser.check_accessibility(page, f"board-pack-{name}")
        page.goto(f"{base}/staff/board-packs/new")
        page.get_by_role("button", name="Start the pack").click()
        page.locator(".govuk-error-summary").wait_for()
        assert page.locator(".govuk-error-summary").count() == 1
        browser.check_accessibility(page, "board-pack-new-errors")
        page.get_by_label("Title of the pack").fill("Draft pack")
        page.get_by_label("A date range").check()
        page.get_by_label("From").fill("2026-10-01")
        page.get_by_label("To (inclusive)").fill("2026-12-31")
        page.get_by_role("button", name="Start the pack").click()
        page.wait_for_url(re.compile(r"/storyboard"))
        browser.check_accessibility(page, "board-pack-storyboard")
