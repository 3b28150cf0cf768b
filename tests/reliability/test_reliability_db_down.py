"""PostgreSQL unreachable for a while: survey pages answer a clear 503 with Retry-After (nothing
acknowledged, so nothing lost); Twilio webhooks answer 200 with static TwiML holding the help
numbers (issue 14.8: Twilio executes no TwiML from a 503) and keep the delivery on the job
queue, which processes it once the database is back; a retry from Twilio as well changes
nothing more.

The app talks to the real PostgreSQL server through a loopback TCP proxy; taking the proxy
down cuts every open connection and refuses new ones, as when the database host goes away.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from reliability_helpers import FlakyProxy, csrf_of, invite_people
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app.core.extensions import db
from app.core.phones import vault
from app.models import Answer, Conversation, InboundMessage, OutboundMessage, SafeguardingFlag
from app.outbound.queue import get_huey
from surveys import default_registry
from tests.conversations.twilio_helpers import messages, signed_post, sms_app, sms_respondent, text

PHONE = "07700 900461"
E164 = "+447700900461"
STRANGER = "+447700900462"


@pytest.fixture
def proxied_app(postgres, tmp_path):
    url = make_url(postgres.new_database())
    proxy = FlakyProxy((url.host or "127.0.0.1", url.port or 5432))
    app = sms_app(url.set(host="127.0.0.1", port=proxy.port))
    # A real queue (its own SQLite file, as by default in production), not the immediate one.
    app.config.update(QUEUE_IMMEDIATE=False, QUEUE_SQLITE_PATH=str(tmp_path / "queue.sqlite"))
    yield app, proxy
    proxy.up()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    proxy.close()


def _run_kept_deliveries(app) -> int:
    """What a queue worker does once the database is back: run the kept deliveries (only
    those: a send task here would try to reach Twilio)."""
    huey = get_huey(app)
    ran = 0
    while (task := huey.dequeue()) is not None:
        if task.name == "replay_inbound":
            huey.execute(task)
            ran += 1
    return ran


@pytest.mark.postgres
def test_database_down_gives_help_by_twilio_and_503_on_pages_and_kept_texts_are_processed_once(
    proxied_app,
):
    app, proxy = proxied_app
    sms_respondent(app, PHONE, reference="DOWN-1")
    [token] = invite_people(app, default_registry().get("pledge"), 1, "down")
    client = app.test_client()
    assert "Q1/13" in messages(text(client, PHONE, "hi", sid="SM" + "1" * 32))[0]
    page = client.get(f"/s/{token}/q/health_rating")
    csrf = csrf_of(page.get_data(as_text=True))
    sms_sid = "SM" + "2" * 32
    disclosure_sid = "SM" + "3" * 32

    proxy.down()
    for _ in range(2):  # down for a while: every try is answered the same way
        reply = text(client, PHONE, "4", sid=sms_sid)
        assert reply.status_code == 200 and reply.mimetype == "application/xml"
        [static] = messages(reply)
        assert "call 999" in static and "Childline" in static and "0800 1111" in static
        posted = client.post(
            f"/s/{token}/q/health_rating", data={"csrf_token": csrf, "answer": "2"}
        )
        assert posted.status_code == 503 and posted.headers["Retry-After"] == "30"
        assert "still saved" in posted.get_data(as_text=True)
    # A disclosure from a number we do not know, while the database is down.
    [static] = messages(text(client, STRANGER, "my stepdad hits me", sid=disclosure_sid))
    assert "0800 1111" in static
    # A call: a spoken <Say> with the help numbers, then goodbye; never an HTML page.
    call = signed_post(client, "/voice/inbound", {"From": PHONE, "CallSid": "CA" + "4" * 32})
    assert call.status_code == 200
    root = ET.fromstring(call.get_data(as_text=True))
    said = " ".join(say.text or "" for say in root.iter("Say"))
    assert "999" in said and "0800 1111" in said and root.find("Hangup") is not None

    proxy.up()
    assert _run_kept_deliveries(app) == 3  # the "4" twice (Twilio retried) and the disclosure
    with app.app_context():
        late = {
            m.phone_hash: m.body
            for m in db.session.scalars(
                select(OutboundMessage).where(OutboundMessage.purpose == "late_reply")
            )
        }
        # One each, though the "4" was kept twice: its next question, and help for the other.
        assert set(late) == {vault().hash(E164), vault().hash(STRANGER)}
        assert "Q2/13" in late[vault().hash(E164)]
        assert late[vault().hash(STRANGER)].startswith("Thank you for telling us")
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.category == "physical_abuse" and flag.phone_hash == vault().hash(STRANGER)
    # Twilio retries the same delivery after all: the same reply, no new effect.
    first = messages(text(client, PHONE, "4", sid=sms_sid))
    assert "Q2/13" in first[0]
    assert messages(text(client, PHONE, "4", sid=sms_sid)) == first
    posted = client.post(f"/s/{token}/q/health_rating", data={"csrf_token": csrf, "answer": "2"})
    assert posted.status_code == 302 and posted.headers["Location"].endswith("/q/health_more")

    with app.app_context():
        assert (
            db.session.scalar(select(func.count()).where(InboundMessage.sid == f"sms:{sms_sid}"))
            == 1
        )
        values = db.session.execute(
            select(Answer.value).where(Answer.question_key == "health_rating")
        ).scalars()
        assert sorted(str(v) for v in values) == ["2", "4"]  # one by text, one on the web
        conversation = db.session.scalars(select(Conversation)).one()
        assert conversation.question_key == "health_more"  # moved on once, not twice
