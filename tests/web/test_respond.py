"""Completing surveys on the web: every shipped survey, resume, double submit, kind pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy import update as sa_update

from app.core.extensions import db
from app.models import (
    Answer,
    Campaign,
    CampaignStatus,
    Cohort,
    Invitation,
    Response,
    ResponseStatus,
    SafeguardingFlag,
    now_utc,
)
from surveys import default_registry

from .helpers import answer_current, csrf_token, make_invitation, path_of, question_key_of

SURVEYS = [
    (definition.key, variant)
    for definition in default_registry().latest_versions()
    for variant in (list(definition.variants) or [None])
]
AGE_BAND = {
    "early_years": "4-7",
    "younger": "8-12",
    "teen": "13-15",
    "care_leaver": "18-21",
    "easy_read": None,  # chosen, not given by age: set on the invitation below
    None: None,
}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(("survey_key", "variant"), SURVEYS)
def test_complete_every_shipped_survey_with_resume_and_double_submit(app, survey_key, variant):
    cohort = Cohort.CARE_LEAVER if variant == "care_leaver" else Cohort.CLA
    token = make_invitation(app, survey_key, age_band=AGE_BAND[variant], cohort=cohort)
    if variant == "easy_read":
        with app.app_context():
            db.session.execute(sa_update(Invitation).values(variant=variant))
            db.session.commit()
    survey = default_registry().get(survey_key).resolve(variant)
    client = app.test_client()

    start = client.get(f"/s/{token}")
    assert start.status_code == 200
    assert survey.title in start.get_data(as_text=True)
    location = path_of(
        start.get_data(as_text=True)
        .split('class="govuk-button govuk-button--start"')[0]
        .rsplit('href="', 1)[1]
        .split('"')[0]
    )
    answers: dict = {}
    halfway = len(survey.questions) // 2
    steps = 0
    while "/q/" in location:
        key = question_key_of(location)
        question = survey.question(key)
        reply = answer_current(client, location, question)
        assert reply.status_code == 302, reply.get_data(as_text=True)[:500]
        answers[key] = True
        location = path_of(reply.headers["Location"])
        steps += 1
        if steps == halfway:
            # Leave and come back later on another phone: the same link resumes.
            client = app.test_client()
            welcome = client.get(f"/s/{token}").get_data(as_text=True)
            assert "Welcome back" in welcome
            assert f"/s/{token}/q/{question_key_of(location)}" in welcome
        assert steps <= len(survey.questions), "survey never reached check your answers"

    if "/feeling?" in location:  # the first face is the lowest: the check-out shows help first
        location = location.split("next=", 1)[1]
    assert location == f"/s/{token}/check"
    check = client.get(location)
    html = check.get_data(as_text=True)
    assert "Check your answers" in html
    token_value = csrf_token(html)
    first = client.post(f"/s/{token}/submit", data={"csrf_token": token_value})
    second = client.post(f"/s/{token}/submit", data={"csrf_token": token_value})
    assert path_of(first.headers["Location"]) == f"/s/{token}/done"
    assert "already=1" in second.headers["Location"]
    done = client.get(f"/s/{token}/done").get_data(as_text=True)
    assert "Your answers have been sent" in done

    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.status == ResponseStatus.COMPLETE
        assert response.completed_at is not None
        assert (response.survey_key, response.survey_version, response.variant) == (
            survey.key,
            survey.version,
            variant,
        )
        stored = {a.question_key for a in response.answers}
        assert stored == set(answers)
        assert count(Answer) == len(answers)


def _walk_to_question(client, token, app, key_wanted, value_for=None):
    """Answer with the first option until `key_wanted` is the current page."""
    response = client.get(f"/s/{token}")
    location = f"/s/{token}/q/"
    survey = None
    with app.app_context():
        resp = db.session.scalars(select(Invitation)).first()
        definition = default_registry().get(resp.campaign.survey_key)
        survey = definition.resolve(resp.variant)
    location = f"/s/{token}/q/{survey.questions[0].key}"
    while question_key_of(location) != key_wanted:
        key = question_key_of(location)
        value = (value_for or {}).get(key)
        response = answer_current(client, location, survey.question(key), value)
        location = path_of(response.headers["Location"])
    return survey, location


def test_same_answer_posted_twice_is_stored_once(app, client):
    token = make_invitation(app, "sms_checkin")
    survey = default_registry().get("sms_checkin").resolve(None)
    question = survey.questions[0]
    location = f"/s/{token}/q/{question.key}"
    html = client.get(location).get_data(as_text=True)
    data = {"csrf_token": csrf_token(html), "answer": question.options[0].value}
    client.post(location, data=data)
    client.post(location, data=data)
    data["answer"] = question.options[-1].value
    client.post(location, data=data)
    with app.app_context():
        rows = db.session.scalars(select(Answer)).all()
        assert [(a.question_key, a.value) for a in rows] == [
            (question.key, question.parse(question.options[-1].value))
        ]
        assert count(Response) == 1


def test_invalid_answer_gets_kind_error_and_nothing_is_stored(app, client):
    token = make_invitation(app, "sms_checkin")
    survey = default_registry().get("sms_checkin").resolve(None)
    question = next(q for q in survey.questions if q.kind != "free_text")
    location = f"/s/{token}/q/{question.key}"
    html = client.get(location).get_data(as_text=True)
    for bad in ("", "not-an-option"):
        page = client.post(location, data={"csrf_token": csrf_token(html), "answer": bad})
        assert page.status_code == 200
        body = page.get_data(as_text=True)
        assert "There is a problem" in body and "govuk-error-message" in body
    with app.app_context():
        assert count(Answer) == 0


def test_finished_response_cannot_be_changed(app):
    token = make_invitation(app, "sms_checkin")
    client = app.test_client()
    survey = default_registry().get("sms_checkin").resolve(None)
    location = f"/s/{token}/q/{survey.questions[0].key}"
    while "/q/" in location:
        reply = answer_current(client, location, survey.question(question_key_of(location)))
        location = path_of(reply.headers["Location"])
    html = client.get(location).get_data(as_text=True)
    client.post(f"/s/{token}/submit", data={"csrf_token": csrf_token(html)})
    first = survey.questions[0]
    again = client.post(
        f"/s/{token}/q/{first.key}",
        data={"csrf_token": csrf_token(html), "answer": first.options[-1].value},
    )
    assert path_of(again.headers["Location"]) == f"/s/{token}/done"
    with app.app_context():
        stored = db.session.scalar(select(Answer.value).where(Answer.question_key == first.key))
        assert stored == first.parse(first.options[0].value)


def test_unknown_expired_and_closed_links_get_kind_pages(app, client):
    unknown = client.get("/s/not-a-real-token")
    assert unknown.status_code == 404
    assert "We could not find this survey" in unknown.get_data(as_text=True)

    expired = make_invitation(app, "sms_checkin", reference="E-1")
    closed = make_invitation(app, "sms_checkin", reference="C-1")
    with app.app_context():
        invitations = db.session.scalars(select(Invitation).order_by(Invitation.id)).all()
        invitations[0].expires_at = now_utc() - timedelta(days=1)
        invitations[1].campaign.status = CampaignStatus.CLOSED
        db.session.commit()
    page = client.get(f"/s/{expired}")
    assert page.status_code == 410 and "This link has run out" in page.get_data(as_text=True)
    page = client.get(f"/s/{closed}/q/anything")
    assert page.status_code == 410 and "This survey has closed" in page.get_data(as_text=True)
    assert client.get("/o/nope").status_code == 404


def test_open_link_asks_who_you_are_and_a_double_tap_starts_once(app, client):
    definition = default_registry().get("pledge")
    with app.test_request_context():
        from app.campaigns.service import create_campaign

        campaign = create_campaign(definition, "open-wave", "Open wave", open_link=True)
        db.session.commit()
        open_token = campaign.open_link_token
    page = client.get(f"/o/{open_token}")
    html = page.get_data(as_text=True)
    assert "Which of these best describes you?" in html
    start_key = html.split('name="start_key" type="hidden" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_token(html), "start_key": start_key}
    missing = client.post(f"/o/{open_token}", data=data)
    assert "Choose the answer that fits you best" in missing.get_data(as_text=True)
    data["variant"] = "younger"
    first = client.post(f"/o/{open_token}", data=data)
    second = client.post(f"/o/{open_token}", data=data)
    assert first.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    resume_path = path_of(first.headers["Location"])
    resume_token = resume_path.split("/")[2]
    younger = definition.resolve("younger")
    reply = answer_current(client, resume_path, younger.questions[0])
    assert reply.status_code == 302
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.variant == "younger" and response.respondent_id is None
        assert response.resume_token_hash and resume_token not in response.resume_token_hash
        assert count(Answer) == 1
    # A fresh browser with only the link resumes the anonymous response.
    assert "Welcome back" in app.test_client().get(f"/s/{resume_token}").get_data(as_text=True)


def test_disclosure_in_free_text_shows_help_now_and_is_recorded(app, client):
    contacts = [{"name": "Test Duty Team", "phone": "01632 960 999", "detail": "Day and night"}]
    app.config["SUPPORT_CONTACTS"] = contacts
    token = make_invitation(app, "pledge", age_band="13-15")
    survey = default_registry().get("pledge").resolve("teen")
    free = next(q for q in survey.questions if q.kind == "free_text")
    survey, location = _walk_to_question(client, token, app, free.key)
    reply = answer_current(client, location, free, "sometimes I want to kill myself")
    support = path_of(reply.headers["Location"])
    assert support.startswith(f"/s/{token}/support")
    page = client.get(support).get_data(as_text=True)
    assert "Thank you for telling us" in page
    assert "01632 960 999" in page and "call 999" in page
    next_question = survey.next_question({q.key: 1 for q in survey.questions}, free.key)
    assert f"/s/{token}/q/{next_question.key}" in page
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.category == "suicidal_thoughts"
        assert flag.question_key == free.key and flag.channel == "web"
        assert flag.text == "sometimes I want to kill myself"


def test_ordinary_free_text_is_not_flagged(app, client):
    token = make_invitation(app, "pledge", age_band="13-15")
    survey = default_registry().get("pledge").resolve("teen")
    free = next(q for q in survey.questions if q.kind == "free_text")
    survey, location = _walk_to_question(client, token, app, free.key)
    reply = answer_current(client, location, free, "I'd kill for more pocket money tbh")
    assert "/support" not in reply.headers["Location"]
    with app.app_context():
        assert count(SafeguardingFlag) == 0


def test_help_page_lists_configured_numbers_and_every_page_links_to_it(app, client):
    app.config["SUPPORT_CONTACTS"] = [{"name": "Shireford EDT", "phone": "01632 960 123"}]
    token = make_invitation(app, "sms_checkin")
    page = client.get("/help").get_data(as_text=True)
    assert "Shireford EDT" in page and 'href="tel:01632960123"' in page
    for path in ("/", f"/s/{token}", "/s/unknown-token", "/privacy"):
        assert 'href="/help"' in client.get(path).get_data(as_text=True), path


def test_parent_form_complaint_route_only_after_no(app, client):
    token = make_invitation(app, "parent_feedback", age_band=None, cohort=Cohort.PARENT_CARER)
    survey = default_registry().get("parent_feedback").resolve(None)
    conditional = [q for q in survey.questions if q.show_if is not None]
    assert [q.show_if.question for q in conditional] == ["q4_told_how_to_complain"]
    route = conditional[0]
    survey, location = _walk_to_question(client, token, app, "q4_told_how_to_complain")
    q4 = survey.question("q4_told_how_to_complain")
    after_no = answer_current(client, location, q4, "no")
    assert path_of(after_no.headers["Location"]) == f"/s/{token}/q/{route.key}"
    after_yes = answer_current(client, location, q4, "yes")
    assert route.key not in after_yes.headers["Location"]


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    from app import create_app
    from app.core.config import ConfigError

    monkeypatch.setenv("GOLDEN_THREAD_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app()


def test_oversized_post_gets_413(app, client):
    token = make_invitation(app, "sms_checkin")
    reply = client.post(f"/s/{token}/q/x", data={"answer": "x" * 400_000})
    assert reply.status_code == 413
    assert "too much to send" in reply.get_data(as_text=True)


def test_demo_seeds_a_county_and_its_links_work(app, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    again = runner.invoke(args=["demo"])
    assert again.output == result.output  # a second run keeps the data and prints the same links
    with app.app_context():
        assert count(Campaign) == 2
        complete = db.session.scalar(
            select(func.count())
            .select_from(Response)
            .where(Response.status == ResponseStatus.COMPLETE)
        )
        assert complete >= 30
        assert (
            db.session.scalar(
                select(func.count()).select_from(Answer).where(Answer.value_text != "")
            )
            >= 10
        )
    client = app.test_client()
    for line in result.output.splitlines()[1:]:
        url = line.split(": ", 1)[1]
        assert client.get(path_of(url)).status_code == 200, line
    # Every demo staff account signs in with the password the demo prints.
    from app.demo.seed import DEMO_PASSWORD

    from .helpers import csrf_token

    seen = {}
    for line in result.output.splitlines():
        if "Staff sign-in" in line:
            email = line.split("(", 1)[1].split(",", 1)[0]
            staff = app.test_client()
            page = staff.get("/staff/login").get_data(as_text=True)
            signed_in = staff.post(
                "/staff/login",
                data={"csrf_token": csrf_token(page), "email": email, "password": DEMO_PASSWORD},
            )
            assert signed_in.status_code == 302, email
            seen[email] = staff
    # Issue 16: a chair or board member trying the demo finds something, not empty lists.
    chair, board = seen["chair@shireford.example"], seen["board@shireford.example"]
    assert "CP-2026-014" in chair.get("/staff/conferences").get_data(as_text=True)
    packs = board.get("/staff/board-packs").get_data(as_text=True)
    assert "Corporate Parenting Board, December 2026" in packs
    assert "Pocket money paid on the same day" in board.get("/staff/actions").get_data(as_text=True)
    with app.app_context():
        from app.reporting.models import BoardPack, BoardPackStatus

        [pack] = db.session.scalars(select(BoardPack)).all()
        assert pack.status == BoardPackStatus.PUBLISHED


def test_open_link_gives_the_link_to_come_back_to_on_the_page(app, client):
    # Issue 16: the poster page promised "a link to come back to" and never gave one; opening
    # the poster link again starts afresh, so the way back must be shown on the page itself.
    definition = default_registry().get("pledge")
    with app.test_request_context():
        from app.campaigns.service import create_campaign

        campaign = create_campaign(definition, "open-wave", "Open wave", open_link=True)
        db.session.commit()
        open_token = campaign.open_link_token
    html = client.get(f"/o/{open_token}").get_data(as_text=True)
    start_key = html.split('name="start_key" type="hidden" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_token(html), "start_key": start_key, "variant": "teen"}
    first_question = path_of(client.post(f"/o/{open_token}", data=data).headers["Location"])
    resume_token = first_question.split("/")[2]
    page = client.get(first_question).get_data(as_text=True)
    shown = page.split('id="resume-link"')[1].split("</div>")[0]
    link = shown.split('href="')[1].split('"')[0]
    # The link holds the token and nothing else, and it opens the same answers.
    assert path_of(link) == f"/s/{resume_token}"
    teen = definition.resolve("teen")
    assert answer_current(client, first_question, teen.questions[0]).status_code == 302
    fresh = app.test_client().get(path_of(link)).get_data(as_text=True)
    assert "Welcome back" in fresh
    # An invitation's own link is already the way back: no second link on its pages.
    token = make_invitation(app, "pledge", age_band="13-15")
    invited = client.get(f"/s/{token}/q/{teen.questions[0].key}").get_data(as_text=True)
    assert 'id="resume-link"' not in invited


def test_any_question_can_be_skipped_and_is_kept_as_skipped_not_negative(app, client):
    # Issue 16 point 7: "I’d rather not say" on every question; the answer is recorded as
    # skipped, the survey still completes, and the scorecard does not count it as negative.
    from app.reporting.figures import pledge_tallies, wave_scope

    token = make_invitation(app, "pledge", age_band="13-15")
    survey = default_registry().get("pledge").resolve("teen")
    rating = survey.question("health_rating")
    assert rating.required
    location = f"/s/{token}/q/{rating.key}"
    page = client.get(location).get_data(as_text=True)
    assert 'name="skip" value="1"' in page and "I’d rather not say" in page
    skipped = client.post(location, data={"csrf_token": csrf_token(page), "skip": "1"})
    assert skipped.status_code == 302
    location = path_of(skipped.headers["Location"])
    assert question_key_of(location) == survey.questions[1].key
    while "/q/" in location:
        key = question_key_of(location)
        reply = answer_current(client, location, survey.question(key))
        location = path_of(reply.headers["Location"])
    location = location.split("next=", 1)[-1]  # past the check-out help page (lowest face)
    check = client.get(location).get_data(as_text=True)
    # On the check page the skipped question reads "Not answered", with a way to change it.
    row = check.split(f">{rating.text}</dt>", 1)[1].split("</div>", 1)[0]
    assert "Not answered" in row and f"/q/{rating.key}" in row
    client.post(f"/s/{token}/submit", data={"csrf_token": csrf_token(check)})
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.status == ResponseStatus.COMPLETE
        answer = db.session.scalars(select(Answer).where(Answer.question_key == rating.key)).one()
        assert answer.value is None and answer.meta == {"skipped": True}
        tallies = pledge_tallies(wave_scope(response.campaign))
        counted = {t.pledge: t.answered for t in tallies}
        # The skipped pledge has no child counted, positive or not; the answered ones do.
        assert "health_wellbeing" not in counted
        assert counted.get("safe_stable_home", 0) == 1


@pytest.mark.parametrize(("feeling", "helped"), [("1", True), ("4", False)])
def test_checkout_question_shows_who_can_help_when_the_answer_is_low(app, client, feeling, helped):
    # Issue 16 point 7: the pledge survey's last question, "How are you feeling now?".
    contacts = [{"name": "Test Duty Team", "phone": "01632 960 999", "detail": "Day and night"}]
    app.config["SUPPORT_CONTACTS"] = contacts
    token = make_invitation(app, "pledge", age_band="13-15")
    survey, location = _walk_to_question(client, token, app, "feeling_now")
    assert survey.version >= 2 and survey.questions[-1].key == "feeling_now"
    page = client.get(location).get_data(as_text=True)
    assert "How are you feeling now" in page and "I’d rather not say" in page
    reply = client.post(location, data={"csrf_token": csrf_token(page), "answer": feeling})
    after = path_of(reply.headers["Location"])
    if not helped:
        assert after == f"/s/{token}/check"
        return
    assert after.startswith(f"/s/{token}/feeling")
    kind = client.get(after).get_data(as_text=True)
    assert "Test Duty Team" in kind and "not your fault" in kind
    carry_on = re.search(r'<a href="([^"]+)" role="button"[^>]*>Carry on', kind)[1]
    assert carry_on == f"/s/{token}/check"
