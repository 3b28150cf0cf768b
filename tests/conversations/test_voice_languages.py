"""Calls in other languages: Twilio's voice for the language, speech heard in it where Twilio
can, keypad only where it cannot, and English with a notice where it has no voice."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sqlalchemy import select

from app.core.extensions import db
from app.models import Answer, Response
from surveys import default_registry

from .twilio_helpers import signed_post, sms_respondent

PHONE = "+447700900654"
CALL = "CA" + "2" * 32


def twiml(reply) -> ET.Element:
    assert reply.status_code == 200
    return ET.fromstring(reply.get_data(as_text=True))


def call_answer(client, action: str, **params):
    return signed_post(client, action, {"From": PHONE, "CallSid": CALL, **params})


def _teen(code: str):
    registry = default_registry()
    return registry.in_language(registry.get("pledge"), code).resolve("teen")


def test_a_polish_call_is_said_in_polish_and_hears_polish(app, client):
    sms_respondent(app, PHONE, reference="VOICE-PL", language="pl")
    polish = _teen("pl")
    root = twiml(signed_post(client, "/voice/inbound", {"From": PHONE, "CallSid": CALL}))
    says = root.findall(".//Say")
    assert says and all((s.get("voice"), s.get("language")) == ("Polly.Ewa", "pl-PL") for s in says)
    spoken = ET.tostring(root, encoding="unicode")
    assert polish.questions[0].text.strip() in spoken
    assert "Naciśnij liczbę od 1 do 5" in spoken  # how to answer, in Polish
    gather = root.find("Gather")
    assert gather.get("input") == "dtmf" and gather.get("numDigits") == "1"
    # A key with no answer: asked again, kindly, in Polish.
    root = twiml(call_answer(client, gather.get("action"), Digits="9"))
    assert root.find("Say").text == "Przepraszam, nie rozumiem."
    gather = root.find("Gather")
    root = twiml(call_answer(client, gather.get("action"), Digits="4"))
    gather = root.find("Gather")  # the second question is answered in one's own words
    assert (gather.get("input"), gather.get("language")) == ("speech", "pl-PL")
    assert polish.questions[1].text.strip() in ET.tostring(root, encoding="unicode")
    call_answer(client, gather.get("action"), SpeechResult="Lubię moją szkołę", Confidence="0.9")
    with app.app_context():
        stored = {a.question_key: (a.value, a.language) for a in db.session.scalars(select(Answer))}
        assert stored == {
            polish.questions[0].key: (4, "pl"),
            polish.questions[1].key: ("Lubię moją szkołę", "pl"),
        }


def test_a_welsh_call_has_a_welsh_voice_and_the_keypad_only(app, client):
    sms_respondent(app, PHONE, reference="VOICE-CY", language="cy")
    root = twiml(signed_post(client, "/voice/inbound", {"From": PHONE, "CallSid": CALL}))
    assert {(s.get("voice"), s.get("language")) for s in root.findall(".//Say")} == {
        ("Polly.Gwyneth", "cy-GB")
    }
    root = twiml(call_answer(client, root.find("Gather").get("action"), Digits="3"))
    gather = root.find("Gather")  # own words: no Welsh speech recognition, so keypad
    assert gather.get("input") == "dtmf" and gather.get("language") is None


def test_a_call_in_a_language_without_a_voice_is_in_english_after_a_notice(app, client):
    sms_respondent(app, PHONE, reference="VOICE-UR", language="ur")
    english = default_registry().get("pledge").resolve("teen")
    root = twiml(signed_post(client, "/voice/inbound", {"From": PHONE, "CallSid": CALL}))
    says = root.findall(".//Say")
    assert {(s.get("voice"), s.get("language")) for s in says} == {("Polly.Amy", "en-GB")}
    assert "in Urdu" in says[1].text and "keypad" in says[1].text  # after the greeting
    assert english.questions[0].text.strip() in ET.tostring(root, encoding="unicode")
    call_answer(client, root.find("Gather").get("action"), Digits="2")
    with app.app_context():
        answer = db.session.scalars(select(Answer)).one()
        assert (answer.value, answer.language) == (2, "en")  # asked in English
        # The respondent's conversation language is kept for texts and the web.
        assert db.session.scalars(select(Response)).one().language == "ur"
