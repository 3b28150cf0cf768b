"""Quotes in Arabic and Tigrinya survive into the board pack's PDF: WeasyPrint draws them in the
Noto faces the web pages use (local files, app/reporting/pack_fonts.py), the text comes back out
with pdftotext, and the page is rendered to test-artifacts/board-pack-scripts.png to look at."""

from __future__ import annotations

import collections
import shutil
import subprocess
import unicodedata
from pathlib import Path

from app.core.extensions import db
from app.models import Campaign, User
from app.review import analysis_store

from .test_board_pack import officer, pdf_text, seed_two_waves, start_pack  # noqa: F401
from .test_review_actions import seed_answer

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARABIC = "أحب كرة القدم مع أصدقائي"
TIGRINYA = "ደስ ይብለኒ እየ"


def letters(text: str) -> collections.Counter[str]:
    """The letters of a text, whatever order and presentation forms the PDF's text holds."""
    return collections.Counter(
        c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c).startswith("L")
    )


def test_arabic_and_ethiopic_quotes_are_drawn_in_the_pdf(app, officer, tmp_path):  # noqa: F811
    with app.app_context():
        _first, second = seed_two_waves()
        campaign = db.session.get(Campaign, second)
        approver = db.session.get(User, officer.user_id)
        for words in (ARABIC, TIGRINYA):
            quoted = seed_answer(
                words, campaign=campaign, themes=["money"], pledges=["independence"]
            )
            analysis_store.approve_quote(quoted, approver, words)
        for n in range(5):
            seed_answer(f"money talk {n}", campaign=campaign, pledges=["independence"])
        db.session.commit()
    pack_id = start_pack(officer, title="Scripts pack", covers="wave", campaign=str(second))
    reply = officer.get(f"/staff/board-packs/pdf/full/{pack_id}")
    assert reply.status_code == 200
    pdf = reply.data

    text = pdf_text(pdf, tmp_path)
    assert TIGRINYA in text
    # Arabic comes back in visual order and shaped forms: compare its letters. pdftotext maps a
    # few shaped glyphs (alef with hamza, teh marbuta) back to a neighbour, so allow those two.
    missing = letters(ARABIC) - letters(text)
    assert sum(missing.values()) <= 3, missing
    assert letters(ARABIC)["م"] <= letters(text)["م"]

    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    assert "Noto-Sans-Arabic" in fonts.stdout
    assert "Noto-Sans-Ethiopic" in fonts.stdout

    # The page with the quotes, as an image to look at.
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    page = pages[: pages.index(TIGRINYA)].count("\f") + 1
    ARTIFACTS.mkdir(exist_ok=True)
    assert shutil.which("pdftoppm")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile",
         str(path), str(ARTIFACTS / "board-pack-scripts")],
        check=True,
    )  # fmt: skip
    assert (ARTIFACTS / "board-pack-scripts.png").stat().st_size > 10_000
