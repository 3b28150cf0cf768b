"""Questions as text messages and phone calls: prompts and replies, asked of each question's kind.

The GSM-7 helpers live in surveys/gsm7.py and the forgiving reading of replies in
surveys/replies.py; they are re-exported here for callers that know them by this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from surveys.channel_words import words_for
from surveys.gsm7 import (
    GSM7_BASIC,
    GSM7_EXTENSION,
    SMS_SEGMENT_GSM7,
    SMS_SEGMENT_UCS2,
    gsm7_length,
    non_gsm7_characters,
    sms_segments,
    to_gsm7,
)
from surveys.languages import SOURCE_LANGUAGE
from surveys.replies import (
    FACE_POINTS,
    NO_WORDS,
    NOT_SURE_WORDS,
    NUMBER_WORDS,
    SKIP_WORDS,
    YES_WORDS,
)

if TYPE_CHECKING:
    from surveys.resolved import Question

__all__ = [
    "FACE_POINTS",
    "GSM7_BASIC",
    "GSM7_EXTENSION",
    "NOT_SURE_WORDS",
    "NO_WORDS",
    "NUMBER_WORDS",
    "SKIP_WORDS",
    "SMS_SEGMENT_GSM7",
    "SMS_SEGMENT_UCS2",
    "YES_WORDS",
    "gsm7_length",
    "non_gsm7_characters",
    "parse_keypad",
    "parse_reply",
    "reply_hint",
    "sms_prompt",
    "sms_segments",
    "to_gsm7",
    "voice_prompt",
]


def _question_text(question: Question) -> str:
    return to_gsm7(question.sms_text or question.text).strip()


def reply_hint(question: Question, language: str = SOURCE_LANGUAGE) -> str:
    """How to answer, in as few characters as we can."""
    return question.sms_hint(language)


def sms_prompt(
    question: Question,
    position: int | None = None,
    total: int | None = None,
    language: str = SOURCE_LANGUAGE,
) -> str:
    """One question as one text message, in `language` (its texts already translated)."""
    text = _question_text(question)
    # A question's own SMS wording may say how to reply already, in English or its language.
    said = {"reply", words_for(language).say("reply_word").lower()}
    hint = "" if any(word in text.lower() for word in said) else question.sms_hint(language)
    counter = f"Q{position}/{total}: " if position and total else ""
    asked = " ".join(part for part in (counter + text, hint) if part)
    # Passing over is always fine; said where it costs no second text.
    or_skip = words_for(language).say("or_skip")
    if question.skippable and "skip" not in asked.lower() and or_skip not in asked:
        offered = f"{asked} {or_skip}"
        if sms_segments(offered) == 1:
            return offered
    return asked


def parse_reply(question: Question, reply: str, language: str = SOURCE_LANGUAGE) -> Any:
    """A text-message reply as the question's canonical value, or AnswerError (kind words)."""
    return question.parse_sms(reply, language)


def voice_prompt(question: Question, language: str = SOURCE_LANGUAGE) -> str:
    """What the voice says for one question, with keypad instructions."""
    said = question.voice_prompt(language)
    # The star key passes over a keypad question; a spoken one is passed over by silence.
    if question.skippable and not question.voice_input().speech:
        return f"{said} {words_for(language).say('voice_star')}"
    return said


def parse_keypad(question: Question, digits: str, language: str = SOURCE_LANGUAGE) -> Any:
    """Keypad digits (or speech) as the question's canonical value, or AnswerError."""
    return question.parse_keypad(digits, language)
