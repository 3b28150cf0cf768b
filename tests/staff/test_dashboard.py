"""Dashboard and board summary: server-drawn SVG that parses as XML, small numbers suppressed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from app.core.extensions import db
from app.models import Answer, Channel, Invitation, Role
from app.reporting.charts import Bar, Series, bar_chart, line_chart

from .test_review_actions import make_campaign, make_response, person, seed_answer, signed_in

SVG = "{http://www.w3.org/2000/svg}"


def svgs(html: str) -> list[ET.Element]:
    found = re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL)
    assert found, "no chart on the page"
    charts = [ET.fromstring(chart) for chart in found]  # each must be well-formed XML
    for chart in charts:
        assert chart.get("role") == "img"
        title_id, desc_id = chart.get("aria-labelledby").split()
        assert chart.find(f"{SVG}title").get("id") == title_id
        assert chart.find(f"{SVG}desc").get("id") == desc_id
        assert chart.find(f"{SVG}title").text and chart.find(f"{SVG}desc").text
    return charts


def texts(chart: ET.Element) -> list[str]:
    return [t.text or "" for t in chart.iter(f"{SVG}text")]


def seed_waves() -> int:
    """Wave 1: 6 invited, 5 answered (health rated by 5, home by 2); wave 2: 3 invited, 2 answered.

    Themes: "money" in 6 answers, "school" in 2.
    """
    first = make_campaign("wave-1", "Pledge wave one", opens_at=datetime(2026, 7, 1, tzinfo=UTC))
    second = make_campaign("wave-2", "Pledge wave two", opens_at=datetime(2026, 10, 1, tzinfo=UTC))
    plan = [(first, [5, 4, 4, 4, 2, None]), (second, [5, 1, None])]
    for campaign, ratings in plan:
        for n, rating in enumerate(ratings):
            someone = person(f"{campaign.slug}-{n}")
            invitation = Invitation(
                campaign_id=campaign.id,
                respondent_id=someone.id,
                token_hash=f"{campaign.slug}-{n}".ljust(64, "x"),
                channel=Channel.WEB,
            )
            db.session.add(invitation)
            db.session.flush()
            if rating is None:
                continue  # invited, never answered
            response = make_response(campaign, someone)
            response.invitation_id = invitation.id
            answers = {"health_rating": rating}
            if campaign is first and n < 2:
                answers["home_rating"] = 5
            for key, value in answers.items():
                db.session.add(
                    Answer(
                        response_id=response.id, question_key=key, value=value, value_number=value
                    )
                )
    for n in range(6):
        seed_answer(f"I need help with money {n}", campaign=first, themes=["money"])
    for n in range(2):
        seed_answer(f"School is hard {n}", campaign=first, themes=["school"])
    db.session.commit()
    return first.id


def test_dashboard_charts_parse_and_small_numbers_are_suppressed(app, make_user):
    with app.app_context():
        seed_waves()
    html = signed_in(app, make_user, Role.PARTICIPATION_OFFICER).get("/staff/dashboard")
    assert html.status_code == 200
    page = html.get_data(as_text=True)
    rates, pledges, themes = svgs(page)

    # Wave one: 5 of 6 would tell that 1 did not answer; wave two: 2 of 3 (analysis.disclosure).
    assert texts(rates) == ["Pledge wave one", "not shown", "Pledge wave two", "not shown"]
    assert "83.3%" not in page and "66.7%" not in page  # ... anywhere

    # Health: 4 of 5 positive in wave one would tell the 1 who was not: no share, no point;
    # home (2 answers) and wave two (2) get no point either.
    assert "not shown (5 answers)" in page and "80%" not in page
    assert page.count("fewer than 5 answers") >= 2
    assert "Jul 2026" in texts(pledges) and "Oct 2026" in texts(pledges)
    markers = [el for el in pledges.iter() if el.tag in (f"{SVG}circle", f"{SVG}rect")]
    assert len([m for m in markers if m.tag == f"{SVG}circle"]) == 1  # the legend's, no point

    assert "money" in texts(themes) and "school" in texts(themes)
    assert texts(themes).count("fewer than 5") == 1
    bars = [r for r in themes.iter(f"{SVG}rect") if r.get("fill") == "#1d70b8"]
    assert len(bars) == 1  # "school" (2) has no bar, only words
    assert re.search(r">money</a></th>\s*<td[^>]*>6</td>", page)
    assert re.search(r">school</a></th>\s*<td[^>]*>fewer than 5</td>", page)


def test_board_summary_is_suppressed(app, make_user):
    with app.app_context():
        first = seed_waves()
    client = signed_in(app, make_user, Role.BOARD_MEMBER)
    page = client.get(f"/staff/board?campaign={first}").get_data(as_text=True)
    for chart in svgs(page):
        assert chart is not None
    # 4 of 5 positive: the share would reveal the 1 who was not, so the board sees no share.
    assert re.search(r"Health and well-being</th>\s*<td[^>]*>5</td>\s*<td[^>]*>not shown", page)
    assert "80%" not in page
    assert re.search(
        r"Safe and stable home</th>\s*<td[^>]*>fewer than 5</td>\s*<td[^>]*>not shown", page
    )
    assert ">money</th>" in page
    assert "school" not in page  # a theme in fewer than 5 answers is not even named
    assert "1 other theme was mentioned by fewer than 5 children each" in page
    default = client.get("/staff/board").get_data(as_text=True)
    assert "Our pledges: Pledge wave two" in default  # the latest wave with pledge answers


def test_charts_escape_text_and_leave_gaps():
    label = "<script>alert('x')</script> & \"quotes\""
    chart = ET.fromstring(
        bar_chart(
            "c1", "Title & <more>", "Desc", [Bar(label, 3, "3"), Bar("b", None, "fewer than 5")]
        )
    )
    assert texts(chart)[0] == label  # escaped in the markup, intact once parsed
    assert chart.find(f"{SVG}title").text == "Title & <more>"
    assert not list(chart.iter("script")) and not list(chart.iter(f"{SVG}script"))
    line = ET.fromstring(
        line_chart("c2", "T", "D", ["a", "b", "c", "d"], [Series("s", [10, None, 30, 40])])
    )
    polylines = list(line.iter(f"{SVG}polyline"))
    assert len(polylines) == 1 and len(polylines[0].get("points").split()) == 2  # c-d only
