"""Issue 14, points 1 and 3 on the survey pages: words of any length are read for safeguarding,
and words that made us show who can help are never shown back to whoever holds the link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from sqlalchemy import func, select

from app.core.extensions import db
from app.models import Answer, SafeguardingFlag
from app.responses.answering import KEPT_BACK
from surveys import default_registry

from .helpers import answer_current, csrf_token, make_invitation, path_of, question_key_of

ENDING = "my carers boyfriend hits me when shes out"
# About 2,300 characters of an ordinary day, then the disclosure at the very end (issue 14).
DAY = (
    "School was alright today and we had maths and then art which I like because the teacher "
    "lets us listen to music while we paint and I made a picture of the sea. "
)
LONG_DISCLOSURE = (DAY * 20)[: 2300 - len(ENDING) - 1] + " " + ENDING
LONG_ORDINARY = (DAY * 20)[:2300]
SHORT_DISCLOSURE = "sometimes I want to kill myself"


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _open_link_start(app, client) -> tuple[str, object]:
    """Start the pledge survey on its open (poster) link as a teenager."""
    definition = default_registry().get("pledge")
    with app.test_request_context():
        from app.campaigns.service import create_campaign

        campaign = create_campaign(definition, "open-wave", "Open wave", open_link=True)
        db.session.commit()
        open_token = campaign.open_link_token
    html = client.get(f"/o/{open_token}").get_data(as_text=True)
    start_key = html.split('name="start_key" type="hidden" value="')[1].split('"')[0]
    reply = client.post(
        f"/o/{open_token}",
        data={"csrf_token": csrf_token(html), "start_key": start_key, "variant": "teen"},
    )
    return path_of(reply.headers["Location"]), definition.resolve("teen")


def _to_question(client, location: str, survey, key: str) -> str:
    while question_key_of(location) != key:
        reply = answer_current(client, location, survey.question(question_key_of(location)))
        location = path_of(reply.headers["Location"])
    return location


def _free_text(survey, n: int = 0):
    return [q for q in survey.questions if q.kind == "free_text"][n]


def test_a_long_disclosure_on_the_open_link_is_flagged_and_help_shown(app, client):
    assert len(LONG_DISCLOSURE) == 2300
    first, survey = _open_link_start(app, client)
    free = _free_text(survey)
    location = _to_question(client, first, survey, free.key)
    page = client.get(location).get_data(as_text=True)
    # GOV.UK's character count, so the limit is seen while typing.
    assert 'data-module="govuk-character-count" data-maxlength="2000"' in page
    assert "govuk-js-character-count" in page and "You can enter up to 2000 characters" in page

    reply = answer_current(client, location, free, LONG_DISCLOSURE)
    assert reply.status_code == 302
    support = path_of(reply.headers["Location"])
    token = location.split("/")[2]
    assert support.startswith(f"/s/{token}/support")
    help_page = client.get(support).get_data(as_text=True)
    assert "Thank you for telling us" in help_page and "0800 1111" in help_page
    # Carry on comes back to the same question: nothing was stored for it.
    back_to = parse_qs(urlparse(support).query)["next"][0]
    assert back_to == location
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.text == LONG_DISCLOSURE  # every word, for the duty officer
        assert flag.question_key == free.key and flag.channel == "web"
        assert flag.response_id is not None
        assert count(Answer, Answer.question_key == free.key) == 0  # the limit for storing holds

    again = client.get(back_to).get_data(as_text=True)
    assert ENDING not in again and "School was alright" not in again
    assert KEPT_BACK in again
    # An empty box moves on, and the question counts as answered (skipped), not stuck.
    moved = client.post(back_to, data={"csrf_token": csrf_token(again), "answer": ""})
    assert question_key_of(path_of(moved.headers["Location"])) != free.key
    with app.app_context():
        assert (
            db.session.scalars(select(Answer.value).where(Answer.question_key == free.key)).one()
            == ""
        )


def test_a_long_ordinary_answer_is_asked_to_be_shorter_without_a_flag(app, client):
    first, survey = _open_link_start(app, client)
    free = _free_text(survey)
    location = _to_question(client, first, survey, free.key)
    reply = answer_current(client, location, free, LONG_ORDINARY)
    assert reply.status_code == 200
    html = reply.get_data(as_text=True)
    assert "Please keep your answer under 2000 characters" in html
    assert "School was alright" in html  # their own words, on the page they just sent
    with app.app_context():
        assert count(SafeguardingFlag) == 0
        assert count(Answer, Answer.question_key == free.key) == 0


def test_a_long_disclosure_on_an_invitation_link_is_flagged(app, client):
    token = make_invitation(app, "pledge", age_band="13-15")
    survey = default_registry().get("pledge").resolve("teen")
    free = _free_text(survey, 1)
    location = _to_question(client, f"/s/{token}/q/{survey.questions[0].key}", survey, free.key)
    reply = answer_current(client, location, free, LONG_DISCLOSURE)
    assert path_of(reply.headers["Location"]).startswith(f"/s/{token}/support")
    with app.app_context():
        assert db.session.scalars(select(SafeguardingFlag.text)).one() == LONG_DISCLOSURE


def test_a_long_disclosure_on_a_conference_link_on_ones_own_phone_is_flagged(app, client):
    from app.conferences.models import Conference
    from app.models import now_utc

    with app.app_context():
        conference = Conference(
            reference="CP-2026-099",
            kind="review",
            held_on=now_utc(),
            short_code="OWNPHONE1",
        )
        db.session.add(conference)
        db.session.commit()
    html = client.get("/c/OWNPHONE1").get_data(as_text=True)
    start_key = html.split('name="start_key" value="')[1].split('"')[0]
    reply = client.post(
        "/c/OWNPHONE1",
        data={"csrf_token": csrf_token(html), "start_key": start_key, "role": "young_person"},
    )
    location = path_of(reply.headers["Location"])
    survey = default_registry().get("yp_conference_feedback").resolve(None)
    free = _free_text(survey)
    location = _to_question(client, location, survey, free.key)
    reply = answer_current(client, location, free, LONG_DISCLOSURE)
    assert "/support?" in reply.headers["Location"]
    with app.app_context():
        assert db.session.scalars(select(SafeguardingFlag.text)).one() == LONG_DISCLOSURE


def test_a_disclosure_is_never_shown_back_to_whoever_holds_the_link(app, client):
    token = make_invitation(app, "pledge", age_band="13-15")
    survey = default_registry().get("pledge").resolve("teen")
    free = _free_text(survey)
    location = _to_question(client, f"/s/{token}/q/{survey.questions[0].key}", survey, free.key)
    reply = answer_current(client, location, free, SHORT_DISCLOSURE)
    assert "/support?" in reply.headers["Location"]

    # Someone else with the link, in a fresh browser: Carry on, Back, check your answers.
    other = app.test_client()
    assert "Welcome back" in other.get(f"/s/{token}").get_data(as_text=True)
    for page in (location, f"{location}?change=1"):
        html = other.get(page).get_data(as_text=True)
        assert SHORT_DISCLOSURE not in html and "kill myself" not in html, page
        assert KEPT_BACK in html
    # Answer the rest, leaving the disclosure's box empty: what they told us is kept.
    where = location
    while "/q/" in where:
        key = question_key_of(where)
        value = "" if key == free.key else None
        where = path_of(
            answer_current(other, where, survey.question(key), value).headers["Location"]
        )
        if "/support?" in where or "/feeling?" in where:  # help pages carry on to next
            where = parse_qs(urlparse(where).query)["next"][0]
    check = other.get(where).get_data(as_text=True)
    assert where == f"/s/{token}/check"
    assert SHORT_DISCLOSURE not in check and KEPT_BACK in check
    with app.app_context():
        stored = db.session.scalars(
            select(Answer.value).where(Answer.question_key == free.key)
        ).one()
        assert stored == SHORT_DISCLOSURE
        assert count(SafeguardingFlag) == 1
    # Other free-text answers are still shown back as usual.
    other_free = _free_text(survey, 1)
    assert "It was fine, thanks" in other.get(f"/s/{token}/q/{other_free.key}?change=1").get_data(
        as_text=True
    )


def test_exit_this_page_is_on_every_respondent_page_and_not_on_staff_pages(app, client):
    app.config["EXIT_PAGE_URL"] = "https://www.bbc.co.uk/weather"
    token = make_invitation(app, "pledge", age_band="13-15")
    survey = default_registry().get("pledge").resolve("teen")
    free = _free_text(survey)
    location = _to_question(client, f"/s/{token}/q/{survey.questions[0].key}", survey, free.key)
    support = path_of(answer_current(client, location, free, SHORT_DISCLOSURE).headers["Location"])
    pages = ["/", "/help", "/privacy", f"/s/{token}", location, support, "/s/not-a-token"]
    for page in pages:
        html = client.get(page).get_data(as_text=True)
        assert 'data-module="govuk-exit-this-page"' in html, page
        assert 'href="https://www.bbc.co.uk/weather"' in html, page
    login = client.get("/staff/login").get_data(as_text=True)
    assert "govuk-exit-this-page" not in login


def test_words_typed_before_i_would_rather_not_say_are_still_read_and_help_is_shown(app, client):
    # The box is not kept (the child chose not to answer), but what they wrote is read first.
    token = make_invitation(app, "pledge", reference="SKIP-WORDS")
    survey = default_registry().get("pledge").resolve("teen")
    free = _free_text(survey)
    location = _to_question(client, f"/s/{token}/q/{survey.questions[0].key}", survey, free.key)
    page = client.get(location).get_data(as_text=True)
    reply = client.post(
        location,
        data={"csrf_token": csrf_token(page), "answer": SHORT_DISCLOSURE, "skip": "1"},
    )
    assert reply.status_code == 302 and "/support" in reply.headers["Location"]
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.question_key == free.key and flag.text == SHORT_DISCLOSURE
        answer = db.session.scalars(select(Answer).where(Answer.question_key == free.key)).one()
        assert answer.value == free.skipped_value and answer.meta == {"skipped": True}
    # Nothing flagged, nothing shown: skipping with ordinary words goes straight on.
    following = _free_text(survey, 1)
    location = _to_question(client, location, survey, following.key)
    page = client.get(location).get_data(as_text=True)
    reply = client.post(
        location, data={"csrf_token": csrf_token(page), "answer": "school is ok", "skip": "1"}
    )
    assert "/support" not in reply.headers["Location"]
