"""Who answered, by language, survey version and help (app/reporting/breakdowns.py): each child
once, by their latest answer, under the one disclosure policy, in the board pack (page, print,
CSV) and on the dashboard. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from app.core.extensions import db
from app.models import Campaign, Channel, Cohort, Response, ResponseStatus, now_utc
from app.reporting.breakdowns import breakdowns
from app.reporting.figures import wave_scope

from .test_board_pack import (  # noqa: F401 - board and officer are the signed-in fixtures
    T,
    board,
    officer,
    publish,
    someone,
    start_pack,
)
from .test_review_actions import make_campaign


def answered(campaign, person=None, *, language="en", variant="teen", assisted=False, when=None):
    response = Response(
        campaign_id=campaign.id,
        respondent_id=person.id if person else None,
        survey_key="pledge",
        survey_version=2,
        variant=variant,
        channel=Channel.WEB,
        status=ResponseStatus.COMPLETE,
        completed_at=when or now_utc(),
        language=language,
        assisted=assisted,
    )
    db.session.add(response)
    db.session.flush()
    return response


def seed() -> int:
    """21 children: 12 in English, 6 in Arabic, 3 in Urdu. 16 teenagers, 5 younger children.
    3 helped. One of the Arabic ones answered in English first: counted once, in Arabic."""
    wave = make_campaign("wave-b", "Pledge wave B", opens_at=now_utc() - timedelta(days=2))
    languages = ["en"] * 12 + ["ar"] * 6 + ["ur"] * 3
    for n, code in enumerate(languages):
        child = someone(f"B-{n}", Cohort.CLA, "13-15")
        if n == 12:  # their earlier answer, in English
            answered(wave, child, language="en", when=now_utc() - timedelta(hours=5))
        answered(wave, child, language=code, variant="younger" if n >= 16 else "teen",
                 assisted=n in (0, 13, 20))  # fmt: skip
    # Not a child's survey, and an unfinished one: neither is counted.
    other = answered(wave, someone("B-P", Cohort.CLA, "13-15"), language="pl")
    other.survey_key = "parent_feedback"
    unfinished = answered(wave, someone("B-U", Cohort.CLA, "13-15"), language="pl")
    unfinished.status, unfinished.completed_at = ResponseStatus.IN_PROGRESS, None
    db.session.commit()
    return wave.id


def table(result, key):
    found = next(b for b in result if b["key"] == key)
    return found["total"], {r["label"]: (r["children"], r["share"]) for r in found["rows"]}


def test_each_child_once_small_cells_hidden_and_no_cell_recoverable_by_subtraction(app):
    with app.test_request_context():
        wave = seed()
        result = breakdowns(wave_scope(db.session.get(Campaign, wave)), T)
    total, rows = table(result, "language")
    assert total == "21"
    # Urdu (3) is small; Arabic (6) is hidden too, or 21 - 12 would give Urdu back.
    assert rows == {
        "English": ("12", "57.1%"),
        "Arabic": ("not shown", "not shown"),
        "Urdu": (f"fewer than {T}", "not shown"),
    }
    assert "Polish" not in rows
    total, rows = table(result, "variant")
    assert total == "21"
    assert rows == {
        "Teenagers (13–17)": ("16", "76.2%"),
        "Younger children (8–12)": ("5", "23.8%"),
    }
    total, rows = table(result, "assisted")
    # 3 helped is small, and with it only 18 shown of 21: the 18 is hidden as well.
    assert rows == {
        "Answered on their own": ("not shown", "not shown"),
        "Someone helped them answer": (f"fewer than {T}", "not shown"),
    }


def test_anonymous_responses_count_as_a_child_each(app):
    with app.test_request_context():
        wave = make_campaign("wave-a", "Pledge wave A")
        for _ in range(7):
            answered(wave, None, language="ar")
        db.session.commit()
        total, rows = table(breakdowns(wave_scope(wave), T), "language")
    assert total == "7"
    assert rows == {"Arabic": ("7", "not shown")}  # 100% rests on a rest of zero


def test_the_pack_and_the_dashboard_show_who_answered(app, officer, board):  # noqa: F811
    with app.app_context():
        wave = seed()
    pack_id = start_pack(officer, title="Languages pack", covers="wave", campaign=str(wave))
    page = officer.get(f"/staff/board-packs/print/full/{pack_id}").get_data(as_text=True)
    assert 'id="who-arabic"' not in page and 'id="who-language"' in page
    assert "Who answered" in page and "Someone helped them answer" in page
    app_page = officer.get(f"/staff/board-packs/{pack_id}").get_data(as_text=True)
    assert 'id="who-variant"' in app_page and "Younger children (8–12)" in app_page
    publish(officer, pack_id)
    rows = list(csv.DictReader(io.StringIO(board.get(f"/staff/board-packs/csv/{pack_id}").text)))
    who = {(r["breakdown"], r["group"], r["measure"]): r["value"] for r in rows
           if r["section"] == "Who answered"}  # fmt: skip
    assert who[("Language", "All", "Children")] == "21"
    assert who[("Language", "English", "Children")] == "12"
    assert who[("Language", "Arabic", "Children")] == "not shown"
    assert who[("Language", "Urdu", "Children")] == f"fewer than {T}"
    assert who[("Survey version", "Younger children (8–12)", "Children")] == "5"
    dashboard = officer.get("/staff/dashboard").get_data(as_text=True)
    assert 'id="dashboard-who-language"' in dashboard
    assert "Teenagers (13–17)" in dashboard and "Answered on their own" in dashboard
