"""The conference tablet and issue 14 (points 1, 3 and 7): long words are read for
safeguarding, what someone disclosed is never shown to the next person, and answers not sent
are deleted at the reset unless they may disclose harm (and the tablet says so truthfully)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from sqlalchemy import select

from app.core.extensions import db
from app.models import Answer, Response, SafeguardingFlag
from app.responses.answering import KEPT_BACK
from tests.web.helpers import csrf_token, path_of, question_key_of

from .test_conferences import chair, new_conference, start_tablet, tablet_begin  # noqa: F401

DISCLOSURE = "Nothing. My stepdad hits me when mum is out"
YOUNG_PERSON = {
    "understood_worries": "yes",
    "views_heard": "a_bit",
    "how_views_shared": ["spoke_in_meeting"],
    "know_what_next": "not_sure",
    "working_well": "The chair listened to me",
    "anything_else": "",
}


def _post(client, location: str, value):
    page = client.get(location)
    assert page.status_code == 200, location
    return client.post(
        location, data={"csrf_token": csrf_token(page.get_data(as_text=True)), "answer": value}
    )


def _answer_to(client, location: str, answers: dict, stop_at: str) -> str:
    """Answer pages until `stop_at` is the page (or check your answers); returns its address."""
    while "/q/" in location and question_key_of(location) != stop_at:
        location = path_of(
            _post(client, location, answers[question_key_of(location)]).headers["Location"]
        )
        if "/support?" in location:
            location = parse_qs(urlparse(location).query)["next"][0]
    return location


def _stored(app) -> dict[int, dict[str, object]]:
    with app.app_context():
        found: dict[int, dict[str, object]] = {}
        for response_id, key, value in db.session.execute(
            select(Answer.response_id, Answer.question_key, Answer.value)
        ):
            found.setdefault(response_id, {})[key] = value
        return found


def test_a_disclosure_on_the_tablet_is_kept_back_and_kept_at_the_reset(app, chair):  # noqa: F811
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    tablet = chair
    first = tablet_begin(tablet, code, "young_person")
    where = _answer_to(tablet, first, YOUNG_PERSON, "working_well")
    reply = _post(tablet, where, DISCLOSURE)
    assert "/support?" in reply.headers["Location"]
    # The same person going Back, or to check their answers, sees the kind words instead.
    html = tablet.get(where).get_data(as_text=True)
    assert "stepdad" not in html and KEPT_BACK in html
    check = _answer_to(
        tablet,
        path_of(parse_qs(urlparse(reply.headers["Location"]).query)["next"][0]),
        YOUNG_PERSON,
        "",
    )
    assert check.endswith("/check")
    check_html = tablet.get(check).get_data(as_text=True)
    assert "stepdad" not in check_html and KEPT_BACK in check_html
    # Exit this page on the tablet: the clean start, which forgets the person.
    assert f'href="/tablet/{code}"' in check_html and "govuk-exit-this-page" in check_html

    # They walk away; the page's timer resets the tablet.
    pid = first.split("/p/")[1].split("/")[0]
    reset = tablet.get(f"/tablet/{code}/p/{pid}/timeout")
    start = tablet.get(path_of(reset.headers["Location"])).get_data(as_text=True)
    assert "cleared" not in start
    assert (
        "Answers that were not sent have been deleted, except anything that made us worried"
        in start
    )
    stored = _stored(app)
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        # Only the possible disclosure is kept, with the response the flag points at.
        assert stored == {flag.response_id: {"working_well": DISCLOSURE}}
        assert db.session.get(Response, flag.response_id).conference_id == conference_id
    assert is_gone(tablet, where)


def is_gone(client, location: str) -> bool:
    reply = client.get(location)
    return reply.status_code == 302 and "/p/" not in reply.headers["Location"]


def test_answers_not_sent_without_a_disclosure_are_deleted_at_the_reset(app, chair):  # noqa: F811
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    first = tablet_begin(chair, code, "young_person")
    where = _answer_to(chair, first, YOUNG_PERSON, "anything_else")
    assert question_key_of(where) == "anything_else"
    assert _stored(app)  # saved as they went
    # Leaving by the start page (Exit this page, or Start again) resets like the timer.
    assert chair.get(f"/tablet/{code}").status_code == 200
    assert _stored(app) == {}
    with app.app_context():
        assert db.session.scalars(select(Response)).all() == []
    for page in (f"/tablet/{code}", f"/tablet/{code}/thanks"):
        assert "cleared" not in chair.get(page).get_data(as_text=True)


def test_a_long_disclosure_on_the_tablet_is_flagged_and_help_shown(app, chair):  # noqa: F811
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    first = tablet_begin(chair, code, "young_person")
    where = _answer_to(chair, first, YOUNG_PERSON, "working_well")
    words = ("We talked about school and contact and my room and the holidays. " * 40)[:2260]
    words += " my carers boyfriend hits me when shes out"
    reply = _post(chair, where, words)
    assert reply.status_code == 302 and "/support?" in reply.headers["Location"]
    assert "0800 1111" in chair.get(path_of(reply.headers["Location"])).get_data(as_text=True)
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.text == words and flag.channel == "kiosk"
        assert flag.question_key == "working_well"


def test_words_typed_before_i_would_rather_not_say_on_the_tablet_are_read(app, chair):  # noqa: F811
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    where = _answer_to(
        chair, tablet_begin(chair, code, "young_person"), YOUNG_PERSON, "working_well"
    )
    page = chair.get(where).get_data(as_text=True)
    reply = chair.post(
        where, data={"csrf_token": csrf_token(page), "answer": DISCLOSURE, "skip": "1"}
    )
    assert "/support?" in reply.headers["Location"]
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.question_key == "working_well" and flag.text == DISCLOSURE
        answer = db.session.scalars(select(Answer).where(Answer.question_key == "working_well"))
        assert answer.one().meta == {"skipped": True}
