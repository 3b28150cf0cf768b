"""Issue 14, "Slow checks on the queue", on the conference tablet: while the deeper safeguarding
check of a participant's answer may still be running, their tablet page carries the help in a
<template> and asks their own address whether the check raised the answer (the same partial,
script and rule as a survey link's pages). The tablet's privacy holds: the asking is not a sign
anyone is still there, and after the reset the old address answers nothing, so the next person
sees neither the words nor the help state of the one before.

The deep check is a stand-in passed through `SAFEGUARDING_DEEP_CHECK`: its first reading (run by
the testing queue as the answer is saved) finds nothing; the test then runs it again as the
queue would, finding the worry.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select

from analysis import assess
from app.core.extensions import db
from app.models import FlagEvent
from app.outbound.deep_checks import run_deep_check
from app.responses import deep_check_help
from app.safeguarding import deep_check
from tests.web.helpers import csrf_token, path_of, question_key_of
from tests.web.test_deep_check_help import DATA_CSRF, WORDS, StandIn

from .test_conferences import chair, new_conference, start_tablet, tablet_begin  # noqa: F401
from .test_tablet_disclosures import YOUNG_PERSON

TEMPLATE = 'id="deep-help-template"'


@pytest.fixture
def stand_in(app) -> StandIn:
    check = StandIn()
    app.config["SAFEGUARDING_DEEP_CHECK"] = check
    return check


def _answer_to(client, location: str, answers: dict, stop_at: str) -> str:
    while "/q/" in location and question_key_of(location) != stop_at:
        page = client.get(location)
        assert page.status_code == 200, location
        reply = client.post(
            location,
            data={
                "csrf_token": csrf_token(page.get_data(as_text=True)),
                "answer": answers[question_key_of(location)],
            },
        )
        location = path_of(reply.headers["Location"])
        assert "/support?" not in location
    return location


def _on_the_tablet(app, tablet, code: str) -> tuple[str, str, int]:
    """A young person answers "what worked well" with WORDS; returns the page they are sent to
    next, their one-time id and their response's id."""
    assert not assess(WORDS).flagged  # the request's own check sees nothing
    first = tablet_begin(tablet, code, "young_person")
    answers = {**YOUNG_PERSON, "working_well": WORDS}
    where = _answer_to(tablet, first, answers, "working_well")
    following = _answer_to(tablet, where, answers, "anything_else")
    assert question_key_of(following) == "anything_else"
    with tablet.session_transaction() as state:
        participant = state["tablet_p"]
    return following, participant["pid"], int(participant["r"])


def _raise(app, stand_in: StandIn, response_id: int) -> None:
    stand_in.finds = True
    with app.app_context():
        assert run_deep_check(response_id, "working_well", None)


def _status(client, code: str, pid: str) -> dict:
    reply = client.get(f"/tablet/{code}/p/{pid}/deep-check")
    assert reply.status_code == 200
    assert reply.headers["Cache-Control"] == "no-store"
    state = reply.get_json()
    assert set(state) == {"pending", "help"}  # nothing else, never the words
    return state


def _help_shown(app) -> int:
    with app.app_context():
        kinds = db.session.scalars(select(FlagEvent.kind)).all()
        return kinds.count(deep_check.HELP_SHOWN)


def _page_csrf(html: str) -> str:
    return html.split(DATA_CSRF, 1)[1].split('"', 1)[0]


def test_the_tablet_page_waits_for_the_check_and_its_address_answers(app, chair, stand_in):  # noqa: F811
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    following, pid, response_id = _on_the_tablet(app, chair, code)
    html = chair.get(following).get_data(as_text=True)
    # The same partial as the survey link's pages, asking the participant's own address.
    assert TEMPLATE in html and "deep_check.js" in html
    assert f'data-gt-deep-check="/tablet/{code}/p/{pid}/deep-check"' in html
    assert f'data-gt-deep-check-seen="/tablet/{code}/p/{pid}/deep-check/seen"' in html
    assert "0800 1111" in html.split(TEMPLATE, 1)[1]  # a child's numbers
    assert WORDS not in html
    assert _status(chair, code, pid) == {"pending": True, "help": False}

    # Asking is not the person using the tablet: it does not hold off the idle reset.
    with chair.session_transaction() as state:
        seen_before = state["tablet_p"]["seen"]
    _status(chair, code, pid)
    with chair.session_transaction() as state:
        assert state["tablet_p"]["seen"] == seen_before

    _raise(app, stand_in, response_id)
    assert _status(chair, code, pid) == {"pending": False, "help": True}
    seen = f"/tablet/{code}/p/{pid}/deep-check/seen"
    assert chair.post(seen).status_code == 400  # no CSRF token: refused
    assert _help_shown(app) == 0
    assert chair.post(seen, headers={"X-CSRFToken": _page_csrf(html)}).status_code == 204
    assert _help_shown(app) == 1
    assert _status(chair, code, pid)["help"] is False
    # Shown once: the page again is the page, not the help.
    assert chair.get(following).status_code == 200


def test_without_javascript_the_next_tablet_page_shows_the_help_once(app, chair, stand_in):  # noqa: F811
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    following, pid, response_id = _on_the_tablet(app, chair, code)
    _raise(app, stand_in, response_id)
    shown = chair.get(following)
    location = path_of(shown.headers["Location"])
    assert shown.status_code == 302 and location.startswith(f"/tablet/{code}/p/{pid}/support?")
    page = chair.get(location).get_data(as_text=True)
    assert "0800 1111" in page and WORDS not in page
    assert _help_shown(app) == 1
    back = parse_qs(urlparse(location).query)["next"][0]
    assert chair.get(back).status_code == 200  # then on with their answers


def test_the_tablet_check_page_shows_help_raised_after_the_last_answer(app, chair, stand_in):  # noqa: F811
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    following, _pid, response_id = _on_the_tablet(app, chair, code)
    check = _answer_to(chair, following, YOUNG_PERSON, "")
    assert check.endswith("/check")
    _raise(app, stand_in, response_id)
    html = chair.get(check).get_data(as_text=True)
    banner = html.split('id="deep-help"', 1)[1]
    assert 'role="alert"' in html and "We want to check you are OK" in banner
    assert "0800 1111" in banner and TEMPLATE not in html
    assert WORDS not in html  # kept back, as on the survey link's check page
    assert _help_shown(app) == 1


def test_a_parent_is_shown_the_adults_help(app, chair, stand_in):  # noqa: F811
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    location = tablet_begin(chair, code, "parent_carer")
    html = ""
    while "/q/" in location:
        page = chair.get(location)
        html = page.get_data(as_text=True)
        if TEMPLATE in html:
            break
        key = question_key_of(location)
        field = 'name="answer" type="radio" value="'
        value = WORDS if "<textarea" in html else html.split(field, 1)[1].split('"', 1)[0]
        reply = chair.post(location, data={"csrf_token": csrf_token(html), "answer": value})
        location = path_of(reply.headers["Location"])
        assert "/support?" not in location, key
    template = html.split(TEMPLATE, 1)[1].split("</template>", 1)[0]
    assert "Help if you need it now" in template and "call 999" in template
    assert "We want to check you are OK" not in template


def test_after_the_reset_the_next_person_learns_nothing_of_the_last(app, chair, stand_in):  # noqa: F811
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    following, pid, response_id = _on_the_tablet(app, chair, code)
    assert _status(chair, code, pid)["pending"] is True
    # Their check raises the tier while they are away from the tablet; its help is not shown
    # yet when the page's timer resets the tablet.
    _raise(app, stand_in, response_id)
    chair.get(f"/tablet/{code}/p/{pid}/timeout")
    old = chair.get(f"/tablet/{code}/p/{pid}/deep-check")
    assert old.status_code == 410 and old.get_data() == b""  # not a redirect, not a word
    assert chair.post(f"/tablet/{code}/p/{pid}/deep-check/seen").status_code in (400, 410)
    # The next person: their own address, their own (empty) state; no help of the last one's.
    first = tablet_begin(chair, code, "young_person")
    next_pid = first.split("/p/")[1].split("/")[0]
    assert next_pid != pid
    assert _status(chair, code, next_pid) == {"pending": False, "help": False}
    html = chair.get(first).get_data(as_text=True)
    assert "deep-help" not in html and WORDS not in html
    assert _help_shown(app) == 0  # the help stays unseen: the duty alert still went


def test_the_tablet_asking_is_rate_limited_per_participant(app, chair, stand_in, monkeypatch):  # noqa: F811
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    _following, pid, _response_id = _on_the_tablet(app, chair, code)
    monkeypatch.setattr(deep_check_help, "POLL_LIMIT", "3 per minute")
    codes = [chair.get(f"/tablet/{code}/p/{pid}/deep-check").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_help_raised_after_the_check_page_asked_is_on_the_thank_you_page_once(
    app,
    chair,  # noqa: F811
    stand_in,
):
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    following, _pid, response_id = _on_the_tablet(app, chair, code)
    check = _answer_to(chair, following, YOUNG_PERSON, "")
    page = chair.get(check).get_data(as_text=True)
    assert TEMPLATE in page  # waiting; the check raises just as they press Send
    _raise(app, stand_in, response_id)
    sent = chair.post(check.replace("/check", "/submit"), data={"csrf_token": csrf_token(page)})
    assert path_of(sent.headers["Location"]) == f"/tablet/{code}/thanks"
    thanks = chair.get(f"/tablet/{code}/thanks").get_data(as_text=True)
    banner = thanks.split('id="deep-help"', 1)[1]
    assert "We want to check you are OK" in banner and "0800 1111" in banner
    assert WORDS not in thanks
    # Time to read it: the tablet's quiet time, not the thank-you page's few seconds.
    idle = app.config["TABLET_IDLE_SECONDS"]
    assert f'content="{idle}; url=/tablet/{code}"' in thanks
    assert _help_shown(app) == 1
    # Once: the page again (or the next person's start) does not show it.
    again = chair.get(f"/tablet/{code}/thanks").get_data(as_text=True)
    assert "deep-help" not in again and 'content="20;' in again


def test_help_for_the_thank_you_page_goes_at_the_reset(app, chair, stand_in):  # noqa: F811
    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    following, _pid, response_id = _on_the_tablet(app, chair, code)
    check = _answer_to(chair, following, YOUNG_PERSON, "")
    page = chair.get(check).get_data(as_text=True)
    _raise(app, stand_in, response_id)
    chair.post(check.replace("/check", "/submit"), data={"csrf_token": csrf_token(page)})
    # Not opened (the tablet was passed on at once): the next person's start forgets it.
    assert chair.get(f"/tablet/{code}").status_code == 200
    with chair.session_transaction() as state:
        assert "tablet_help" not in state
    assert "deep-help" not in chair.get(f"/tablet/{code}/thanks").get_data(as_text=True)


@pytest.mark.xdist_group("vnu")
def test_the_waiting_tablet_page_and_the_shown_help_are_valid_html(app, chair, stand_in, tmp_path):  # noqa: F811
    from tests.web.test_valid_html import _check

    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    following, _pid, response_id = _on_the_tablet(app, chair, code)
    pages = {"tablet-waiting": chair.get(following).get_data(as_text=True)}
    check = _answer_to(chair, following, YOUNG_PERSON, "")
    _raise(app, stand_in, response_id)
    pages["tablet-check-help"] = chair.get(check).get_data(as_text=True)
    assert 'id="deep-help"' in pages["tablet-check-help"]
    folder = tmp_path / "pages"
    folder.mkdir()
    assert _check(pages, folder) == []


def test_a_reset_before_the_queued_check_ran_keeps_the_words_it_would_flag(
    app,
    chair,  # noqa: F811
    stand_in,
):
    """Exit this page seconds after writing a worry: the queued deep check has not read the
    answer yet. The reset reads it now and keeps it, so the queued check still flags it."""
    from app.models import Answer, SafeguardingFlag

    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    _following, pid, response_id = _on_the_tablet(app, chair, code)
    stand_in.finds = True  # what the queued reading will find, once it runs
    chair.get(f"/tablet/{code}/p/{pid}/timeout")
    with app.app_context():
        kept = db.session.scalars(
            select(Answer.question_key).where(Answer.response_id == response_id)
        ).all()
        assert kept == ["working_well"]  # the worry stays; the answers with none go
        assert run_deep_check(response_id, "working_well", None)
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.response_id == response_id and flag.text == WORDS


def test_a_reset_deletes_what_the_deep_check_finds_nothing_in(app, chair, stand_in):  # noqa: F811
    from app.models import Answer, Response

    conference_id, code = new_conference(chair)
    start_tablet(chair, conference_id)
    _following, pid, response_id = _on_the_tablet(app, chair, code)
    chair.get(f"/tablet/{code}/p/{pid}/timeout")  # stand_in.finds stays False
    with app.app_context():
        assert not db.session.scalars(
            select(Answer).where(Answer.response_id == response_id)
        ).all()
        assert db.session.get(Response, response_id) is None
