"""One question a page: which question is shown, where Next, Back and Change lead, and the
check-your-answers page. Shared by every screen that asks a survey that way (survey links,
conference own-phone and tablet pages); the views only turn a Step into their own address.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from surveys.kinds import NOT_ANSWERED, Shown
from surveys.resolved import Question, ResolvedSurvey

Page = Literal["start", "question", "check"]


@dataclass(frozen=True)
class Step:
    """Where to send someone: the start page, one question's page, or check your answers."""

    page: Page
    key: str | None = None


START = Step("start")
CHECK = Step("check")


def question_step(key: str) -> Step:
    return Step("question", key)


@dataclass(frozen=True)
class QuestionPage:
    """What a question page shows besides the question's form."""

    question: Question
    position: int  # 1-based, among the questions shown for the answers so far
    total: int
    section_title: str | None  # only when the survey has more than one section
    back: Step
    first: bool  # the first question, reached straight from the start


@dataclass(frozen=True)
class CheckRow:
    question: Question
    answer: str  # in English, or the survey's words
    shown: Shown  # what the page shows, in the page's language once the app translates it


@dataclass(frozen=True)
class CheckSection:
    title: str | None
    rows: tuple[CheckRow, ...]


def answer_text(question: Question, value: Any) -> str:
    """An answer in words, for check-your-answers: nothing chosen reads "Not answered"."""
    if value is None or value == "" or value == []:
        return NOT_ANSWERED
    return question.display(value)


@dataclass(frozen=True)
class Pager:
    """The pages of one survey for one person's answers so far (question key -> value)."""

    survey: ResolvedSurvey
    answers: Mapping[str, Any]

    @property
    def visible(self) -> list[Question]:
        return self.survey.visible_questions(self.answers)

    @property
    def total(self) -> int:
        return len(self.visible)

    def resume(self) -> Step:
        """Where someone carries on: the first question not yet answered, else the check."""
        question = self.survey.first_unanswered(self.answers)
        return CHECK if question is None else question_step(question.key)

    def ready_to_check(self) -> bool:
        return self.survey.first_unanswered(self.answers) is None

    def page(self, key: str, *, changing: bool = False) -> QuestionPage | None:
        """The page for question `key`, or None when it is not shown (hidden by an earlier
        answer, or a stale address): send them to resume() instead."""
        keys = [q.key for q in self.visible]
        if key not in keys:
            return None
        previous = self.survey.previous_question(self.answers, key)
        # Changing an answer came from the check page; otherwise Back is the question before.
        back = CHECK if changing else question_step(previous.key) if previous else START
        return QuestionPage(
            question=self.survey.question(key),
            position=keys.index(key) + 1,
            total=len(keys),
            section_title=self._section_title(key),
            back=back,
            first=previous is None and not changing,
        )

    def _section_title(self, key: str) -> str | None:
        if len(self.survey.sections) < 2:
            return None
        section = next(
            (s for s in self.survey.sections if any(q.key == key for q in s.questions)), None
        )
        return section.title if section else None

    def after_answer(self, key: str, value: Any, *, changing: bool = False) -> Step:
        """Where to go once question `key` is answered with `value`."""
        answers = {**self.answers, key: value}
        if changing:
            # A changed answer may reveal a new question: ask it before going back to the check.
            return Pager(self.survey, answers).resume()
        following = self.survey.next_question(answers, key)
        return CHECK if following is None else question_step(following.key)

    def check_sections(self) -> list[CheckSection]:
        """Check your answers: every question shown, by section, with its answer in words."""
        visible = {q.key for q in self.visible}
        many = len(self.survey.sections) > 1
        return [
            CheckSection(
                title=section.title if many else None,
                rows=tuple(
                    CheckRow(
                        q,
                        answer_text(q, self.answers.get(q.key)),
                        q.shown(self.answers.get(q.key)),
                    )
                    for q in section.questions
                    if q.key in visible
                ),
            )
            for section in self.survey.sections
        ]

    def last(self) -> Step:
        """The last question shown: Back from the check page."""
        return question_step(self.visible[-1].key)
