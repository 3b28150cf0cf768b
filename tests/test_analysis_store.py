"""Every free-text answer is analysed as it is stored; officers' corrections win and teach."""

from __future__ import annotations

from sqlalchemy import select

from app.core.extensions import db
from app.models import Answer, AnswerAnalysis, Role, User
from app.review import analysis_store
from app.staff.auth import create_user
from surveys import default_registry
from tests.web.helpers import answer_current, make_invitation, path_of

WORDS = "My social worker Dave never rings back, call me on 07700 900123"


def _answer_free_text(app, client, words: str) -> None:
    token = make_invitation(app, "pledge", age_band="13-15")
    survey = default_registry().get("pledge").resolve("teen")
    first, free = survey.questions[0], survey.questions[1]
    reply = answer_current(client, f"/s/{token}/q/{first.key}", first)
    assert path_of(reply.headers["Location"]) == f"/s/{token}/q/{free.key}"
    answer_current(client, f"/s/{token}/q/{free.key}", free, words)
    return token, free


def test_free_text_is_analysed_when_stored_and_redacted(app, client):
    token, free = _answer_free_text(app, client, WORDS)
    with app.app_context():
        analysis = db.session.scalars(select(AnswerAnalysis)).one()
        assert analysis.redacted == "My social worker [name] never rings back, call me on [phone]"
        assert "social worker" in analysis.themes
        assert analysis.sentiment == "neg"
        assert analysis.pledges  # the words, or the question's own pledge
    # Emptying the answer removes what was made of the old words.
    answer_current(client, f"/s/{token}/q/{free.key}", free, "")
    with app.app_context():
        assert db.session.scalars(select(AnswerAnalysis)).all() == []


def test_corrections_win_survive_rebuild_and_teach_new_answers(app, client, runner):
    _answer_free_text(app, client, "the wifi in my flat is rubbish")
    with app.app_context():
        officer = create_user(
            "o@shireford.example", "Officer", Role.PARTICIPATION_OFFICER, "a long enough password"
        )
        analysis = db.session.scalars(select(AnswerAnalysis)).one()
        assert "independence" not in analysis.pledges
        analysis_store.correct(analysis, officer, ["independence"], ["wifi"])
        db.session.commit()
        assert analysis.final_pledges == ["independence"] and analysis.final_themes == ["wifi"]
    result = runner.invoke(args=["analysis", "rebuild"])
    assert result.exit_code == 0 and "Analysed 1 answers." in result.output
    with app.app_context():
        analysis = db.session.scalars(select(AnswerAnalysis)).one()
        assert analysis.final_pledges == ["independence"]  # the machine re-ran; the officer won
        answer = db.session.get(Answer, analysis.answer_id)
        analysis_store.analyse_answer(answer.id, answer.response_id, "the wifi is rubbish")
        db.session.commit()
        db.session.refresh(analysis)
        assert "independence" in analysis.pledges  # learned from the correction
        assert db.session.scalars(select(User)).one().email == "o@shireford.example"


def test_approved_quote_is_redacted_again(app, client):
    _answer_free_text(app, client, WORDS)
    with app.app_context():
        officer = create_user(
            "q@shireford.example", "Officer", Role.PARTICIPATION_OFFICER, "a long enough password"
        )
        analysis = db.session.scalars(select(AnswerAnalysis)).one()
        quote = analysis_store.approve_quote(
            analysis, officer, "Social worker never rings back - ring 07700 900123 or a@b.com"
        )
        assert "07700" not in quote and "a@b.com" not in quote and "[phone]" in quote
