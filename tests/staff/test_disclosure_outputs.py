"""Awkward data through every output the board sees, checked against the one disclosure policy
(analysis.disclosure): a cell of 2 beside a total of 11 (the council's "9 of 11" conference
sentence), one child with six answers and six alerts on one theme, in the board pack (app page,
every print version, a PDF and the CSV), the board summary and the dashboard."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from app.core.extensions import db
from app.models import (
    Answer,
    Campaign,
    CampaignStatus,
    Channel,
    Cohort,
    Response,
    ResponseStatus,
    SafeguardingFlag,
    now_utc,
)
from surveys import default_registry

from .test_board_pack import (  # noqa: F401 - board and officer are the signed-in fixtures
    VERSIONS,
    assert_count_cell,
    board,
    html_text,
    officer,
    pdf_text,
    publish,
    rate,
    small_numbers,
    someone,
    start_pack,
)
from .test_conferences import ELEVEN
from .test_review_actions import make_campaign, person, seed_answer

HIDDEN_NINE = (
    "Of 11, a number not shown said views were taken into account sometimes or always, "
    "fewer than 5 never"
)
HIT = re.compile(r"\bhit\b", re.IGNORECASE)


def seed_awkward() -> int:
    wave = make_campaign("wave-x", "Pledge wave X", opens_at=now_utc() - timedelta(days=1))
    for n in range(20):
        rate(wave, someone(f"X-{n}", Cohort.CLA, "13-15"), {"health_rating": 4 if n < 12 else 1})
    # One child, six answers on one theme, and six alerts: one child, "fewer than 5".
    child = person("GT-HIT")
    for n in range(6):
        analysis = seed_answer(f"words {n}", campaign=wave, respondent=child, themes=["hit"])
        db.session.add(
            SafeguardingFlag(
                response_id=analysis.answer.response_id,
                source_key=f"awkward:{n}",
                channel=Channel.WEB,
                category="abuse",
                categories=["abuse"],
                rules=["test"],
                text="words",
                text_hash=f"awkward{n}".ljust(64, "0"),
            )
        )
    for n in range(5):
        seed_answer(f"money {n}", campaign=wave, themes=["money"])
    # The council's published round of eleven parent/carer forms: 9 "sometimes or always",
    # 2 "never" on the first question.
    parent = default_registry().get("parent_feedback")
    forms = Campaign(
        slug="parents-x",
        name="Parent feedback",
        survey_key="parent_feedback",
        survey_version=parent.version,
        status=CampaignStatus.OPEN,
    )
    db.session.add(forms)
    db.session.flush()
    keys = ("q1_views_taken_into_account", "q2_worker_clear", "q3_worker_helped")
    for row in ELEVEN:
        response = Response(
            campaign_id=forms.id,
            survey_key="parent_feedback",
            survey_version=parent.version,
            channel=Channel.WEB,
            status=ResponseStatus.COMPLETE,
            completed_at=now_utc(),
        )
        db.session.add(response)
        db.session.flush()
        for key, value in zip(keys, row, strict=False):
            db.session.add(Answer(response_id=response.id, question_key=key, value=value))
    db.session.commit()
    return wave.id


def test_awkward_data_is_protected_in_every_output(app, officer, board, tmp_path):  # noqa: F811
    with app.app_context():
        wave = seed_awkward()
    pack_id = start_pack(officer, title="Awkward pack", covers="wave", campaign=str(wave))
    publish(officer, pack_id)

    seen: dict[str, str] = {}
    counts: list[str] = []
    seen["app page"], found = html_text(
        board.get(f"/staff/board-packs/{pack_id}").get_data(as_text=True)
    )
    counts += found
    for version in VERSIONS:
        page = board.get(f"/staff/board-packs/print/{version}/{pack_id}").get_data(as_text=True)
        seen[f"print {version}"], found = html_text(page)
        counts += found
    pdf = board.get(f"/staff/board-packs/pdf/full/{pack_id}")
    seen["pdf full"] = " ".join(pdf_text(pdf.data, tmp_path).split())
    raw_csv = board.get(f"/staff/board-packs/csv/{pack_id}").get_data(as_text=True)
    seen["csv"] = raw_csv
    summary_page = board.get(f"/staff/board?campaign={wave}").get_data(as_text=True)
    seen["board summary"], _ = html_text(summary_page)

    for name, text in seen.items():
        # The theme one child wrote about six times is never named, let alone counted as 6.
        assert not HIT.search(text), name
        # "9 of 11 ..., fewer than 5 never" would give the 2 back by subtraction.
        assert "9 of 11" not in text, name
        # (The board summary also counts actions by RAG and unnamed themes: not people.)
        if name != "board summary":
            assert not small_numbers(text), (name, small_numbers(text))
    for name in ("app page", "print full", "pdf full"):
        assert HIDDEN_NINE in seen[name], name
    for value in counts:
        assert_count_cell(value)

    rows = list(csv.DictReader(io.StringIO(raw_csv)))
    for row in rows:
        if row["kind"] == "count":
            assert_count_cell(row["value"])
    # Six alerts about one child: one child, "fewer than 5", and no category to subtract.
    alerts = {
        (r["breakdown"], r["measure"]): r["value"]
        for r in rows
        if r["section"].startswith("Safeguarding")
    }
    assert alerts[("All", "Children")] == "fewer than 5"
    results = {r["group"]: r["value"] for r in rows if r["kind"] == "sentence"}
    assert HIDDEN_NINE in results.values()

    # The board summary and the pack count the same wave the same way (children, completed).
    money = {r["value"] for r in rows if r["breakdown"] == "Theme" and r["group"] == "money"}
    assert money == {"5"}
    assert re.search(r">money</th>\s*<td[^>]*>5</td>", summary_page)

    # The dashboard names more themes, but counts children too: the six answers are one.
    dashboard = officer.get("/staff/dashboard").get_data(as_text=True)
    assert re.search(r">hit</a></th>\s*<td[^>]*>fewer than 5</td>", dashboard)
    assert re.search(r">money</a></th>\s*<td[^>]*>5</td>", dashboard)
