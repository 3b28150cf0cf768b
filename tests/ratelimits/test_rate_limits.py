"""Rate limits (issue 15.12), through HTTP, on SQLite and PostgreSQL, counted in memory and in
the machine's real Redis, with requests sent at once from threads.

Open-link starts and sign-ins over the limit get a kind 429 page with Retry-After; a text over
its number's limit is kept and checked for a disclosure, never answered or counted.
"""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from unittest.mock import patch

import limits
import limits.storage
import limits.strategies
import redis
from sqlalchemy import func, select

from app.campaigns.service import create_campaign
from app.core.extensions import db, limiter
from app.core.phones import normalise, vault
from app.models import Answer, InboundMessage, Response, Role, SafeguardingFlag, SmsContact
from surveys import default_registry
from tests.conversations.twilio_helpers import messages, new_sid, sms_respondent, text
from tests.staff.staff_helpers import PASSWORD, sign_in
from tests.web.helpers import csrf_token

from .conftest import REDIS_URL

START_KEY = re.compile(r'name="start_key" type="hidden" value="([^"]+)"')
KIND_WORDS = "Please wait a minute"
OTHER_CLIENT = {"REMOTE_ADDR": "127.0.0.2"}


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def at_once(calls):
    """Run the calls together (a barrier lines them up), returning their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def assert_redis_counted(app):
    """With Redis as the store, the counts really are in Redis (not a memory fallback)."""
    if app.redis_prefix is None:
        return
    server = redis.Redis.from_url(REDIS_URL)
    assert list(server.scan_iter(f"*{app.redis_prefix}*")), "nothing counted in Redis"
    server.close()


def assert_kind_429(reply):
    assert reply.status_code == 429
    assert int(reply.headers["Retry-After"]) > 0
    page = reply.get_data(as_text=True)
    assert KIND_WORDS in page and "You have not done anything wrong" in page
    assert 'class="govuk-heading-l"' in page and "/help" in page


# --- The open (poster) link -------------------------------------------------------------------


def open_link(app) -> str:
    with app.test_request_context():
        campaign = create_campaign(
            default_registry().get("pledge"), "poster", "Poster", open_link=True
        )
        db.session.commit()
        return campaign.open_link_token


def start_on_open_link(app, token: str, environ=None):
    """One person's start on the poster link, from their own browser."""
    client = app.test_client()
    if environ:
        client.environ_base.update(environ)
    html = client.get(f"/o/{token}").get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(html),
        "start_key": START_KEY.search(html).group(1),
        "variant": "teen",
    }
    return lambda: client.post(f"/o/{token}", data=data)


def test_open_link_starts_are_limited_per_client_even_all_at_once(app):
    app.config["OPEN_LINK_RATE_LIMIT"] = "4 per minute;50 per day"
    token = open_link(app)
    starts = [start_on_open_link(app, token) for _ in range(12)]
    replies = at_once(starts)
    started = [r for r in replies if r.status_code == 302]
    refused = [r for r in replies if r.status_code != 302]
    assert len(started) == 4, [r.status_code for r in replies]
    for reply in refused:
        assert_kind_429(reply)
    with app.app_context():
        # Nobody can fill the figures (or the duty inbox) through the poster link.
        assert count(Response) == 4
    # Reading the page is never limited, and another client still starts.
    assert app.test_client().get(f"/o/{token}").status_code == 200
    assert start_on_open_link(app, token, OTHER_CLIENT)().status_code == 302
    assert_redis_counted(app)


# --- Sign-in ----------------------------------------------------------------------------------


def test_sign_in_attempts_are_limited_per_client_even_all_at_once(app, make_user):
    app.config["SIGN_IN_RATE_LIMIT"] = "3 per minute"
    _id, email = make_user(Role.PARTICIPATION_OFFICER)

    def guess(password: str, environ=None):
        client = app.test_client()
        if environ:
            client.environ_base.update(environ)
        html = client.get("/staff/login").get_data(as_text=True)
        data = {"csrf_token": csrf_token(html), "email": email, "password": password}
        return lambda: client.post("/staff/login", data=data)

    replies = at_once([guess(f"wrong guess {n}") for n in range(10)])
    assert sorted(r.status_code for r in replies) == [200] * 3 + [429] * 7
    for reply in replies:
        if reply.status_code == 429:
            assert_kind_429(reply)
    # Over the limit even the right password waits, and so does the second-factor step.
    assert guess(PASSWORD)().status_code == 429
    second = app.test_client()
    token = csrf_token(second.get("/staff/login").get_data(as_text=True))
    code = {"csrf_token": token, "code": "123456"}
    assert second.post("/staff/login/code", data=code).status_code == 429
    # Someone signing in from elsewhere is not held up.
    elsewhere = app.test_client()
    elsewhere.environ_base.update(OTHER_CLIENT)
    assert sign_in(elsewhere, email).status_code == 302
    assert_redis_counted(app)


# --- Inbound texts ----------------------------------------------------------------------------

PHONE = "07700 900123"
OTHER_PHONE = "07700 900456"


def texts_from(app, phone: str) -> list[InboundMessage]:
    """The texts received from `phone`, oldest first (inside an app context)."""
    phone_hash = vault().hash(normalise(phone))
    where = InboundMessage.phone_hash == phone_hash
    return db.session.scalars(select(InboundMessage).where(where).order_by(InboundMessage.id)).all()


def test_texts_over_a_numbers_limit_are_kept_and_checked_but_not_answered(app):
    app.config["SMS_INBOUND_RATE_LIMIT"] = "3 per minute"
    sms_respondent(app, PHONE)
    client = app.test_client()
    assert "1/" in messages(text(client, PHONE, "hi"))[0]  # the first question
    assert messages(text(client, PHONE, "4"))  # answered, on to the next
    assert messages(text(client, PHONE, "3"))
    with app.app_context():
        answers = count(Answer)
    assert answers == 2

    # Over the limit: no reply and nothing counted, but the text is kept.
    assert messages(text(client, PHONE, "5")) == []
    # A possible disclosure still reaches the duty inbox, with the number to reach them.
    disclosure = "my stepdad hits me when mum is out"
    assert messages(text(client, PHONE, disclosure)) == []
    # STOP is always honoured.
    assert messages(text(client, PHONE, "STOP"))
    with app.app_context():
        assert count(Answer) == answers
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.text == disclosure and flag.phone_encrypted
        assert vault().decrypt(flag.phone_encrypted) == normalise(PHONE)
        inbound = texts_from(app, PHONE)
        assert len(inbound) == 6  # nothing dropped
        assert [m.held_back for m in inbound] == [False, False, False, True, True, False]
        assert db.session.scalars(select(SmsContact)).one().opted_out
    # Another number is not held back.
    assert messages(text(client, OTHER_PHONE, "hi"))
    assert_redis_counted(app)


def test_a_burst_of_texts_from_one_number_keeps_every_one(app):
    app.config["SMS_INBOUND_RATE_LIMIT"] = "3 per minute"
    sms_respondent(app, PHONE)
    bodies = ["hi", "4", "3", "5", "2", "1", "yes", "no", "4", "I want to hurt myself"]
    sids = [new_sid() for _ in bodies]

    def send(body: str, sid: str):
        client = app.test_client()
        return lambda: text(client, PHONE, body, sid=sid)

    replies = at_once([send(b, s) for b, s in zip(bodies, sids, strict=True)])
    assert all(r.status_code == 200 for r in replies)
    with app.app_context():
        inbound = texts_from(app, PHONE)
        assert sorted(m.sid for m in inbound) == sorted(f"sms:{s}" for s in sids)
        assert sum(not m.held_back for m in inbound) == 3
        # Whether answered or held back, the disclosure is flagged.
        flags = db.session.scalars(select(SafeguardingFlag)).all()
        assert [f.text for f in flags] == ["I want to hurt myself"]
    # Twilio's retry of a held-back text gets the same (empty) answer and no second row.
    held = next(m.sid for m in inbound if m.held_back).split(":", 1)[1]
    assert messages(text(app.test_client(), PHONE, bodies[sids.index(held)], sid=held)) == []
    with app.app_context():
        assert len(texts_from(app, PHONE)) == len(bodies)
    assert_redis_counted(app)


def test_a_store_that_cannot_be_reached_holds_no_text_back(app):
    """Redis down: every text is answered and counted as usual, never lost or held back."""
    app.config["SMS_INBOUND_RATE_LIMIT"] = "1 per minute"
    sms_respondent(app, PHONE)
    client = app.test_client()
    assert "1/" in messages(text(client, PHONE, "hi"))[0]
    # The store goes away (its limiter object is Flask-Limiter's public `limiter.limiter`).
    broken = limits.strategies.MovingWindowRateLimiter(
        limits.storage.storage_from_string("redis://127.0.0.1:1/0")
    )
    with patch.object(type(limiter), "limiter", property(lambda _self: broken)):
        assert messages(text(client, PHONE, "4"))
        assert messages(text(client, PHONE, "3"))
    with app.app_context():
        assert count(Answer) == 2
        assert not any(m.held_back for m in texts_from(app, PHONE))
