"""The /fonts/ route: the six known font files, cached for a year, and nothing else under
FONTS_DIR (no other name, no path out of it). On both databases, as every app test."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.fonts import FONT_FILES

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(FONT_FILES))
def test_each_known_font_is_served_and_cached(client, name):
    reply = client.get(f"/fonts/{name}")
    assert reply.status_code == 200
    assert reply.mimetype == "font/woff2"
    assert reply.data[:4] == b"wOF2"
    assert "max-age=31536000" in reply.headers["Cache-Control"]
    assert "no-store" not in reply.headers["Cache-Control"]
    package = FONT_FILES[name]
    assert (
        reply.data
        == (ROOT / "node_modules" / "@fontsource" / package / "files" / name).read_bytes()
    )


@pytest.mark.parametrize(
    "path",
    [
        "/fonts/noto-sans-arabic-latin-400-normal.woff2",  # exists in the package, not served
        "/fonts/noto-sans-arabic-arabic-400-normal.woff",
        "/fonts/package.json",
        "/fonts/..%2Fnoto-sans-arabic%2FLICENSE",
        "/fonts/../noto-sans-arabic/package.json",
        "/fonts/%2e%2e%2f%2e%2e%2fpackage.json",
        "/fonts/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2",
    ],
)
def test_nothing_else_is_reachable(client, path):
    reply = client.get(path)
    assert reply.status_code == 404
    assert b"wOF2" not in reply.data[:4]


def test_fonts_css_names_only_served_files_with_their_scripts_ranges():
    css = (ROOT / "app" / "static" / "fonts.css").read_text()
    named = {
        line.split("../fonts/")[1].split('"')[0] for line in css.splitlines() if "../fonts/" in line
    }
    assert named == set(FONT_FILES)
    # Every face is limited to its script: Latin (U+0000-00FF) never fetches one.
    assert css.count("unicode-range: U+") == css.count("@font-face {") == len(FONT_FILES)
    assert "U+0000" not in css


def test_pages_load_fonts_css_and_only_rtl_pages_load_rtl_css(app, client):
    from app.core.i18n import use_language

    english = client.get("/help").get_data(as_text=True)
    assert "fonts.css" in english and "rtl.css" not in english
    with app.test_request_context("/help"):
        from flask import render_template

        use_language("ur")
        page = render_template("errors/404.html")
    assert 'dir="rtl"' in page and "rtl.css" in page and 'lang="ur"' in page
