"""Issue 15 point 2: "Jane Smith" in a quote, an action or "you said, we did" never reaches the
board or the public, and a publish holding a likely name is stopped with a clear message.

Each test goes through the real pages on both databases. Words saved before the redactor knew
a name (seeded straight into the database, as an older release would have left them) are
redacted again wherever they are shown.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

from sqlalchemy import select

from app.core.extensions import db
from app.models import (
    Action,
    ActionStatus,
    AnswerAnalysis,
    BoardPack,
    BoardPackStatus,
    Role,
    now_utc,
)
from tests.web.helpers import csrf_token, path_of

from .test_review_actions import action_form, make_campaign, seed_answer, signed_in

NAMED = "Jane Smith is my carer and she never listens"


def _seed_named_words() -> tuple[int, int]:
    """A quote and a published action holding "Jane Smith", saved as an older release would."""
    campaign = make_campaign()
    quoted = seed_answer(NAMED, campaign=campaign)
    quoted.quote = NAMED  # approved before the redactor knew the name
    quoted.quote_approved_at = now_utc()
    action = Action(
        title="Jane Smith to ring care leavers back",
        owner="Jane Smith",
        due_date=datetime(2030, 1, 1, tzinfo=UTC),
        status=ActionStatus.UNDER_WAY,
        evidence="Jane Smith rang 12 young people",
        you_said="Jane Smith never rings back",
        we_did="Kerry from the team now rings within two days",
        published_at=now_utc(),
    )
    db.session.add(action)
    db.session.commit()
    return quoted.id, action.id


def test_publishing_you_said_we_did_with_a_name_is_stopped_and_says_which_field(app, make_user):
    officer = signed_in(app, make_user, Role.PARTICIPATION_OFFICER)
    page = officer.get("/staff/actions/new").get_data(as_text=True)
    made = officer.post(
        "/staff/actions/new", data={"csrf_token": csrf_token(page), **action_form()}
    )
    assert made.status_code == 302
    with app.app_context():
        action_id = db.session.scalars(select(Action.id)).one()
    url = f"/staff/actions/publish/{action_id}"
    token = csrf_token(officer.get(url).get_data(as_text=True))
    refused = officer.post(
        url,
        data={
            "csrf_token": token,
            "you_said": "Jane Smith is my carer and never rings back",
            "we_did": "We asked carers to ring back within two days",
        },
    )
    assert refused.status_code == 400
    told = html.unescape(refused.get_data(as_text=True))
    assert "You said seems to hold a name: it must not contain names" in told
    assert "We did seems to hold" not in told  # only the field to fix is named
    with app.app_context():
        assert db.session.get(Action, action_id).published_at is None
    assert "Jane" not in officer.get("/you-said-we-did").get_data(as_text=True)

    # Words the redactor did not know before: a role and a lower-case name, a verb of telling.
    for you_said in ("my sw kerry never rings back", "I told Priya and nothing happened"):
        again = officer.post(
            url, data={"csrf_token": token, "you_said": you_said, "we_did": "We rang back"}
        )
        assert again.status_code == 400, you_said
    fine = officer.post(
        url,
        data={
            "csrf_token": token,
            "you_said": "Our social workers never ring back",
            "we_did": "Social workers now ring back within two days",
        },
    )
    assert fine.status_code == 302
    public = app.test_client().get("/you-said-we-did").get_data(as_text=True)
    assert "Social workers now ring back within two days" in public


def test_names_saved_before_are_redacted_on_the_public_and_board_pages(app, make_user):
    with app.app_context():
        _seed_named_words()
    public = app.test_client().get("/you-said-we-did")
    assert public.status_code == 200
    text = public.get_data(as_text=True)
    assert "[name] never rings back" in text and "now rings within two days" in text
    assert "Jane" not in text and "Smith" not in text and "Kerry" not in text

    board = signed_in(app, make_user, Role.BOARD_MEMBER, "board@shireford.example")
    for url in ("/staff/board", "/staff/actions"):
        page = board.get(url)
        assert page.status_code == 200, url
        seen = page.get_data(as_text=True)
        assert "[name]" in seen, url
        assert "Jane" not in seen and "Smith" not in seen, url


def test_a_board_pack_with_a_name_left_is_not_published_until_it_is_fixed(app, make_user):
    with app.app_context():
        quote_id, action_id = _seed_named_words()
        wave = make_campaign().id
    officer = signed_in(app, make_user, Role.PARTICIPATION_OFFICER)
    page = officer.get("/staff/board-packs/new").get_data(as_text=True)

    # A title naming someone is refused when the pack is made: it cannot be changed later.
    named = officer.post(
        "/staff/board-packs/new",
        data={
            "csrf_token": csrf_token(page),
            "title": "Pack for Jane Smith",
            "covers": "wave",
            "campaign": str(wave),
        },
    )
    assert named.status_code == 200  # the form again, as for any other mistake on it
    assert "The title seems to hold a name: take it out" in html.unescape(
        named.get_data(as_text=True)
    )
    with app.app_context():
        assert db.session.scalars(select(BoardPack)).all() == []
    made = officer.post(
        "/staff/board-packs/new",
        data={
            "csrf_token": csrf_token(page),
            "title": "Board pack",
            "covers": "wave",
            "campaign": str(wave),
        },
    )
    assert made.status_code == 302
    pack_id = int(path_of(made.headers["Location"]).rsplit("/", 1)[1])

    url = f"/staff/board-packs/publish/{pack_id}"
    ahead = html.unescape(officer.get(url).get_data(as_text=True))
    assert "Fix these before publishing" in ahead  # told before trying
    refused = officer.post(url, data={"csrf_token": csrf_token(ahead), "confirm": "yes"})
    assert refused.status_code == 400
    told = html.unescape(refused.get_data(as_text=True))
    for field in ("title", "owner", "evidence", "“you said”"):
        assert f"Action {action_id}'s {field} seems to hold a name" in told, field
    assert f"Action {action_id}'s “we did” seems to hold a name" in told  # "Kerry from the team"
    assert f"Approved quote {quote_id} seems to hold a name" in told
    assert f'href="/staff/review/{quote_id}"' in told
    with app.app_context():
        assert db.session.get(BoardPack, pack_id).status == BoardPackStatus.DRAFT

    with app.app_context():
        action = db.session.get(Action, action_id)
        action.title = "Ring care leavers back"
        action.owner = "Leaving care team manager"
        action.evidence = "The team rang 12 young people"
        action.you_said = "Nobody rings back"
        action.we_did = "The team now rings within two days"
        db.session.get(AnswerAnalysis, quote_id).quote = "[name] is my carer and never listens"
        db.session.commit()
    published = officer.post(url, data={"csrf_token": csrf_token(ahead), "confirm": "yes"})
    assert published.status_code == 302
    board = signed_in(app, make_user, Role.BOARD_MEMBER, "board@shireford.example")
    for path in (f"/staff/board-packs/{pack_id}", f"/staff/board-packs/csv/{pack_id}"):
        seen = board.get(path).get_data(as_text=True)
        assert "Ring care leavers back" in seen, path
        assert "Jane" not in seen and "Smith" not in seen and "Kerry" not in seen, path
