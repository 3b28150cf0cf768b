"""Choosing a language on the web (issue 16): the list on a survey's first page, the choice
kept on the response and on each answer, and English fallbacks marked lang="en"."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.campaigns.service import create_campaign
from app.core.extensions import db
from app.models import Answer, Response
from surveys import default_registry
from surveys.languages import LANGUAGES
from surveys.translations import Catalogue
from tests.web.helpers import answer_current, csrf_token, make_invitation, path_of

LINK_RE = re.compile(
    r'<a class="govuk-link" href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)" '
    r'dir="([^"]+)">([^<]+)</a>'
)


def _start_link(html: str) -> str:
    return path_of(
        html.split('class="govuk-button govuk-button--start"')[0]
        .rsplit('href="', 1)[1]
        .split('"')[0]
    )


def test_first_page_lists_each_language_in_itself_with_lang_dir_and_hreflang(app, client):
    token = make_invitation(app, "pledge")
    html = client.get(f"/s/{token}").get_data(as_text=True)
    links = LINK_RE.findall(html)
    offered = {"en", *default_registry().languages("pledge")}
    assert {code for _url, code, _l, _d, _n in links} == offered - {"en"}  # English is current
    for url, code, lang, direction, name in links:
        assert lang == code and direction == LANGUAGES[code].direction
        assert name == LANGUAGES[code].own_name  # never the English name
        assert url == f"/s/{token}?lang={code}"
    assert '<span lang="en" dir="ltr">English</span>' in html


def test_a_survey_without_catalogues_offers_no_list(app, client):
    token = make_invitation(app, "practitioner_health_check")
    html = client.get(f"/s/{token}").get_data(as_text=True)
    assert "Read this in another language" not in html


def test_arabic_chosen_on_the_first_page_is_kept_on_the_response_and_each_answer(app, client):
    token = make_invitation(app, "pledge")
    arabic = default_registry().in_language(default_registry().get("pledge"), "ar")
    survey = arabic.resolve("teen")
    start = client.get(f"/s/{token}?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in start
    assert arabic.title in start
    location = _start_link(start)
    question = survey.questions[0]
    page = client.get(location).get_data(as_text=True)  # no ?lang: the session keeps it
    assert '<html lang="ar" dir="rtl"' in page and question.text in page
    reply = answer_current(client, location, question)
    assert reply.status_code == 302
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.language == "ar"
        assert [a.language for a in response.answers] == ["ar"]
    # A new browser with the same link keeps the response's language.
    again = app.test_client().get(f"/s/{token}").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in again
    # Switching on the first page switches the response: later answers say so.
    switched = app.test_client()
    switched.get(f"/s/{token}?lang=pl")
    second = survey.questions[1]
    reply = answer_current(switched, f"/s/{token}/q/{second.key}", second)
    assert reply.status_code == 302
    with app.app_context():
        db.session.expire_all()
        response = db.session.scalars(select(Response)).one()
        by_key = {a.question_key: a.language for a in db.session.scalars(select(Answer))}
        assert response.language == "pl"
        assert by_key == {question.key: "ar", second.key: "pl"}


def test_a_language_not_offered_is_ignored(app, client):
    token = make_invitation(app, "pledge")
    html = client.get(f"/s/{token}?lang=de").get_data(as_text=True)
    assert '<html lang="en" dir="ltr"' in html


def test_open_link_in_polish_starts_a_polish_response(app, client):
    definition = default_registry().get("pledge")
    polish = default_registry().in_language(definition, "pl")
    with app.test_request_context():
        campaign = create_campaign(definition, "open-pl", "Open wave", open_link=True)
        db.session.commit()
        open_token = campaign.open_link_token
    html = client.get(f"/o/{open_token}?lang=pl").get_data(as_text=True)
    assert '<html lang="pl" dir="ltr"' in html
    assert polish.variants["younger"].label in html
    start_key = html.split('name="start_key" type="hidden" value="')[1].split('"')[0]
    reply = client.post(
        f"/o/{open_token}",
        data={"csrf_token": csrf_token(html), "start_key": start_key, "variant": "younger"},
    )
    assert reply.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Response)).one().language == "pl"


def test_a_text_without_a_translation_is_shown_in_english_marked_lang_en(app, client, monkeypatch):
    registry = default_registry()
    definition = registry.get("pledge")
    full = registry.catalogue("pledge", "pl")
    assert full is not None
    survey = definition.resolve("teen")
    first = survey.questions[0]
    path = next(p for p, e in full.entries.items() if e.en == first.text and ".questions." in p)
    entries = {p: e for p, e in full.entries.items() if p != path}
    partial = Catalogue(full.survey, full.language, entries, full.translated_by, full.file)
    monkeypatch.setitem(registry._catalogues, ("pledge", "pl"), partial)  # noqa: SLF001
    monkeypatch.setattr(registry, "_translated", {})
    monkeypatch.setattr(registry, "_untranslated", {})

    token = make_invitation(app, "pledge")
    start = client.get(f"/s/{token}?lang=pl").get_data(as_text=True)
    page = client.get(_start_link(start)).get_data(as_text=True)
    assert '<html lang="pl"' in page
    assert f' lang="en">{first.text}</' in page  # the English question, marked as English
    # A translated text on the same page is not marked.
    option = registry.in_language(definition, "pl").resolve("teen").questions[0].options[0]
    assert f"<span>{option.label}</span>" in page
