"""The web fonts the pages use (`app.core.fonts`), registered for WeasyPrint from local files, so a
quote in Arabic, Urdu, Pashto, Sorani or Tigrinya is drawn in the board pack's PDF rather than as
empty boxes, whatever fonts the server happens to have. Nothing is fetched over the network."""

from __future__ import annotations

from typing import Any

from app.core.fonts import FONT_FILES, font_path

FAMILIES = {
    "noto-sans-arabic": "Noto Sans Arabic",
    "noto-nastaliq-urdu": "Noto Nastaliq Urdu",
    "noto-sans-ethiopic": "Noto Sans Ethiopic",
}
# The pack's own stylesheet (pack/_base.html) names the families after its Latin face: Latin
# stays in that face, and a script face only takes the characters it has.


def css_text() -> str:
    rules = []
    for name, package in FONT_FILES.items():
        weight = 700 if "-700-" in name else 400
        rules.append(
            f'@font-face {{ font-family: "{FAMILIES[package]}"; font-weight: {weight}; '
            f'src: url("{font_path(name).resolve().as_uri()}") format("woff2"); }}'
        )
    rules.append(
        ':lang(ur) { font-family: "Noto Nastaliq Urdu", "Noto Sans Arabic"; line-height: 1.9; }'
    )
    return "\n".join(rules)


def stylesheet(font_config: Any) -> Any:
    from weasyprint import CSS  # heavy, and only needed for the PDF

    return CSS(string=css_text(), font_config=font_config)
