"""Respondents' preferred language from the CSV import (issue 16): validated against the
languages we offer, and an invitation link then opens in that language."""

from __future__ import annotations

from html import unescape as html_unescape

from app.campaigns.service import create_campaign, invite
from app.core.extensions import db
from app.models import Cohort, Response
from surveys import default_registry

from .test_import import confirm, import_file, officer, people, problems_on, upload

HEADER = b"reference,cohort,age_band,preferred_language\n"


def test_preferred_language_is_read_by_code_or_name_and_english_is_none(app, make_user):
    client = officer(app, make_user)
    rows = b"L-1,CLA,13-15,pl\nL-2,CLA,13-15,Polski\nL-3,CLA,13-15,Arabic\nL-4,CLA,13-15,\n"
    rows += b"L-5,CLA,13-15,English\nL-6,CLA,13-15,ckb\n"
    listing = import_file(client, HEADER + rows)
    assert "6 new" in listing
    with app.app_context():
        held = people()
        assert held["L-1"].preferred_language == "pl"
        assert held["L-2"].preferred_language == "pl"
        assert held["L-3"].preferred_language == "ar"
        assert held["L-4"].preferred_language is None
        assert held["L-5"].preferred_language is None
        assert held["L-6"].preferred_language == "ckb"


def test_an_unknown_language_is_refused_naming_its_row_and_the_choices(app, make_user):
    client = officer(app, make_user)
    _url, html = upload(client, HEADER + b"L-1,CLA,13-15,pl\nL-2,CLA,13-15,Klingon\n")
    found = problems_on(html)
    assert len(found) == 1, found
    assert found[0].startswith("Row 3, column preferred_language:")
    message = html_unescape(found[0]).split(": ", 1)[1]
    assert message.startswith('"Klingon" is not a language we offer')
    assert "pl (Polish)" in found[0] and "ar (Arabic)" in found[0]


def test_a_reimport_without_the_column_keeps_the_language(app, make_user):
    client = officer(app, make_user)
    import_file(client, HEADER + b"L-1,CLA,13-15,ro\n")
    review_url, _html = upload(client, b"reference,cohort,age_band\nL-1,CLA,13-15\n")
    confirm(client, review_url, "all")
    with app.app_context():
        assert people()["L-1"].preferred_language == "ro"


def test_an_invitation_link_opens_in_the_preferred_language(app, make_user):
    client = officer(app, make_user)
    import_file(client, HEADER + b"L-1,CLA,13-15,pl\n")
    with app.app_context():
        definition = default_registry().get("pledge")
        campaign = create_campaign(definition, "wave-pl", "Pledge wave", cohort=Cohort.CLA)
        _invitation, token = invite(campaign, definition, people()["L-1"], days_valid=30)
        db.session.commit()
    catalogue = default_registry().catalogue("pledge", "pl")
    assert catalogue is not None
    polish_title = catalogue.entries["title"].text
    visitor = app.test_client()
    start = visitor.get(f"/s/{token}").get_data(as_text=True)
    assert '<html lang="pl" dir="ltr"' in start
    assert polish_title in start
    # Choosing English on the first page wins over the preferred language.
    english = visitor.get(f"/s/{token}?lang=en").get_data(as_text=True)
    assert '<html lang="en" dir="ltr"' in english
    with app.app_context():
        assert db.session.query(Response).count() == 0  # nothing stored until an answer
