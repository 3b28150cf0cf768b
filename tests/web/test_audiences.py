"""Help for the right person (issue 14, point 5): a parent is shown adults' help, not Childline,
and the help, thank-you and privacy pages are worded for who is reading."""

from __future__ import annotations

from sqlalchemy import select

from app.core.extensions import db
from app.models import Cohort, SafeguardingFlag
from surveys import default_registry

from .helpers import answer_current, csrf_token, make_invitation, path_of, question_key_of

PARENT_DISCLOSURE = "After today I feel like killing myself, they are taking my kids"


def _walk(client, token: str, survey, stop_at: str | None = None) -> str:
    """Answer each page with its first option (free text: a plain sentence) until `stop_at`
    is the page, or check your answers is reached; returns that page's address."""
    location = f"/s/{token}/q/{survey.questions[0].key}"
    while "/q/" in location and question_key_of(location) != stop_at:
        key = question_key_of(location)
        reply = answer_current(client, location, survey.question(key))
        location = path_of(reply.headers["Location"])
    return location


def test_parent_disclosure_gets_adult_crisis_lines_and_pages_for_parents(app, client):
    token = make_invitation(app, "parent_feedback", age_band=None, cohort=Cohort.PARENT_CARER)
    survey = default_registry().get("parent_feedback").resolve(None)
    free = next(q for q in survey.questions if q.kind == "free_text")
    location = _walk(client, token, survey, stop_at=free.key)
    reply = answer_current(client, location, free, PARENT_DISCLOSURE)
    support = client.get(path_of(reply.headers["Location"])).get_data(as_text=True)
    assert "Thank you for telling us" in support
    assert "Samaritans" in support and "116 123" in support
    assert "NHS 111, option 2" in support
    # Not children's help: no Childline, no "your social worker or personal adviser".
    assert "Childline" not in support and "0800 1111" not in support
    assert "personal adviser" not in support
    assert "you, or someone in your family" in support
    # Its help and privacy links keep the reader, so the pages behind them speak to a parent.
    assert 'href="/help?who=parents"' in support and 'href="/privacy?who=parents"' in support
    with app.app_context():
        assert db.session.scalars(select(SafeguardingFlag)).one().category == "suicidal_thoughts"

    check = _walk(client, token, survey, stop_at=None)
    page = client.get(check).get_data(as_text=True)
    client.post(f"/s/{token}/submit", data={"csrf_token": csrf_token(page)})
    done = client.get(f"/s/{token}/done").get_data(as_text=True)
    assert "what families tell us" in done and "children and young people tell us" not in done

    help_page = client.get("/help?who=parents").get_data(as_text=True)
    assert "116 123" in help_page and "0800 1111" not in help_page
    privacy = client.get("/privacy?who=parents").get_data(as_text=True)
    assert "your family's worker" in privacy and "social worker or personal adviser" not in privacy


def test_children_and_care_leavers_each_get_their_own_numbers(app, client):
    app.config["SUPPORT_CONTACTS"] = [{"name": "Childline", "phone": "0800 1111"}]
    app.config["SUPPORT_CONTACTS_CARE_LEAVERS"] = [
        {"name": "Leaving care duty", "phone": "01632 960 777"}
    ]
    for variant, age_band, cohort, expected, absent in (
        ("teen", "13-15", Cohort.CLA, "0800 1111", "01632 960 777"),
        ("care_leaver", "18-21", Cohort.CARE_LEAVER, "01632 960 777", "0800 1111"),
    ):
        token = make_invitation(app, "pledge", age_band=age_band, cohort=cohort, reference=variant)
        survey = default_registry().get("pledge").resolve(variant)
        free = next(q for q in survey.questions if q.kind == "free_text")
        location = _walk(client, token, survey, stop_at=free.key)
        reply = answer_current(client, location, free, "my carer hits me when I'm late")
        support = client.get(path_of(reply.headers["Location"])).get_data(as_text=True)
        assert expected in support and absent not in support, variant


def test_help_page_without_a_reader_is_for_children_and_points_parents_to_theirs(client):
    page = client.get("/help").get_data(as_text=True)
    assert "0800 1111" in page
    assert 'href="/help?who=parents"' in page
    professionals = client.get("/help?who=professionals").get_data(as_text=True)
    assert "LADO" in professionals and "0800 1111" not in professionals
    # An unknown reader is treated as a child: the safest help to show.
    assert "0800 1111" in client.get("/help?who=nobody").get_data(as_text=True)
