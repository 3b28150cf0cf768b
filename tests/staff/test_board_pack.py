"""The Corporate Parenting Board pack: the officer builds, writes the storyboard and publishes;
board members read it as HTML, PDF and CSV; no small number and no personal data in any format.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from app.conferences.quarters import Quarter
from app.core.extensions import db
from app.models import (
    Action,
    ActionStatus,
    Answer,
    AnswerAnalysis,
    AuditEvent,
    BoardPack,
    BoardPackStatus,
    Campaign,
    Channel,
    Cohort,
    Respondent,
    Response,
    ResponseStatus,
    Role,
    SafeguardingFlag,
    User,
    now_utc,
)
from app.reporting import figures, pack_content, pack_publishing
from app.review import analysis_store
from tests.web.helpers import csrf_token, path_of

from .staff_helpers import sign_in
from .test_conferences import (
    ELEVEN,
    add_invitee,
    new_conference,
    parent_answers,
    start_tablet,
    tablet_participant,
)
from .test_review_actions import make_campaign, seed_answer

T = 5
# The council's published round, as the board may see it: the small "never"/"not" counts hidden,
# and the positive count too where 11 minus it would give the small ones back (9 of 11 leaves 2).
PACK_SENTENCES = [
    "Of 11, a number not shown said views were taken into account sometimes or always, "
    "fewer than 5 never",
    "Of 11, a number not shown said the worker was clear, fewer than 5 not",
    "Of 11, a number not shown said the worker helped, fewer than 5 not",
    "6 of 11 were told how to complain, fewer than 5 were not",
]
# Personal data typed into free text, action evidence and the storyboard.
RAW = "My social worker Jake never calls back, ring me on 07700 900456 or jake@example.com"
RAW_TWO = "Sarah my PA is great, text her on 07700 900789 or sarah.jones@example.org"
PERSONAL = ("Jake", "Sarah", "07700", "900456", "900789", "example.com", "example.org", "jones")
VERSIONS = ("full", "summary", "young", "large")


# --- Reading every format -----------------------------------------------------------------------


class TextOf(HTMLParser):
    """The words a reader sees (SVG chart labels included), without scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.counts: list[str] = []
        self._skip = 0
        self._count = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title", "desc"):
            self._skip += 1
        self._count = any(name == "data-count" for name, _v in attrs)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title", "desc") and self._skip:
            self._skip -= 1
        self._count = False

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)
            if self._count:
                self.counts.append(data.strip())


def html_text(html: str) -> tuple[str, list[str]]:
    parser = TextOf()
    parser.feed(html)
    return " ".join(parser.parts), parser.counts


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Numbers that are not counts of people: dates, years, page numbers, shares and changes, "about
# 6 in 10", age bands, the threshold's own "fewer than 5" and the service level's "2 working days".
NOT_COUNTS = re.compile(
    rf"\b\d{{1,2}}\s+(?:{MONTHS})\b"
    r"|\b(?:19|20)\d\d(?:[-–]\d\d)?\b"
    r"|\bQ[1-4]\b"
    r"|\bPage\s+\d+\s+of\s+\d+\b"
    r"|\b\d+\s+in\s+10\b"
    r"|[+−-]?\d+(?:\.\d+)?\s*(?:%|points)"
    r"|\b[Ff]ewer\s+than\s+\d+\b"
    r"|\b\d+\s*[-–]\s*\d+\b|\b\d+\+"
    r"|\b\d+\s+characters\b"
    r"|\b\d+\s+working\s+days?\b",
    re.IGNORECASE,
)


def small_numbers(text: str) -> list[str]:
    """Every number in `text` that could be a count and is under the threshold."""
    rest = NOT_COUNTS.sub(" ", " ".join(text.split()))
    return [
        n
        for n in re.findall(r"(?<![\w.])\d+(?:,\d{3})*(?![\w.])", rest)
        if int(n.replace(",", "")) < T
    ]


def assert_count_cell(value: str) -> None:
    if value in (f"fewer than {T}", "not shown"):
        return
    assert value.replace(",", "").isdigit(), value
    assert int(value.replace(",", "")) >= T, value


def pdf_text(pdf: bytes, tmp_path) -> str:
    assert pdf.startswith(b"%PDF"), pdf[:40]
    assert shutil.which("pdftotext"), "install poppler-utils (make browser does)"
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


# --- Seeding ----------------------------------------------------------------------------------


def someone(reference: str, cohort: Cohort, band: str) -> Respondent:
    person = Respondent(reference=reference, cohort=cohort, age_band=band)
    db.session.add(person)
    db.session.flush()
    return person


def rate(campaign: Campaign, person: Respondent | None, ratings: dict[str, int], when=None) -> None:
    """A completed pledge survey response with these ratings, made directly."""
    response = Response(
        campaign_id=campaign.id,
        respondent_id=person.id if person else None,
        survey_key="pledge",
        survey_version=1,
        variant="teen",
        channel=Channel.WEB,
        status=ResponseStatus.COMPLETE,
        completed_at=when or now_utc(),
    )
    db.session.add(response)
    db.session.flush()
    for key, value in ratings.items():
        db.session.add(
            Answer(response_id=response.id, question_key=key, value=value, value_number=value)
        )
    db.session.flush()


def seed_two_waves() -> tuple[int, int]:
    """Wave one: health rated by 10 (5 positive). Wave two: health rated by 20 (12 positive),
    16 children looked after aged 13-15 and 4 care leavers aged 18-21; home rated by 3."""
    first = make_campaign("wave-1", "Pledge wave one", opens_at=datetime(2026, 4, 1, tzinfo=UTC))
    second = make_campaign("wave-2", "Pledge wave two", opens_at=datetime(2026, 7, 1, tzinfo=UTC))
    for n in range(10):
        rate(first, someone(f"W1-{n}", Cohort.CLA, "13-15"), {"health_rating": 5 if n < 5 else 2})
    for n in range(20):
        cohort, band = (Cohort.CLA, "13-15") if n < 16 else (Cohort.CARE_LEAVER, "18-21")
        ratings = {"health_rating": 4 if n < 12 else 1}
        if n < 3:
            ratings["home_rating"] = 5
        rate(second, someone(f"W2-{n}", cohort, band), ratings)
    for n in range(6):
        seed_answer(f"I need help with money {n}", campaign=second, themes=["money"])
    for n in range(2):
        seed_answer(f"School is hard {n}", campaign=second, themes=["school"])
    db.session.commit()
    return first.id, second.id


def seed_personal_data(campaign_id: int, officer_id: int) -> None:
    """Free text, an approved quote, action evidence and flags that carry personal data."""
    campaign = db.session.get(Campaign, campaign_id)
    officer = db.session.get(User, officer_id)
    quoted = seed_answer(RAW, campaign=campaign, themes=["money"], pledges=["independence"])
    analysis_store.approve_quote(quoted, officer, RAW)
    other = seed_answer(RAW_TWO, campaign=campaign, themes=["money"], pledges=["independence"])
    other.quote = RAW_TWO  # as if approved before the redactor knew better: redacted again
    other.quote_approved_at = now_utc()
    flagged = seed_answer(
        "he hits me, call me 07700 900456", campaign=campaign, flagged="abuse", themes=["money"]
    )
    for n in range(2):
        db.session.add(
            SafeguardingFlag(
                response_id=flagged.answer.response_id,
                source_key=f"test:{n}",
                channel=Channel.WEB,
                category="abuse",
                categories=["abuse"],
                rules=["test"],
                text="he hits me, call me 07700 900456",
                text_hash=f"{n}".ljust(64, "0"),
            )
        )
    db.session.add(
        Action(
            title="Call-back promise for care leavers",
            owner="Head of Service",
            due_date=datetime(2026, 12, 1, tzinfo=UTC),
            status=ActionStatus.COMPLETED,
            completed_at=now_utc(),
            evidence=f"Checked with Jake: {RAW}",
            pledge="listened_to",
        )
    )
    db.session.commit()


# --- Driving the pages ------------------------------------------------------------------------


@pytest.fixture
def officer(app, make_user):
    user_id, email = make_user(Role.PARTICIPATION_OFFICER)
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    client.user_id = user_id
    return client


@pytest.fixture
def board(app, make_user):
    _id, email = make_user(Role.BOARD_MEMBER, email="board@shireford.example")
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def start_pack(client, **fields) -> int:
    page = client.get("/staff/board-packs/new")
    assert page.status_code == 200
    reply = client.post(
        "/staff/board-packs/new",
        data={"csrf_token": csrf_token(page.get_data(as_text=True)), **fields},
    )
    assert reply.status_code == 302, reply.get_data(as_text=True)[:3000]
    return int(path_of(reply.headers["Location"]).rsplit("/", 1)[1])


def write_storyboard(client, pack_id: int, **text) -> None:
    url = f"/staff/board-packs/storyboard/{pack_id}"
    page = client.get(url)
    reply = client.post(url, data={"csrf_token": csrf_token(page.get_data(as_text=True)), **text})
    assert reply.status_code == 302, reply.get_data(as_text=True)[:3000]


def publish(client, pack_id: int) -> None:
    url = f"/staff/board-packs/publish/{pack_id}"
    page = client.get(url)
    reply = client.post(
        url, data={"csrf_token": csrf_token(page.get_data(as_text=True)), "confirm": "yes"}
    )
    assert reply.status_code == 302


# --- Tests ----------------------------------------------------------------------------------------


def test_eleven_parent_responses_reproduce_the_published_counts_in_the_pack(
    app, make_user, officer
):
    _id, email = make_user(Role.CONFERENCE_CHAIR, email="chair@shireford.example")
    chair = app.test_client()
    sign_in(chair, email)
    conference_id, code = new_conference(chair)
    for _ in range(12):
        add_invitee(chair, conference_id, "parent_carer")
    start_tablet(chair, conference_id)
    for n in range(len(ELEVEN)):
        tablet_participant(chair, code, "parent_carer", parent_answers(n))

    quarter = Quarter.of(date.today())
    pack_id = start_pack(
        officer,
        title="Conference feedback this quarter",
        covers="dates",
        first_day=quarter.start.date().isoformat(),
        last_day=(quarter.end - timedelta(days=1)).date().isoformat(),
    )
    page = officer.get(f"/staff/board-packs/{pack_id}").get_data(as_text=True)
    text, _counts = html_text(page)
    for sentence in PACK_SENTENCES:
        assert sentence in text, sentence
    text = " ".join(text.split())
    assert re.search(r"Parents, carers and family members \(forms: 11 \)", text)
    assert "Review conferences held fewer than 5" in text
    figures = officer.get(f"/staff/board-packs/csv/{pack_id}").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(figures)))
    results = {r["value"] for r in rows if r["kind"] == "sentence"}
    assert set(PACK_SENTENCES) <= results
    forms = [r for r in rows if r["measure"] == "Responses" and r["subject"].startswith("Parents")]
    assert [r["value"] for r in forms] == ["11"]
    summary = officer.get(f"/staff/board-packs/print/summary/{pack_id}").get_data(as_text=True)
    for sentence in PACK_SENTENCES:
        assert sentence in html_text(summary)[0]


def test_officer_builds_publishes_and_the_board_reads_every_format(app, officer, board):
    with app.app_context():
        _first, second = seed_two_waves()
    pack_id = start_pack(officer, title="Board pack: wave two", covers="wave", campaign=str(second))

    # A draft is the officer's alone.
    assert board.get(f"/staff/board-packs/{pack_id}").status_code == 404
    assert board.get(f"/staff/board-packs/csv/{pack_id}").status_code == 404
    assert "Board pack: wave two" not in board.get("/staff/board-packs").get_data(as_text=True)
    assert board.get("/staff/board-packs/new").status_code == 403

    write_storyboard(
        officer,
        pack_id,
        where_we_were="Care leavers said nobody rang back.",
        what_we_did="We set a two-day call-back promise.",
        difference_made="",
        what_next="Check the promise is kept in every team.",
    )
    page = officer.get(f"/staff/board-packs/{pack_id}").get_data(as_text=True)
    assert "We set a two-day call-back promise." in page
    # Health: 12 of 20 positive (60%) against 5 of 10 (50%) in the wave before.
    row = page.split('data-pledge="health_wellbeing"')[1].split("</tr>")[0]
    assert re.findall(r">([^<>]+)</(?:span|td)>", row) == ["20", "60%", "+10.0 points"]
    # Home: 3 answers: fewer than 5, no share, no change.
    home = page.split('data-pledge="safe_stable_home"')[1].split("</tr>")[0]
    assert "fewer than 5" in home and "%" not in home
    # By cohort: 4 care leavers is small, so the looked-after row is hidden too (16 = 20 - 4).
    detail = page.split('id="scorecard-health_wellbeing"')[1].split("</table>")[0]
    assert "fewer than 5" in detail and "not shown" in detail and ">16<" not in detail

    # An empty POST publishes nothing.
    url = f"/staff/board-packs/publish/{pack_id}"
    token = csrf_token(officer.get(url).get_data(as_text=True))
    assert officer.post(url, data={"csrf_token": token}).status_code == 400
    with app.app_context():
        assert db.session.get(BoardPack, pack_id).status == BoardPackStatus.DRAFT
    publish(officer, pack_id)

    # Published: frozen, no longer editable, and readable by the board in every format.
    with app.app_context():
        pack = db.session.get(BoardPack, pack_id)
        assert pack.status == BoardPackStatus.PUBLISHED and pack.content["version"] == 1
        rate(db.session.get(Campaign, second), None, {"health_rating": 1})
        db.session.commit()
    edit = officer.get(f"/staff/board-packs/storyboard/{pack_id}")
    assert edit.status_code == 302
    assert "Board pack: wave two" in board.get("/staff/board-packs").get_data(as_text=True)
    seen = board.get(f"/staff/board-packs/{pack_id}").get_data(as_text=True)
    assert "+10.0 points" in seen and "Write the storyboard" not in seen
    for version in VERSIONS:
        printed = board.get(f"/staff/board-packs/print/{version}/{pack_id}")
        assert printed.status_code == 200
        assert "'nonce-" in printed.headers["Content-Security-Policy"]
    assert board.get(f"/staff/board-packs/print/other/{pack_id}").status_code == 404
    pdf = board.get(f"/staff/board-packs/pdf/summary/{pack_id}")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    figures = board.get(f"/staff/board-packs/csv/{pack_id}")
    assert figures.mimetype == "text/csv"
    # Downloads a shared computer's browser cache must not keep (issue 15, point 12).
    assert pdf.headers["Cache-Control"] == figures.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(figures.get_data(as_text=True))))
    health = {
        (r["breakdown"], r["group"], r["measure"]): r["value"]
        for r in rows
        if r["section"] == "Pledge scorecard" and r["subject"] == "Health and well-being"
    }
    assert health[("All", "All", "Children")] == "20"  # not 21: frozen when published
    assert health[("All", "All", "Positive")] == "60%"
    assert health[("Cohort", "Care leavers", "Children")] == "fewer than 5"
    assert health[("Cohort", "Children looked after", "Children")] == "not shown"

    with app.app_context():
        mine = select(AuditEvent).where(AuditEvent.object_id == str(pack_id))
        events = [(e.action, e.detail) for e in db.session.scalars(mine)]
    actions = [a for a, _d in events]
    for expected in ("board_pack.created", "board_pack.storyboard_saved", "board_pack.published"):
        assert expected in actions
    assert {"format": "pdf", "version": "summary"} in [d for _a, d in events]
    assert "call-back" not in str(events)  # the storyboard's words are not in the audit log


def test_no_small_number_or_personal_data_reaches_any_format(app, officer, board, tmp_path):
    with app.app_context():
        _first, second = seed_two_waves()
        seed_personal_data(second, officer.user_id)
    pack_id = start_pack(officer, title="Board pack", covers="wave", campaign=str(second))
    write_storyboard(
        officer,
        pack_id,
        where_we_were=f"Jake told us: {RAW}",
        what_we_did="Two teams changed.",
        difference_made="",
        what_next=f"Ask Sarah again. {RAW_TWO}",
    )

    # The draft, in every format, as the officer checks it before publishing: redacted already
    # (the formats share one content, worked out afresh for a draft and frozen on publishing).
    seen: dict[str, str] = {}
    page = officer.get(f"/staff/board-packs/{pack_id}").get_data(as_text=True)
    seen["app page"], counts = html_text(page)
    for version in VERSIONS:
        printed = officer.get(f"/staff/board-packs/print/{version}/{pack_id}")
        seen[f"print {version}"], more = html_text(printed.get_data(as_text=True))
        counts += more
        pdf = officer.get(f"/staff/board-packs/pdf/{version}/{pack_id}")
        assert pdf.status_code == 200
        seen[f"pdf {version}"] = " ".join(pdf_text(pdf.data, tmp_path).split())
    raw_csv = officer.get(f"/staff/board-packs/csv/{pack_id}").get_data(as_text=True)
    seen["csv"] = raw_csv

    # Every count in the HTML and CSV is a real count at or over the threshold, or suppressed.
    assert counts and all(counts)
    for value in counts:
        assert_count_cell(value)
    rows = list(csv.DictReader(io.StringIO(raw_csv)))
    assert any(r["value"] == "fewer than 5" for r in rows)
    for row in rows:
        if row["kind"] == "count":
            assert_count_cell(row["value"])
    # ... and no other number under it appears anywhere, in any format.
    assert small_numbers("Answers 3, 12% on 1 October 2026, about 4 in 10, aged 8-12") == ["3"]
    for name, text in seen.items():
        assert not small_numbers(text), (name, small_numbers(text))
        for personal in PERSONAL:
            assert personal.lower() not in text.lower(), (name, personal)
    # The pack did show what it may: the small theme unnamed, the flags as a count only.
    assert "money" in seen["pdf full"] and "school" not in seen["pdf full"]
    assert "hits" not in seen["csv"]
    assert "Safeguarding alerts,All,All,All,Children,count,fewer than 5" in raw_csv
    assert "Call-back promise for care leavers" in seen["pdf full"]
    assert "need help with money" not in seen["app page"]  # free text that was never approved

    # Publishing is refused while the words hold personal data; the officer is told which.
    with app.app_context():
        action_id = db.session.scalars(select(Action.id)).one()
        stale_quote = db.session.scalars(
            select(AnswerAnalysis.id).where(AnswerAnalysis.quote == RAW_TWO)
        ).one()
    url = f"/staff/board-packs/publish/{pack_id}"
    token = csrf_token(officer.get(url).get_data(as_text=True))
    refused = officer.post(url, data={"csrf_token": token, "confirm": "yes"})
    assert refused.status_code == 400
    told = html.unescape(refused.get_data(as_text=True))
    assert "The pack was not published: it still holds personal data" in told
    assert "The storyboard's “Where we were” seems to hold a name" in told
    assert "The storyboard's “What else we need to do” seems to hold a name" in told
    evidence = f"Action {action_id}'s evidence seems to hold a name, an email address and a phone"
    assert evidence in told
    assert f"Approved quote {stale_quote} seems to hold a name" in told
    assert f'href="/staff/actions/{action_id}"' in told
    assert "“What we have done”" not in told  # clean fields are not listed
    with app.app_context():
        assert db.session.get(BoardPack, pack_id).status == BoardPackStatus.DRAFT
        refusals = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "board_pack.publish_refused")
        ).all()
        assert len(refusals) == 1 and "Jake" not in str(refusals[0].detail)

    # Fixed where the page said, the pack publishes and the board reads it.
    write_storyboard(
        officer,
        pack_id,
        where_we_were="Care leavers told us nobody rang back.",
        what_we_did="Two teams changed.",
        difference_made="",
        what_next="Ask care leavers again next quarter.",
    )
    with app.app_context():
        db.session.get(Action, action_id).evidence = "Checked with the leaving care team"
        db.session.commit()
    token = csrf_token(officer.get(f"/staff/review/{stale_quote}").get_data(as_text=True))
    requoted = officer.post(
        f"/staff/review/quote/{stale_quote}", data={"csrf_token": token, "quote": RAW_TWO}
    )
    assert requoted.status_code == 302
    publish(officer, pack_id)
    for url in (f"/staff/board-packs/{pack_id}", f"/staff/board-packs/csv/{pack_id}"):
        text = board.get(url).get_data(as_text=True)
        assert "Call-back promise for care leavers" in text
        for personal in PERSONAL:
            assert personal.lower() not in text.lower(), (url, personal)


def test_pack_figures_are_counted_in_sql(app):
    """The scorecard groups in the database: rows fetched do not grow with the answers."""
    with app.app_context():
        _first, second = seed_two_waves()
        from sqlalchemy import event

        fetched = []

        def count_rows(conn, cursor, statement, parameters, context, executemany):
            if "GROUP BY" in statement and "answer" in statement:
                fetched.append(statement)

        engine = db.engine
        event.listen(engine, "after_cursor_execute", count_rows)
        try:
            pack = pack_publishing.create_pack("Pack", campaign=db.session.get(Campaign, second))
            content = pack_content.build_content(pack)
        finally:
            event.remove(engine, "after_cursor_execute", count_rows)
        assert fetched, "the scorecard was not grouped in SQL"
        health = content["scorecard"]["rows"][0]
        assert (health["answered"], health["share"]) == ("20", "60%")
        with pytest.raises(ValueError):
            pack_publishing.create_pack("No scope")


def test_the_scorecard_counts_each_child_once_by_their_latest_answer(app):
    """Ten children answered both waves of a quarter: the quarter's scorecard counts ten
    children (not twenty answers), each by what they said last, so the small-number rule
    protects children. The per-wave figures on the dashboard still count each wave."""
    with app.app_context():
        first = make_campaign("q-1", "July wave", opens_at=datetime(2026, 7, 1, tzinfo=UTC))
        second = make_campaign("q-2", "August wave", opens_at=datetime(2026, 8, 1, tzinfo=UTC))
        july, august = datetime(2026, 7, 10, tzinfo=UTC), datetime(2026, 8, 10, tzinfo=UTC)
        for n in range(10):
            child = someone(f"Q-{n}", Cohort.CLA, "13-15")
            rate(first, child, {"health_rating": 1}, when=july)  # unhappy in July
            rate(second, child, {"health_rating": 5 if n < 5 else 1}, when=august)
        db.session.commit()
        pack = pack_publishing.create_pack(
            "Quarter", first_day=date(2026, 7, 1), last_day=date(2026, 9, 30)
        )
        health = pack_content.build_content(pack)["scorecard"]["rows"][0]
        assert (health["answered"], health["share"]) == ("10", "50%")

        scores = figures.pledge_scores([first.id, second.id])
        assert scores[first.id]["health_wellbeing"] == (10, 0)
        assert scores[second.id]["health_wellbeing"] == (10, 5)
