"""Conference feedback in a chosen language (issue 16): the tablet's clean start and the
own-phone start list the languages; the participant's response keeps the choice, and the next
person on the tablet starts in English."""

from __future__ import annotations

from sqlalchemy import select

from app.core.extensions import db
from app.models import Response
from surveys import default_registry

from . import test_conferences
from .test_conferences import (
    START_KEY,
    csrf_token,
    new_conference,
    path_of,
    start_tablet,
)

chair = test_conferences.chair  # a signed-in conference chair's browser (fixture)


def test_tablet_participant_answers_in_polish_and_the_next_starts_in_english(app, chair):
    conference_id, code = new_conference(chair)
    assert start_tablet(chair, conference_id).status_code == 302
    tablet = chair  # the chair's browser is now the tablet
    start = tablet.get(f"/tablet/{code}").get_data(as_text=True)
    assert f'href="/tablet/{code}?lang=pl" hreflang="pl" lang="pl" dir="ltr">Polski</a>' in start
    polish = tablet.get(f"/tablet/{code}?lang=pl").get_data(as_text=True)
    assert '<html lang="pl" dir="ltr"' in polish
    reply = tablet.post(
        f"/tablet/{code}",
        data={
            "csrf_token": csrf_token(polish),
            "start_key": START_KEY.search(polish).group(1),
            "role": "parent_carer",
        },
    )
    first = path_of(tablet.get(path_of(reply.headers["Location"])).headers["Location"])
    page = tablet.get(first).get_data(as_text=True)
    parent_form = default_registry().get("parent_feedback")
    question = default_registry().in_language(parent_form, "pl").resolve(None).questions[0]
    assert '<html lang="pl"' in page and question.text in page
    with app.app_context():
        assert db.session.scalars(select(Response)).one().language == "pl"
    # Back at the clean start, the next person gets English until they choose.
    again = tablet.get(f"/tablet/{code}").get_data(as_text=True)
    assert '<html lang="en" dir="ltr"' in again


def test_own_phone_start_offers_the_languages(app, chair):
    _conference_id, code = new_conference(chair)
    phone = app.test_client()
    html = phone.get(f"/c/{code}?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in html
    assert f'href="/c/{code}?lang=en" hreflang="en" lang="en" dir="ltr">English</a>' in html
