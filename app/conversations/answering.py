"""Reading a reply against the question a conversation waits on: stored and on to the next
question, passed over ("skip", "I'd rather not say"), joined to the long answer it is the rest
of, or asked again kindly once and then let go.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from analysis import SafeguardingResult, assess
from app.conversations.models import ConversationStatus
from app.conversations.outcome import Outcome, prompt_current, survey_state
from app.conversations.store import Delivery, Thread
from app.conversations.texts import ADDED, MOVE_ON, THANK_YOU, low_feeling_message
from app.core.audiences import audience_of
from app.core.types import now_utc
from app.responses import service as svc
from surveys import AnswerError, Question, ResolvedSurvey
from surveys.channel_words import words_for
from surveys.replies import normalise
from surveys.sms import gsm7_length, parse_keypad, parse_reply

# A long text may reach us in parts (a phone or network that does not join them): every part
# but the last is a full segment. A text within this time after such a part is its rest.
CONTINUATION_WINDOW = timedelta(seconds=60)
_SEGMENT_GSM7, _SEGMENT_UCS2 = 153, 67  # characters in each part of a long text


def advance(
    work: Delivery, conversation: Thread, survey: ResolvedSurvey, answers: dict[str, Any]
) -> Outcome:
    following = survey.next_question(answers, conversation.question_key)
    conversation.reasks = 0
    if following is None:
        work.submit(conversation.response, survey, answers)
        conversation.question_key = None
        conversation.end(ConversationStatus.FINISHED)  # written with the call's other changes
        return Outcome([THANK_YOU], finished=True, language=conversation.response.language)
    conversation.question_key = following.key
    return prompt_current(work, conversation, state=(survey, answers))


def read_answer(
    work: Delivery,
    conversation: Thread,
    text: str,
    result: SafeguardingResult | None,
    *,
    keypad: bool,
    meta: dict[str, Any] | None = None,
) -> Outcome:
    """Read a reply against the awaited question: store and move on, or ask again kindly."""
    survey, answers = survey_state(work, conversation)
    if conversation.question_key is None:
        return advance(work, conversation, survey, answers)
    question = survey.question(conversation.question_key)
    language = conversation.response.language
    if asks_to_skip(question, text, language):
        return _skip(work, conversation, survey, answers, question)
    try:
        if keypad:
            value = parse_keypad(question, text, language)
        else:
            value = parse_reply(question, text, language)
    except AnswerError as problem:
        joined = _continues_free_text(work, conversation, survey, answers, text)
        if joined is not None:
            # The rest of a long answer. Still a reply, so no text ever goes unanswered.
            outcome = prompt_current(work, conversation, ADDED, state=(survey, answers))
            outcome.flagged = joined.flagged
            return outcome
        if conversation.reasks == 0:
            conversation.reasks = 1
            return Outcome(
                question=question,
                reask=str(problem),
                attempt=1,
                language=conversation.response.language,
            )
        # Asked twice: store nothing for it and move on rather than trap them here.
        work.save_answer(conversation.response, question, None, meta={"unparsed": True})
        answers[question.key] = None
        outcome = advance(work, conversation, survey, answers)
        outcome.notes.insert(0, MOVE_ON)
        return outcome
    flag_here = question.own_words and bool(value)
    work.save_answer(
        conversation.response,
        question,
        value,
        meta=meta,
        safeguarding=result if flag_here else None,
    )
    if flag_here:
        conversation.last_text_key = question.key
        conversation.last_text_at = now_utc()
    answers[question.key] = value
    outcome = advance(work, conversation, survey, answers)
    outcome.flagged = bool(flag_here and result and result.flagged)
    if question.shows_help(value):
        # A low check-out: the web shows its help page here; by text or call, the help first.
        outcome.notes.insert(0, low_feeling_message(audience_of(survey)))
    return outcome


def asks_to_skip(question: Question, text: str, language: str) -> bool:
    """ "skip", "I'd rather not say" or the star key: passing over is always fine (issue 16)."""
    said = normalise(text).rstrip("#")
    return question.skippable and said in words_for(language).rather_not_say


def _skip(
    work: Delivery,
    conversation: Thread,
    survey: ResolvedSurvey,
    answers: dict[str, Any],
    question: Question,
) -> Outcome:
    """Kept as skipped, as the web's skip control keeps it, and on to the next question."""
    work.save_answer(
        conversation.response, question, question.skipped_value, meta=dict(svc.SKIPPED)
    )
    answers[question.key] = question.skipped_value
    return advance(work, conversation, survey, answers)


def _continues_free_text(
    work: Delivery, conversation: Thread, survey: ResolvedSurvey, answers: dict[str, Any], text: str
) -> SafeguardingResult | None:
    """Join the next part of a long free-text answer to it, instead of mis-reading it as the
    reply to the question asked since; the joined words' safeguarding result, or None when
    `text` is not such a part. Only a full-segment part is continued: "nah" or "why no reply"
    after a written answer is a reply to the question we asked next."""
    key, at = conversation.last_text_key, conversation.last_text_at
    if not key or at is None or now_utc() - at > CONTINUATION_WINDOW or not text:
        return None
    question = survey.question(key)
    before = answers.get(key) or ""
    if not isinstance(before, str) or not _ends_full_segment(before):
        return None
    # A long text is cut at a fixed length, mid-word or not: its parts join as they were, but
    # a part one short of full most likely ended in a space we stripped.
    joined = before + (" " if _ends_full_segment(before, short=True) else "") + text
    if len(joined) > (question.max_length or 2000):
        return None
    result = work.save_answer(conversation.response, question, joined)
    answers[key] = joined
    conversation.last_text_at = now_utc()
    return result or assess(joined)


def _ends_full_segment(words: str, *, short: bool = False) -> bool:
    """Could `words` be whole parts of a longer text (a phone fills each part but the last)?
    One character short counts too (`short`: only that): a two-unit character is never split
    across parts, and a trailing space is stripped before we see it."""
    ends = (_SEGMENT_GSM7 - 1,) if short else (0, _SEGMENT_GSM7 - 1)
    septets = gsm7_length(words)
    if septets is not None and septets >= _SEGMENT_GSM7 - 1 and septets % _SEGMENT_GSM7 in ends:
        return True
    units = len(words.encode("utf-16-le")) // 2
    ends = (_SEGMENT_UCS2 - 1,) if short else (0, _SEGMENT_UCS2 - 1)
    return units >= _SEGMENT_UCS2 - 1 and units % _SEGMENT_UCS2 in ends
