"""Surveys as conversations by text message or phone call: one engine for SMS and voice.

The engine holds where each phone is (a Conversation row), reads a reply against the question
it is waiting on, stores answers through the same service as the web, and runs every message
through safeguarding first: a possible disclosure is answered at once with who can help,
whatever state the conversation is in.

Its rows are read and written through a `store.Delivery` passed to each function: a webhook
passes the delivery it claimed (and writes it with its reply); any other caller passes none
and the entry point writes its own when it returns. Replies to a question are read in
`answering`; what it says back is an `outcome`, worded in `texts`; voice calls are in `voice`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select

from analysis import SafeguardingResult, assess
from analysis.safeguarding_tiers import URGENT
from app.campaigns.models import Campaign, Invitation
from app.conversations import media
from app.conversations.answering import read_answer
from app.conversations.languages import language_for, offered
from app.conversations.models import ConversationStatus
from app.conversations.outcome import Outcome, prompt_current
from app.conversations.store import Delivery, Thread, set_opt_out, unit_of_work
from app.conversations.texts import (
    GREETING,
    START_WORDS,
    TO_CARRY_ON,
    WELCOME_BACK,
    help_message,
    invitation_intro,
    is_opt_out,
    keyword,
    media_message,
    no_survey_message,
    not_offered_message,
    safety_message,
    started_message,
    stopped_message,
    switched_message,
)
from app.core.audiences import audience_of
from app.core.extensions import db
from app.core.phones import vault
from app.core.types import Channel, now_utc
from app.respondents.models import Respondent
from app.responses import service as svc
from surveys.channel_words import help_words
from surveys.languages import SOURCE_LANGUAGE, Language, named
from surveys.sms import sms_prompt


def start_practice(
    campaign: Campaign,
    phone: str,
    variant: str | None,
    delivery: Delivery | None = None,
    channel: Channel = Channel.SMS,
) -> Outcome:
    """Development chat page: an anonymous response on any open campaign, as if by SMS (or
    WhatsApp: `channel`)."""
    phone_hash = vault().hash(phone)
    with unit_of_work(delivery) as work:
        existing, _opted_out = work.active(channel, phone_hash)
        if existing is not None:
            _finish(work, existing, ConversationStatus.TIMED_OUT)
        response, _token = svc.start_anonymous(
            campaign,
            variant,
            f"practice:{phone_hash}:{now_utc().isoformat()}",
            current_app.config["SECRET_KEY"],
            channel,
        )
        conversation = work.start(channel, phone_hash, response)
        return prompt_current(work, conversation, GREETING)


def open_for_invitation(
    invitation: Invitation, channel: Channel = Channel.SMS, delivery: Delivery | None = None
) -> str:
    """Start the SMS conversation an invitation asks for; returns the first text to send."""
    respondent = invitation.respondent
    if not respondent.phone_hash:
        raise ValueError("respondent has no phone number")
    with unit_of_work(delivery) as work:
        existing, _opted_out = work.active(channel, respondent.phone_hash)
        if existing is not None:
            _finish(work, existing, ConversationStatus.TIMED_OUT)
        access = svc.Access(invitation.campaign, invitation, None)
        response = _in_language(
            svc.start_for_invitation(access, channel),
            language_for(respondent, invitation.campaign.survey_key),
        )
        conversation = work.start(channel, respondent.phone_hash, response)
        return " ".join(prompt_current(work, conversation, invitation_intro()).sms())


def _in_language(response: Any, code: str) -> Any:
    """A response just started, to be asked in `code` (an answered one keeps its language)."""
    if response.language != code and not response.answers:
        response.language = code
        db.session.flush()
    return response


def _finish(work: Delivery, conversation: Thread, status: ConversationStatus) -> None:
    conversation.end(status)
    work.save(conversation)


def switch_language(work: Delivery, conversation: Thread, chosen: Language) -> Outcome:
    """A texter named a language: ask the rest in it, starting with the question we wait on.
    A language this survey has not been translated into is said so (in English)."""
    if not offered(conversation.response.survey_key, chosen.code):
        return prompt_current(work, conversation, not_offered_message(chosen))
    work.set_language(conversation.response, chosen.code)
    conversation.reasks = 0
    return prompt_current(work, conversation, switched_message(chosen))


def _record_safety(
    text: str,
    result: SafeguardingResult,
    channel: Channel,
    phone: str,
    source_key: str,
    conversation: Thread | None,
) -> None:
    svc.record_flag(
        text,
        result,
        channel=channel,
        source_key=source_key,
        response_id=conversation.response.id if conversation else None,
        question_key=conversation.question_key if conversation else None,
        **svc.sender_fields(phone),
    )


def begin(
    work: Delivery, channel: Channel, phone_hash: str, active: Thread | None | bool = False
) -> tuple[Thread | None, str]:
    """Find or start the conversation for a phone; also says why there is none.

    `active`: the phone's active conversation when the caller has just looked it up.
    """
    conversation = work.active(channel, phone_hash)[0] if active is False else active
    if conversation is not None:
        if conversation.response.is_complete:
            _finish(work, conversation, ConversationStatus.FINISHED)
            conversation = None
        else:
            timeout = timedelta(hours=current_app.config["SMS_CONVERSATION_TIMEOUT_HOURS"])
            if now_utc() - conversation.last_activity_at > timeout:
                _finish(work, conversation, ConversationStatus.TIMED_OUT)
                return _resume(work, conversation), "resumed"
            return conversation, "active"
    paused = work.latest_paused(channel, phone_hash)
    if paused is not None and not paused.response.is_complete:
        return _resume(work, paused), "resumed"
    respondent = db.session.scalar(select(Respondent).where(Respondent.phone_hash == phone_hash))
    if respondent is not None:
        invitation = _open_invitation(respondent)
        if invitation is not None:
            access = svc.Access(invitation.campaign, invitation, invitation.response)
            language = language_for(respondent, invitation.campaign.survey_key)
            response = _in_language(svc.start_for_invitation(access, channel), language)
            return work.start(channel, phone_hash, response), "started"
    slug = current_app.config["SMS_OPEN_CAMPAIGN"]
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug)) if slug else None
    if campaign is not None and campaign.is_open(now_utc()):
        response, _token = svc.start_anonymous(
            campaign,
            _default_variant(campaign),
            f"{channel.value}:{phone_hash}:{now_utc().isoformat()}",
            current_app.config["SECRET_KEY"],
            channel,
        )
        return work.start(channel, phone_hash, response), "started"
    return None, "unknown"


def _default_variant(campaign: Campaign) -> str | None:
    from surveys import default_registry

    definition = default_registry().get(campaign.survey_key, campaign.survey_version)
    return "teen" if "teen" in definition.variants else next(iter(definition.variants), None)


def _resume(work: Delivery, conversation: Thread) -> Thread:
    conversation.resume()
    work.save(conversation)
    return conversation


def handle_sms(
    phone: str,
    body: str,
    source_key: str,
    delivery: Delivery | None = None,
    channel: Channel = Channel.SMS,
) -> Outcome:
    """One inbound text message (SMS or WhatsApp: `channel`); the caller stores the reply for
    redelivery and commits."""
    with unit_of_work(delivery) as work:
        return _handle_sms(work, phone, body, source_key, channel)


def handle_media(
    phone: str,
    body: str,
    source_key: str,
    delivery: Delivery,
    channel: Channel,
    attachments: list[tuple[str, str]],
    handle: Any,
) -> Outcome:
    """A message with pictures, videos or voice notes: a person is asked to look at them (a
    `today` flag, whatever else happens), the sender is told we cannot see them here, and any
    words sent with them are handled by `handle` as any text is."""
    _record_safety(
        media.describe(attachments), media.UNREAD_MEDIA, channel, phone, source_key, None
    )
    with unit_of_work(delivery) as work:
        work.sender = phone
        quiet = work.active(channel, vault().hash(phone))[1]  # they asked us to stop
    if body.strip():
        outcome = handle(phone, body, source_key, delivery, channel)
    else:
        if handle is held_back_sms:
            delivery.hold_back()
        outcome = Outcome()
    if quiet or handle is held_back_sms:
        outcome.flagged = True
        return outcome  # opted out, or over its rate limit: kept and flagged, not answered
    outcome.notes.insert(0, media_message())
    outcome.flagged = True
    return outcome


def held_back_sms(
    phone: str, body: str, source_key: str, delivery: Delivery, channel: Channel = Channel.SMS
) -> Outcome:
    """A text from a number over its rate limit (README, "Rate limits"): never dropped.

    Its delivery is kept (marked held back) and its words checked: a possible disclosure goes
    to the duty inbox as any other would, with the number, since this text is not tied to a
    survey. It is not answered (a flood costs no texts and pesters no one) and not counted
    (no answer saved, no survey moved on). A STOP is always honoured.
    """
    text = body.strip()
    if is_opt_out(text):
        return handle_sms(phone, body, source_key, delivery, channel)
    delivery.hold_back()
    result = assess(text) if text else None
    if result is not None and result.flagged:
        _record_safety(text, result, channel, phone, source_key, None)
        return Outcome(flagged=True)
    return Outcome()


def _handle_sms(
    work: Delivery, phone: str, body: str, source_key: str, channel: Channel
) -> Outcome:
    work.sender = phone
    phone_hash = vault().hash(phone)
    text = body.strip()
    word = keyword(text)
    result = assess(text) if text else None
    flagged = bool(result and result.flagged)

    if is_opt_out(text):
        changed = set_opt_out(phone_hash, True, channel)
        conversation, _opted_out = work.active(channel, phone_hash)
        if conversation is not None:
            _finish(work, conversation, ConversationStatus.TIMED_OUT)  # kept, to resume on START
        # Only courtesy words sit around the keyword, so the model's "read today" for "stop
        # texting me" would be a false alarm at every opt-out; a rule firing is still kept.
        urgent = bool(result and result.tier == URGENT)
        if urgent and result:
            _record_safety(text, result, channel, phone, source_key, conversation)
        if not changed:
            return Outcome(flagged=urgent)  # confirmed once already: say nothing more
        said_in = conversation.response.language if conversation else SOURCE_LANGUAGE
        return Outcome([stopped_message(channel)], flagged=urgent, language=said_in)
    active, opted_out = work.active(channel, phone_hash)
    if opted_out:
        if word in START_WORDS or word == "yes":
            set_opt_out(phone_hash, False, channel)
            conversation, _how = begin(work, channel, phone_hash, active)
            if conversation is None:
                return Outcome([started_message(channel)])  # no survey: no language chosen
            conversation.last_activity_at = now_utc()
            return prompt_current(work, conversation, WELCOME_BACK)
        if flagged and result:
            # They asked us not to text, so we cannot reply; a person still has to know, with
            # the survey they stopped in (the inbox says they cannot be texted: call them).
            paused = work.latest_paused(channel, phone_hash)
            svc.record_flag(
                text,
                result,
                channel=channel,
                source_key=source_key,
                response_id=paused.response.id if paused else None,
                **svc.sender_fields(phone),
            )
        return Outcome(flagged=flagged)

    if word in help_words():  # every language's, English's among them (channel_words)
        conversation = active
        if conversation is not None and conversation.question_key:
            outcome = prompt_current(work, conversation, TO_CARRY_ON)
            audience = audience_of(svc.survey_for(conversation.response))
            outcome.notes.insert(0, help_message(audience, channel))
        else:
            conversation, audience = None, None
            outcome = Outcome(
                [help_message(channel=channel)], language=help_words().get(word, SOURCE_LANGUAGE)
            )
        if flagged and result:  # the detector's word stands, whatever the keyword
            _record_safety(text, result, channel, phone, source_key, conversation)
            outcome.notes.insert(0, safety_message(audience))
            outcome.flagged = True
        return outcome

    # A language's own name alone ("polski", "Cymraeg", "عربي") is a command, as STOP and HELP
    # are: never read as an answer. Its words are still assessed above, and a flag kept below.
    chosen = named(text)

    conversation, how = begin(work, channel, phone_hash, active)
    if conversation is None:
        if flagged and result:
            _record_safety(text, result, channel, phone, source_key, None)
            return Outcome([safety_message()], flagged=True)
        return Outcome([no_survey_message()])
    if chosen is not None and chosen.code != conversation.response.language:
        outcome = switch_language(work, conversation, chosen)
    elif how == "started":
        outcome = prompt_current(work, conversation, GREETING)
    elif how == "resumed":
        outcome = prompt_current(work, conversation, WELCOME_BACK)
    else:
        outcome = read_answer(work, conversation, text, result, keypad=False)
    # Set after the answer is read, so it goes in the same UPDATE as the new question.
    conversation.last_activity_at = now_utc()
    if flagged and result and (how != "active" or not outcome.flagged):
        _record_safety(text, result, channel, phone, source_key, conversation)
    if flagged or outcome.flagged:  # these words, or the whole answer they complete
        outcome.notes.insert(0, safety_message(audience_of(svc.survey_for(conversation.response))))
        outcome.flagged = True
    return outcome


def warm_up() -> None:
    """Load now what the first text in a process would otherwise load while someone waits for
    a reply (about half a second): the text analysis models, survey definitions, phone number
    metadata and the ORM's mapper configuration. Needs no app or database."""
    from sqlalchemy.orm import configure_mappers

    from analysis.pipeline import analyse
    from app.core.phones import normalise
    from surveys import default_registry

    analyse("I like my school and my social worker helps me")
    assess("warm up")
    for definition in default_registry().all():
        for variant in definition.variants or [None]:
            survey = definition.resolve(variant)
            if survey.questions:
                sms_prompt(survey.questions[0], 1, len(survey.questions))
    normalise("07700 900000")
    configure_mappers()  # else the first ORM statement in each worker does it


def _open_invitation(respondent: Respondent) -> Invitation | None:
    """The newest invitation this person can still answer."""
    now = now_utc()
    for invitation in sorted(respondent.invitations, key=lambda i: i.created_at, reverse=True):
        if not invitation.campaign.is_open(now):
            continue
        if invitation.expires_at and now >= invitation.expires_at:
            continue
        if invitation.response is not None and invitation.response.is_complete:
            continue
        return invitation
    return None
