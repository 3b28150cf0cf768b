"""Respondents: CSV import checked row by row, phones protected, merging, erasure and subject
access, all through the staff pages."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.campaigns.service import create_campaign, invite
from app.core.extensions import db
from app.core.phones import normalise, vault
from app.models import (
    AuditEvent,
    Channel,
    Cohort,
    Invitation,
    OutboundMessage,
    Respondent,
    Response,
    Role,
    SafeguardingFlag,
    now_utc,
)
from app.respondents.lookup import find_by_phone
from app.responses.service import save_answer
from surveys import default_registry
from tests.web.helpers import csrf_token

from .staff_helpers import sign_in

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
PROBLEM_RE = re.compile(r'<li class="gt-import-problem">(.*?)</li>', re.S)


# --- Helpers -----------------------------------------------------------------------------------


def officer(app, make_user, role: Role = Role.PARTICIPATION_OFFICER, email: str | None = None):
    _id, address = make_user(role, email=email)
    client = app.test_client()
    assert sign_in(client, address).status_code == 302
    return client


def upload(client, content: bytes, name: str = "export.csv"):
    """Upload a file; returns (review page URL, review page HTML)."""
    page = client.get("/staff/respondents/import")
    reply = client.post(
        "/staff/respondents/import",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "file": (io.BytesIO(content), name),
        },
        content_type="multipart/form-data",
    )
    assert reply.status_code == 302, reply.get_data(as_text=True)[:2000]
    review_url = reply.headers["Location"]
    review = client.get(review_url)
    assert review.status_code == 200
    return review_url, review.get_data(as_text=True)


def confirm(client, review_url: str, choice: str):
    page = client.get(review_url).get_data(as_text=True)
    return client.post(review_url, data={"csrf_token": csrf_token(page), "choice": choice})


def import_file(client, content: bytes) -> str:
    review_url, _html = upload(client, content)
    reply = confirm(client, review_url, "all")
    assert reply.status_code == 302, reply.get_data(as_text=True)[:3000]
    return client.get(reply.headers["Location"]).get_data(as_text=True)


def problems_on(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", p).strip() for p in PROBLEM_RE.findall(html)]


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def database_text() -> str:
    """Every value in every table, as text: to prove what is not stored anywhere."""
    parts = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)):
            parts.append(" ".join(str(v) for v in row))
    return "\n".join(parts)


def people() -> dict[str, Respondent]:
    db.session.expire_all()
    return {p.reference: p for p in db.session.scalars(select(Respondent))}


def actions() -> list[str]:
    return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


# --- Import ------------------------------------------------------------------------------------

# One entry per problem in bad_rows.csv, as "Row N, column C" (header is row 1).
EXPECTED_PROBLEMS = [
    ("Row 3, column cohort", "not a cohort"),  # unknown cohort
    ("Row 4, column reference", "blank"),  # missing reference
    ("Row 5, column date_of_birth", "in the future"),
    ("Row 6, column age_band", "the date of birth gives"),  # DOB and band disagree
    ("Row 7, column phone", "not a phone number we can text"),  # a short code
    ("Row 8, column preferred_channel", "not a channel"),
    ("Row 9, column consent_sms", "not yes or no"),
    ("Row 10, column reference", "same as on row 11"),  # duplicate reference in the file
    ("Row 11, column reference", "same as on row 10"),
    ("Row 12, column phone", "consent_sms is yes"),  # consent without a phone
    ("Row 13, column ethnicity", "national ethnicity categories"),
    ("Row 14, column reference", "too long"),
    ("Row 15", "has 3 cells but the header has 9 columns"),  # ragged row
    ("Row 16, column age_band", "not an age band for children looked after"),
    ("Row 17, column date_of_birth", "gives an age of"),  # care leaver aged over 25
    ("Row 18, column date_of_birth", "is not a date"),  # 31 February
    ("Row 19, column phone", "same number as on row 20"),  # duplicate phone in the file
    ("Row 20, column phone", "same number as on row 19"),
]
CLEAN_IN_BAD_FILE = {"R-001", "R-101", "R-102", "R-103", "R-104"}


def test_a_file_with_bad_rows_is_refused_with_one_message_per_problem(app, make_user):
    client = officer(app, make_user)
    review_url, html = upload(client, (DATA / "bad_rows.csv").read_bytes())

    found = problems_on(html)
    assert len(found) == len(EXPECTED_PROBLEMS), found
    for message, (where, words) in zip(found, EXPECTED_PROBLEMS, strict=True):
        assert message.startswith(where + ":"), (message, where)
        assert words in message, (message, words)
    # Plain words: no pydantic jargon, and a phone number or date of birth is never repeated.
    page_text = " ".join(found)
    for jargon in ("Value error", "validation", "Input should", "loc"):
        assert jargon not in page_text
    assert "12345" not in page_text and "01/01/2099" not in page_text
    flat = re.sub(r"\s+", " ", html)
    assert "18 problems to correct" in flat and "18 of 23 rows have problems" in flat

    # Only the explicit clean-rows choice is offered, and "everything" is refused anyway.
    assert "Import the 5 clean rows and skip the rest" in html
    assert 'value="all"' not in html
    refused = confirm(client, review_url, "all")
    assert refused.status_code == 200
    assert "Some rows have problems" in refused.get_data(as_text=True)
    with app.app_context():
        assert count(Respondent) == 0
        assert "respondents.imported" not in actions()


def test_a_wrong_header_is_reported_and_no_row_is_read(app, make_user):
    client = officer(app, make_user)
    _url, html = upload(client, (DATA / "bad_header.csv").read_bytes())
    found = problems_on(html)
    assert found[0].startswith("Row 1, column name: is not a column we import")
    assert found[1] == "Row 1, column cohort: is missing from the header row"
    assert len(found) == 2
    assert "The header row has problems" in html and 'name="choice"' not in html
    with app.app_context():
        assert count(Respondent) == 0


def test_clean_rows_only_stores_exactly_the_clean_rows(app, make_user):
    client = officer(app, make_user)
    review_url, html = upload(client, (DATA / "bad_rows.csv").read_bytes())
    reply = confirm(client, review_url, "clean")
    assert reply.status_code == 302
    listing = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert "Import finished: 5 new, 0 updated, 0 unchanged" in listing
    with app.app_context():
        held = people()
        assert set(held) == CLEAN_IN_BAD_FILE
        early = held["R-104"]
        assert early.cohort == Cohort.EARLY_HELP and early.age_band == "5-9"
        assert early.ethnicity == "Mixed: White and Black Caribbean"
        assert early.preferred_channel == Channel.SMS and early.consent_to_contact is True
        assert held["R-103"].age_band == "unborn" and held["R-103"].phone_hash is None
        assert held["R-102"].ethnicity == "Information not yet obtained"
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "respondents.imported")
        ).one()
        assert event.detail["created"] == 5 and event.detail["skipped_rows"] == 18
        assert event.detail["choice"] == "clean"
    # The upload is gone once used: the same confirmation cannot run twice.
    assert client.get(review_url).status_code == 404


def test_phone_is_stored_encrypted_and_found_by_its_keyed_hash(app, make_user):
    client = officer(app, make_user)
    review_url, _html = upload(client, (DATA / "respondents.csv").read_bytes())
    pending = list((Path(app.instance_path) / "imports").glob("*.upload"))
    assert len(pending) == 1
    assert "7700" not in pending[0].read_text()  # the waiting upload is encrypted too
    reply = confirm(client, review_url, "all")
    assert reply.status_code == 302
    e164 = "+447700900301"
    with app.app_context():
        stored = database_text()
        for form in (e164, "07700 900301", "07700900301", "7700900301"):
            assert form not in stored
        person = people()["CLA-001"]
        assert person.phone_encrypted and vault().decrypt(person.phone_encrypted) == e164
        assert person.phone_hash == vault().hash(e164)
        assert find_by_phone("07700 900301").reference == "CLA-001"
    listing = client.get("/staff/respondents").get_data(as_text=True)
    found = client.post(
        "/staff/respondents", data={"csrf_token": csrf_token(listing), "phone": "07700 900 301"}
    )
    page = found.get_data(as_text=True)
    assert "CLA-001" in page and "CLA-002" not in page


def test_reimport_merges_by_reference_and_numbers_can_move(app, make_user):
    client = officer(app, make_user)
    import_file(client, (DATA / "respondents.csv").read_bytes())
    listing = import_file(client, (DATA / "respondents_update.csv").read_bytes())
    assert "Import finished: 1 new, 2 updated, 0 unchanged" in listing
    with app.app_context():
        held = people()
        assert len(held) == 7
        assert held["CLA-001"].age_band == "16-17" and held["CLA-001"].consent_to_contact is False
        assert vault().decrypt(held["CLA-002"].phone_encrypted) == "+447700900399"
        assert held["CL-003"].phone_hash is None
    again = import_file(client, (DATA / "respondents_update.csv").read_bytes())
    assert "Import finished: 0 new, 0 updated, 3 unchanged" in again

    # Another reference with a number already held: reported, not merged.
    clash = b"reference,cohort,age_band,phone,consent_sms\nNEW-1,cla,8-12,07700 900303,yes\n"
    _url, html = upload(client, clash)
    assert problems_on(html) == [
        "Row 2, column phone: is already held for another person (reference CLA-003). "
        "Check the number; one phone cannot belong to two people here"
    ]
    # Two people swapping numbers in one file is a move, not a clash.
    swap = (
        b"reference,cohort,age_band,phone,consent_sms\n"
        b"CLA-001,cla,16-17,07700 900303,no\nCLA-003,cla,16-17,07700 900301,yes\n"
    )
    assert "0 new, 2 updated" in import_file(client, swap)
    with app.app_context():
        held = people()
        assert len(held) == 7
        assert vault().decrypt(held["CLA-001"].phone_encrypted) == "+447700900303"
        assert vault().decrypt(held["CLA-003"].phone_encrypted) == "+447700900301"


def test_date_of_birth_gives_the_band_and_is_never_kept(app, make_user):
    today = date.today()
    ten = date(today.year - 10, today.month, min(today.day, 28))
    three = date(today.year - 3, today.month, min(today.day, 28))
    born_ten, born_three = ten.strftime("%d/%m/%Y"), three.strftime("%d/%m/%Y")
    content = (
        "reference,cohort,date_of_birth,consent_sms\n"
        f"D-1,cla,{born_ten},no\nD-2,child_in_need,{born_three},no\n"
    ).encode()
    client = officer(app, make_user)
    review_url, _html = upload(client, content)
    with app.app_context():
        pending = next((Path(app.instance_path) / "imports").glob("*.upload"))
        waiting = vault().decrypt(pending.read_text())
        assert born_ten not in waiting and ten.isoformat() not in waiting
    assert confirm(client, review_url, "all").status_code == 302
    with app.app_context():
        held = people()
        assert held["D-1"].age_band == "8-12" and held["D-2"].age_band == "1-4"
        stored = database_text()
        for day in (ten, three):
            assert day.isoformat() not in stored and day.strftime("%d/%m/%Y") not in stored


def test_an_upload_can_only_be_confirmed_by_who_uploaded_it(app, make_user):
    first = officer(app, make_user)
    review_url, _html = upload(first, (DATA / "respondents.csv").read_bytes())
    second = officer(app, make_user, email="second@shireford.example")
    assert second.get(review_url).status_code == 404
    assert second.get("/staff/respondents/import/../../etc").status_code == 404
    assert second.get("/staff/respondents/import/" + "A" * 32).status_code == 404
    with app.app_context():
        assert count(Respondent) == 0


# --- One person: their page, erasure, subject access ------------------------------------------


def _person(reference: str, phone: str) -> Respondent:
    e164 = normalise(phone)
    person = Respondent(
        reference=reference,
        cohort=Cohort.CLA,
        age_band="13-15",
        consent_to_contact=True,
        phone_encrypted=vault().encrypt(e164),
        phone_hash=vault().hash(e164),
    )
    db.session.add(person)
    db.session.flush()
    return person


def _answers(person: Respondent, campaign, words: str) -> Response:
    """An invitation, a response with a free-text answer, and a text sent about it."""
    definition = default_registry().get(campaign.survey_key, campaign.survey_version)
    invitation, _token = invite(campaign, definition, person, days_valid=30)
    response = Response(
        campaign_id=campaign.id,
        invitation_id=invitation.id,
        respondent_id=person.id,
        survey_key=campaign.survey_key,
        survey_version=campaign.survey_version,
        variant=invitation.variant,
        channel=Channel.WEB,
    )
    db.session.add(response)
    db.session.flush()
    survey = definition.resolve(invitation.variant)
    question = next(q for q in survey.questions if q.kind == "free_text")
    save_answer(response, question, words)
    db.session.add(
        OutboundMessage(
            idempotency_key=f"invite:{invitation.id}",
            purpose="invite",
            respondent_id=person.id,
            invitation_id=invitation.id,
            phone_hash=person.phone_hash,
            to_encrypted=person.phone_encrypted,
            body="Have your say: https://survey.example.org/s/secret-token-123",
        )
    )
    db.session.flush()
    return response


@pytest.fixture
def two_people(app):
    with app.test_request_context():
        campaign = create_campaign(default_registry().get("pledge"), "wave-1", "Pledge wave 1")
        alice = _person("KEEP-A", "07700 900501")
        bea = _person("KEEP-B", "07700 900502")
        _answers(alice, campaign, "My carer hits me when I am late home")  # flagged
        _answers(bea, campaign, "Bea likes the new football club a lot")
        db.session.commit()
        return alice.id, bea.id


def test_respondent_page_masks_the_phone_until_revealed_and_records_both(
    app, make_user, two_people
):
    alice_id, _bea = two_people
    client = officer(app, make_user)
    page = client.get(f"/staff/respondents/{alice_id}").get_data(as_text=True)
    assert "+447700900501" not in page and "+447" in page and "501" in page
    assert "Safeguarding flags are shown only to the duty safeguarding officer" in page
    revealed = client.post(
        f"/staff/respondents/reveal/{alice_id}", data={"csrf_token": csrf_token(page)}
    ).get_data(as_text=True)
    assert "+447700900501" in revealed
    # The inbox tells an officer the words but never whose: a flagged answer is not on the page.
    assert "My carer hits me" not in revealed
    with app.app_context():
        assert actions()[-2:] == ["respondent.viewed", "respondent.revealed"]


def test_subject_access_export_has_their_answers_and_nobody_elses(app, make_user, two_people):
    alice_id, _bea = two_people
    # An admin's download: with the safeguarding record (tests/privacy: an officer's has none).
    client = officer(app, make_user, Role.ADMIN)
    reply = client.get(f"/staff/respondents/export/{alice_id}")
    assert reply.status_code == 200 and reply.mimetype == "application/json"
    assert "attachment" in reply.headers["Content-Disposition"]
    assert reply.headers["Cache-Control"] == "no-store"
    data = json.loads(reply.get_data(as_text=True))
    assert data["person"]["reference"] == "KEEP-A" and data["person"]["phone"] == "+447700900501"
    answers = [a["answer"] for r in data["responses"] for a in r["answers"]]
    assert "My carer hits me when I am late home" in answers
    assert data["safeguarding"] and data["safeguarding"][0]["words"].startswith("My carer")
    assert data["texts_sent"][0]["text"] == "Have your say: [link removed]"
    text = reply.get_data(as_text=True)
    for other in ("KEEP-B", "Bea likes", "+447700900502", "900502"):
        assert other not in text
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "respondent.exported")
        ).one()
        assert event.object_id == str(alice_id)


def test_subject_access_export_shows_each_channels_consent(app, make_user, two_people):
    from app.conversations.channels import record_opt_in
    from app.conversations.store import set_opt_out

    alice_id, _bea = two_people
    with app.app_context():
        phone_hash = db.session.get(Respondent, alice_id).phone_hash
        record_opt_in(phone_hash, Channel.WHATSAPP)
        set_opt_out(phone_hash, True, Channel.SMS)
        db.session.commit()
    client = officer(app, make_user, Role.ADMIN)
    data = json.loads(client.get(f"/staff/respondents/export/{alice_id}").get_data(as_text=True))
    assert data["texts_stopped"] is True
    assert data["whatsapp"]["stopped"] is False and data["whatsapp"]["opted_in_at"]


def test_erasure_waits_for_the_duty_officer_then_removes_everything_personal(
    app, make_user, two_people
):
    alice_id, bea_id = two_people
    client = officer(app, make_user)
    url = f"/staff/respondents/erase/{alice_id}"
    page = client.get(url).get_data(as_text=True)
    assert "must be acknowledged before they can be erased" in page

    # Unconfirmed, or with a flag waiting: nothing happens.
    token = csrf_token(page)
    assert "Confirm you have checked" in client.post(url, data={"csrf_token": token}).get_data(
        as_text=True
    )
    waiting = client.post(url, data={"csrf_token": token, "confirm": "y"})
    assert "must be acknowledged" in waiting.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Respondent, alice_id) is not None
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        flag.acknowledged_at = now_utc()
        db.session.commit()
        flag_id = flag.id

    page = client.get(url).get_data(as_text=True)
    done = client.post(url, data={"csrf_token": csrf_token(page), "confirm": "y"})
    assert done.status_code == 200 and "Respondent erased" in done.get_data(as_text=True)

    with app.app_context():
        assert db.session.get(Respondent, alice_id) is None
        stored = database_text()
        for gone in ("KEEP-A", "+447700900501", vault().hash(normalise("07700 900501"))):
            assert gone not in stored
        assert count(Invitation) == 1 and count(Response) == 1 and count(OutboundMessage) == 1
        # The safeguarding record stays, with the words, but no longer says whose they were.
        flag = db.session.get(SafeguardingFlag, flag_id)
        assert flag.text.startswith("My carer") and flag.response_id is None
        assert flag.phone_hash is None and flag.source_key == f"erased:{flag_id}"
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "respondent.erased")
        ).one()
        assert event.object_type == "Respondent" and event.object_id == str(alice_id)
        assert event.detail["answers"] >= 1 and event.detail["flags_detached"] == 1
        assert "KEEP-A" not in json.dumps(event.detail)
        # Nobody else was touched.
        bea = db.session.get(Respondent, bea_id)
        assert bea is not None and bea.reference == "KEEP-B"
    assert client.get(f"/staff/respondents/{alice_id}").status_code == 404
