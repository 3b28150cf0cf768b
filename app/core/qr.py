"""QR codes as inline SVG (segno: pure Python, no image files)."""

from __future__ import annotations


def qr_svg(text: str, title: str) -> str:
    """`text` as an inline SVG QR code; the page must also show `text` (or what it stands for)
    as words, its text alternative. role=img lets `title` name the picture."""
    import segno

    svg = segno.make(text, error="m").svg_inline(scale=5, border=4, title=title, svgclass="gt-qr")
    return svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)
