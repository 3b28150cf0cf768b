"""Issue 15 point 3: safeguarding words only where the inbox's rules allow. A role the inbox
refuses (a conference chair) never reads a possible disclosure in review; reading one there is
audited; a subject-access download holds disclosures only when the duty service or an admin
makes it, and its audit event says what it held."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.core.extensions import db
from app.models import AuditEvent, FlagEvent, Role, SafeguardingFlag
from tests.staff.staff_helpers import sign_in
from tests.staff.test_import import two_people  # noqa: F401 - fixture
from tests.staff.test_review_actions import make_campaign, seed_answer
from tests.web.helpers import csrf_token

DISCLOSURE = "my stepdad locks me in my room at night"
ORDINARY = "I would like more say about where I live"
WORDS = "My carer hits me when I am late home"  # Alice's flagged answer in two_people


def _client(app, make_user, role: Role):
    _id, email = make_user(role, email=f"{role.value}@shireford.example")
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def _events(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _seed_review(app) -> tuple[int, int]:
    with app.app_context():
        campaign = make_campaign()
        flagged = seed_answer(DISCLOSURE, campaign=campaign, flagged="abuse")
        ordinary = seed_answer(ORDINARY, campaign=campaign)
        db.session.commit()
        return flagged.id, ordinary.id


def test_a_chair_never_reads_a_possible_disclosure_in_review(app, make_user):
    flagged, ordinary = _seed_review(app)
    chair = _client(app, make_user, Role.CONFERENCE_CHAIR)
    assert chair.get("/staff/safeguarding").status_code == 403  # the inbox's rule
    listed = chair.get("/staff/review?flagged=1").get_data(as_text=True)
    assert DISCLOSURE not in listed and "0 answers" in listed
    everything = chair.get("/staff/review").get_data(as_text=True)
    assert ORDINARY in everything and DISCLOSURE not in everything
    assert "Possible disclosure" not in everything
    assert chair.get(f"/staff/review/{flagged}").status_code == 404
    page = chair.get(f"/staff/review/{ordinary}").get_data(as_text=True)
    revealed = chair.post(f"/staff/review/reveal/{flagged}", data={"csrf_token": csrf_token(page)})
    assert revealed.status_code == 404
    assert _events(app, "answer.revealed") == []


def test_officers_read_disclosures_in_review_and_it_is_audited(app, make_user):
    flagged, ordinary = _seed_review(app)
    officer = _client(app, make_user, Role.PARTICIPATION_OFFICER)
    listed = officer.get("/staff/review?flagged=1").get_data(as_text=True)
    assert DISCLOSURE in listed and "Possible disclosure" in listed
    [event] = _events(app, "answers.flagged_read")
    assert event.detail == {"analysis_ids": [flagged]}
    assert DISCLOSURE not in json.dumps(event.detail)
    assert officer.get(f"/staff/review/{flagged}").status_code == 200
    assert len(_events(app, "answers.flagged_read")) == 2
    # Pages without a flagged answer on them add nothing.
    assert officer.get(f"/staff/review/{ordinary}").status_code == 200
    assert len(_events(app, "answers.flagged_read")) == 2


def test_an_officers_download_holds_no_disclosure_and_says_so_without_telling(
    app,
    make_user,
    two_people,  # noqa: F811 - fixture
):
    alice_id, bea_id = two_people
    officer = _client(app, make_user, Role.PARTICIPATION_OFFICER)
    alice = officer.get(f"/staff/respondents/export/{alice_id}")
    bea = officer.get(f"/staff/respondents/export/{bea_id}")
    text = alice.get_data(as_text=True)
    data, other = json.loads(text), json.loads(bea.get_data(as_text=True))
    assert "KEEP-A" in text and WORDS not in text and "hits" not in text
    assert data["safeguarding"] == [] and data["safeguarding_included"] is False
    # The same note for someone with no flag at all: the file never hints that there was one.
    assert data["safeguarding_withheld"] == other["safeguarding_withheld"]
    assert set(data) == set(other)
    events = _events(app, "respondent.exported")
    first = next(e for e in events if e.object_id == str(alice_id))
    assert first.detail["safeguarding_included"] is False
    assert first.detail["safeguarding_records"] == 0 and first.detail["responses"] == 1
    assert _events(app, "flag.exported") == []
    # The person's page follows the same rule, revealed or not.
    page = officer.get(f"/staff/respondents/{alice_id}").get_data(as_text=True)
    shown = officer.post(
        f"/staff/respondents/reveal/{alice_id}", data={"csrf_token": csrf_token(page)}
    ).get_data(as_text=True)
    assert WORDS not in shown and "My carer" not in page


def test_an_admins_download_holds_the_disclosure_on_the_record(
    app,
    make_user,
    two_people,  # noqa: F811 - fixture
):
    alice_id, _bea = two_people
    admin = _client(app, make_user, Role.ADMIN)
    data = json.loads(admin.get(f"/staff/respondents/export/{alice_id}").get_data(as_text=True))
    assert data["safeguarding_included"] is True and "safeguarding_withheld" not in data
    assert data["safeguarding"][0]["words"] == WORDS
    [event] = _events(app, "respondent.exported")
    assert event.detail["safeguarding_included"] is True
    assert event.detail["safeguarding_records"] == 1 and event.detail["answers"] >= 1
    [exported] = _events(app, "flag.exported")
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert exported.object_id == str(flag.id)
        trail = db.session.scalars(select(FlagEvent).where(FlagEvent.flag_id == flag.id)).all()
        assert [(e.kind, e.user_id is not None) for e in trail] == [("exported", True)]
        flag_id = flag.id
    page = admin.get(f"/staff/safeguarding/{flag_id}").get_data(as_text=True)
    assert "Words included in a subject access download" in page
