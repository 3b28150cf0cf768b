"""The check-your-answers page in the page's language: the service's own words for an answer
(a face's word, "3 out of 5", "Not answered") go through the interface catalogue, the survey's
own words come translated with the survey, and no emoji is shown (issue 16)."""

from __future__ import annotations

import pytest

from app import create_app
from app.responses import answering
from surveys import default_registry
from surveys.pager import Pager


@pytest.fixture
def polish_younger():
    registry = default_registry()
    return registry.in_language(registry.get("pledge"), "pl").resolve("younger")


def test_interface_words_are_translated_and_survey_words_kept(monkeypatch, polish_younger):
    survey = polish_younger
    asked: list[tuple[str, dict]] = []

    def catalogue(text: str, **params) -> str:  # stands in for Flask-Babel's gettext
        asked.append((text, params))
        return f"<pl>{text % params if params else text}</pl>"

    monkeypatch.setattr(answering, "gettext", catalogue)
    faces = survey.question("health_rating")
    labelled = survey.question("listened_rating")
    assert faces.scale.faces and not faces.scale.labels
    assert labelled.scale.labels
    answers = {q.key: None for q in survey.questions}
    answers |= {"health_rating": 5, "listened_rating": 3}
    with create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"}).app_context():
        rows = {
            row.question.key: row.answer
            for section in answering.check_sections(Pager(survey, answers), frozenset())
            for row in section.rows
        }
    assert rows["health_rating"] == "<pl>Very happy</pl>"
    assert rows["listened_rating"] == labelled.scale.labels[3]  # Polish, from the survey
    assert "<pl>" not in rows["listened_rating"]
    assert rows["health_more"] == "<pl>Not answered</pl>"
    assert ("Very happy", {}) in asked
    assert not any(ord(c) >= 0x1F300 for text in rows.values() for c in text)  # no emoji


def test_a_numbered_point_is_worded_by_the_catalogue(monkeypatch):
    from surveys.kinds import OUT_OF, Scale, ScaleSpec

    shown = Scale(ScaleSpec(1, 5)).shown(3)
    with create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"}).app_context():
        from flask_babel import force_locale, gettext

        with force_locale("pl"):
            worded = gettext(shown.text, **shown.params)
    assert shown.text == OUT_OF and shown.interface
    # Translated once the catalogue has it; until then the English, never the placeholders.
    assert "3" in worded and "5" in worded and "%(" not in worded
