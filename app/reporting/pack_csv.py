"""The board pack as CSV: one row per figure, every one already suppressed in the content."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

CSV_COLUMNS = ("section", "subject", "breakdown", "group", "measure", "kind", "value")


def figure_rows(content: Mapping[str, Any]) -> list[tuple[str, ...]]:
    """One row per figure in the pack. `kind` says what the value is (count, percent, change,
    status or sentence), so a reader, or a test, knows which values count people."""
    rows: list[tuple[str, ...]] = []

    def add(section: str, subject: str, breakdown: str, group: str, *figure: str) -> None:
        rows.append((section, subject, breakdown, group, *figure))

    score = "Pledge scorecard"
    for p in content["scorecard"]["rows"]:
        add(score, p["title"], "All", "All", "Children", "count", p["answered"])
        add(score, p["title"], "All", "All", "Positive", "percent", p["share"])
        add(score, p["title"], "All", "All", "Change", "change", p["change"])
        for breakdown, key in (("Cohort", "by_cohort"), ("Age band", "by_age_band")):
            for r in p[key]:
                add(score, p["title"], breakdown, r["label"], "Children", "count", r["answered"])
                add(score, p["title"], breakdown, r["label"], "Positive", "percent", r["share"])
                add(score, p["title"], breakdown, r["label"], "Change", "change", r["change"])
    # Packs published before these breakdowns have none.
    for b in content.get("breakdowns", []):
        who = "Who answered"
        add(who, "All", b["title"], "All", "Children", "count", b["total"])
        for r in b["rows"]:
            add(who, "All", b["title"], r["label"], "Children", "count", r["children"])
            add(who, "All", b["title"], r["label"], "Share", "percent", r["share"])
    told, heard = content["told_us"], "What children told us"
    add(heard, "All", "All", "All", "Children", "count", told["answers"])
    for theme in told["top_themes"]:
        add(heard, "All", "Theme", theme["theme"], "Children", "count", theme["count"])
    for p in told["pledges"]:
        add(heard, p["title"], "All", "All", "Children", "count", p["answers"])
        for theme in p["themes"]:
            add(heard, p["title"], "Theme", theme["theme"], "Children", "count", theme["count"])
        for s in p["sentiment"]:
            add(heard, p["title"], "Sentiment", s["label"], "Children", "count", s["count"])
    safe, alerts = content["safeguarding"], "Safeguarding alerts"
    add(alerts, "All", "All", "All", "Children", "count", safe["alerts"])
    add(alerts, "All", "All", "All", "Acknowledged", "count", safe["acknowledged"])
    for c in safe["by_category"]:
        add(alerts, "All", "Category", c["category"], "Children", "count", c["count"])
    # Packs published before the read queue have no reading figure.
    reading = content.get("reading")
    if reading:
        read = f"Read by a person within {reading['days']} working days"
        add(read, "All", "All", "All", "Free-text answers", "count", reading["answers"])
        add(read, "All", "All", "All", "Read in time", "count", reading["in_time"])
    for a in content["actions"]["rows"]:
        add("You said, we did", a["title"], "Pledge", a["pledge"], "RAG", "status", a["rag_label"])
        add("You said, we did", a["title"], "Pledge", a["pledge"], "Status", "status", a["status"])
    conf, feedback = content["conferences"], "Conference feedback"
    for k in conf["kinds"]:
        add(feedback, k["label"], "All", "All", "Held", "count", k["count"])
    for r in conf["rates"]:
        add(feedback, "Response rate", "Role", r["role"], "Invited", "count", r["invited"])
        add(feedback, "Response rate", "Role", r["role"], "Answered", "count", r["answered"])
        add(feedback, "Response rate", "Role", r["role"], "Rate", "percent", r["rate"])
    for s in conf["surveys"]:
        add(feedback, s["title"], "All", "All", "Responses", "count", s["responses"])
        for result in s["results"]:
            add(feedback, s["title"], "Question", result["question"], "Result", "sentence",
                result["result"])  # fmt: skip
    return rows


def csv_text(content: Mapping[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in figure_rows(content):
        # A leading = + - @ would be run as a formula by a spreadsheet.
        writer.writerow(["'" + v if v[:1] in "=+-@" else v for v in row])
    return out.getvalue()
