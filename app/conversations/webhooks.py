"""Twilio webhooks for SMS and voice. Signed requests only; each delivery has one effect."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from flask import Blueprint, Response, current_app, request, url_for
from sqlalchemy.exc import IntegrityError
from twilio.twiml.voice_response import Gather, VoiceResponse

from app.conversations import channels, engine, media, outage, voice
from app.conversations.outcome import Outcome
from app.conversations.store import Delivery
from app.conversations.texts import GOODBYE, call_greeting, call_no_survey, render
from app.core.extensions import csrf, db
from app.core.phones import InvalidPhone, normalise, vault
from app.core.rate_limits import counted_elsewhere, over_limit
from app.core.twilio import messaging_twiml, twilio_signed
from app.core.types import Channel
from surveys.languages import SOURCE_LANGUAGE, Language
from surveys.sms import voice_prompt

bp = Blueprint("twilio", __name__)
csrf.exempt(bp)  # Twilio cannot send a CSRF token; the signature check stands in for it.
counted_elsewhere(bp)  # no per-client limit here: texts are counted per number (over_limit)

ATTEMPTS = 3


def _xml(body: str) -> Response:
    return Response(body, mimetype="application/xml")


def once(sid: str, channel: Channel, phone_hash: str, produce: Callable[[Delivery], str]) -> str:
    """Run `produce` once per Twilio delivery id and return the same reply to every redelivery.

    The claim and the work share one transaction: a crash rolls both back, so Twilio's retry
    is processed afresh, and a concurrent duplicate waits on the unique id, then reads the reply.
    `produce` gets the claimed delivery, whose writes go with the reply's.
    """
    session = db.session
    for attempt in range(ATTEMPTS):
        delivery = Delivery(hold=True)  # afresh: nothing held from an attempt rolled back
        try:
            if not delivery.claim(sid, channel, phone_hash):
                reply = delivery.stored_reply(sid)
                session.rollback()
                return reply
            reply = produce(delivery)
            delivery.write_with_reply(reply)
            session.commit()
            return reply
        except IntegrityError:
            # Two first messages from one phone raced to open its conversation: go again.
            session.rollback()
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def sms_twiml(messages: list[str]) -> str:
    """The reply as TwiML, as Twilio's own library writes it (escaping what a child typed)."""
    return messaging_twiml(messages)


def _form_text(name: str) -> str | None:
    """A text field from Twilio, without NUL characters: PostgreSQL cannot store them, and a
    500 would lose the message (a disclosure included) instead of recording it."""
    value = request.form.get(name)
    return value.replace("\x00", "") if value is not None else None


def _phone() -> str | None:
    try:
        return normalise(request.form.get("From", ""))
    except InvalidPhone:
        return None


@bp.post("/sms/inbound")
@twilio_signed
def sms_inbound():
    """Twilio Messaging webhook, for SMS and WhatsApp alike: read a message, answer with TwiML
    (which Twilio sends back on the channel the message came on). WhatsApp's ProfileName is
    never read."""
    found = channels.sender(request.form.get("From", ""))
    sid = request.form.get("MessageSid") or request.form.get("SmsSid") or ""
    if found is None or not channels.conversable(*found) or not sid:
        # A short code, a landline texting or a malformed delivery: no one to answer.
        return _xml(sms_twiml([]))
    channel, phone = found
    body = _form_text("Body") or ""
    sent = media.attachments(request.form)
    return _xml(process_sms(phone, sid, body, channel=channel, attachments=sent))


def process_sms(
    phone: str,
    sid: str,
    body: str,
    replies: list[str] | None = None,
    channel: Channel = Channel.SMS,
    attachments: list[tuple[str, str]] | None = None,
) -> str:
    """One text, once per delivery id: the TwiML reply. `replies` gets the messages when this
    call did the work (nothing when the delivery was processed before). `attachments`: the
    pictures or voice notes sent with it (`media.attachments`), kept for a person to look at."""
    phone_hash = vault().hash(phone)
    # Counted by the number's keyed hash: no phone number is ever a key in the store.
    held = over_limit("SMS_INBOUND_RATE_LIMIT", "sms-inbound", phone_hash)
    key = f"{channel.value}:{sid}"

    def produce(delivery: Delivery) -> str:
        channels.note_start(phone_hash, channel, body)
        handle = engine.held_back_sms if held else engine.handle_sms
        if attachments:
            outcome = engine.handle_media(phone, body, key, delivery, channel, attachments, handle)
        else:
            outcome = handle(phone, body, key, delivery, channel)
        messages = outcome.sms()
        if replies is not None:
            replies.extend(messages)
        return sms_twiml(messages)

    return once(key, channel, phone_hash, produce)


def _say(twiml: VoiceResponse | Gather, text: str, spoken: Language | None = None) -> None:
    """Say `text` with the Twilio voice for its language (English's is the app's setting)."""
    config = current_app.config
    if spoken is None or spoken.code == SOURCE_LANGUAGE or not spoken.voice:
        twiml.say(text, voice=config["VOICE_NAME"], language=config["VOICE_LANGUAGE"])
    else:
        twiml.say(text, voice=spoken.voice, language=spoken.say)


def _speech_language(spoken: Language) -> str | None:
    """The <Gather language> to hear answers in, or None where Twilio cannot (keypad only)."""
    if spoken.code == SOURCE_LANGUAGE:
        return current_app.config["VOICE_LANGUAGE"]
    return spoken.speech


def _voice_twiml(outcome: Outcome) -> str:
    twiml = VoiceResponse()
    spoken = voice.spoken_language(outcome.language)
    notes = outcome.voice()
    question = outcome.question
    if question is not None:
        notes = notes[:-1]  # the question itself is read inside <Gather>, so a key press cuts in
    for note in notes:
        _say(twiml, note, spoken)
    if question is None:
        twiml.hangup()
        return str(twiml)
    # The attempt is in the URL so that a second identical key press or silence, after a
    # re-ask, is a new delivery rather than a redelivery of the first.
    action = url_for(".voice_answer", q=question.key, a=outcome.attempt)
    listen = question.voice_input()
    hear_in = _speech_language(spoken)
    if listen.speech and hear_in:
        gather = twiml.gather(
            input="speech",
            action=action,
            method="POST",
            language=hear_in,
            speech_timeout="auto",
            timeout=6,
        )
    else:
        gather = twiml.gather(
            input="dtmf",
            action=action,
            method="POST",
            timeout=8,
            finish_on_key="#",
            **({"num_digits": 1} if listen.single_key else {}),
        )
    _say(gather, voice_prompt(question, spoken.code), spoken)
    # Reached only when nothing was pressed or said.
    twiml.redirect(
        url_for(".voice_answer", q=question.key, a=outcome.attempt, silent=1), method="POST"
    )
    return str(twiml)


@bp.post("/voice/inbound")
@twilio_signed
def voice_inbound():
    """Twilio Voice webhook: greet the caller and ask the first question."""
    phone = _phone()
    call = request.form.get("CallSid", "")
    if phone is None or not call:
        twiml = VoiceResponse()
        twiml.hangup()
        return _xml(str(twiml))

    def produce(delivery: Delivery) -> str:
        outcome = voice.start_call(phone, delivery)
        if outcome is None:
            twiml = VoiceResponse()
            _say(twiml, render(call_no_survey(), SOURCE_LANGUAGE))
            twiml.hangup()
            return str(twiml)
        outcome.notes.insert(0, call_greeting())
        return _voice_twiml(outcome)

    return _xml(once(f"voice:{call}:start", Channel.VOICE, vault().hash(phone), produce))


@bp.post("/voice/answer")
@twilio_signed
def voice_answer():
    """A key press, a spoken answer, or silence, for the question named in the URL."""
    phone = _phone()
    call = request.form.get("CallSid", "")
    key = request.args.get("q", "")
    silent = request.args.get("silent") == "1"
    digits = request.form.get("Digits")
    speech = _form_text("SpeechResult")
    if phone is None or not call or not key:
        twiml = VoiceResponse()
        twiml.hangup()
        return _xml(str(twiml))
    try:
        confidence = float(request.form.get("Confidence", ""))
    except ValueError:
        confidence = None
    return _xml(
        process_voice_answer(
            phone,
            call,
            key,
            request.query_string,
            digits=digits,
            speech=speech,
            confidence=confidence,
            silent=silent,
        )
    )


def process_voice_answer(
    phone: str,
    call: str,
    key: str,
    query: bytes,
    *,
    digits: str | None,
    speech: str | None,
    confidence: float | None,
    silent: bool,
) -> str:
    """One key press, spoken answer or silence, once per delivery: the TwiML reply."""
    heard = hashlib.sha256(f"{query!r}|{digits}|{speech}".encode()).hexdigest()
    sid = f"voice:{call}:{heard}"

    def produce(delivery: Delivery) -> str:
        outcome = voice.handle_voice(
            phone,
            key,
            digits=digits,
            speech=speech,
            confidence=confidence,
            silent=silent or (digits is None and speech is None),
            delivery=delivery,
        )
        if outcome.finished and outcome.question is None:
            outcome.notes.append(GOODBYE)
        return _voice_twiml(outcome)

    return once(sid, Channel.VOICE, vault().hash(phone), produce)


# --- The database is down (see `outage`) ------------------------------------------------------


@bp.errorhandler(outage.DATABASE_DOWN[0])
@bp.errorhandler(outage.DATABASE_DOWN[1])
def _database_down(exc: Exception) -> Response:
    """200 with the help numbers, never an HTML 503 (Twilio would say nothing to the child);
    a text or a spoken answer is kept on the job queue to be processed when we are back."""
    current_app.logger.error("database unavailable for a Twilio webhook: %s", type(exc).__name__)
    with contextlib.suppress(*outage.DATABASE_DOWN):  # the connection may be gone already
        db.session.rollback()
    if request.endpoint == "twilio.sms_inbound":
        outage.keep_for_later("sms")
        return _xml(sms_twiml([outage.outage_words()]))
    if request.endpoint == "twilio.voice_answer" and (
        request.form.get("SpeechResult") or request.form.get("Digits")
    ):
        outage.keep_for_later("voice_answer")
    return _xml(outage.static_voice_twiml())


def replay(kind: str, delivery: dict[str, Any]) -> tuple[str | None, list[str]]:
    """Process a delivery kept during an outage, as Twilio's retry would have been: once per
    delivery id. Returns the phone and the texts to send it now (none for a call, which has
    ended, or for a delivery processed already). Raises while the database is still down."""
    form: dict[str, str] = delivery["form"]
    found = channels.sender(form.get("From", ""))
    if found is None:
        return None, []
    channel, phone = found
    if kind == "sms":
        sid = form.get("MessageSid") or form.get("SmsSid") or ""
        replies: list[str] = []
        if channels.conversable(channel, phone) and sid:
            body = (form.get("Body") or "").replace("\x00", "")
            process_sms(phone, sid, body, replies, channel, media.attachments(form))
        # The replies go back on the channel the message came on ("whatsapp:+44...").
        return channels.address(channel, phone), replies
    query = delivery.get("query", "")
    args = dict(parse_qsl(query))
    try:
        confidence: float | None = float(form.get("Confidence", ""))
    except ValueError:
        confidence = None
    speech = form.get("SpeechResult")
    # The call has ended: its TwiML goes nowhere, but is built (and stored) as for Twilio.
    with current_app.test_request_context("/voice/answer", method="POST"):
        process_voice_answer(
            phone,
            form.get("CallSid", ""),
            args.get("q", ""),
            query.encode(),
            digits=form.get("Digits"),
            speech=speech.replace("\x00", "") if speech is not None else None,
            confidence=confidence,
            silent=False,
        )
    return phone, []
