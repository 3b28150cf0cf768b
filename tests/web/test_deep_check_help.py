"""Issue 14, "Slow checks on the queue", on the web: while the deeper safeguarding check of an
answer may still be running, the page the young person is now on asks whether it raised the
answer (a read-only JSON endpoint on their own link) and shows the help numbers in place; the
page says when it showed them, so they are shown once. Without JavaScript the next page does.

The deep check is a stand-in passed through `SAFEGUARDING_DEEP_CHECK`; its first reading (run
by the testing queue as the answer is saved) finds nothing, and the test then runs it again as
the queue would, finding the worry: a check that finished after the page was shown.
"""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select

from analysis import SafeguardingResult, assess
from app.core.extensions import db
from app.core.tokens import token_hash
from app.models import FlagEvent, Invitation
from app.outbound.deep_checks import run_deep_check
from app.safeguarding import deep_check
from surveys import default_registry

from .helpers import answer_current, make_invitation, path_of, question_key_of
from .test_valid_html import _check

WORDS = "there is a lot going on at home lately"
DATA_CSRF = 'data-gt-csrf="'


class StandIn:
    """A deeper reading that sees the worry only once `finds` is set."""

    def __init__(self) -> None:
        self.finds = False

    def __call__(self, text: str) -> SafeguardingResult | None:
        if not self.finds or "going on at home" not in text:
            return None
        return SafeguardingResult(
            flagged=True,
            category="domestic_abuse",
            categories=("domestic_abuse",),
            matches=("deep_check.stand_in",),
            tier="urgent",
            score=0.9,
        )


@pytest.fixture
def stand_in(app) -> StandIn:
    check = StandIn()
    app.config["SAFEGUARDING_DEEP_CHECK"] = check
    return check


def _to_free_text(app, client, reference: str) -> tuple[str, str, str]:
    """Answer up to the first free-text question with WORDS; returns the token, its question
    key and the page the young person is sent to next."""
    assert not assess(WORDS).flagged  # the request's own check sees nothing
    token = make_invitation(app, "pledge", reference=reference)
    survey = default_registry().get("pledge").resolve("teen")
    location = f"/s/{token}/q/{survey.questions[0].key}"
    while True:
        question = survey.question(question_key_of(location))
        value = WORDS if question.kind == "free_text" else None
        reply = answer_current(client, location, question, value)
        assert reply.status_code == 302
        following = path_of(reply.headers["Location"])
        if question.kind == "free_text":
            assert "/support" not in following
            return token, question.key, following
        location = following


def _to_check(client, location: str) -> str:
    """Answer the rest (ordinary words), on to the check page; returns its address."""
    survey = default_registry().get("pledge").resolve("teen")
    while not urlparse(location).path.endswith("/check"):
        if "/q/" not in location:  # a kind word after a low answer, then on
            location = parse_qs(urlparse(location).query)["next"][0]
            continue
        question = survey.question(question_key_of(location))
        value = "fine" if question.kind == "free_text" else None
        reply = answer_current(client, location, question, value)
        location = path_of(reply.headers["Location"])
    return location


def _response_id(token: str) -> int:
    invitation = db.session.scalars(
        select(Invitation).where(Invitation.token_hash == token_hash(token))
    ).one()
    return invitation.response.id


def _raise(app, stand_in: StandIn, token: str, key: str) -> None:
    """The queue's run of the deep check, finishing after the page was shown."""
    stand_in.finds = True
    with app.app_context():
        assert run_deep_check(_response_id(token), key, None)


def _status(client, token: str) -> dict:
    reply = client.get(f"/s/{token}/deep-check")
    assert reply.status_code == 200
    assert reply.headers["Cache-Control"] == "no-store"
    assert WORDS not in reply.get_data(as_text=True)
    state = reply.get_json()
    assert set(state) == {"pending", "help"}  # nothing else, never the words
    return state


def _help_shown_events(app, token: str) -> int:
    with app.app_context():
        return len(
            db.session.scalars(
                select(FlagEvent).where(FlagEvent.kind == deep_check.HELP_SHOWN)
            ).all()
        )


def _page_csrf(html: str) -> str:
    return html.split(DATA_CSRF, 1)[1].split('"', 1)[0]


def test_a_check_pending_then_raised_shows_the_help_on_the_page_once(app, client, stand_in):
    token, key, following = _to_free_text(app, client, "DEEP-W1")
    page = client.get(following)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # The page waits for the check: the help ready in a <template>, and where to ask.
    assert 'id="deep-help-template"' in html
    assert f'data-gt-deep-check="/s/{token}/deep-check"' in html
    assert "0800 1111" in html.split('id="deep-help-template"', 1)[1]
    assert "deep_check.js" in html and WORDS not in html
    assert _status(client, token) == {"pending": True, "help": False}

    _raise(app, stand_in, token, key)
    # Raised to urgent: nothing more to wait for, the help to show.
    assert _status(client, token) == {"pending": False, "help": True}
    assert _status(client, token)["help"]  # asking changes nothing
    assert _help_shown_events(app, token) == 0

    seen = f"/s/{token}/deep-check/seen"
    assert client.post(seen).status_code == 400  # no CSRF token: refused
    assert _help_shown_events(app, token) == 0
    reply = client.post(seen, headers={"X-CSRFToken": _page_csrf(html)})
    assert reply.status_code == 204
    assert _help_shown_events(app, token) == 1
    assert _status(client, token)["help"] is False
    # Shown once: the next page does not send them to the help page again.
    assert client.get(following).status_code == 200
    client.post(seen, headers={"X-CSRFToken": _page_csrf(html)})
    assert _help_shown_events(app, token) == 1


def test_without_javascript_the_next_page_still_shows_the_help(app, client, stand_in):
    token, key, following = _to_free_text(app, client, "DEEP-W2")
    _raise(app, stand_in, token, key)
    shown = client.get(following)
    assert shown.status_code == 302 and "/support" in shown.headers["Location"]
    page = client.get(path_of(shown.headers["Location"])).get_data(as_text=True)
    assert "0800 1111" in page and WORDS not in page
    assert _status(client, token)["help"] is False
    assert _help_shown_events(app, token) == 1


def test_the_check_page_shows_help_raised_after_the_last_answer_once(app, client, stand_in):
    token, key, location = _to_free_text(app, client, "DEEP-W3")
    location = _to_check(client, location)
    _raise(app, stand_in, token, key)
    page = client.get(location)
    assert page.status_code == 200, page.headers.get("Location")
    html = page.get_data(as_text=True)
    banner = html.split('id="deep-help"', 1)[1]
    assert 'role="alert"' in html and "We want to check you are OK" in banner
    assert "0800 1111" in banner and 'id="deep-help-template"' not in html
    assert WORDS not in html  # the check page keeps back words that triggered help
    assert _help_shown_events(app, token) == 1
    again = client.get(location).get_data(as_text=True)
    # Shown once; the later "fine" answer's check may still be running, so the page may wait.
    shown_again = re.sub(r"<template.*?</template>", "", again, flags=re.S)
    assert "We want to check you are OK" not in shown_again


def test_a_check_that_raises_nothing_shows_nothing_and_the_asking_stops(
    app, client, stand_in, monkeypatch
):
    token, key, following = _to_free_text(app, client, "DEEP-W4")
    with app.app_context():
        assert not run_deep_check(_response_id(token), key, None)
    assert _status(client, token) == {"pending": True, "help": False}
    assert client.get(following).status_code == 200
    # Past the minute a check may take, the page no longer waits, nor says to.
    monkeypatch.setattr(deep_check, "PENDING", timedelta(0))
    assert _status(client, token) == {"pending": False, "help": False}
    html = client.get(following).get_data(as_text=True)
    assert "deep-help" not in html and "deep_check.js" not in html
    assert _help_shown_events(app, token) == 0


def test_another_link_learns_nothing_of_this_one(app, client, stand_in):
    token, key, following = _to_free_text(app, client, "DEEP-W5")
    html = client.get(following).get_data(as_text=True)
    other = make_invitation(app, "pledge", reference="DEEP-W6", slug="wave-other")
    _raise(app, stand_in, token, key)
    assert _status(client, other) == {"pending": False, "help": False}
    assert client.get("/s/not-a-real-token/deep-check").status_code == 404
    # This browser's CSRF token on the other link cannot mark this link's help as shown.
    reply = client.post(f"/s/{other}/deep-check/seen", headers={"X-CSRFToken": _page_csrf(html)})
    assert reply.status_code == 204
    assert _status(client, token)["help"] is True
    assert _help_shown_events(app, token) == 0


def test_no_deep_check_configured_means_no_asking(app, client):
    token = make_invitation(app, "pledge", reference="DEEP-W7")
    assert _status(client, token) == {"pending": False, "help": False}


@pytest.mark.xdist_group("vnu")
def test_the_waiting_page_and_the_shown_help_are_valid_html(app, client, stand_in, tmp_path):
    token, key, following = _to_free_text(app, client, "DEEP-W8")
    pages = {"waiting": client.get(following).get_data(as_text=True)}
    check_page = _to_check(client, following)
    _raise(app, stand_in, token, key)
    done = client.get(check_page)  # the check page shows it without JavaScript
    pages["help"] = done.get_data(as_text=True)
    assert "0800 1111" in pages["help"] and "We want to check you are OK" in pages["help"]
    folder = tmp_path / "pages"
    folder.mkdir()
    assert _check(pages, folder) == []


def test_the_asking_is_rate_limited_per_link(app, client, stand_in, monkeypatch):
    from app.responses import deep_check_help

    token, _key, _following = _to_free_text(app, client, "DEEP-W9")
    monkeypatch.setattr(deep_check_help, "POLL_LIMIT", "3 per minute")
    codes = [client.get(f"/s/{token}/deep-check").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    # Another link is counted on its own.
    other = make_invitation(app, "pledge", reference="DEEP-W10", slug="wave-limit")
    assert client.get(f"/s/{other}/deep-check").status_code == 200
