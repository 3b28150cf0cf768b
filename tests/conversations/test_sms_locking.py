"""Two texts from one phone at once: the second waits for the first's lock on the conversation,
then reads the answers the first stored (PostgreSQL reads the conversation, its response and
its answers in one statement; after a lock wait its subqueries would see an older snapshot)."""

from __future__ import annotations

import threading
import time

import pytest

from app.conversations import outcome
from app.conversations.store import Delivery
from app.core.extensions import db
from app.core.phones import normalise, vault
from app.models import Channel
from app.responses import service as svc

from .twilio_helpers import messages, sms_app, sms_respondent, text

PHONE = "07700 900463"


@pytest.mark.postgres
def test_text_that_waited_for_the_lock_reads_the_answers_stored_meanwhile(postgres):
    app = sms_app(postgres.new_database())
    try:
        sms_respondent(app, PHONE, reference="LOCK-1")
        assert "Q1/13" in messages(text(app.test_client(), PHONE, "hi"))[0]
        with app.app_context():
            phone_hash = vault().hash(normalise(PHONE))
        seen: dict[str, object] = {}

        def second_text() -> None:
            with app.app_context():
                work = Delivery()
                waited, _opted_out = work.active(Channel.SMS, phone_hash)
                assert waited is not None
                seen["question"] = waited.question_key
                seen["answers"] = outcome.survey_state(work, waited)[1]
                db.session.rollback()

        with app.app_context():
            work = Delivery()
            first, _opted_out = work.active(Channel.SMS, phone_hash)
            assert first is not None and first.answers == {}  # read with the row, no wait
            survey, _answers = outcome.survey_state(work, first)
            question = survey.question(first.question_key)
            other = threading.Thread(target=second_text)
            other.start()
            time.sleep(0.5)  # let it reach the lock (it waits however long this takes)
            svc.save_answer(first.response, question, 4)
            first.question_key = "health_more"
            work.save(first)
            db.session.commit()
        other.join(timeout=30)
        assert seen == {"question": "health_more", "answers": {question.key: 4}}
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
