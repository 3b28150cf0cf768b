"""The board pack as PDF."""

from __future__ import annotations

from app.reporting import pack_fonts


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    """The print HTML as a PDF. WeasyPrint needs Debian's pango: if it is missing this raises,
    loudly, rather than handing the board something else."""
    from weasyprint import HTML  # heavy, and only needed here
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return HTML(string=html, base_url=base_url).write_pdf(
        stylesheets=[pack_fonts.stylesheet(fonts)], font_config=fonts
    )
