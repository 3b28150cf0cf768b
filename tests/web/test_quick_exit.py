"""The quick exit (GOV.UK "Exit this page") is on every page a respondent can reach: the survey,
its help, support and check-out pages, the public pages, the kind link problems and every error
page (issue 16, point 7). The tablet's pages are walked in tests/web/test_wcag_browser.py."""

from __future__ import annotations

import pytest
from flask import render_template
from werkzeug.exceptions import InternalServerError, ServiceUnavailable, TooManyRequests

from .helpers import answer_current, csrf_token, make_invitation, path_of, question_key_of

EXIT = "govuk-exit-this-page__button"


def has_exit(html: str) -> bool:
    return html.count(EXIT) == 1 and 'data-module="govuk-exit-this-page"' in html


def test_every_survey_page_type_has_the_quick_exit(app, client):
    token = make_invitation(app, "pledge", age_band="13-15", reference="EXIT-1")
    pages = {"start": f"/s/{token}", "feeling": f"/s/{token}/feeling"}
    pages["support"] = f"/s/{token}/support"
    for name, url in pages.items():
        assert has_exit(client.get(url).get_data(as_text=True)), name
    from surveys import default_registry

    survey = default_registry().get("pledge").resolve("teen")
    location = f"/s/{token}/q/{survey.questions[0].key}"
    page = client.get(location).get_data(as_text=True)
    assert has_exit(page), "question"
    error = client.post(location, data={"csrf_token": csrf_token(page)}).get_data(as_text=True)
    assert "govuk-error-summary" in error and has_exit(error), "question with an error"
    while "/q/" in location:
        reply = answer_current(client, location, survey.question(question_key_of(location)))
        location = path_of(reply.headers["Location"]).split("next=", 1)[-1]
    check = client.get(location).get_data(as_text=True)
    assert "Check your answers" in check and has_exit(check), "check"
    done = client.post(f"/s/{token}/submit", data={"csrf_token": csrf_token(check)})
    assert has_exit(client.get(path_of(done.headers["Location"])).get_data(as_text=True)), "done"


@pytest.mark.parametrize("path", ["/", "/help", "/privacy", "/you-said-we-did", "/no-such-page"])
def test_public_and_not_found_pages_have_the_quick_exit(client, path):
    assert has_exit(client.get(path).get_data(as_text=True))


def test_link_problems_and_refused_requests_have_the_quick_exit(app, client):
    token = make_invitation(app, "pledge", age_band="13-15", reference="EXIT-2")
    assert has_exit(client.get("/s/not-a-real-link").get_data(as_text=True))
    refused = client.post(f"/s/{token}/q/health_rating", data={"answer": "3"})  # no CSRF token
    assert refused.status_code == 400 and has_exit(refused.get_data(as_text=True))
    too_big = client.post(f"/s/{token}/q/x", data={"answer": "x" * 400_000})
    assert too_big.status_code == 413 and has_exit(too_big.get_data(as_text=True))


@pytest.mark.parametrize(
    ("template", "error"),
    [
        ("errors/429.html", TooManyRequests()),
        ("errors/500.html", InternalServerError()),
        ("errors/503.html", ServiceUnavailable()),
        ("errors/generic.html", InternalServerError()),
    ],
)
def test_error_pages_have_the_quick_exit(app, template, error):
    with app.test_request_context("/s/anything"):
        assert has_exit(render_template(template, error=error))
