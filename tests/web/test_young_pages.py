"""Issue 16 on the web without a browser: age routing to early_years, web-only variants kept
off texts, old pledge v2 links, one tap without JavaScript, and "I am helping a child"."""

from __future__ import annotations

from sqlalchemy import select

from app.campaigns.service import create_campaign, invite, variant_for
from app.core.extensions import db
from app.core.types import Channel
from app.models import Cohort, Respondent, Response
from surveys import default_registry

from .helpers import csrf_token, make_invitation, path_of


def test_age_picks_early_years_where_the_version_has_it_and_never_for_a_text():
    v2, v3 = default_registry().get("pledge", 2), default_registry().get("pledge", 3)
    child = Respondent(reference="A", cohort=Cohort.CLA, age_band="4-7")
    assert variant_for(v3, child) == "early_years"
    assert variant_for(v2, child) == "younger"  # v2 has no early_years: as before
    assert variant_for(v3, child, Channel.SMS) == "younger"  # web only
    older = Respondent(reference="B", cohort=Cohort.CLA, age_band="13-15")
    assert variant_for(v3, older) == "teen"
    leaver = Respondent(reference="C", cohort=Cohort.CARE_LEAVER, age_band="18-21")
    assert variant_for(v3, leaver, Channel.SMS) == "care_leaver"
    assert "easy_read" not in {
        variant_for(v3, Respondent(reference="D", cohort=Cohort.CLA, age_band=band))
        for band in ("4-7", "8-12", "13-15", "16-17", None)
    }


def test_an_sms_invitation_for_a_young_child_gets_a_variant_that_can_be_texted(app):
    definition = default_registry().get("pledge")
    with app.test_request_context():
        child = Respondent(reference="SMS-1", cohort=Cohort.CLA, age_band="4-7")
        db.session.add(child)
        campaign = create_campaign(definition, "sms-wave", "SMS wave")
        invitation, _token = invite(campaign, definition, child, days_valid=5, channel=Channel.SMS)
        assert invitation.variant == "younger"
        assert definition.resolve(invitation.variant).questions[0].sms_text


def test_a_pledge_v2_link_keeps_working(app, client):
    v2 = default_registry().get("pledge", 2)
    with app.test_request_context():
        child = Respondent(reference="OLD-1", cohort=Cohort.CLA, age_band="4-7")
        db.session.add(child)
        campaign = create_campaign(v2, "old-wave", "Old wave")
        _invitation, token = invite(campaign, v2, child, days_valid=5)
        db.session.commit()
    start = client.get(f"/s/{token}")
    assert start.status_code == 200
    first = client.get(f"/s/{token}/q/health_rating").get_data(as_text=True)
    assert v2.resolve("younger").questions[0].text in first
    assert "gt-tap" not in first  # v2's younger variant has no pictures


def test_one_tap_sends_the_answer_without_javascript(app, client):
    token = make_invitation(app, "pledge", age_band="4-7")
    survey = default_registry().get("pledge").resolve("early_years")
    first, second = survey.questions[0], survey.questions[1]
    html = client.get(f"/s/{token}/q/{first.key}").get_data(as_text=True)
    # Real submit buttons, one per answer, named like the field: no script needed.
    for option in first.options:
        assert f'type="submit" name="answer" value="{option.value}"' in html
    assert ">Continue<" not in html
    assert 'alt="A red apple"' in html and "OpenMoji" in html
    reply = client.post(
        f"/s/{token}/q/{first.key}", data={"csrf_token": csrf_token(html), "answer": "2"}
    )
    assert path_of(reply.headers["Location"]) == f"/s/{token}/q/{second.key}"
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert {a.question_key: a.value for a in response.answers} == {first.key: 2}
        assert response.variant == "early_years"


def test_i_am_helping_a_child_marks_the_response_and_speaks_to_the_helper(app, client):
    token = make_invitation(app, "pledge", age_band="8-12")
    start = client.get(f"/s/{token}").get_data(as_text=True)
    assert "I am helping a child to answer" in start
    question = client.get(f"/s/{token}/q/health_rating").get_data(as_text=True)
    assert "For the person helping" not in question
    reply = client.post(
        f"/s/{token}/helping", data={"csrf_token": csrf_token(start), "assisted": "yes"}
    )
    assert path_of(reply.headers["Location"]) == f"/s/{token}/q/health_rating"
    with app.app_context():
        assert db.session.scalars(select(Response)).one().assisted is True
    question = client.get(f"/s/{token}/q/health_rating").get_data(as_text=True)
    assert "read this question and the answers to the child" in question
    # Welcome back: the box stays ticked, and unticking it undoes the mark.
    start = client.get(f"/s/{token}").get_data(as_text=True)
    assert 'value="yes" aria-describedby="assisted-hint" checked' in start
    client.post(f"/s/{token}/helping", data={"csrf_token": csrf_token(start)})
    with app.app_context():
        assert db.session.scalars(select(Response)).one().assisted is False


def test_the_helping_form_needs_its_csrf_token_and_only_young_peoples_surveys_offer_it(app, client):
    token = make_invitation(app, "pledge", age_band="8-12")
    reply = client.post(f"/s/{token}/helping", data={"assisted": "yes"})
    assert reply.status_code in (302, 400)
    with app.app_context():
        assert db.session.scalars(select(Response)).first() is None
    parent = make_invitation(
        app, "parent_feedback", age_band=None, cohort=Cohort.PARENT_CARER, reference="P-1"
    )
    assert "I am helping a child" not in client.get(f"/s/{parent}").get_data(as_text=True)


def test_the_helping_form_starts_the_response_in_the_language_chosen_on_its_start_page(app, client):
    token = make_invitation(app, "pledge", age_band="8-12", reference="HELP-PL")
    start = client.get(f"/s/{token}?lang=pl").get_data(as_text=True)
    assert 'lang="pl"' in start
    client.post(f"/s/{token}/helping", data={"csrf_token": csrf_token(start), "assisted": "yes"})
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.assisted is True and response.language == "pl"
