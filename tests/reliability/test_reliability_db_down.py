"""PostgreSQL unreachable for a while: Twilio webhooks and survey pages answer a clear 503 with
Retry-After (nothing acknowledged, so nothing lost), and the retries made once it is back are
processed exactly once.

The app talks to the real PostgreSQL server through a loopback TCP proxy; taking the proxy
down cuts every open connection and refuses new ones, as when the database host goes away.
"""

from __future__ import annotations

import pytest
from reliability_helpers import FlakyProxy, csrf_of, invite_people
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app.core.extensions import db
from app.models import Answer, Conversation, InboundMessage
from surveys import default_registry
from tests.conversations.twilio_helpers import messages, sms_app, sms_respondent, text

PHONE = "07700 900461"


@pytest.fixture
def proxied_app(postgres):
    url = make_url(postgres.new_database())
    proxy = FlakyProxy((url.host or "127.0.0.1", url.port or 5432))
    app = sms_app(url.set(host="127.0.0.1", port=proxy.port))
    yield app, proxy
    proxy.up()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    proxy.close()


@pytest.mark.postgres
def test_database_down_gives_503_and_retries_are_processed_once(proxied_app):
    app, proxy = proxied_app
    sms_respondent(app, PHONE, reference="DOWN-1")
    [token] = invite_people(app, default_registry().get("pledge"), 1, "down")
    client = app.test_client()
    assert "Q1/12" in messages(text(client, PHONE, "hi", sid="SM" + "1" * 32))[0]
    page = client.get(f"/s/{token}/q/health_rating")
    csrf = csrf_of(page.get_data(as_text=True))
    sms_sid = "SM" + "2" * 32

    proxy.down()
    for _ in range(2):  # down for a while: every try is refused the same way
        reply = text(client, PHONE, "4", sid=sms_sid)
        assert reply.status_code == 503 and reply.headers["Retry-After"] == "30"
        posted = client.post(
            f"/s/{token}/q/health_rating", data={"csrf_token": csrf, "answer": "2"}
        )
        assert posted.status_code == 503 and posted.headers["Retry-After"] == "30"
        assert "still saved" in posted.get_data(as_text=True)

    proxy.up()
    # Twilio retries the same delivery: processed now, then the same reply with no new effect.
    first = messages(text(client, PHONE, "4", sid=sms_sid))
    assert "Q2/12" in first[0]
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
