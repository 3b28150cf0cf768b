"""The web fonts for scripts GOV.UK's Arial cannot draw well: Arabic-script languages (Arabic,
Pashto, Sorani in Noto Sans Arabic; Urdu in Noto Nastaliq Urdu, the style Urdu readers expect)
and Ethiopic (Tigrinya). Served from the npm packages (@fontsource, SIL Open Font License 1.1,
see docs/fonts.md) so nothing is hand-copied or fetched at run time; the board pack's PDF
embeds the same files (`app.reporting.pack_fonts`).

Only the script subsets, regular and bold, are served: Latin text keeps the page's own font,
and `static/fonts.css` names each file with its unicode-range, so a page in English downloads
none of them.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, abort, current_app, send_from_directory

# The files served, by name, and the package each comes from. Nothing else under FONTS_DIR is
# reachable: a name not listed here is a 404, whatever it contains.
FONT_FILES: dict[str, str] = {
    f"{package}-{subset}-{weight}-normal.woff2": package
    for package, subset in (
        ("noto-sans-arabic", "arabic"),
        ("noto-nastaliq-urdu", "arabic"),
        ("noto-sans-ethiopic", "ethiopic"),
    )
    for weight in (400, 700)
}


def font_path(name: str) -> Path:
    """Where one of `FONT_FILES` is on disk."""
    return Path(current_app.config["FONTS_DIR"]) / FONT_FILES[name] / "files" / name


def init_app(app: Flask) -> None:
    @app.route("/fonts/<name>")
    def fonts(name: str):
        if name not in FONT_FILES:
            abort(404)
        folder = Path(current_app.config["FONTS_DIR"]) / FONT_FILES[name] / "files"
        # A year: the file under a name never changes within a package version.
        return send_from_directory(folder, name, mimetype="font/woff2", max_age=31536000)
