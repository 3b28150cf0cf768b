"""Conference feedback: chairs record conferences and invitees; participants answer on a shared
tablet or their own phone; the chair sees response rates and the council's published counts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import func, select, update

from app.conferences.quarters import Quarter
from app.conferences.sentences import PARENT_PHRASES, published_sentence
from app.conferences.service import reference_problem
from app.core.extensions import db
from app.core.phones import vault
from app.demo.seed import PARENT_ROWS
from app.models import (
    Answer,
    AuditEvent,
    Campaign,
    Channel,
    Conference,
    ConferenceInvitee,
    OutboundMessage,
    ParticipantRole,
    Response,
    ResponseStatus,
    Role,
    SafeguardingFlag,
    now_utc,
)
from surveys import default_registry
from tests.web.helpers import csrf_token, path_of, question_key_of

from .staff_helpers import sign_in

PIN = "246813"
START_KEY = re.compile(r'name="start_key" value="([^"]+)"')

# The brief's published round of eleven parent/carer forms, as the demo county seeds them:
# (q1 views taken into account, q2 worker clear, q3 worker helped, q4 told how to complain).
ELEVEN = PARENT_ROWS
FREE_TEXT = {
    1: ("", "Too adult focused. Lack of child focus."),
    2: ("Our worker JB was really helpful and always rang back.", ""),
}
PUBLISHED = [
    "9 of 11 said views were taken into account sometimes or always, 2 never",
    "8 of 11 said the worker was clear, 2 not",
    "8 of 11 said the worker helped, 3 not",
    "6 of 11 were told how to complain, 4 were not",
]


def parent_answers(n: int) -> dict[str, str]:
    q1, q2, q3, q4 = ELEVEN[n]
    done_well, suggestion = FREE_TEXT.get(n, ("", ""))
    return {
        "q1_views_taken_into_account": q1,
        "q2_worker_clear": q2,
        "q3_worker_helped": q3,
        "q4_told_how_to_complain": q4,
        "complaint_route_info": "no",
        "q5_done_well": done_well,
        "q6_suggestions": suggestion,
    }


# --- Helpers: driving the pages ---------------------------------------------------------------


@pytest.fixture
def chair(app, make_user):
    """A signed-in conference chair's browser."""
    _id, email = make_user(Role.CONFERENCE_CHAIR)
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    client.email = email
    return client


def record_conference(client, reference: str = "CP-2026-014", kind: str = "review", day=None):
    day = day or date.today()
    page = client.get("/staff/conferences/new")
    assert page.status_code == 200
    return client.post(
        "/staff/conferences/new",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "kind": kind,
            "held_day": str(day.day),
            "held_month": str(day.month),
            "held_year": str(day.year),
            "reference": reference,
        },
    )


def new_conference(client, **kwargs) -> tuple[int, str]:
    reply = record_conference(client, **kwargs)
    assert reply.status_code == 302, reply.get_data(as_text=True)[:2000]
    conference_id = int(path_of(reply.headers["Location"]).rsplit("/", 1)[1])
    return conference_id, short_code(client.application, conference_id)


def short_code(app, conference_id: int) -> str:
    with app.app_context():
        return db.session.get(Conference, conference_id).short_code


def add_invitee(client, conference_id: int, role: str, agency: str = "", mobile: str = ""):
    url = f"/staff/conferences/{conference_id}"
    page = client.get(url)
    data = {"csrf_token": csrf_token(page.get_data(as_text=True)), "role": role}
    if agency:
        data["agency"] = agency
    if mobile:
        data["mobile"] = mobile
    return client.post(url, data=data)


def start_tablet(client, conference_id: int, pin: str = PIN):
    page = client.get(f"/staff/conferences/{conference_id}")
    return client.post(
        f"/staff/conferences/tablet/{conference_id}",
        data={"csrf_token": csrf_token(page.get_data(as_text=True)), "pin": pin},
    )


def tablet_begin(client, code: str, role: str) -> str:
    """Pick a role on the tablet's start page; returns the first question's address."""
    start = client.get(f"/tablet/{code}")
    assert start.status_code == 200
    html = start.get_data(as_text=True)
    reply = client.post(
        f"/tablet/{code}",
        data={
            "csrf_token": csrf_token(html),
            "start_key": START_KEY.search(html).group(1),
            "role": role,
        },
    )
    assert reply.status_code == 302, reply.get_data(as_text=True)[:2000]
    where = client.get(path_of(reply.headers["Location"]))
    assert where.status_code == 302
    return path_of(where.headers["Location"])


def answer_until_check(client, location: str, answers: dict) -> tuple[str, list[str]]:
    """Answer every question the pages ask; returns the check page's address and the pages."""
    visited = []
    while "/q/" in location:
        page = client.get(location)
        assert page.status_code == 200, location
        visited.append(location)
        key = question_key_of(location)
        reply = client.post(
            location,
            data={"csrf_token": csrf_token(page.get_data(as_text=True)), "answer": answers[key]},
        )
        assert reply.status_code == 302, reply.get_data(as_text=True)[:2000]
        location = path_of(reply.headers["Location"])
        if "/support?" in location:
            assert client.get(location).status_code == 200
            visited.append(location)
            location = parse_qs(urlparse(location).query)["next"][0]
    assert location.endswith("/check"), location
    return location, visited


def tablet_participant(client, code: str, role: str, answers: dict) -> list[str]:
    """One person on the tablet, from the clean start to "Thank you"; returns their pages."""
    check, visited = answer_until_check(client, tablet_begin(client, code, role), answers)
    page = client.get(check)
    assert page.status_code == 200
    reply = client.post(
        check.replace("/check", "/submit"),
        data={"csrf_token": csrf_token(page.get_data(as_text=True))},
    )
    assert (
        reply.status_code == 302 and path_of(reply.headers["Location"]) == f"/tablet/{code}/thanks"
    )
    assert client.get(f"/tablet/{code}/thanks").status_code == 200
    return [*visited, check]


def is_clean_start(reply, code: str) -> bool:
    return (
        reply.status_code == 302
        and path_of(reply.headers["Location"]).startswith(f"/tablet/{code}")
        and "/p/" not in reply.headers["Location"]
    )


# --- Pure functions ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["CP-2026-014", "ICPC123", "rcpc/2026/7", "CP2026014"])
def test_reference_codes_are_accepted(code):
    assert reference_problem(code) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Jayden Smith", "name"),
        ("Smith2026", "name"),
        ("SMITHJ-001", "name"),
        ("CP 2026 014", "spaces"),
        ("CP-14", "3 numbers"),
        ("", "Enter"),
    ],
)
def test_name_like_references_are_refused(text, why):
    problem = reference_problem(text)
    assert problem and why in problem


def test_published_sentences_use_the_survey_options():
    survey = default_registry().get("parent_feedback").resolve(None)
    columns = list(zip(*ELEVEN, strict=True))
    keys = list(PARENT_PHRASES)
    sentences = [
        published_sentence(survey.question(key), values, PARENT_PHRASES[key])
        for key, values in zip(keys, columns, strict=True)
    ]
    assert sentences == PUBLISHED
    # Unanswered values are not counted; a threshold hides small counts for the board.
    q3 = survey.question("q3_worker_helped")
    assert published_sentence(q3, ["yes", None, "no"], PARENT_PHRASES[q3.key]).startswith("1 of 2 ")
    assert (
        published_sentence(q3, columns[2], PARENT_PHRASES[q3.key], threshold=5)
        == "Of 11, a number not shown said the worker helped, fewer than 5 not"
    )  # 8 of 11 would give the 3 back
    q4 = survey.question("q4_told_how_to_complain")
    assert (
        published_sentence(q4, columns[3], PARENT_PHRASES[q4.key], threshold=5)
        == "6 of 11 were told how to complain, fewer than 5 were not"
    )  # 11 - 6 = 5 holds the 4 "not" and the "not sure": neither comes back
    assert published_sentence(q3, ["yes"] * 3, threshold=5) == "Fewer than 5 people answered"
    yp = default_registry().get("yp_conference_feedback").resolve(None)
    assert published_sentence(yp.question("views_heard"), ["yes", "a_bit", "no"]) == (
        "1 of 3 answered yes"
    )


def test_financial_quarters():
    assert Quarter.of(date(2026, 4, 1)) == Quarter(2026, 1)
    assert Quarter.of(date(2026, 12, 31)) == Quarter(2026, 3)
    assert Quarter.of(date(2027, 3, 31)) == Quarter(2026, 4)
    q4 = Quarter(2026, 4)
    assert q4.label == "2026-27 Q4" and q4.start.date() == date(2027, 1, 1)
    assert q4.end.date() == date(2027, 4, 1) and q4.next() == Quarter(2027, 1)
    assert Quarter(2027, 1).previous() == q4 and Quarter.parse(q4.key) == q4
    assert Quarter.parse("2026-Q5") is None


# --- Recording a conference -------------------------------------------------------------------


def test_chair_records_a_conference_and_its_invitees(app, chair):
    refused = record_conference(chair, reference="Jayden Smith")
    assert refused.status_code == 200
    assert "looks like a name" in refused.get_data(as_text=True)
    no_date = chair.post(
        "/staff/conferences/new",
        data={
            "csrf_token": csrf_token(chair.get("/staff/conferences/new").get_data(as_text=True)),
            "kind": "initial",
            "held_day": "31",
            "held_month": "2",
            "held_year": "2026",
            "reference": "CP-2026-001",
        },
    )
    assert "Enter a real date" in no_date.get_data(as_text=True)

    conference_id, _code = new_conference(chair, reference="cp-2026-014", kind="initial")
    assert (
        add_invitee(chair, conference_id, "parent_carer", mobile="07700 900123").status_code == 302
    )
    assert add_invitee(chair, conference_id, "young_person").status_code == 302
    no_agency = add_invitee(chair, conference_id, "professional")
    assert "Select the professional" in no_agency.get_data(as_text=True)
    assert add_invitee(chair, conference_id, "professional", agency="police").status_code == 302
    bad_phone = add_invitee(chair, conference_id, "family_member", mobile="not a number")
    assert "Enter a UK mobile number" in bad_phone.get_data(as_text=True)

    page = chair.get(f"/staff/conferences/{conference_id}").get_data(as_text=True)
    assert "Conference CP-2026-014" in page
    assert "07700 900123" not in page and "7700900123" not in page  # never shown in full
    assert "+447" in page and "123" in page and "Police" in page
    assert "CP-2026-014" in chair.get("/staff/conferences").get_data(as_text=True)
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        assert conference.reference == "CP-2026-014" and conference.kind.value == "initial"
        invitees = db.session.scalars(select(ConferenceInvitee).order_by(ConferenceInvitee.id))
        parent, young, professional = invitees.all()
        assert parent.phone_hash == vault().hash("+447700900123")
        assert "7700" not in parent.phone_encrypted
        assert vault().decrypt(parent.phone_encrypted) == "+447700900123"
        assert young.phone_encrypted is None and professional.agency == "police"
        actions = [e.action for e in db.session.scalars(select(AuditEvent))]
        assert "conference.created" in actions and actions.count("conference.invitee_added") == 3
        assert "conference.viewed" in actions
        for event in db.session.scalars(select(AuditEvent)):
            assert "07700" not in str(event.detail) and "+44" not in str(event.detail)


# --- Tablet mode --------------------------------------------------------------------------------


def test_eleven_parent_responses_through_the_tablet_reproduce_the_published_counts(
    app, chair, make_user
):
    conference_id, code = new_conference(chair)
    for _ in range(12):
        add_invitee(chair, conference_id, "parent_carer")
    reply = start_tablet(chair, conference_id)
    assert path_of(reply.headers["Location"]) == f"/tablet/{code}"
    tablet = chair  # the same device, now signed out and in tablet mode
    for n in range(11):
        tablet_participant(tablet, code, "parent_carer", parent_answers(n))

    with app.app_context():
        rows = db.session.scalars(select(Response).order_by(Response.id)).all()
        assert len(rows) == 11
        assert {r.status for r in rows} == {ResponseStatus.COMPLETE}
        assert {r.channel for r in rows} == {Channel.KIOSK}
        assert {r.conference_id for r in rows} == {conference_id}
        assert {r.participant_role for r in rows} == {"parent_carer"}
        assert {r.resume_token_hash for r in rows} == {None}  # nothing reopens them
        campaign = db.session.scalars(select(Campaign)).one()
        assert campaign.slug == "conference-parent_feedback-v1"
        assert {r.campaign_id for r in rows} == {campaign.id}

    # The chair, signed out by tablet mode, signs in again at the office: the conference and
    # its summary are theirs (another chair sees neither: test_conference_owners.py).
    office = app.test_client()
    sign_in(office, chair.email)
    quarter = Quarter.of(date.today())
    summary = office.get(f"/staff/conferences/summary?quarter={quarter.key}")
    html = summary.get_data(as_text=True)
    for sentence in PUBLISHED:
        assert sentence in html, sentence
    assert "11 of 12 (92%)" in html
    page = office.get(f"/staff/conferences/{conference_id}").get_data(as_text=True)
    row = page.split('data-role="parent_carer"')[1].split("</tr>")[0]
    assert re.findall(r">(\d+%?)<", row) == ["12", "11", "92%"]


def test_the_tablet_forgets_each_participant(app, chair):
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    tablet = chair
    assert tablet.get("/staff/").status_code == 302  # the chair was signed out
    first = tablet_participant(tablet, code, "parent_carer", parent_answers(9))
    # Every page the first person saw now leads to the clean start, whatever comes next.
    for location in first:
        assert is_clean_start(tablet.get(location), code), location
    resubmit = tablet.post(first[-1].replace("/check", "/submit"), data={"csrf_token": "x"})
    assert resubmit.status_code in (302, 400)

    second_first_page = tablet_begin(tablet, code, "professional")
    for location in first:
        reply = tablet.get(location)
        assert is_clean_start(reply, code), location
        assert "never" not in reply.get_data(as_text=True)
    # Going back to the start page means starting again: the second person is forgotten too.
    assert tablet.get(f"/tablet/{code}").status_code == 200
    assert is_clean_start(tablet.get(second_first_page), code)
    with app.app_context():
        live = db.session.scalars(
            select(Response).where(Response.resume_token_hash.is_not(None))
        ).all()
        assert live == []
    for reply in (tablet.get(f"/tablet/{code}"), tablet.get(f"/tablet/{code}/thanks")):
        assert reply.headers["Cache-Control"] == "no-store"

    # A double tap on Start begins one response, not two.
    html = tablet.get(f"/tablet/{code}").get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(html),
        "start_key": START_KEY.search(html).group(1),
        "role": "young_person",
    }
    one, two = tablet.post(f"/tablet/{code}", data=data), tablet.post(f"/tablet/{code}", data=data)
    assert one.headers["Location"] == two.headers["Location"]
    with app.app_context():
        # The first person's, and the double tap's one: the second person left without
        # sending anything, so theirs was deleted.
        assert db.session.scalar(select(func.count()).select_from(Response)) == 2


def test_the_tablet_resets_after_inactivity_and_can_be_ended_remotely(app, chair, make_user):
    app.config["TABLET_IDLE_SECONDS"] = 60
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    first_page = tablet_begin(chair, code, "parent_carer")
    page = chair.get(first_page).get_data(as_text=True)
    # Without JavaScript the page refreshes to the reset address; with it, the script warns.
    assert '<noscript><meta http-equiv="refresh" content="60; url=/tablet/' in page
    assert "I need more time" in page
    pid = first_page.split("/p/")[1].split("/")[0]
    assert chair.get(f"/tablet/{code}/p/{pid}/still-here").status_code == 204
    with chair.session_transaction() as session:
        state = session["tablet_p"]
        state["seen"] = (now_utc() - timedelta(seconds=120)).isoformat()
        session["tablet_p"] = state
    reply = chair.get(first_page)
    assert is_clean_start(reply, code) and "timeout=1" in reply.headers["Location"]
    assert chair.get(f"/tablet/{code}/p/{pid}/still-here").status_code == 410
    # The page's own timer goes to the reset address, which forgets the participant at once.
    second = tablet_begin(chair, code, "parent_carer")
    pid = second.split("/p/")[1].split("/")[0]
    reply = chair.get(f"/tablet/{code}/p/{pid}/timeout")
    assert "timeout=1" in reply.headers["Location"]
    assert "not used for a few minutes" in chair.get(reply.headers["Location"]).get_data(
        as_text=True
    )
    assert is_clean_start(chair.get(second), code)

    # A tablet left behind: the chair ends tablet mode for the conference from another device.
    _id, email = make_user(Role.ADMIN, email="admin@shireford.example")
    office = app.test_client()
    sign_in(office, email)
    page = office.get(f"/staff/conferences/{conference_id}").get_data(as_text=True)
    office.post(
        f"/staff/conferences/tablet-stop/{conference_id}",
        data={"csrf_token": csrf_token(page), "confirm": "yes"},
    )
    assert "tablet has finished" in chair.get(f"/tablet/{code}").get_data(as_text=True)
    assert chair.get(f"/tablet/{code}").status_code == 302  # and the device left tablet mode


def test_leaving_tablet_mode_needs_the_pin(app, chair):
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    tablet = chair

    def try_pin(pin: str):
        page = tablet.get(f"/tablet/{code}/exit")
        return tablet.post(
            f"/tablet/{code}/exit",
            data={"csrf_token": csrf_token(page.get_data(as_text=True)), "pin": pin},
        )

    assert "That PIN is not right" in try_pin("1111").get_data(as_text=True)
    for _ in range(4):
        try_pin("1111")
    locked = try_pin(PIN)  # even the right PIN, for a while
    assert "Too many wrong PINs" in locked.get_data(as_text=True)
    assert tablet.get(f"/tablet/{code}").status_code == 200  # still in tablet mode
    with app.app_context():
        # The lock runs out (it is kept on the conference's row: app/core/attempts.py).
        db.session.execute(
            update(Conference).values(pin_locked_until=now_utc() - timedelta(seconds=1))
        )
        db.session.commit()
    out = try_pin(PIN)
    assert out.status_code == 302 and "/staff/login" in out.headers["Location"]
    # Tablet mode is over on this device: the tablet address is just the own-phone link now.
    reply = tablet.get(f"/tablet/{code}")
    assert reply.status_code == 302 and path_of(reply.headers["Location"]) == f"/c/{code}"
    with app.app_context():
        actions = [e.action for e in db.session.scalars(select(AuditEvent))]
        assert actions.count("conference.tablet_pin_failed") == 5
        assert "conference.tablet_started" in actions and "conference.tablet_exited" in actions


def test_a_disclosure_on_the_tablet_is_flagged_and_help_shown(app, chair):
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    answers = {
        "understood_worries": "yes",
        "views_heard": "a_bit",
        "how_views_shared": ["spoke_in_meeting"],
        "know_what_next": "not_sure",
        "working_well": "Nothing. My stepdad hits me when mum is out",
        "anything_else": "",
    }
    pages = tablet_participant(chair, code, "young_person", answers)
    assert any("/support?" in p for p in pages)
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.channel == Channel.KIOSK and flag.question_key == "working_well"
        assert flag.response.conference_id == conference_id


# --- Own phone: QR code, short link, texts ----------------------------------------------------


def test_qr_code_and_short_link_on_a_phone(app, chair):
    conference_id, code = new_conference(chair)
    page = chair.get(f"/staff/conferences/{conference_id}").get_data(as_text=True)
    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("role") == "img"
    assert root.find("title") is not None and root.find("path") is not None
    after = page.split("</svg>", 1)[1]
    assert f"localhost/c/{code}" in after.split("</figcaption>")[0]

    phone = app.test_client()
    start = phone.get(f"/c/{code}")
    html = start.get_data(as_text=True)
    empty = phone.post(f"/c/{code}", data={"csrf_token": csrf_token(html)})
    assert "Choose who you are" in empty.get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(html),
        "start_key": START_KEY.search(html).group(1),
        "role": "professional",
    }
    reply = phone.post(f"/c/{code}", data=data)
    assert phone.post(f"/c/{code}", data=data).headers["Location"] == reply.headers["Location"]
    location = path_of(reply.headers["Location"])
    assert location.startswith("/s/") and location.endswith("/q/agency")
    answers = {
        "agency": "health",
        "worries_clear": "yes",
        "strengths_recognised": "partly",
        "next_steps_clear": "yes",
        "child_voice_heard": "no",
        "well_chaired": "4",
        "suggestions": "",
    }
    check, _pages = answer_until_check(phone, location, answers)
    token = check.split("/")[2]
    page = phone.get(check)
    phone.post(f"/s/{token}/submit", data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.is_complete and response.channel == Channel.WEB
        assert response.conference_id == conference_id
        assert response.participant_role == ParticipantRole.PROFESSIONAL.value
        assert response.survey_key == "professional_conference_feedback"
        conference = db.session.get(Conference, conference_id)
        conference.held_on -= timedelta(days=15)
        db.session.commit()
    assert phone.get(f"/c/{code}").status_code == 410
    assert app.test_client().get("/c/NOSUCH99").status_code == 404


def test_the_link_is_texted_once_to_invitees_with_a_mobile(app, chair):
    conference_id, code = new_conference(chair)
    add_invitee(chair, conference_id, "parent_carer", mobile="07700 900201")
    add_invitee(chair, conference_id, "professional", agency="education", mobile="07700 900202")
    add_invitee(chair, conference_id, "young_person")

    def send():
        page = chair.get(f"/staff/conferences/{conference_id}").get_data(as_text=True)
        return chair.post(
            f"/staff/conferences/texts/{conference_id}",
            data={"csrf_token": csrf_token(page), "confirm": "yes"},
        )

    assert send().status_code == 302
    assert "2 texts queued" in chair.get(f"/staff/conferences/{conference_id}").get_data(
        as_text=True
    )
    send()
    assert "2 already sent before" in chair.get(f"/staff/conferences/{conference_id}").get_data(
        as_text=True
    )
    with app.app_context():
        messages = db.session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)).all()
        invitees = db.session.scalars(
            select(ConferenceInvitee).order_by(ConferenceInvitee.id)
        ).all()
        assert [m.idempotency_key for m in messages] == [
            f"conference:{conference_id}:{invitees[0].id}",
            f"conference:{conference_id}:{invitees[1].id}",
        ]
        assert messages[0].phone_hash == vault().hash("+447700900201")
        links = [re.search(r"https?://\S+", m.body).group(0) for m in messages]
        assert all(f"/c/{code}/" in link for link in links)
        assert invitees[2].invitation_token_hash is None

    # The professional's own link opens the professional form; opening it again resumes.
    phone = app.test_client()
    first = phone.get(path_of(links[1]))
    again = phone.get(path_of(links[1]))
    assert first.status_code == 302 and first.headers["Location"] == again.headers["Location"]
    start = phone.get(path_of(first.headers["Location"])).get_data(as_text=True)
    assert "conference feedback for professionals" in start.lower()
    assert phone.get(f"/c/{code}/not-a-real-token").status_code == 404
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.participant_role == "professional" and response.channel == Channel.WEB


def test_a_question_on_the_tablet_can_be_skipped_and_is_kept_as_skipped(app, chair):
    # Issue 16 point 7: the tablet offers the same plain skip as a personal link.
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    first = tablet_begin(chair, code, "young_person")
    key = question_key_of(first)
    page = chair.get(first).get_data(as_text=True)
    assert "I’d rather not say" in page
    skipped = chair.post(first, data={"csrf_token": csrf_token(page), "skip": "1"})
    assert skipped.status_code == 302
    assert question_key_of(path_of(skipped.headers["Location"])) != key
    with app.app_context():
        answer = db.session.scalars(select(Answer).where(Answer.question_key == key)).one()
        assert answer.value is None and answer.meta == {"skipped": True}
