"""Erasing one respondent, keeping only what the safeguarding record needs."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import delete, or_, select

from analysis import redact_for_board
from app.actions.models import Action, ActionQuote
from app.campaigns.models import Invitation
from app.conversations.models import Conversation, InboundMessage
from app.core.extensions import db
from app.outbound.models import CheckinSchedule, OutboundMessage
from app.reporting.pack_erasure import forget_in_packs, person_words, without_words
from app.respondents.lookup import flags_of, response_ids_of
from app.respondents.models import Respondent
from app.responses.models import Answer, Response
from app.review.models import AnswerAnalysis
from app.safeguarding.models import FlagEvent, SafeguardingFlag
from app.safeguarding.retention import ERASED_PREFIX


class ErasureRefused(Exception):
    """Erasure must wait (a safeguarding flag not yet acknowledged)."""


@dataclass
class ErasureResult:
    responses: int = 0
    answers: int = 0
    invitations: int = 0
    messages: int = 0
    flags_detached: int = 0
    quotes_removed: int = 0
    packs_changed: int = 0
    actions_changed: int = 0

    def as_detail(self) -> dict[str, int]:
        return asdict(self)


def open_flags(person: Respondent) -> list[SafeguardingFlag]:
    return [f for f in flags_of(person, response_ids_of(person)) if f.acknowledged_at is None]


def erase(person: Respondent) -> ErasureResult:
    """Remove one respondent and everything that identifies them or is theirs. Flushes.

    Deleted: the person, invitations, responses and answers (with their analysis and any board
    quote taken from them), texts sent and received, conversations and check-in schedules;
    their quotes in published board packs, and their words wherever staff text repeats them
    (packs' storyboards and frozen content, actions).
    Kept: safeguarding flags and their trail, detached from the person (no response, no phone
    hash, no phone number), because the safeguarding record must survive an erasure request
    (README, "Retention and erasure"); an SMS opt-out (only a keyed hash of the number), so a
    STOP is still honoured if the number comes back.
    Refused while a flag is waiting for the duty officer: a disclosure must be acted on first.
    """
    if open_flags(person):
        raise ErasureRefused(
            "A safeguarding flag for this person is waiting for the duty officer. It must be "
            "acknowledged before the person can be erased."
        )
    result = ErasureResult()
    response_ids = response_ids_of(person)
    invitation_ids = list(
        db.session.scalars(select(Invitation.id).where(Invitation.respondent_id == person.id))
    )
    answer_ids = list(
        db.session.scalars(select(Answer.id).where(Answer.response_id.in_(response_ids)))
    )
    analysis_ids = list(
        db.session.scalars(
            select(AnswerAnalysis.id).where(AnswerAnalysis.answer_id.in_(answer_ids))
        )
    )
    words = _words_of(answer_ids, analysis_ids)
    for flag in flags_of(person, response_ids):
        flag.response_id = None
        flag.phone_hash = None
        flag.phone_encrypted = None
        # "response:12:q3" would point back to the response: keep it unique, point nowhere.
        flag.source_key = f"{ERASED_PREFIX}{flag.id}"
        result.flags_detached += 1
        db.session.add(FlagEvent(flag_id=flag.id, kind="erased"))
    db.session.flush()
    result.packs_changed = forget_in_packs(analysis_ids, words)
    result.actions_changed = _forget_in_actions(words)

    gone = {"synchronize_session": False}
    result.quotes_removed = db.session.execute(
        delete(ActionQuote).where(ActionQuote.analysis_id.in_(analysis_ids)), execution_options=gone
    ).rowcount
    db.session.execute(
        delete(AnswerAnalysis).where(AnswerAnalysis.id.in_(analysis_ids)), execution_options=gone
    )
    result.answers = db.session.execute(
        delete(Answer).where(Answer.id.in_(answer_ids)), execution_options=gone
    ).rowcount
    conversation = Conversation.response_id.in_(response_ids)
    messages = OutboundMessage.respondent_id == person.id
    messages = or_(messages, OutboundMessage.invitation_id.in_(invitation_ids))
    if person.phone_hash:
        conversation = or_(conversation, Conversation.phone_hash == person.phone_hash)
        messages = or_(messages, OutboundMessage.phone_hash == person.phone_hash)
        db.session.execute(
            delete(InboundMessage).where(InboundMessage.phone_hash == person.phone_hash),
            execution_options=gone,
        )
    db.session.execute(delete(Conversation).where(conversation), execution_options=gone)
    result.messages = db.session.execute(
        delete(OutboundMessage).where(messages), execution_options=gone
    ).rowcount
    result.responses = db.session.execute(
        delete(Response).where(Response.id.in_(response_ids)), execution_options=gone
    ).rowcount
    db.session.execute(
        delete(CheckinSchedule).where(CheckinSchedule.respondent_id == person.id),
        execution_options=gone,
    )
    result.invitations = db.session.execute(
        delete(Invitation).where(Invitation.id.in_(invitation_ids)), execution_options=gone
    ).rowcount
    db.session.execute(delete(Respondent).where(Respondent.id == person.id), execution_options=gone)
    db.session.expunge(person)
    db.session.expire_all()
    return result


def _words_of(answer_ids: list[int], analysis_ids: list[int]) -> set[str]:
    """Their own words in every form they may have been copied in: as written, redacted, as
    approved for the board and as the board was shown them."""
    texts: list[str | None] = []
    for value, value_text in db.session.execute(
        select(Answer.value, Answer.value_text).where(Answer.id.in_(answer_ids))
    ):
        texts += [value if isinstance(value, str) else None, value_text]
    for redacted, quote in db.session.execute(
        select(AnswerAnalysis.redacted, AnswerAnalysis.quote).where(
            AnswerAnalysis.id.in_(analysis_ids)
        )
    ):
        texts += [redacted, quote, redact_for_board(quote) if quote else None]
    texts += [redact_for_board(t) for t in list(texts) if t]
    return person_words(texts)


_ACTION_TEXT = ("title", "description", "evidence", "you_said", "we_did")


def _forget_in_actions(words: set[str]) -> int:
    """Cut their words out of actions, which the board and the public page read."""
    if not words:
        return 0
    changed = 0
    for action in db.session.scalars(select(Action).order_by(Action.id)):
        touched = False
        for field in _ACTION_TEXT:
            text = getattr(action, field)
            if text and without_words(text, words) != text:
                setattr(action, field, without_words(text, words))
                touched = True
        changed += touched
    db.session.flush()
    return changed
