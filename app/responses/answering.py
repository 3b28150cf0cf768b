"""A question page's answer, on survey links (open, invited, own phone) and the conference
tablet alike: words of any length are read for safeguarding, and words that made us show who
can help are never shown back to whoever holds the link or the tablet next (issue 14, 1 and 3).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from flask_babel import gettext
from sqlalchemy import select

from analysis import SafeguardingResult, assess
from analysis.safeguarding_tiers import LONG_ANSWER
from app.core.extensions import db
from app.responses import service as svc
from app.responses.service import ResponseLike
from app.safeguarding.flags import record_flag
from app.safeguarding.models import SafeguardingFlag
from forms import question_form
from forms.survey import QuestionForm
from surveys import Question
from surveys.i18n import N_
from surveys.pager import CheckRow, CheckSection, Pager

KEPT_BACK = N_("You told us something important. A person who keeps children safe has it.")

# Words too long to store are read in overlapping parts no longer than an answer the detector
# reads as ordinary (past LONG_ANSWER it asks a person to read anything, disclosure or not):
# the overlap keeps a sentence that straddles two parts whole in one of them.
_PART_OVERLAP = 400


def disclosed_keys(response: ResponseLike | None) -> frozenset[str]:
    """The questions whose answer raised a safeguarding flag: never shown back."""
    if response is None:
        return frozenset()
    keys = db.session.scalars(
        select(SafeguardingFlag.question_key).where(
            SafeguardingFlag.response_id == response.id,
            SafeguardingFlag.question_key.is_not(None),
        )
    )
    return frozenset(keys)


def form_for(
    question: Question, answers: dict[str, Any], disclosed: frozenset[str]
) -> QuestionForm:
    """The question's form, holding the saved answer unless it disclosed something."""
    saved = None if question.key in disclosed else answers.get(question.key)
    return question_form(question, data={"answer": saved} if saved is not None else None)


def check_sections(pager: Pager, disclosed: frozenset[str]) -> list[CheckSection]:
    """Check your answers in the page's language, with a disclosure's words replaced by
    KEPT_BACK."""

    def answer(row: CheckRow) -> str:
        if row.question.key in disclosed:
            return gettext(KEPT_BACK)
        shown = row.shown
        return gettext(shown.text, **shown.params) if shown.interface else shown.text

    return [
        replace(section, rows=tuple(replace(row, answer=answer(row)) for row in section.rows))
        for section in pager.check_sections()
    ]


@dataclass(frozen=True)
class Sent:
    """What the answer sent on a question page did."""

    value: Any  # the answer the pages move on with
    helped: bool  # show who can help right now
    stay: bool = False  # nothing stored (too long): after help, this question again


def take_answer(
    form: QuestionForm,
    question: Question,
    answers: dict[str, Any],
    disclosed: frozenset[str],
    response_for: Callable[[], ResponseLike],
) -> Sent | None:
    """Store the answer sent, or None when the page must show its errors.

    `response_for` gives the response, starting it if this is the first answer.
    """
    if form.validate_on_submit():
        value = form.parsed_answer()
        if question.key in disclosed and value in ("", None) and question.key in answers:
            # The box was empty because we kept their words back: Continue keeps them.
            return Sent(answers[question.key], helped=False)
        result = svc.save_answer(response_for(), question, value)
        return Sent(value, helped=bool(result and result.flagged))
    words = form.answer.data
    if (
        question.own_words
        and form.is_submitted()
        and "csrf_token" not in form.errors
        and isinstance(words, str)
        and len(words.strip()) > (question.max_length or 0)
    ):
        result = assess_unkept(response_for(), question, words.strip())
        if result is not None:
            return Sent(None, helped=True, stay=True)
    return None


def skip(response: ResponseLike, question: Question, words: Any) -> bool:
    """ "I'd rather not say": kept as skipped. Words typed in the box before it was pressed are
    not stored, but read for safeguarding all the same: True when they may disclose harm (show
    who can help now)."""
    svc.skip_answer(response, question)
    if question.own_words and isinstance(words, str) and words.strip():
        return assess_unkept(response, question, words.strip()) is not None
    return False


def assess_unkept(
    response: ResponseLike, question: Question, words: str
) -> SafeguardingResult | None:
    """Words too long to store, read for safeguarding all the same.

    If any part may disclose harm, a flag keeps every word for the duty officer (the answer
    itself stays unstored, within the question's limit) and the result is returned.
    """
    if not any(assess(part).flagged for part in _parts(words)):
        return None
    result = assess(words)
    record_flag(
        words,
        result,
        channel=response.channel,
        source_key=f"response:{response.id}:{question.key}",
        response_id=response.id,
        question_key=question.key,
    )
    return result


def _parts(words: str, size: int = LONG_ANSWER) -> Iterator[str]:
    """Overlapping parts of at most `size` characters, cut at spaces where there are any."""
    start = 0
    while True:
        end = min(start + size, len(words))
        if end < len(words):
            space = words.rfind(" ", start + size - _PART_OVERLAP, end)
            end = space if space > start else end
        yield words[start:end]
        if end >= len(words):
            return
        start = max(end - _PART_OVERLAP, start + 1)
