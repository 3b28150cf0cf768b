"""The board pack's charts, drawn on the server from its frozen content."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from app.reporting import figures
from app.reporting.pack_content import SENTIMENT_WORDS

# Black-and-white safe: each sentiment has its own fill pattern as well as its own shade, and
# every segment's meaning is also in the legend and the table beside the chart.
_PATTERNS = {
    "pos": ("#0b0c0c", None),
    "neu": ("#ffffff", "dots"),
    "mixed": ("#ffffff", "hatch"),
    "neg": ("#6f777b", "cross"),
    "hidden": ("#ffffff", None),
}


def _pattern_defs(chart_id: str) -> str:
    e = escape(chart_id)
    return (
        "<defs>"
        f'<pattern id="{e}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.3" fill="#0b0c0c"/>'
        "</pattern>"
        f'<pattern id="{e}-hatch" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#ffffff"/>'
        '<path d="M0,6 L6,0" stroke="#0b0c0c" stroke-width="1.5"/></pattern>'
        f'<pattern id="{e}-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#6f777b"/>'
        '<path d="M0,0 L6,6 M6,0 L0,6" stroke="#ffffff" stroke-width="1"/></pattern>'
        "</defs>"
    )


def _fill(chart_id: str, key: str) -> str:
    colour, pattern = _PATTERNS[key]
    return f"url(#{escape(chart_id)}-{pattern})" if pattern else colour


def sentiment_chart(chart_id: str, told: Mapping[str, Any], t: int) -> Markup:
    """How each pledge's free text felt: one stacked bar a pledge, patterned for print."""
    width, left, bar_h, row = 640, 0, 20, 50
    pledges = told["pledges"]
    legend_y = 8 + row * len(pledges) + 16
    height = legend_y + 30
    e = escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gt-chart" id="{e(chart_id)}" role="img" '
        f'aria-labelledby="{e(chart_id)}-title {e(chart_id)}-desc" viewBox="0 0 {width} {height}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" font-family="arial, sans-serif" '
        'fill="#0b0c0c">',
        f'<title id="{e(chart_id)}-title">How the free text felt, by pledge</title>',
        f'<desc id="{e(chart_id)}-desc">For each pledge, the share of free-text answers that were '
        f"positive, neutral, mixed or negative. Pledges with fewer than {t} answers have no bar; "
        f"feelings named by fewer than {t} answers are merged as not shown.</desc>",
        _pattern_defs(chart_id),
    ]
    for n, p in enumerate(pledges):
        y = 8 + n * row
        parts.append(f'<text x="0" y="{y + 14}" font-size="15">{e(p["title"])}</text>')
        bar_y = y + 20
        if not p["enough"]:
            parts.append(
                f'<text x="0" y="{bar_y + 15}" font-size="14" font-style="italic">'
                f"fewer than {t} answers</text>"
            )
            continue
        x = float(left)
        shown_total = 0.0
        for s in p["sentiment"]:
            if s["share"] is None:
                continue
            w = (width - 2) * s["share"] / 100
            parts.append(
                f'<rect x="{x:.1f}" y="{bar_y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{_fill(chart_id, s["key"])}" stroke="#0b0c0c" stroke-width="1"/>'
            )
            x += w
            shown_total += s["share"]
        rest = (width - 2) * max(0.0, 100 - shown_total) / 100
        if rest > 0.5:
            parts.append(
                f'<rect x="{x:.1f}" y="{bar_y}" width="{rest:.1f}" height="{bar_h}" '
                'fill="#ffffff" stroke="#0b0c0c" stroke-width="1" stroke-dasharray="3,2"/>'
            )
    lx = 0
    for key, label in (*SENTIMENT_WORDS.items(), ("hidden", "Not shown")):
        dash = ' stroke-dasharray="3,2"' if key == "hidden" else ""
        parts.append(
            f'<rect x="{lx}" y="{legend_y}" width="18" height="14" fill="{_fill(chart_id, key)}" '
            f'stroke="#0b0c0c" stroke-width="1"{dash}/>'
            f'<text x="{lx + 24}" y="{legend_y + 12}" font-size="14">{e(label)}</text>'
        )
        lx += 24 + 9 * len(label) + 24
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece of text above is escaped


def charts(content: Mapping[str, Any]) -> dict[str, Markup]:
    t = content["threshold"]
    rows = content["scorecard"]["rows"]
    told = content["told_us"]
    top = [(x["theme"], int(x["count"].replace(",", ""))) for x in told["top_themes"]]
    return {
        "scorecard": figures.pledge_share_chart(
            "pack-pledges",
            [
                (
                    r["pledge"],
                    r["share_value"],
                    r["share"] if r["share_value"] is not None else f"{r['answered']} answers",
                )
                for r in rows
            ],
            t,
        ),
        "themes": figures.theme_chart("pack-themes", top, t),
        "sentiment": sentiment_chart("pack-sentiment", told, t),
    }
