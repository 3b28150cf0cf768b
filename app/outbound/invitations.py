"""Invitations by SMS, sent in batches: a link (web) or the first question (sms), once each.

The idempotency key `invite:<invitation id>` makes each text happen once however often it is
asked for. Flushes only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import insert, select, update

from app.campaigns.models import Campaign, Invitation
from app.conversations.languages import language_for
from app.conversations.models import Conversation, ConversationStatus
from app.core.extensions import db
from app.core.sql import dialect_insert
from app.core.types import Channel, now_utc
from app.outbound import whatsapp
from app.outbound.invitation_rows import invitations_for
from app.outbound.models import OutboundMessage
from app.outbound.opt_outs import opted_out_among
from app.outbound.queueing import Text, keys_taken, queue_many
from app.outbound.reachability import unreachable
from app.outbound.texts import (
    STOP_HINT,
    first_question_text,
    fit,
    web_invitation_text,
    web_link,
)
from app.respondents.models import Respondent
from app.responses.models import Response, ResponseStatus
from surveys.sms import to_gsm7


@dataclass
class InviteSummary:
    queued: int = 0
    already_invited: int = 0
    no_consent: int = 0
    no_phone: int = 0
    opted_out: int = 0
    messages: list[OutboundMessage] = field(default_factory=list)


# Rows per multi-row statement: large enough that 10,000 people cost a few dozen round trips,
# small enough to stay well inside every driver's limit on bound parameters.
BATCH = 500


def send_invitations(
    campaign: Campaign,
    respondents: Iterable[Respondent],
    channel: Channel | None = None,
    *,
    at: datetime | None = None,
) -> InviteSummary:
    """Invite each person by SMS, once: a link (web) or the first question (sms).

    People without consent to contact, without a phone, or who opted out get nothing. Without
    `channel`, a person who prefers SMS is asked by SMS, anyone else gets a link. Works in
    batches, a handful of statements each, so a whole county is queued in seconds.
    """
    at = (at or now_utc()).astimezone(UTC)
    if not campaign.is_open(at):
        raise ValueError(f"campaign {campaign.slug!r} is not open")
    summary = InviteSummary()
    seen: set[int] = set()
    batch: list[Respondent] = []
    for respondent in respondents:
        if respondent.id in seen:
            summary.already_invited += 1  # listed twice: one text is enough
            continue
        seen.add(respondent.id)
        batch.append(respondent)
        if len(batch) == BATCH:
            _invite_batch(campaign, batch, channel, at, summary)
            batch = []
    if batch:
        _invite_batch(campaign, batch, channel, at, summary)
    db.session.flush()
    return summary


def _invite_batch(
    campaign: Campaign,
    people: list[Respondent],
    channel: Channel | None,
    at: datetime,
    summary: InviteSummary,
) -> None:
    textable: list[Respondent] = []
    for person in people:
        reason = unreachable(person)
        if reason is None:
            textable.append(person)
        else:
            setattr(summary, reason, getattr(summary, reason) + 1)
    # People opted in on WhatsApp (who asked for it) are invited there; an SMS STOP is no bar.
    on_whatsapp = whatsapp.invitable(textable, channel)
    opted_out = opted_out_among(
        {p.phone_hash for p in textable if p.phone_hash and p.id not in on_whatsapp}
    )
    opted_out -= {p.phone_hash for p in textable if p.id in on_whatsapp}
    summary.opted_out += sum(1 for person in textable if person.phone_hash in opted_out)
    textable = [person for person in textable if person.phone_hash not in opted_out]
    if not textable:
        return
    wanted = {person.id: _channel(person, channel, on_whatsapp) for person in textable}
    invitations = invitations_for(campaign, textable, wanted, 0)
    keys = {person.id: f"invite:{invitations[person.id].id}" for person in textable}
    sent_before = keys_taken(list(keys.values()))
    fresh = [person for person in textable if keys[person.id] not in sent_before]
    summary.already_invited += len(textable) - len(fresh)
    if not fresh:
        return
    started = set(
        db.session.scalars(
            select(Response.invitation_id).where(
                Response.invitation_id.in_([invitations[p.id].id for p in fresh])
            )
        )
    )
    for person in fresh:
        invitation = invitations[person.id]
        if invitation.channel != wanted[person.id] and invitation.id not in started:
            invitation.channel = wanted[person.id]
    by_sms = [invitations[p.id] for p in fresh if invitations[p.id].channel == Channel.SMS]
    texts = _open_conversations(campaign, by_sms, started, at)
    chosen: dict[int, Text] = {}
    for person in fresh:
        invitation = invitations[person.id]
        if invitation.channel == Channel.WHATSAPP:
            chosen[person.id] = whatsapp.first_contact(
                person, invitation, "invite", keys[person.id], web_link(invitation)
            )
        elif invitation.channel != Channel.SMS:
            language = language_for(person, campaign.survey_key)
            texts[invitation.id] = web_invitation_text(web_link(invitation), language)
    summary.messages.extend(
        queue_many(
            [
                chosen.get(person.id)
                or Text(
                    person,
                    texts[invitations[person.id].id],
                    keys[person.id],
                    invitations[person.id],
                )
                for person in fresh
            ],
            "invite",
            at=at,
        )
    )
    summary.queued += len(fresh)


def _channel(person: Respondent, asked: Channel | None, on_whatsapp: set[int]) -> Channel:
    """Where to invite this person: WhatsApp when they opted in there and it is wanted; else
    the channel asked for, or SMS for those who prefer it and a link for anyone else."""
    if person.id in on_whatsapp:
        return Channel.WHATSAPP
    if asked is not None and asked != Channel.WHATSAPP:
        return asked
    return Channel.SMS if person.preferred_channel == Channel.SMS else Channel.WEB


def _open_conversations(
    campaign: Campaign, invitations: list[Invitation], started: set[int], at: datetime
) -> dict[int, str]:
    """Start the SMS conversation each invitation asks for, as `open_for_invitation` does for
    one, in a few statements; returns each invitation's first text by invitation id."""
    from app.conversations.engine import open_for_invitation
    from app.conversations.languages import worded
    from app.conversations.store import active_key_for

    texts: dict[int, str] = {}
    # One by one where a response already exists: its answers decide the first question.
    fresh = [invitation for invitation in invitations if invitation.id not in started]
    one_by_one = [invitation for invitation in invitations if invitation.id in started]
    if fresh:
        active_keys = [active_key_for(Channel.SMS, i.respondent.phone_hash) for i in fresh]
        languages = {i.id: language_for(i.respondent, campaign.survey_key) for i in fresh}
        db.session.execute(
            update(Conversation)
            .where(Conversation.active_key.in_(active_keys))
            .values(status=ConversationStatus.TIMED_OUT, active_key=None)
        )
        db.session.execute(
            dialect_insert(Response).on_conflict_do_nothing(index_elements=["invitation_id"]),
            [
                {
                    "campaign_id": campaign.id,
                    "invitation_id": invitation.id,
                    "respondent_id": invitation.respondent_id,
                    "survey_key": campaign.survey_key,
                    "survey_version": campaign.survey_version,
                    "variant": invitation.variant,
                    "channel": Channel.SMS.value,
                    "status": ResponseStatus.IN_PROGRESS.value,
                    "language": languages[invitation.id],
                    "started_at": at,
                    "updated_at": at,
                }
                for invitation in fresh
            ],
        )
        response_ids = {
            invitation_id: response_id
            for invitation_id, response_id in db.session.execute(
                select(Response.invitation_id, Response.id).where(
                    Response.invitation_id.in_([invitation.id for invitation in fresh])
                )
            )
        }
        openings: dict[tuple[str | None, str], tuple[str | None, str]] = {}
        rows = []
        for invitation, active_key in zip(fresh, active_keys, strict=True):
            opening = (invitation.variant, languages[invitation.id])
            if opening not in openings:
                # The same for everyone on one variant in one language.
                key, version = campaign.survey_key, campaign.survey_version
                survey = worded(key, version, invitation.variant, opening[1])
                openings[opening] = first_question_text(survey, opening[1])
            first_key, text = openings[opening]
            texts[invitation.id] = text
            rows.append(
                {
                    "channel": Channel.SMS.value,
                    "phone_hash": invitation.respondent.phone_hash,
                    "response_id": response_ids[invitation.id],
                    "question_key": first_key,
                    "reasks": 0,
                    "status": ConversationStatus.ACTIVE.value,
                    "active_key": active_key,
                    "started_at": at,
                    "last_activity_at": at,
                }
            )
        db.session.execute(insert(Conversation), rows)
    for invitation in one_by_one:
        opening = to_gsm7(open_for_invitation(invitation))
        texts[invitation.id] = fit(opening + STOP_HINT, opening)
    return texts
