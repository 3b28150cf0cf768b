"""Surveys by phone call: keypad for choices and scales, speech for free text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sqlalchemy import select

from app.core.extensions import db
from app.models import Answer, Response, ResponseStatus, SafeguardingFlag
from surveys import default_registry

from .twilio_helpers import signed_post, sms_respondent

PHONE = "+447700900321"
CALL = "CA" + "1" * 32


def twiml(reply) -> ET.Element:
    assert reply.status_code == 200
    return ET.fromstring(reply.get_data(as_text=True))


def gather_action(root: ET.Element) -> str:
    gather = root.find("Gather")
    assert gather is not None, ET.tostring(root)
    return gather.get("action")


def call_answer(client, action: str, **params):
    return signed_post(client, action, {"From": PHONE, "CallSid": CALL, **params})


def test_full_pledge_survey_by_voice(app, client):
    sms_respondent(app, PHONE, reference="VOICE-1")
    survey = default_registry().get("pledge").resolve("teen")
    root = twiml(signed_post(client, "/voice/inbound", {"From": PHONE, "CallSid": CALL}))
    says = root.findall(".//Say")
    assert all(s.get("voice") == "Polly.Amy" and s.get("language") == "en-GB" for s in says)
    assert survey.questions[0].text in ET.tostring(root, encoding="unicode")
    for n, question in enumerate(survey.questions):
        action = gather_action(root)
        gather = root.find("Gather")
        assert action == f"/voice/answer?q={question.key}&a=0"
        if question.kind == "free_text":
            assert gather.get("input") == "speech"
            if n == 1:
                # Silence: asked once more, then moved on.
                redirect = root.find("Redirect").text
                root = twiml(call_answer(client, redirect))
                assert "didn't hear anything" in ET.tostring(root, encoding="unicode")
                root = twiml(call_answer(client, root.find("Redirect").text))
                continue
            root = twiml(
                call_answer(
                    client, action, SpeechResult="I like my foster family", Confidence="0.87"
                )
            )
        else:
            assert gather.get("input") == "dtmf" and gather.get("numDigits") == "1"
            root = twiml(call_answer(client, action, Digits="4"))
    assert root.find("Hangup") is not None
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.status == ResponseStatus.COMPLETE and response.channel == "voice"
        answers = {a.question_key: a for a in response.answers}
        assert answers[survey.questions[1].key].value == ""  # stayed quiet twice: skipped
        spoken = answers[survey.questions[3].key]
        assert spoken.value == "I like my foster family"
        assert spoken.meta == {"source": "speech", "confidence": 0.87}
        assert answers[survey.questions[0].key].value == 4


def test_spoken_disclosure_is_answered_with_help_and_flagged(app, client):
    sms_respondent(app, PHONE, reference="VOICE-2")
    root = twiml(signed_post(client, "/voice/inbound", {"From": PHONE, "CallSid": CALL}))
    root = twiml(call_answer(client, gather_action(root), Digits="2"))
    root = twiml(
        call_answer(
            client, gather_action(root), SpeechResult="my stepdad hits me", Confidence="0.6"
        )
    )
    spoken = " ".join(s.text for s in root.iter("Say"))
    assert spoken.startswith("Thank you for telling us") and "999" in spoken
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.channel == "voice" and flag.category == "physical_abuse"


def test_retried_keypress_is_stored_once(app, client):
    sms_respondent(app, PHONE, reference="VOICE-3")
    root = twiml(signed_post(client, "/voice/inbound", {"From": PHONE, "CallSid": CALL}))
    action = gather_action(root)
    first = call_answer(client, action, Digits="3").get_data(as_text=True)
    again = call_answer(client, action, Digits="3").get_data(as_text=True)
    assert first == again
    with app.app_context():
        assert len(db.session.scalars(select(Answer)).all()) == 1


def test_unknown_caller_hears_help_numbers_and_goodbye(client):
    root = twiml(signed_post(client, "/voice/inbound", {"From": "+447700900999", "CallSid": CALL}))
    spoken = " ".join(s.text for s in root.iter("Say"))
    assert "0800 1111" in spoken and root.find("Hangup") is not None


def test_wrong_key_twice_moves_on(app, client):
    sms_respondent(app, PHONE, reference="VOICE-4")
    survey = default_registry().get("pledge").resolve("teen")
    root = twiml(signed_post(client, "/voice/inbound", {"From": PHONE, "CallSid": CALL}))
    root = twiml(call_answer(client, gather_action(root), Digits="9"))
    assert "didn't get that" in ET.tostring(root, encoding="unicode")
    root = twiml(call_answer(client, gather_action(root), Digits="9"))
    assert gather_action(root).startswith(f"/voice/answer?q={survey.questions[1].key}")


def test_a_spoken_disclosure_too_long_to_store_is_still_flagged(app, client):
    sms_respondent(app, PHONE, reference="VOICE-LONG")
    root = twiml(signed_post(client, "/voice/inbound", {"From": PHONE, "CallSid": CALL}))
    root = twiml(call_answer(client, gather_action(root), Digits="2"))
    question = gather_action(root)
    long_speech = "my stepdad hits me and " * 100  # past the 2,000 characters an answer holds
    root = twiml(call_answer(client, question, SpeechResult=long_speech, Confidence="0.6"))
    spoken = " ".join(s.text for s in root.iter("Say"))
    assert spoken.startswith("Thank you for telling us") and "999" in spoken
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.channel == "voice" and flag.category == "physical_abuse"
        assert flag.response_id is not None and flag.question_key in question
        assert flag.phone_encrypted and flag.text == long_speech.strip()
        stored = [answer.value for answer in db.session.scalars(select(Answer))]
        assert long_speech not in stored and long_speech.strip() not in stored
