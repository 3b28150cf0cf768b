"""Invitations by SMS: a link or the first question, once each, in batches."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.models import Channel, Conversation, Invitation, OutboundStatus, Response, SmsContact
from app.outbound import invitations
from app.outbound.invitation_rows import invitation_for
from app.outbound.invitations import send_invitations
from app.outbound.texts import STOP_HINT, fit
from app.responses.service import Access, resolve_link, start_for_invitation
from surveys import gsm7_length

from .conftest import PUBLIC_BASE, count_rows, make_campaign, make_person, messages_keyed


def test_web_invitation_carries_a_working_link(app, twilio_front):
    with app.app_context():
        campaign = make_campaign()
        person = make_person()
        summary = send_invitations(campaign, [person], Channel.WEB)
        db.session.commit()
        body = summary.messages[0].body
        assert gsm7_length(body) <= 160
        token = re.search(rf"{re.escape(PUBLIC_BASE)}/s/(\S+)", body).group(1)
        access = resolve_link(token)
        assert access.invitation is not None and access.invitation.respondent_id == person.id
    assert twilio_front.seen[0].form["Body"] == body


def test_sms_invitation_opens_the_conversation_with_the_first_question(app, twilio_front):
    with app.app_context():
        campaign = make_campaign()
        person = make_person(channel=Channel.SMS)
        summary = send_invitations(campaign, [person])  # preferred channel: SMS
        db.session.commit()
        body = summary.messages[0].body
        invitation = db.session.get(Invitation, summary.messages[0].invitation_id)
        assert invitation.channel == Channel.SMS
        assert body.startswith("Hi, it's Shireford County Council")
        assert gsm7_length(body) is not None
        assert count_rows(Conversation, Conversation.phone_hash == person.phone_hash) == 1
        assert messages_keyed("invite:")[0].status == OutboundStatus.SENT
    assert len(twilio_front.seen) == 1


def test_invitations_skip_people_without_consent_or_phone(app, twilio_front):
    with app.app_context():
        campaign = make_campaign()
        people = [make_person(), make_person(consent=False), make_person(with_phone=False)]
        summary = send_invitations(campaign, people)
        db.session.commit()
        assert (summary.queued, summary.no_consent, summary.no_phone) == (1, 1, 1)
        assert count_rows(Invitation) == 1
    assert len(twilio_front.seen) == 1


def test_invitations_in_batches_treat_everyone_as_one_by_one_would(app, twilio_front, monkeypatch):
    from app.conversations.engine import open_for_invitation
    from app.models import ConversationStatus

    monkeypatch.setattr(invitations, "BATCH", 3)  # seven people: batches of three, the last short
    with app.app_context():
        campaign = make_campaign()
        web = [make_person(), make_person()]
        by_sms = [make_person(channel=Channel.SMS) for _ in range(3)]
        opted_out = make_person(phone="07700 900 999")
        db.session.add(SmsContact(phone_hash=opted_out.phone_hash, opted_out=True))
        # Someone whose SMS response was already started (say by a text to our number).
        started = make_person(channel=Channel.SMS)
        own = invitation_for(campaign, started, Channel.SMS, 0)
        begun = start_for_invitation(Access(campaign, own, None), Channel.SMS)
        # One person already talking to us by text about something else: that conversation
        # gives way to the invitation's, as it would one by one.
        earlier = open_for_invitation(
            invitation_for(make_campaign("older-wave"), by_sms[0], Channel.SMS, 0)
        )
        assert earlier.startswith("Hi, it's")
        people = [*web, by_sms[0], started, by_sms[1], web[0], opted_out, by_sms[2]]
        summary = send_invitations(campaign, people)
        db.session.commit()
        assert (summary.queued, summary.already_invited, summary.opted_out) == (6, 1, 1)
        sms_people = [by_sms[0], started, by_sms[1], by_sms[2]]
        assert [m.respondent_id for m in summary.messages] == [
            p.id for p in [*web, by_sms[0], started, by_sms[1], by_sms[2]]
        ]
        bodies = {m.respondent_id: m.body for m in summary.messages}
        # Every SMS invitation opens with the same first question, batch or one by one.
        assert len({bodies[p.id] for p in sms_people}) == 1
        assert bodies[by_sms[0].id] == fit(earlier + STOP_HINT, earlier)
        for person in sms_people:
            active = db.session.scalars(
                select(Conversation).where(
                    Conversation.phone_hash == person.phone_hash,
                    Conversation.status == ConversationStatus.ACTIVE,
                )
            ).one()
            assert active.response.invitation.campaign_id == campaign.id
        assert count_rows(Response, Response.invitation_id == own.id) == 1
        only = select(Conversation).where(Conversation.phone_hash == started.phone_hash)
        assert db.session.scalars(only).one().response_id == begun.id
        replaced = (
            Conversation.phone_hash == by_sms[0].phone_hash,
            Conversation.status == ConversationStatus.TIMED_OUT,
        )
        assert count_rows(Conversation, *replaced) == 1
        for person in web:
            token = re.search(rf"{re.escape(PUBLIC_BASE)}/s/(\S+)", bodies[person.id]).group(1)
            assert resolve_link(token).invitation.respondent_id == person.id
        assert {m.status for m in messages_keyed("invite:")} == {OutboundStatus.SENT}

        again = send_invitations(campaign, people)
        db.session.commit()
        assert (again.queued, again.already_invited, again.messages) == (0, 7, [])
        assert count_rows(Conversation, Conversation.status == ConversationStatus.ACTIVE) == 4
    assert sorted(s.form["Body"] for s in twilio_front.seen) == sorted(bodies.values())


def test_closed_campaign_is_refused(app):
    from app.models import CampaignStatus

    with app.app_context():
        campaign = make_campaign()
        campaign.status = CampaignStatus.CLOSED
        with pytest.raises(ValueError, match="not open"):
            send_invitations(campaign, [make_person()])
