"""Charts drawn on the server as inline SVG: no JavaScript, and they print and go into PDFs.

Each chart is an `<svg role="img">` named by its own `<title>` and `<desc>`; pages put a table of
the same figures next to it, which is what screen readers and copy-and-paste use. Suppressed
figures (small numbers) are passed as None: they get no bar or point, only their words.
Colours come from the GOV.UK palette, and each line also has its own marker shape, so no series
is told apart by colour alone. Only presentation attributes are used (no `style`), which the
Content Security Policy allows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

FONT = "arial, sans-serif"
TEXT = "#0b0c0c"
GRID = "#b1b4b6"
BAR = "#1d70b8"
WIDTH = 640
# GOV.UK colours that stay distinct from each other and from white.
SERIES_COLOURS = ("#1d70b8", "#d53880", "#00703c", "#f47738", "#4c2c92", "#0b0c0c")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "bar")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: suppressed or no data, drawn as words only
    text: str  # what to print by the bar: "63%", "12", "fewer than 5"


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[float | None]  # one a label on the x axis; None leaves a gap


def _e(text: object) -> str:
    return str(escape(str(text)))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _open(chart_id: str, title: str, desc: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gt-chart" id="{_e(chart_id)}" '
        f'role="img" aria-labelledby="{_e(chart_id)}-title {_e(chart_id)}-desc" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-family="{FONT}" fill="{TEXT}">',
        f'<title id="{_e(chart_id)}-title">{_e(title)}</title>',
        f'<desc id="{_e(chart_id)}-desc">{_e(desc)}</desc>',
    ]


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    bars: Sequence[Bar],
    *,
    maximum: float | None = None,
) -> Markup:
    """Horizontal bars, each with its label above it and its value printed at its end."""
    row, top = 52, 8
    value_room = 130
    scale_width = WIDTH - value_room
    largest = maximum or max((b.value for b in bars if b.value is not None), default=0) or 1
    height = top + row * max(len(bars), 1) + 8
    parts = _open(chart_id, title, desc, height)
    if not bars:
        parts.append(f'<text x="0" y="{top + 20}" font-size="16">No figures yet</text>')
    for n, bar in enumerate(bars):
        y = top + n * row
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="15">{_e(_shorten(bar.label, 80))}</text>'
        )
        bar_y = y + 22
        if bar.value is None:
            parts.append(
                f'<rect x="0" y="{bar_y}" width="4" height="22" fill="{GRID}"/>'
                f'<text x="12" y="{bar_y + 16}" font-size="15" font-style="italic">'
                f"{_e(bar.text)}</text>"
            )
            continue
        length = max(0.0, min(1.0, bar.value / largest)) * scale_width
        parts.append(
            f'<rect x="0" y="{bar_y}" width="{max(length, 2):.1f}" height="22" fill="{BAR}"/>'
            f'<text x="{length + 8:.1f}" y="{bar_y + 16}" font-size="15" font-weight="bold">'
            f"{_e(bar.text)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece of text above is escaped


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}"/>'
    if shape == "triangle":
        points = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 5:.1f} {x - 6:.1f},{y + 5:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "diamond":
        points = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "cross":
        return (
            f'<path d="M{x - 5:.1f},{y - 5:.1f} L{x + 5:.1f},{y + 5:.1f} M{x - 5:.1f},'
            f'{y + 5:.1f} L{x + 5:.1f},{y - 5:.1f}" stroke="{colour}" stroke-width="3"/>'
        )
    return f'<rect x="{x - 2:.1f}" y="{y - 7:.1f}" width="4" height="14" fill="{colour}"/>'


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    y_max: float = 100,
    unit: str = "%",
) -> Markup:
    """Lines over time (e.g. share positive per pledge per wave), with a legend below."""
    left, right, top, plot_h = 48, 24, 12, 220
    plot_w = WIDTH - left - right
    legend_top = top + plot_h + 44
    legend_rows = (len(series) + 1) // 2
    height = legend_top + legend_rows * 24 + 8
    parts = _open(chart_id, title, desc, height)
    for tick in range(5):
        value = y_max * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="1"/><text x="{left - 6}" y="{y + 5:.1f}" font-size="13" '
            f'text-anchor="end">{value:.0f}{_e(unit)}</text>'
        )
    count = len(x_labels)

    def x_at(i: int) -> float:
        return left + plot_w / 2 if count <= 1 else left + 16 + (plot_w - 32) * i / (count - 1)

    def y_at(value: float) -> float:
        return top + plot_h - plot_h * max(0.0, min(value, y_max)) / y_max

    for i, label in enumerate(x_labels):
        parts.append(
            f'<text x="{x_at(i):.1f}" y="{top + plot_h + 22}" font-size="13" '
            f'text-anchor="middle">{_e(_shorten(label, 18))}</text>'
        )
    if not x_labels or not series:
        parts.append(f'<text x="{left + 8}" y="{top + 30}" font-size="16">No figures yet</text>')
    for n, line in enumerate(series):
        colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
        shape = MARKERS[n % len(MARKERS)]
        # A line only joins neighbouring waves that both have a figure; a gap stays a gap.
        run: list[str] = []
        runs: list[list[str]] = []
        for i, value in enumerate(line.points):
            if value is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(f"{x_at(i):.1f},{y_at(value):.1f}")
        if run:
            runs.append(run)
        for points in runs:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                    f'stroke-width="3"/>'
                )
        for i, value in enumerate(line.points):
            if value is not None:
                parts.append(_marker(shape, x_at(i), y_at(value), colour))
        lx = 8 + (n % 2) * (WIDTH / 2)
        ly = legend_top + (n // 2) * 24
        parts.append(
            _marker(shape, lx + 6, ly - 5, colour)
            + f'<text x="{lx + 20:.1f}" y="{ly}" font-size="14">{_e(_shorten(line.name, 36))}'
            "</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece of text above is escaped
