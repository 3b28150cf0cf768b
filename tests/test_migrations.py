"""Migrations build the schema from nothing on both databases, and match the models exactly."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from app import create_app
from app.core.extensions import db
from app.models import AnswerAnalysis


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite'}"
    return request.getfixturevalue("postgres").new_database()


def test_upgrade_from_empty_has_no_drift_and_downgrades(empty_database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "SECRET_KEY": "t"})
    with app.app_context():
        assert sa.inspect(db.engine).get_table_names() == []
        upgrade()
        tables = set(sa.inspect(db.engine).get_table_names())
        assert {"respondent", "campaign", "invitation", "response", "answer"} <= tables
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        downgrade(revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_0009_gives_analyses_their_response_and_drops_repeated_tags(empty_database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "SECRET_KEY": "t"})
    with app.app_context():
        upgrade(revision="0008")
        now = "2026-11-01 10:00:00+00:00"
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO campaign (id, slug, name, survey_key, survey_version, status, "
                    "created_at) VALUES (1, 'wave', 'Wave', 'pledge', 1, 'open', :now)"
                ),
                {"now": now},
            )
            for response_id in (1, 2):
                conn.execute(
                    sa.text(
                        "INSERT INTO response (id, campaign_id, survey_key, survey_version, "
                        "channel, status, started_at, updated_at, completed_at) VALUES "
                        "(:id, 1, 'pledge', 1, 'web', 'complete', :now, :now, :now)"
                    ),
                    {"id": response_id, "now": now},
                )
            for answer_id, response_id in ((10, 1), (11, 2), (12, 2)):
                conn.execute(
                    sa.text(
                        "INSERT INTO answer (id, response_id, question_key, value, value_text, "
                        "answered_at, updated_at) VALUES "
                        "(:id, :response, :key, '\"words\"', 'words', :now, :now)"
                    ),
                    {"id": answer_id, "response": response_id, "key": f"q{answer_id}", "now": now},
                )
            rows = [
                (10, '["home", "home", "school"]', "[]", None, '["wifi", "wifi"]'),
                (11, '["home"]', '["money"]', '["work", "work"]', None),
                (12, '["home"]', '["money", "friends"]', None, None),
            ]
            for answer_id, pledges, themes, fixed_pledges, fixed_themes in rows:
                conn.execute(
                    sa.text(
                        "INSERT INTO answer_analysis (answer_id, pledges, themes, sentiment, "
                        "polarity, redacted, analysed_at, corrected_pledges, corrected_themes) "
                        "VALUES (:answer, :pledges, :themes, 'neu', 0, 'words', :now, "
                        ":fixed_pledges, :fixed_themes)"
                    ),
                    {
                        "answer": answer_id,
                        "pledges": pledges,
                        "themes": themes,
                        "fixed_pledges": fixed_pledges,
                        "fixed_themes": fixed_themes,
                        "now": now,
                    },
                )
        upgrade()
        found = {
            row.answer_id: row
            for row in db.session.execute(
                sa.select(
                    AnswerAnalysis.answer_id,
                    AnswerAnalysis.response_id,
                    AnswerAnalysis.pledges,
                    AnswerAnalysis.themes,
                    AnswerAnalysis.corrected_pledges,
                    AnswerAnalysis.corrected_themes,
                )
            )
        }
        assert {a: row.response_id for a, row in found.items()} == {10: 1, 11: 2, 12: 2}
        assert found[10].pledges == ["home", "school"] and found[10].themes == []
        assert found[10].corrected_pledges is None and found[10].corrected_themes == ["wifi"]
        assert found[11].corrected_pledges == ["work"] and found[11].corrected_themes is None
        assert found[12].themes == ["money", "friends"]  # no repeats: left as it was, in order
        db.session.remove()
        downgrade(revision="0008")
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("answer_analysis")}
        assert "response_id" not in columns
        db.engine.dispose()


def test_0010_starts_answers_unread_except_those_already_reviewed(empty_database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "SECRET_KEY": "t"})
    with app.app_context():
        upgrade(revision="0009")
        now = "2026-11-01 10:00:00+00:00"
        later = "2026-11-02 09:30:00+00:00"
        with db.engine.begin() as conn:
            run = conn.execute
            run(
                sa.text(
                    "INSERT INTO staff_user (id, email, name, role, password_hash, active, "
                    "on_duty, failed_logins, session_version, created_at) VALUES "
                    "(7, 'o@x.example', 'O', 'participation_officer', 'x', true, false, 0, 1, "
                    ":now)"
                ),
                {"now": now},
            )
            run(
                sa.text(
                    "INSERT INTO campaign (id, slug, name, survey_key, survey_version, status, "
                    "created_at) VALUES (1, 'wave', 'Wave', 'pledge', 1, 'open', :now)"
                ),
                {"now": now},
            )
            run(
                sa.text(
                    "INSERT INTO response (id, campaign_id, survey_key, survey_version, "
                    "channel, status, started_at, updated_at) VALUES "
                    "(1, 1, 'pledge', 1, 'web', 'in_progress', :now, :now)"
                ),
                {"now": now},
            )
            # 10 flagged and acknowledged; 11 corrected; 12 revealed (twice); 13 untouched.
            for answer_id in (10, 11, 12, 13):
                run(
                    sa.text(
                        "INSERT INTO answer (id, response_id, question_key, value, value_text, "
                        "answered_at, updated_at) VALUES "
                        "(:id, 1, :key, '\"words\"', 'words', :now, :now)"
                    ),
                    {"id": answer_id, "key": f"q{answer_id}", "now": now},
                )
                run(
                    sa.text(
                        "INSERT INTO answer_analysis (answer_id, response_id, pledges, themes, "
                        "sentiment, polarity, redacted, safeguarding_category, analysed_at, "
                        "corrected_at, corrected_by, corrected_pledges) VALUES (:id, 1, '[]', "
                        "'[]', 'neu', 0, 'words', :category, :now, :corrected, :by, :fixed)"
                    ),
                    {
                        "id": answer_id,
                        "category": "self_harm" if answer_id == 10 else None,
                        "now": now,
                        "corrected": later if answer_id == 11 else None,
                        "by": 7 if answer_id == 11 else None,
                        "fixed": '["home"]' if answer_id == 11 else None,
                    },
                )
            run(
                sa.text(
                    "INSERT INTO safeguarding_flag (source_key, channel, category, categories, "
                    "rules, text, text_hash, response_id, question_key, created_at, "
                    "acknowledged_at, acknowledged_by, outcome) VALUES ('response:1:q10', 'web', "
                    "'self_harm', '[]', '[]', 'words', 'h', 1, 'q10', :now, :later, 7, "
                    "'false_alarm')"
                ),
                {"now": now, "later": later},
            )
            for at in (later, "2026-11-03 09:00:00+00:00"):
                run(
                    sa.text(
                        "INSERT INTO audit_event (at, user_id, action, object_type, object_id) "
                        "VALUES (:at, 7, 'answer.revealed', 'Answer', '12')"
                    ),
                    {"at": at},
                )
        upgrade()
        from app.reading.models import AnswerReading

        tiers = dict(
            db.session.execute(sa.select(AnswerAnalysis.answer_id, AnswerAnalysis.tier)).all()
        )
        assert tiers == {10: "urgent", 11: "routine", 12: "routine", 13: "routine"}
        found = {
            r.answer_id: (r.read_by, r.read_at.isoformat(), r.due_at)
            for r in db.session.scalars(sa.select(AnswerReading))
        }
        first = "2026-11-02T09:30:00+00:00"
        assert found == {10: (7, first, None), 11: (7, first, None), 12: (7, first, None)}
        db.session.remove()
        downgrade(revision="0009")
        assert "answer_reading" not in sa.inspect(db.engine).get_table_names()
        db.engine.dispose()


def test_0011_keeps_genders_it_can_read_and_clears_free_text(empty_database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "SECRET_KEY": "t"})
    before = {1: " f ", 2: "MALE", 3: "Non binary", 4: "Jane Smith", 5: None}
    before[6] = "Prefer not to say"
    with app.app_context():
        upgrade(revision="0010")
        with db.engine.begin() as conn:
            for person, gender in before.items():
                conn.execute(
                    sa.text(
                        "INSERT INTO respondent (id, reference, cohort, gender, "
                        "preferred_channel, consent_to_contact, created_at) VALUES "
                        "(:id, :ref, 'cla', :gender, 'web', false, '2026-11-01 10:00:00+00:00')"
                    ),
                    {"id": person, "ref": f"R-{person}", "gender": gender},
                )
        upgrade()
        with db.engine.connect() as conn:
            after = dict(conn.execute(sa.text("SELECT id, gender FROM respondent")).all())
        db.engine.dispose()
    assert after == {
        1: "Female",
        2: "Male",
        3: "Non-binary",
        4: None,  # a name typed into the column does not stay
        5: None,
        6: "Prefer not to say",
    }


def test_0014_accepts_whatsapp_and_downgrades_keeping_the_rows(empty_database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "SECRET_KEY": "t"})
    now = "2026-12-01 10:00:00+00:00"
    insert = sa.text(
        "INSERT INTO inbound_message (sid, channel, phone_hash, received_at, held_back) "
        "VALUES (:sid, :channel, 'h', :now, false)"
    )
    with app.app_context():
        upgrade(revision="0013")
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as conn:
            conn.execute(insert, {"sid": "before", "channel": "whatsapp", "now": now})
        upgrade()
        with db.engine.begin() as conn:
            conn.execute(insert, {"sid": "wa:1", "channel": "whatsapp", "now": now})
            conn.execute(
                sa.text(
                    "INSERT INTO whatsapp_contact (phone_hash, opted_out, opted_in_at, created_at)"
                    " VALUES ('h', false, :now, :now)"
                ),
                {"now": now},
            )
        downgrade(revision="0013")
        with db.engine.begin() as conn:
            rows = conn.execute(sa.text("SELECT sid, channel FROM inbound_message")).all()
            assert [tuple(row) for row in rows] == [("wa:1", "sms")]  # kept, as a text
            with pytest.raises(sa.exc.IntegrityError), conn.begin_nested():
                conn.execute(insert, {"sid": "after", "channel": "whatsapp", "now": now})
        assert "whatsapp_contact" not in sa.inspect(db.engine).get_table_names()
        db.engine.dispose()
