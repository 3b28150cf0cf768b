"""Surveys by phone call: the engine's conversation, asked aloud and answered on the keypad or
by voice (free text).

A call is in the conversation's language where Twilio has a voice for it (surveys.languages);
otherwise in English, after a short notice, so no one hears words read in the wrong voice.
"""

from __future__ import annotations

from analysis import assess
from app.conversations.answering import advance, read_answer
from app.conversations.engine import begin
from app.conversations.outcome import Outcome, prompt_current, survey_state
from app.conversations.store import Delivery, Thread, unit_of_work
from app.conversations.texts import DIDNT_HEAR, NO_VOICE_NOTICE, safety_message
from app.core.audiences import audience_of
from app.core.phones import vault
from app.core.types import Channel, now_utc
from app.responses import service as svc
from surveys.languages import LANGUAGES, SOURCE_LANGUAGE, Language, language


def spoken_language(code: str | None) -> Language:
    """The language a call is said in: the conversation's where Twilio has a voice for it."""
    chosen = language(code)
    return chosen if chosen.voice else LANGUAGES[SOURCE_LANGUAGE]


def _speak_in(conversation: Thread) -> Language | None:
    """Ask this call in a language it can be said in; the language given up, if any. Only
    this call's copy of the row changes: a text conversation keeps its language."""
    wanted = language(conversation.response.language)
    spoken = spoken_language(wanted.code)
    if spoken is wanted:
        return None
    conversation.response.language = spoken.code
    return wanted


def start_call(phone: str, delivery: Delivery | None = None) -> Outcome | None:
    """A call came in: the question to ask first, or None when there is no survey for them."""
    phone_hash = vault().hash(phone)
    with unit_of_work(delivery) as work:
        conversation, _how = begin(work, Channel.VOICE, phone_hash)
        if conversation is None:
            return None
        conversation.last_activity_at = now_utc()
        given_up = _speak_in(conversation)
        outcome = prompt_current(work, conversation)
        if given_up is not None:
            outcome.notes.insert(0, NO_VOICE_NOTICE % {"language": given_up.english_name})
        return outcome


def handle_voice(
    phone: str,
    question_key: str,
    *,
    digits: str | None,
    speech: str | None,
    confidence: float | None,
    silent: bool,
    delivery: Delivery | None = None,
) -> Outcome:
    """One keypad press, spoken answer or silence on a call."""
    with unit_of_work(delivery) as work:
        work.sender = phone
        return _handle_voice(
            work,
            vault().hash(phone),
            question_key,
            digits=digits,
            speech=speech,
            confidence=confidence,
            silent=silent,
        )


def _handle_voice(
    work: Delivery,
    phone_hash: str,
    question_key: str,
    *,
    digits: str | None,
    speech: str | None,
    confidence: float | None,
    silent: bool,
) -> Outcome:
    conversation, _opted_out = work.active(Channel.VOICE, phone_hash)
    if conversation is None:
        return Outcome(finished=True)
    conversation.last_activity_at = now_utc()
    _speak_in(conversation)
    if conversation.question_key != question_key:
        return prompt_current(work, conversation)  # a stale retry: ask what we really wait on
    survey, answers = survey_state(work, conversation)
    question = survey.question(question_key)
    if silent:
        if conversation.reasks == 0:
            conversation.reasks = 1
            return prompt_current(work, conversation, DIDNT_HEAR)
        skipped = question.skipped_value
        work.save_answer(conversation.response, question, skipped, meta={"silent": True})
        answers[question.key] = skipped
        return advance(work, conversation, survey, answers)
    text = question.voice_answer(digits, speech)
    result = assess(text) if question.own_words and text else None
    meta = {"source": "speech", "confidence": confidence} if speech is not None else None
    outcome = read_answer(work, conversation, text, result, keypad=True, meta=meta)
    if result and result.flagged and not outcome.flagged:
        # Not stored as an answer (too long, say, or not understood): the detector's word
        # stands, so a person still reads it, with the question it was said to.
        svc.record_flag(
            text,
            result,
            channel=Channel.VOICE,
            source_key=f"response:{conversation.response.id}:{question.key}",
            response_id=conversation.response.id,
            question_key=question.key,
            **svc.sender_fields(work.sender),
        )
    if outcome.flagged or (result and result.flagged):
        outcome.notes.insert(0, safety_message(audience_of(survey)))
        outcome.flagged = True
    return outcome
