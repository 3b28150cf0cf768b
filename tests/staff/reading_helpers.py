"""Answers written through the real survey pages and the signed SMS webhook, for the read queue's
tests, and a detector with tiers (as the `tiers` branch will give it) standing in for today's."""

from __future__ import annotations

import dataclasses
import itertools
import re
from datetime import datetime
from typing import Any

from sqlalchemy import select

from analysis import SafeguardingResult
from app.core.extensions import db
from app.core.times import UK
from app.models import Answer, AnswerAnalysis
from app.responses import service as responses_service
from surveys import default_registry
from tests.conversations.twilio_helpers import sms_respondent, text
from tests.web.helpers import answer_current, csrf_token, make_invitation, path_of, question_key_of

SURVEY = default_registry().get("pledge").resolve("teen")
FREE = next(q for q in SURVEY.questions if q.kind == "free_text")
_children = itertools.count(1)


def uk(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UK)


def web_answer(app, words: str) -> int:
    """A child (a new invitation) writes `words` at the survey's first free-text question, on
    the web; returns the answer's id."""
    return web_child(app, words)[0]


def web_child(app, words: str) -> tuple[int, Any, str]:
    """As `web_answer`; also the child's browser and the question page, to come back to."""
    n = next(_children)
    token = make_invitation(app, "pledge", reference=f"READ-{n}", slug=f"read-wave-{n}")
    child = app.test_client()
    child.get(f"/s/{token}")
    location = f"/s/{token}/q/{SURVEY.questions[0].key}"
    while question_key_of(location) != FREE.key:
        reply = answer_current(child, location, SURVEY.question(question_key_of(location)))
        location = path_of(reply.headers["Location"])
    reply = answer_current(child, location, FREE, words)
    assert reply.status_code == 302, reply.get_data(as_text=True)[:2000]
    return answer_id_of(app, words), child, location


def sms_answer(app, client, phone: str, words: str) -> int:
    """A child texts `words` as the answer to the SMS survey's free-text question."""
    sms_respondent(app, phone, reference=f"SMS-READ-{next(_children)}")
    text(client, phone, "hi").close()
    text(client, phone, "2").close()  # Q1 is a scale; Q2 is free text
    text(client, phone, words).close()
    return answer_id_of(app, words)


def answer_id_of(app, words: str) -> int:
    with app.app_context():
        return db.session.scalars(select(Answer.id).where(Answer.value_text == words)).one()


def analysis_id_of(app, answer_id: int) -> int:
    with app.app_context():
        return db.session.scalars(
            select(AnswerAnalysis.id).where(AnswerAnalysis.answer_id == answer_id)
        ).one()


def detector_with_tiers(monkeypatch, tiers: dict[str, tuple[str, float]]) -> None:
    """The web path's detector gives these words this (tier, score); others keep today's."""
    real = responses_service.assess

    def assess(words: str) -> SafeguardingResult:
        result = real(words)
        if words not in tiers:
            return result
        tier, score = tiers[words]
        return dataclasses.replace(result, tier=tier, score=score)

    monkeypatch.setattr(responses_service, "assess", assess)


ROW_RE = re.compile(r'<tr class="govuk-table__row" data-answer="(\d+)" data-tier="(\w+)"')


def queue_rows(html: str) -> list[tuple[int, str]]:
    """(answer id, tier) of each row of the read queue, in the order shown."""
    return [(int(a), tier) for a, tier in ROW_RE.findall(html)]


def mark(client, *answer_ids: int, only: int | None = None, query: str = ""):
    """Tick answers (or press one row's own button) on the queue page and submit."""
    page = client.get(f"/staff/reading{query}")
    data: dict[str, object] = {"csrf_token": csrf_token(page.get_data(as_text=True))}
    data["confirm"] = "yes"
    if only is not None:
        data["only"] = str(only)
    data["answer"] = [str(a) for a in answer_ids]
    return client.post(f"/staff/reading/read{query}", data=data)
