"""What a conversation says back: an `Outcome` (notes, then the awaited question), worded per
channel, and `prompt`, which builds one to ask a question with its place among the questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.conversations.languages import survey_of
from app.conversations.store import Delivery, Thread
from app.conversations.texts import render
from surveys import Question, ResolvedSurvey
from surveys.channel_words import words_for
from surveys.languages import SOURCE_LANGUAGE
from surveys.sms import sms_prompt, sms_segments, to_gsm7, voice_prompt


@dataclass
class Outcome:
    """What to say back: notes first, then the awaited question, rendered per channel."""

    notes: list[str] = field(default_factory=list)
    question: Question | None = None
    position: tuple[int, int] | None = None
    reask: str | None = None  # kind words about a reply we could not read
    attempt: int = 0  # times this question has been asked again; part of voice callback URLs
    finished: bool = False
    flagged: bool = False
    # The conversation's language: the notes (lazy wordings) and the question are said in it.
    language: str = SOURCE_LANGUAGE

    def said(self) -> list[str]:
        """The notes as words in the conversation's language."""
        return [render(note, self.language) for note in self.notes]

    def sms(self) -> list[str]:
        """Text messages, joined into one where they fit in a single segment."""
        parts = [to_gsm7(note) for note in self.said()]
        if self.reask:
            parts.append(self.reask)
        elif self.question is not None:
            position = self.position or (None, None)
            parts.append(sms_prompt(self.question, *position, language=self.language))
        joined = " ".join(parts)
        return [joined] if parts and sms_segments(joined) == 1 else parts

    def voice(self) -> list[str]:
        """What the voice says, in order."""
        parts = self.said()
        if self.reask:
            parts.append(words_for(self.language).say("sorry"))  # drafted for every language
        if self.question is not None:
            parts.append(voice_prompt(self.question, self.language))
        return parts


def survey_state(work: Delivery, conversation: Thread) -> tuple[ResolvedSurvey, dict[str, Any]]:
    # Answers read with the row serve once: after that this text may have changed them.
    answers, conversation.answers = conversation.answers, None
    if answers is None:
        answers = work.answers_of(conversation.response)
    return survey_of(conversation.response), answers


def prompt_current(
    work: Delivery,
    conversation: Thread,
    lead: str = "",
    state: tuple[ResolvedSurvey, dict[str, Any]] | None = None,
) -> Outcome:
    # `state`: the caller's survey and answers, already up to date (saves a query per text).
    survey, answers = state or survey_state(work, conversation)
    return prompt(
        survey,
        answers,
        conversation.question_key,
        lead,
        conversation.reasks,
        language=conversation.response.language,
    )


def prompt(
    survey: ResolvedSurvey,
    answers: dict[str, Any],
    question_key: str | None,
    lead: Any = "",
    attempt: int = 0,
    *,
    language: str = SOURCE_LANGUAGE,
) -> Outcome:
    """What to say to ask `question_key` (after `lead`), with its place among the questions
    these answers leave visible; only `lead` when there is no question left. `survey` is
    worded in `language` already."""
    notes = [lead] if lead else []
    if question_key is None:
        return Outcome(notes, language=language)
    question = survey.question(question_key)
    visible = [q.key for q in survey.visible_questions(answers)]
    position = (visible.index(question.key) + 1, len(visible)) if question.key in visible else None
    return Outcome(notes, question=question, position=position, attempt=attempt, language=language)
