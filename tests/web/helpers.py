"""Driving the survey pages like a person with a phone: GET a page, post its form."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from app.campaigns.service import create_campaign, invite
from app.core.extensions import db
from app.models import Cohort, Respondent
from surveys import Question, default_registry


def path_of(location: str) -> str:
    parsed = urlparse(location)
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


def make_invitation(
    app,
    survey_key: str,
    *,
    age_band: str | None = "13-15",
    cohort: Cohort = Cohort.CLA,
    reference: str = "T-1",
    slug: str | None = None,
    **campaign_args: Any,
) -> str:
    """A campaign for the survey and one invitation; returns the raw token."""
    definition = default_registry().get(survey_key)
    with app.test_request_context():
        person = Respondent(reference=reference, cohort=cohort, age_band=age_band)
        db.session.add(person)
        campaign = create_campaign(
            definition,
            slug or f"wave-{survey_key}-{reference}",
            f"Wave {survey_key}",
            **campaign_args,
        )
        _inv, token = invite(campaign, definition, person, days_valid=30)
        db.session.commit()
        return token


def form_value(question: Question, text: str = "It was fine, thanks") -> Any:
    if question.kind == "free_text":
        return text
    if question.kind == "multiple_choice":
        return [question.options[0].value, question.options[-1].value]
    return question.options[0].value


def answer_current(client, location: str, question: Question, value: Any = None):
    """Post an answer on the question page at `location`; returns the response."""
    page = client.get(location)
    assert page.status_code == 200, (location, page.status_code)
    html = page.get_data(as_text=True)
    value = form_value(question) if value is None else value
    return client.post(location, data={"csrf_token": csrf_token(html), "answer": value})


def question_key_of(location: str) -> str:
    return location.rstrip("/").split("/q/")[1].split("?")[0]


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)
