"""Slow checks on the queue (issue 14): a deeper safeguarding check, too slow for the request,
runs on the job queue right after the answer. When it alone flags an answer, the duty
officer's email reaches the loopback SMTP server within 60 s of the answer, and the young
person gets the help numbers: texted on SMS, the help page before their next page on the web.

The deep check is a stand-in passed through the public seam, `SAFEGUARDING_DEEP_CHECK`; a real
queue consumer (the queue's own SQLite file, worker threads) runs it, as `flask queue worker`
does.
"""

# ruff: noqa: F811 - the fixtures imported from test_safeguarding_inbox are parameters here

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from analysis import SafeguardingResult, assess
from app.core.extensions import db
from app.core.phones import vault
from app.models import FlagEvent, OutboundMessage, Role, SafeguardingFlag
from app.outbound.queue import get_huey
from surveys import default_registry
from tests.conversations.twilio_helpers import messages, sms_respondent, text
from tests.web.helpers import answer_current, make_invitation, path_of, question_key_of

from .test_safeguarding_inbox import DUTY, app, mailbox, smtp_server  # noqa: F401 - fixtures

PHONE = "07700 900533"
E164 = "+447700900533"
# Everyday words to the fast check; the stand-in deep check reads them as a worry.
WORDS = "there is a lot going on at home lately"
DEADLINE_SECONDS = 60


def stand_in_deep_check(text: str) -> SafeguardingResult | None:
    """A deeper reading that finds what the phrase rules and the model did not."""
    if "going on at home" not in text:
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
def worker(app, tmp_path) -> Iterator[None]:
    """A real queue and a consumer on it, in threads, as `flask queue worker` runs one."""
    app.config.update(
        QUEUE_IMMEDIATE=False,
        QUEUE_SQLITE_PATH=str(tmp_path / "queue.sqlite"),
        SAFEGUARDING_DEEP_CHECK=stand_in_deep_check,
    )
    consumer = get_huey(app).create_consumer(
        workers=2, periodic=False, worker_type="thread", max_delay=0.5
    )
    consumer.start()
    yield
    consumer.stop(graceful=True)


def _wait_for_alert(mailbox, answered_at: float) -> float:
    while not mailbox.to(DUTY):
        assert time.monotonic() - answered_at < DEADLINE_SECONDS, "no alert within 60 s"
        time.sleep(0.2)
    return time.monotonic() - answered_at


def test_the_deep_check_alone_flags_an_sms_answer_alerts_within_a_minute_and_texts_help(
    app, client, mailbox, make_user, worker
):
    assert not assess(WORDS).flagged  # the request's own check sees nothing
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    sms_respondent(app, PHONE, reference="DEEP-1")
    text(client, PHONE, "hi").close()
    text(client, PHONE, "3").close()
    answered_at = time.monotonic()
    reply = " ".join(messages(text(client, PHONE, WORDS)))
    assert "Thank you for telling us" not in reply and "Q3/" in reply  # nothing seen yet
    waited = _wait_for_alert(mailbox, answered_at)
    [content] = mailbox.to(DUTY)
    assert "Possible disclosure needs review" in content and WORDS not in content
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.question_key == "health_more" and flag.text == WORDS
        assert vault().decrypt(flag.phone_encrypted) == E164
        kinds = db.session.scalars(select(FlagEvent.kind).where(FlagEvent.flag_id == flag.id))
        assert set(kinds) >= {"deep_check", "alerted"}
        help_text = db.session.scalars(
            select(OutboundMessage).where(OutboundMessage.purpose == "safety_help")
        ).one()
        assert help_text.phone_hash == vault().hash(E164)
        assert help_text.body.startswith("Thank you for telling us")
        assert "0800 1111" in help_text.body
    print(f"deep check: alert email {waited:.1f} s after the answer")


def test_the_deep_check_alone_flags_a_web_answer_and_the_next_page_is_help(
    app, client, mailbox, make_user, worker
):
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    token = make_invitation(app, "pledge", reference="DEEP-2")
    survey = default_registry().get("pledge").resolve("teen")
    location = f"/s/{token}/q/{survey.questions[0].key}"
    reply = answer_current(client, location, survey.questions[0])
    location = path_of(reply.headers["Location"])
    free = survey.question(question_key_of(location))
    assert free.kind == "free_text"
    answered_at = time.monotonic()
    reply = answer_current(client, location, free, WORDS)
    following = path_of(reply.headers["Location"])
    assert "/support" not in following  # the request's check saw nothing
    _wait_for_alert(mailbox, answered_at)
    shown = client.get(following)
    assert shown.status_code == 302 and "/support" in shown.headers["Location"]
    page = client.get(path_of(shown.headers["Location"])).get_data(as_text=True)
    assert "Thank you for telling us" in page and "0800 1111" in page
    assert client.get(following).status_code == 200  # shown once, then the survey goes on


def test_the_deep_check_alone_flags_a_whatsapp_answer_and_help_goes_back_on_whatsapp(
    app, client, mailbox, make_user, worker
):
    from app.models import Channel
    from tests.conversations.test_whatsapp import whatsapp

    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    sms_respondent(app, PHONE, reference="DEEP-3")
    whatsapp(client, "hi", phone=E164).close()
    whatsapp(client, "3", phone=E164).close()
    answered_at = time.monotonic()
    reply = " ".join(messages(whatsapp(client, WORDS, phone=E164)))
    assert "Thank you for telling us" not in reply and "Q3/" in reply
    _wait_for_alert(mailbox, answered_at)
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.channel == Channel.WHATSAPP and flag.question_key == "health_more"
        help_text = db.session.scalars(
            select(OutboundMessage).where(OutboundMessage.purpose == "safety_help")
        ).one()
        assert help_text.channel == Channel.WHATSAPP
        assert help_text.phone_hash == vault().hash(E164)
        assert help_text.body.startswith("Thank you for telling us")
        assert "0800 1111" in help_text.body
