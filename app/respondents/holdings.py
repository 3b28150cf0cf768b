"""Everything held about one respondent, gathered for their page and their export."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from app.campaigns.models import Campaign, Invitation
from app.conversations.models import Conversation, InboundMessage, SmsContact, WhatsAppContact
from app.core.extensions import db
from app.outbound.models import CheckinSchedule, OutboundMessage
from app.respondents.lookup import flags_of, messages_of, response_ids_of
from app.respondents.models import Respondent
from app.responses.models import Answer, Response
from app.review.models import AnswerAnalysis
from app.safeguarding.models import SafeguardingFlag
from surveys import default_registry


@dataclass
class AnswerView:
    question_key: str
    question: str
    value: Any
    shown: str
    free_text: bool
    answered_at: datetime
    analysis: AnswerAnalysis | None
    # A possible disclosure: by its analysis, or by a flag raised from it.
    flagged: bool = False


@dataclass
class ResponseView:
    response: Response
    campaign: Campaign
    answers: list[AnswerView]


@dataclass
class Holdings:
    """Everything held about one respondent, for their page and their subject-access export."""

    person: Respondent
    invitations: list[Invitation]
    responses: list[ResponseView]
    messages: list[OutboundMessage]
    inbound: list[InboundMessage]
    flags: list[SafeguardingFlag]
    schedules: list[CheckinSchedule]
    conversations: list[Conversation]
    sms_contact: SmsContact | None
    whatsapp_contact: WhatsAppContact | None = None


def _answer_views(response: Response) -> list[AnswerView]:
    try:
        survey = default_registry().get(response.survey_key, response.survey_version)
        resolved = survey.resolve(response.variant)
    except (KeyError, ValueError):
        resolved = None
    analyses = {
        a.answer_id: a
        for a in db.session.scalars(
            select(AnswerAnalysis).where(
                AnswerAnalysis.answer_id.in_(
                    select(Answer.id).where(Answer.response_id == response.id)
                )
            )
        )
    }
    flagged_keys = set(
        db.session.scalars(
            select(SafeguardingFlag.question_key).where(SafeguardingFlag.response_id == response.id)
        )
    )
    views = []
    for answer in response.answers:
        analysis = analyses.get(answer.id)
        question = None
        if resolved is not None:
            try:
                question = resolved.question(answer.question_key)
            except KeyError:
                question = None
        try:
            shown = question.display(answer.value) if question else str(answer.value)
        except Exception:  # a value an older version allowed: show it as stored
            shown = str(answer.value)
        views.append(
            AnswerView(
                question_key=answer.question_key,
                question=question.text if question else answer.question_key,
                value=answer.value,
                shown=shown,
                free_text=question.own_words if question else answer.value_text is not None,
                answered_at=answer.answered_at,
                analysis=analysis,
                flagged=answer.question_key in flagged_keys
                or bool(analysis and analysis.safeguarding_category),
            )
        )
    return views


def without_disclosures(held: Holdings) -> Holdings:
    """What a role the safeguarding inbox does not tell whose words they were may see of one
    person: no flags, and no answer that may disclose harm (not even a sign one was left out)."""
    return replace(
        held,
        responses=[
            replace(view, answers=[a for a in view.answers if not a.flagged])
            for view in held.responses
        ],
        flags=[],
    )


def holdings(person: Respondent) -> Holdings:
    response_ids = response_ids_of(person)
    responses = list(
        db.session.scalars(
            select(Response).where(Response.id.in_(response_ids)).order_by(Response.started_at)
        )
    )
    phone_hash = person.phone_hash
    return Holdings(
        person=person,
        invitations=list(
            db.session.scalars(
                select(Invitation)
                .where(Invitation.respondent_id == person.id)
                .order_by(Invitation.created_at)
            )
        ),
        responses=[ResponseView(r, r.campaign, _answer_views(r)) for r in responses],
        messages=messages_of(person),
        inbound=list(
            db.session.scalars(
                select(InboundMessage)
                .where(InboundMessage.phone_hash == phone_hash)
                .order_by(InboundMessage.received_at)
            )
        )
        if phone_hash
        else [],
        flags=flags_of(person, response_ids),
        schedules=list(
            db.session.scalars(
                select(CheckinSchedule).where(CheckinSchedule.respondent_id == person.id)
            )
        ),
        conversations=list(
            db.session.scalars(
                select(Conversation).where(
                    or_(
                        Conversation.response_id.in_(response_ids),
                        Conversation.phone_hash == (phone_hash or ""),
                    )
                )
            )
        ),
        sms_contact=db.session.scalar(select(SmsContact).where(SmsContact.phone_hash == phone_hash))
        if phone_hash
        else None,
        whatsapp_contact=db.session.scalar(
            select(WhatsAppContact).where(WhatsAppContact.phone_hash == phone_hash)
        )
        if phone_hash
        else None,
    )
