"""Trauma-aware conversations (issue 16): any question can be passed over by text ("skip",
"I'd rather not say") or on a call (the star key), kept as skipped like the web's control; a
low "How are you feeling now?" gets the help numbers before the thank-you."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sqlalchemy import select

from app.conversations.answering import asks_to_skip
from app.core.extensions import db
from app.models import Response, ResponseStatus
from surveys import default_registry
from surveys.sms import sms_prompt, voice_prompt

from .twilio_helpers import messages, signed_post, sms_respondent, text

PHONE = "07700 900456"
E164 = "+447700900456"
CALL = "CA" + "2" * 32


def _survey():
    return default_registry().get("pledge").resolve("teen")


def _reply(question) -> str:
    return {"scale": "4", "free_text": "fine", "yes_no_not_sure": "yes"}.get(question.kind, "1")


def test_skip_words_pass_over_any_question_by_text_and_are_kept_as_skipped(app, client):
    sms_respondent(app, PHONE, reference="SKIP-1")
    survey = _survey()
    first = messages(text(client, PHONE, "Hi"))
    assert "SKIP" in first[-1]  # said in the prompt where it fits in the one text
    skips = ["skip", "I'd rather not say", "Rather not say.", "PASS"]
    for n, question in enumerate(survey.questions[:-1]):
        reply = messages(text(client, PHONE, skips[n % len(skips)] if n < 4 else _reply(question)))
        assert not reply[0].startswith("Sorry"), reply  # never an error for passing over
    last = messages(text(client, PHONE, "1"))  # feeling low at the check-out
    assert survey.questions[-1].key == "feeling_now"
    assert len(last) >= 1
    joined = " ".join(last)
    assert "Childline: 0800 1111" in joined
    assert joined.index("Childline") < joined.index("Thank you, that's everything")
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.status == ResponseStatus.COMPLETE
        answers = {a.question_key: a for a in response.answers}
        for question in survey.questions[:4]:
            stored = answers[question.key]
            assert stored.value == question.skipped_value
            assert stored.meta == {"skipped": True}
        assert answers["feeling_now"].value == 1


def test_a_good_check_out_gets_no_help_text(app, client):
    sms_respondent(app, PHONE, reference="SKIP-2")
    survey = _survey()
    text(client, PHONE, "Hi")
    for question in survey.questions[:-1]:
        text(client, PHONE, _reply(question))
    last = " ".join(messages(text(client, PHONE, "5")))
    assert "Thank you, that's everything" in last and "Childline" not in last


def test_only_clear_requests_to_pass_over_are_skips():
    # "no" and "none" answer yes/no and choice questions: they are never read as a skip.
    question = _survey().questions[0]
    for answer in ("no", "none", "nothing", "nah", "2", "not sure", "skipping school"):
        assert not asks_to_skip(question, answer, "en"), answer
    for request in ("Skip", "skip!", "I'd rather not say", "rather not", "*", "*#", "pass"):
        assert asks_to_skip(question, request, "en"), request
    # In Polish, its own words and English's; Polish "nie" (no) is an answer, never a skip.
    assert not asks_to_skip(question, "nie", "pl")
    for request in ("pomiń", "Wolę nie mówić", "skip"):
        assert asks_to_skip(question, request, "pl"), request


def _twiml(reply) -> ET.Element:
    assert reply.status_code == 200
    return ET.fromstring(reply.get_data(as_text=True))


def test_star_key_skips_on_a_call_and_a_low_check_out_hears_the_help(app, client):
    sms_respondent(app, E164, reference="SKIP-4")
    survey = _survey()
    root = _twiml(signed_post(client, "/voice/inbound", {"From": E164, "CallSid": CALL}))
    assert "press star" in ET.tostring(root, encoding="unicode")
    for n, question in enumerate(survey.questions):
        action = root.find("Gather").get("action")
        if question.key == "feeling_now":
            params = {"Digits": "1"}
        elif question.kind == "free_text":
            params = {"SpeechResult": "fine", "Confidence": "0.9"}
        else:
            params = {"Digits": "*" if n == 0 else "3"}
        root = _twiml(signed_post(client, action, {"From": E164, "CallSid": CALL, **params}))
    said = " ".join(s.text or "" for s in root.iter("Say"))
    assert "Childline" in said and said.index("Childline") < said.index("that's everything")
    assert root.find("Hangup") is not None
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        first = {a.question_key: a for a in response.answers}[survey.questions[0].key]
        assert first.value is None and first.meta == {"skipped": True}


def test_prompts_offer_skipping_only_where_it_fits(app):
    survey = _survey()
    with app.app_context():
        for question in survey.questions:
            prompt = sms_prompt(question, 1, len(survey.questions))
            if "skip" in prompt.lower():
                continue
            # Left out only where saying it would cost a second text.
            assert len(prompt) + len(" (or SKIP)") > 160 or not question.skippable
            said = voice_prompt(question)
            assert ("press star" in said) != question.voice_input().speech
