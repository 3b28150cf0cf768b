"""The board's free-text figures, counted in one grouped pass, equal what unpacking every JSON
list in SQL with COUNT(DISTINCT person) gives, on awkward data and on both databases. Tag lists
are stored without repeats, which the one pass relies on. Figures count distinct children (a
respondent, or an anonymous response as one child), not answers."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy import func, true

from app.core.extensions import db
from app.models import AnswerAnalysis, Response, ResponseStatus, now_utc
from app.reporting import figures

from .test_review_actions import make_campaign, seed_answer

# --- The figures as they were counted before: a row per list item, COUNT(DISTINCT) -------------


def _elements(expression, name):
    if db.session.get_bind().dialect.name == "postgresql":
        return func.json_array_elements_text(expression).table_valued("value", name=name)
    return func.json_each(expression).table_valued("value", name=name)


def _final_pledges():
    return func.coalesce(AnswerAnalysis.corrected_pledges, AnswerAnalysis.pledges)


def _final_themes():
    return func.coalesce(AnswerAnalysis.corrected_themes, AnswerAnalysis.themes)


def _person():
    return func.coalesce(Response.respondent_id, -Response.id)


def _query(*columns, scope):
    """The analysis rows of a scope, always with their response (for the person)."""
    query = (
        sa.select(*columns)
        .select_from(AnswerAnalysis)
        .join(Response, Response.id == AnswerAnalysis.response_id)
    )
    return query.where(*scope.where()) if scope is not None else query


def old_theme_counts(scope):
    themes = _elements(_final_themes(), "theme")
    query = _query(themes.c.value, func.count(func.distinct(_person())), scope=scope).join(
        themes, true()
    )
    return Counter(dict(db.session.execute(query.group_by(themes.c.value)).all()))


def old_pledge_theme_counts(scope):
    pledges, themes = _elements(_final_pledges(), "pl"), _elements(_final_themes(), "th")
    query = (
        _query(
            pledges.c.value,
            themes.c.value,
            func.count(func.distinct(_person())),
            scope=scope,
        )
        .join(pledges, true())
        .join(themes, true())
        .group_by(pledges.c.value, themes.c.value)
    )
    found = defaultdict(Counter)
    for pledge, theme, n in db.session.execute(query):
        found[pledge][theme] = n
    return dict(found)


def old_pledge_sentiment_counts(scope):
    pledges = _elements(_final_pledges(), "pl")
    query = (
        _query(
            pledges.c.value,
            AnswerAnalysis.sentiment,
            func.count(func.distinct(_person())),
            scope=scope,
        )
        .join(pledges, true())
        .group_by(pledges.c.value, AnswerAnalysis.sentiment)
    )
    found = defaultdict(Counter)
    for pledge, label, n in db.session.execute(query):
        found[pledge][label] += n
    everyone = (
        _query(pledges.c.value, func.count(func.distinct(_person())), scope=scope)
        .join(pledges, true())
        .group_by(pledges.c.value)
    )
    for pledge, n in db.session.execute(everyone):
        found[pledge]["children"] = n
    return dict(found)


def old_free_text_answers(scope):
    return int(
        db.session.scalar(figures._analysis_query(func.count(AnswerAnalysis.id), scope=scope))
    )


# --- Awkward data ---------------------------------------------------------------------------------


def seed_awkward() -> tuple[int, int]:
    """Two waves of analysed free text: several pledges and themes an answer, items repeated,
    empty lists, officers' corrections (an empty one too), a JSON null, every sentiment, an
    unfinished response and one finished last month."""
    wave = make_campaign("wave-a", "Wave A")
    other = make_campaign("wave-b", "Wave B")
    rows = [
        (["independence"], ["money"], "neg", 7),
        (["independence", "education_work"], ["money", "school"], "pos", 5),
        (["health_wellbeing", "health_wellbeing"], ["school", "school", "friends"], "neu", 6),
        (["listened_participate"], [], "mixed", 5),
        ([], ["housing"], "pos", 4),
        (["safe_stable_home", "independence"], ["School", "school", "family time"], "neg", 3),
        (["positive_relationships"], [None, "friends"], "pos", 2),
    ]
    for pledges, themes, sentiment, n in rows:
        for i in range(n):
            analysis = seed_answer(f"words {i}", campaign=wave, pledges=pledges, themes=themes)
            analysis.sentiment = sentiment
    corrected = seed_answer("corrected", campaign=wave, pledges=["independence"], themes=["money"])
    corrected.corrected_pledges = ["safe_stable_home", "safe_stable_home"]
    corrected.corrected_themes = ["housing"]
    emptied = seed_answer("emptied", campaign=wave, pledges=["independence"], themes=["money"])
    emptied.corrected_themes = []  # an officer took every theme off: not the machine's again
    for i in range(4):
        seed_answer(f"elsewhere {i}", campaign=other, pledges=["independence"], themes=["money"])
    unfinished = seed_answer("unfinished", campaign=wave, pledges=["education_work"])
    response = db.session.get(Response, unfinished.answer.response_id)
    response.status, response.completed_at = ResponseStatus.IN_PROGRESS, None
    earlier = seed_answer("last month", campaign=wave, themes=["school"])
    db.session.get(Response, earlier.answer.response_id).completed_at = now_utc() - timedelta(
        days=40
    )
    db.session.commit()
    return wave.id, other.id


def test_one_grouped_pass_counts_what_unpacking_in_sql_counted(app):
    with app.app_context():
        wave, other = seed_awkward()
        today = now_utc()
        scopes = [
            None,
            figures.Scope(campaign_ids=(wave,), complete_only=True),
            figures.Scope(campaign_ids=(wave,)),
            figures.Scope(campaign_ids=(wave, other), complete_only=True),
            figures.Scope(start=today - timedelta(days=7), end=today + timedelta(days=1)),
            figures.Scope(start=today - timedelta(days=60), end=today - timedelta(days=7)),
            figures.Scope(campaign_ids=(other + 100,), complete_only=True),
        ]
        for scope in scopes:
            said = figures.free_text(scope)
            assert said.answers == old_free_text_answers(scope), scope
            # Every seeded answer is an anonymous response of its own: a child each.
            assert said.children == said.answers, scope
            assert said.themes == old_theme_counts(scope), scope
            assert said.pledge_sentiment == old_pledge_sentiment_counts(scope), scope
            if scope is not None:
                assert said.pledge_themes == old_pledge_theme_counts(scope), scope
                assert figures.pledge_theme_counts(scope) == said.pledge_themes
                assert figures.pledge_sentiment_counts(scope) == said.pledge_sentiment
            assert figures.theme_counts(scope) == said.themes

        # Repeats were dropped as the lists were written, corrections included.
        repeated = db.session.scalars(
            sa.select(AnswerAnalysis).where(AnswerAnalysis.corrected_pledges.is_not(None))
        ).one()
        db.session.refresh(repeated)
        assert repeated.corrected_pledges == ["safe_stable_home"]

        said = figures.free_text(figures.Scope(campaign_ids=(wave,), complete_only=True))
        # Repeated items count once; an emptied correction names no theme.
        assert said.pledge_sentiment["health_wellbeing"] == Counter(neu=6, children=6)
        assert said.themes["school"] == 5 + 6 + 3 + 1 and said.themes["housing"] == 4 + 1
        assert said.pledge_themes["safe_stable_home"] == Counter(
            {"School": 3, "school": 3, "family time": 3, "housing": 1}
        )
        # Equal counts come out by name on both databases, so the pack's "top themes" are stable.
        assert [name for name, _n in said.pledge_themes["safe_stable_home"].most_common(3)] == [
            "School",
            "family time",
            "school",
        ]


def test_one_child_writing_six_times_is_one_child(app):
    from .test_review_actions import person

    with app.app_context():
        wave = make_campaign("wave-c", "Wave C")
        child = person("GT-ONE")
        for i in range(6):
            seed_answer(f"words {i}", campaign=wave, respondent=child, themes=["hit", "school"])
        seed_answer("someone else", campaign=wave, themes=["school"])
        db.session.commit()
        scope = figures.Scope(campaign_ids=(wave.id,), complete_only=True)
        said = figures.free_text(scope)
        assert said.answers == 7 and said.children == 2
        assert said.themes == Counter(hit=1, school=2)
        assert said.pledge_themes["independence"] == Counter(hit=1, school=2)
        assert said.pledge_sentiment["independence"] == Counter(neg=2, children=2)
        assert said.themes == old_theme_counts(scope)
        assert said.pledge_sentiment == old_pledge_sentiment_counts(scope)


def test_the_pack_reads_its_indexes_and_statistics(app):
    with app.app_context():
        indexes = {i["name"] for i in sa.inspect(db.engine).get_indexes("answer_analysis")}
        assert "ix_answer_analysis_quote_approved_at" in indexes
        if db.engine.dialect.name == "postgresql":
            names = db.session.scalars(sa.text("SELECT stxname FROM pg_statistic_ext")).all()
            assert "answer_value_text" in names
        # Approved quotes still come newest first through the partial index.
        wave = make_campaign("wave-q", "Wave Q")
        first = seed_answer("first", campaign=wave)
        second = seed_answer("second", campaign=wave)
        seed_answer("never approved", campaign=wave)
        first.quote, first.quote_approved_at = "first", now_utc() - timedelta(hours=1)
        second.quote, second.quote_approved_at = "second", now_utc()
        db.session.commit()
        quotes = figures.approved_quotes(figures.Scope(campaign_ids=(wave.id,)), limit=None)
        assert [q.quote for q in quotes] == ["second", "first"]
