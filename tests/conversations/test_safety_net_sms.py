"""Issue 14, the texting and calling side of the safety net, through signed Twilio webhooks:
a disclosure in Polish is flagged and answered with help on every channel (14.2), every flag
from a text or call keeps the sender's number (14.4), opt-out phrases as carriers read them
but never a disclosure with "stop" in it (14.9), and a disclosure after STOP is kept with the
survey it came from (14.10)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from app.core.extensions import db
from app.core.phones import vault
from app.models import OutboundMessage, SafeguardingFlag, SmsContact
from app.outbound.queue import get_huey
from surveys import default_registry
from tests.web.helpers import answer_current, make_invitation, path_of, question_key_of

from .twilio_helpers import messages, signed_post, sms_respondent, text

PHONE = "07700 900518"
E164 = "+447700900518"
CALL = "CA" + "5" * 32
POLISH = "chłopak mojej opiekunki bije mnie kiedy jej nie ma"  # my carer's boyfriend hits me


def _flags(app) -> list[SafeguardingFlag]:
    with app.app_context():
        flags = list(db.session.scalars(select(SafeguardingFlag).order_by(SafeguardingFlag.id)))
        db.session.expunge_all()
        return flags


def _number(flag: SafeguardingFlag) -> str | None:
    return vault().decrypt(flag.phone_encrypted) if flag.phone_encrypted else None


def _opted_out(app) -> bool:
    with app.app_context():
        return bool(db.session.scalar(select(SmsContact.opted_out)))


# --- 14.2 and 14.4: a disclosure in Polish, in the middle of a survey -----------------------


def test_polish_disclosure_by_text_mid_survey_gets_help_and_a_flag_with_the_number(app, client):
    sms_respondent(app, PHONE, reference="PL-1")
    text(client, PHONE, "hi")
    text(client, PHONE, "3")  # Q1 is a scale; Q2 asks in their own words
    reply = " ".join(messages(text(client, PHONE, POLISH)))
    assert reply.startswith("Thank you for telling us") and "0800 1111" in reply
    assert "Q3/" in reply  # and the survey carries on
    [flag] = _flags(app)
    assert flag.text == POLISH and flag.channel == "sms"
    assert flag.response_id is not None and flag.question_key == "health_more"
    with app.test_request_context():
        assert _number(flag) == E164  # the duty officer can phone a texter in mid-survey
    assert E164 not in (flag.phone_encrypted or "")


def test_polish_disclosure_by_text_outside_a_survey_gets_help(app, client):
    reply = " ".join(messages(text(client, PHONE, POLISH)))
    assert reply.startswith("Thank you for telling us") and "0800 1111" in reply
    [flag] = _flags(app)
    assert flag.response_id is None and flag.text == POLISH
    with app.test_request_context():
        assert _number(flag) == E164


def test_polish_disclosure_spoken_on_a_call_is_answered_with_help_and_keeps_the_number(app, client):
    sms_respondent(app, PHONE, reference="PL-2")

    def call(path: str, **params) -> ET.Element:
        reply = signed_post(client, path, {"From": PHONE, "CallSid": CALL, **params})
        assert reply.status_code == 200
        return ET.fromstring(reply.get_data(as_text=True))

    root = call("/voice/inbound")
    root = call(root.find("Gather").get("action"), Digits="2")
    root = call(root.find("Gather").get("action"), SpeechResult=POLISH, Confidence="0.5")
    spoken = " ".join(s.text or "" for s in root.iter("Say"))
    assert spoken.startswith("Thank you for telling us") and "0800 1111" in spoken
    [flag] = _flags(app)
    assert flag.channel == "voice" and flag.text == POLISH and flag.response_id is not None
    with app.test_request_context():
        assert _number(flag) == E164


def test_polish_disclosure_on_the_web_shows_the_help_page(app, client):
    token = make_invitation(app, "pledge", reference="PL-3")
    survey = default_registry().get("pledge").resolve("teen")
    location = f"/s/{token}/q/{survey.questions[0].key}"
    while survey.question(question_key_of(location)).kind != "free_text":
        reply = answer_current(client, location, survey.question(question_key_of(location)))
        location = path_of(reply.headers["Location"])
    free = survey.question(question_key_of(location))
    reply = answer_current(client, location, free, POLISH)
    help_page = path_of(reply.headers["Location"])
    assert help_page.startswith(f"/s/{token}/support")
    page = client.get(help_page).get_data(as_text=True)
    assert "Thank you for telling us" in page
    [flag] = _flags(app)
    assert flag.channel == "web" and flag.text == POLISH


# --- 14.9: opt-out phrases, and "stop" inside a disclosure ---------------------------------


@pytest.mark.parametrize(
    "words",
    [
        "Stop texting me",
        "stop please",
        "STOP!",
        "STOPALL",
        "Unsubscribe",
        "cancel.",
        "END",
        "Quit",
        "OPTOUT",
        "opt-out please",
        "REVOKE",
        "please STOP texting me now",
    ],
)
def test_opt_out_phrases_stop_the_texts(app, client, words):
    sms_respondent(app, PHONE, reference="OPT")
    text(client, PHONE, "hi")
    reply = " ".join(messages(text(client, PHONE, words)))
    assert "won't get any more texts" in reply
    assert _opted_out(app)


def test_a_disclosure_with_stop_in_it_is_not_an_opt_out(app, client):
    sms_respondent(app, PHONE, reference="OPT-2")
    text(client, PHONE, "hi")
    reply = " ".join(messages(text(client, PHONE, "please make him stop hitting me")))
    assert reply.startswith("Thank you for telling us") and "won't get any more" not in reply
    assert not _opted_out(app)
    [flag] = _flags(app)
    assert flag.category == "physical_abuse"
    with app.test_request_context():
        assert _number(flag) == E164


# --- 14.10: a disclosure after STOP --------------------------------------------------------


def test_a_disclosure_after_stop_is_kept_with_its_survey_and_number_and_not_texted(app, client):
    sms_respondent(app, PHONE, reference="AFTER-STOP")
    text(client, PHONE, "hi")
    text(client, PHONE, "3")
    text(client, PHONE, "STOP")
    assert messages(text(client, PHONE, "my foster carer hits me")) == []  # we may not text
    [flag] = _flags(app)
    assert flag.category == "carer_allegation" and flag.response_id is not None
    assert flag.question_key is None  # not an answer to the question they stopped at
    with app.test_request_context():
        assert _number(flag) == E164
    assert _opted_out(app)


# --- 14.8: the database is down -------------------------------------------------------------


def _refuse_connections(*_args, **_kwargs):
    raise OperationalError("connect", {}, ConnectionRefusedError("the database is down"))


def test_database_down_texts_and_calls_get_help_and_texts_are_processed_when_back(
    app, client, tmp_path
):
    """The loopback proxy test (tests/reliability) cuts PostgreSQL's network; here the engine
    refuses every new connection, on either database."""
    app.config.update(QUEUE_IMMEDIATE=False, QUEUE_SQLITE_PATH=str(tmp_path / "queue.sqlite"))
    sms_respondent(app, PHONE, reference="DOWN-2")
    text(client, PHONE, "hi")
    text(client, PHONE, "3")
    with app.app_context():
        engine = db.engine
    engine.dispose()
    event.listen(engine, "do_connect", _refuse_connections)
    try:
        reply = text(client, PHONE, "my foster carer hits me")
        assert reply.status_code == 200 and reply.mimetype == "application/xml"
        [static] = messages(reply)
        assert "call 999" in static and "0800 1111" in static and "01632 960 001" in static
        call = signed_post(client, "/voice/inbound", {"From": PHONE, "CallSid": CALL})
        assert call.status_code == 200
        root = ET.fromstring(call.get_data(as_text=True))
        said = " ".join(s.text or "" for s in root.iter("Say"))
        assert "999" in said and "0800 1111" in said and root.find("Hangup") is not None
    finally:
        event.remove(engine, "do_connect", _refuse_connections)
    assert _flags(app) == []

    huey = get_huey(app)
    kept = [task for task in iter(huey.dequeue, None) if task.name == "replay_inbound"]
    assert len(kept) == 1
    huey.execute(kept[0])
    [flag] = _flags(app)
    assert flag.category == "carer_allegation" and flag.question_key == "health_more"
    with app.test_request_context():
        assert _number(flag) == E164
    with app.app_context():
        late = db.session.scalars(
            select(OutboundMessage.body)
            .where(OutboundMessage.purpose == "late_reply")
            .order_by(OutboundMessage.id)
        ).all()
        assert late[0].startswith("Thank you for telling us") and "Q3/" in late[-1]


def test_database_down_a_spoken_answer_is_kept_and_processed_when_back(app, client, tmp_path):
    app.config.update(QUEUE_IMMEDIATE=False, QUEUE_SQLITE_PATH=str(tmp_path / "queue.sqlite"))
    sms_respondent(app, PHONE, reference="DOWN-3")

    def call(path: str, **params):
        return signed_post(client, path, {"From": PHONE, "CallSid": CALL, **params})

    root = ET.fromstring(call("/voice/inbound").get_data(as_text=True))
    root = ET.fromstring(call(root.find("Gather").get("action"), Digits="2").get_data(as_text=True))
    speech_action = root.find("Gather").get("action")
    with app.app_context():
        engine = db.engine
    engine.dispose()
    event.listen(engine, "do_connect", _refuse_connections)
    try:
        reply = call(speech_action, SpeechResult="my foster carer hits me", Confidence="0.7")
        assert reply.status_code == 200
        root = ET.fromstring(reply.get_data(as_text=True))
        said = " ".join(s.text or "" for s in root.iter("Say"))
        assert "999" in said and "0800 1111" in said and root.find("Hangup") is not None
    finally:
        event.remove(engine, "do_connect", _refuse_connections)
    assert _flags(app) == []

    huey = get_huey(app)
    kept = [task for task in iter(huey.dequeue, None) if task.name == "replay_inbound"]
    assert len(kept) == 1
    huey.execute(kept[0])
    [flag] = _flags(app)
    assert flag.channel == "voice" and flag.question_key == "health_more"
    with app.test_request_context():
        assert _number(flag) == E164
