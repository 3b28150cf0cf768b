"""WhatsApp messages we send, through the same queue and sender as SMS, against Twilio's API
description (Prism): a first contact only by an approved template (ContentSid and
ContentVariables), free words only inside the 24-hour window, and WhatsApp's own opt-in/out."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.conversations.channels import record_opt_in
from app.core.extensions import db
from app.core.types import now_utc
from app.models import (
    Channel,
    InboundMessage,
    Invitation,
    OutboundMessage,
    OutboundStatus,
    SmsContact,
    WhatsAppContact,
)
from app.outbound.invitations import send_invitations
from app.outbound.queueing import queue_sms

from .conftest import FROM_NUMBER, PUBLIC_BASE, make_campaign, make_person, run_task

WHATSAPP_NUMBER = "+447700900777"
INVITATION_SID = "HX" + "1" * 32
REMINDER_SID = "HX" + "2" * 32
CHECKIN_SID = "HX" + "3" * 32


@pytest.fixture
def app(app):
    app.config.update(
        WHATSAPP_FROM_NUMBER=WHATSAPP_NUMBER,
        WHATSAPP_INVITATION_CONTENT_SID=INVITATION_SID,
        WHATSAPP_REMINDER_CONTENT_SID=REMINDER_SID,
        WHATSAPP_CHECKIN_CONTENT_SID=CHECKIN_SID,
    )
    return app


def wrote_to_us(phone_hash: str, hours_ago: float) -> None:
    """A WhatsApp message from this number, received `hours_ago`."""
    db.session.add(
        InboundMessage(
            sid=f"whatsapp:SM{phone_hash[:30]}{hours_ago}",
            channel=Channel.WHATSAPP,
            phone_hash=phone_hash,
            received_at=now_utc() - timedelta(hours=hours_ago),
        )
    )
    db.session.flush()


def test_first_contact_on_whatsapp_is_the_invitation_template(app, twilio_front, prism):
    valid_before, _ = prism.counts()
    with app.app_context():
        campaign = make_campaign()
        person = make_person(channel=Channel.WHATSAPP, phone="07700 900321")
        record_opt_in(person.phone_hash, Channel.WHATSAPP)
        summary = send_invitations(campaign, [person])
        db.session.commit()
        message = summary.messages[0]
        assert message.channel == Channel.WHATSAPP and message.content_sid == INVITATION_SID
        assert db.session.get(Invitation, message.invitation_id).channel == Channel.WHATSAPP
        assert db.session.get(OutboundMessage, message.id).status == OutboundStatus.SENT
    [request] = twilio_front.seen
    form = request.form
    assert form["To"] == "whatsapp:+447700900321"
    assert form["From"] == f"whatsapp:{WHATSAPP_NUMBER}"
    assert form["ContentSid"] == INVITATION_SID and "Body" not in form
    variables = json.loads(form["ContentVariables"])
    # Only what the template needs: the council and the survey link, never a name.
    assert variables["1"] == app.config["COUNCIL_NAME"]
    assert variables["2"].startswith(f"{PUBLIC_BASE}/s/")
    assert set(variables) == {"1", "2"}
    valid_after, _ = prism.counts()
    assert valid_after == valid_before + 1  # Prism checked it against Twilio's description


def test_no_whatsapp_opt_in_means_no_whatsapp_invitation(app, twilio_front):
    with app.app_context():
        campaign = make_campaign()
        person = make_person(channel=Channel.WHATSAPP)
        summary = send_invitations(campaign, [person])
        db.session.commit()
        assert summary.messages[0].channel == Channel.SMS  # the web link by text, as before
        assert summary.messages[0].content_sid is None
    assert "ContentSid" not in twilio_front.seen[0].form
    assert not twilio_front.seen[0].form["To"].startswith("whatsapp:")


def test_sms_stop_is_no_bar_to_a_whatsapp_invitation_but_a_whatsapp_stop_is(app, twilio_front):
    with app.app_context():
        campaign = make_campaign()
        stopped_sms = make_person(channel=Channel.WHATSAPP)
        record_opt_in(stopped_sms.phone_hash, Channel.WHATSAPP)
        db.session.add(SmsContact(phone_hash=stopped_sms.phone_hash, opted_out=True))
        stopped_whatsapp = make_person(channel=Channel.WHATSAPP)
        record_opt_in(stopped_whatsapp.phone_hash, Channel.WHATSAPP)
        contact = db.session.scalars(
            select(WhatsAppContact).where(WhatsAppContact.phone_hash == stopped_whatsapp.phone_hash)
        ).one()
        contact.opted_out = True
        summary = send_invitations(campaign, [stopped_sms, stopped_whatsapp])
        db.session.commit()
        # WhatsApp for the one who stopped texts only; the one who stopped WhatsApp is not
        # messaged there (their SMS choice stands, as for anyone not opted in on WhatsApp).
        channels = {m.respondent_id: m.channel for m in summary.messages}
        assert channels == {stopped_sms.id: Channel.WHATSAPP, stopped_whatsapp.id: Channel.SMS}
    sent = sorted(request.form["To"].startswith("whatsapp:") for request in twilio_front.seen)
    assert sent == [False, True]


def test_free_words_go_only_inside_the_24_hour_window(app, twilio_front):
    with app.app_context():
        inside, outside = make_person(), make_person()
        wrote_to_us(inside.phone_hash, hours_ago=23)
        wrote_to_us(outside.phone_hash, hours_ago=25)
        rows = []
        for person in (inside, outside):
            number = db.session.get(type(person), person.id)
            from app.core.phones import vault

            address = f"whatsapp:{vault().decrypt(number.phone_encrypted)}"
            rows.append(
                queue_sms(address, "Thanks, here is the next question.", "reply", f"r{person.id}")
            )
        db.session.commit()
        ids = [row.id for row in rows]
        sent, refused = (db.session.get(OutboundMessage, i) for i in ids)
        assert sent.status == OutboundStatus.SENT and sent.channel == Channel.WHATSAPP
        assert refused.status == OutboundStatus.CANCELLED
        assert "24-hour window" in refused.error_message
    [request] = twilio_front.seen
    assert request.form["Body"] == "Thanks, here is the next question."
    assert request.form["To"].startswith("whatsapp:") and "ContentSid" not in request.form


def test_a_template_needs_an_opt_in_on_whatsapp(app, twilio_front):
    from app.outbound.whatsapp import first_contact

    with app.app_context():
        campaign = make_campaign()
        person = make_person(channel=Channel.WHATSAPP)
        from app.outbound.invitation_rows import invitation_for
        from app.outbound.queueing import queue_many

        invitation = invitation_for(campaign, person, Channel.WHATSAPP, 0)
        text = first_contact(person, invitation, "remind", "rem:1", f"{PUBLIC_BASE}/s/x")
        [message] = queue_many([text], "remind")
        db.session.commit()
        message = db.session.get(OutboundMessage, message.id)
        assert message.status == OutboundStatus.CANCELLED
        assert message.error_message == "not opted in on WhatsApp"
        assert message.content_sid == REMINDER_SID
    assert twilio_front.seen == []


def test_whatsapp_unsubscribed_from_twilio_stops_whatsapp_only(app, twilio_front):
    from .conftest import twilio_error

    twilio_front.script.append(
        twilio_error(400, 21610, "Attempt to send to unsubscribed recipient")
    )
    with app.app_context():
        person = make_person()
        wrote_to_us(person.phone_hash, hours_ago=1)
        from app.core.phones import vault

        e164 = vault().decrypt(person.phone_encrypted)
        message = queue_sms(f"whatsapp:{e164}", "Next question", "reply", "wa-unsub")
        db.session.commit()
        assert db.session.get(OutboundMessage, message.id).status == OutboundStatus.OPTED_OUT
        from app.outbound.opt_outs import is_opted_out

        assert is_opted_out(person.phone_hash, Channel.WHATSAPP)
        assert not is_opted_out(person.phone_hash, Channel.SMS)
        by_sms = queue_sms(e164, "A text", "reply", "sms-after")
        db.session.commit()
        assert db.session.get(OutboundMessage, by_sms.id).status == OutboundStatus.SENT
    assert twilio_front.seen[-1].form["From"] == FROM_NUMBER


def test_replies_to_a_kept_whatsapp_message_go_back_on_whatsapp(app, twilio_front):
    from app.outbound.tasks import replay_kept_delivery

    with app.app_context():
        person = make_person()
        from app.core.phones import vault

        e164 = vault().decrypt(person.phone_encrypted)
        db.session.commit()
        form = {
            "From": f"whatsapp:{e164}",
            "To": f"whatsapp:{WHATSAPP_NUMBER}",
            "Body": "help",
            "MessageSid": "SM" + "a" * 32,
        }
        assert replay_kept_delivery("sms", {"form": form, "query": ""}) >= 1
        reply = db.session.scalars(
            select(OutboundMessage).where(OutboundMessage.purpose != "invite")
        ).one()
        assert reply.channel == Channel.WHATSAPP and reply.content_sid is None
        run_task(app, reply.id)
        assert db.session.get(OutboundMessage, reply.id).status == OutboundStatus.SENT
    assert twilio_front.seen[-1].form["To"] == f"whatsapp:{e164}"


def test_reminders_and_checkins_on_whatsapp_are_their_templates(app, twilio_front):
    from app.outbound.checkins import create_schedule
    from app.outbound.periodic import tick
    from app.outbound.reminders import queue_reminders

    with app.app_context():
        campaign = make_campaign()
        person = make_person(channel=Channel.WHATSAPP)
        record_opt_in(person.phone_hash, Channel.WHATSAPP)
        # Texts stopped: no bar to WhatsApp, which has its own consent.
        db.session.add(SmsContact(phone_hash=person.phone_hash, opted_out=True))
        [invite] = send_invitations(campaign, [person]).messages
        db.session.commit()
        invite = db.session.get(OutboundMessage, invite.id)
        assert invite.status == OutboundStatus.SENT
        assert queue_reminders(invite.sent_at + timedelta(days=3, minutes=1)) == 1
        db.session.commit()
        [reminder] = db.session.scalars(
            select(OutboundMessage).where(OutboundMessage.purpose == "remind")
        ).all()
        assert (reminder.channel, reminder.content_sid) == (Channel.WHATSAPP, REMINDER_SID)
        assert reminder.status == OutboundStatus.SENT

        other = make_person(channel=Channel.WHATSAPP)
        record_opt_in(other.phone_hash, Channel.WHATSAPP)
        create_schedule(other, campaign, start=now_utc() - timedelta(days=40), every_months=1)
        db.session.commit()
        assert tick(now_utc()).checkins == 1
        db.session.commit()
        [checkin] = db.session.scalars(
            select(OutboundMessage).where(OutboundMessage.purpose == "checkin")
        ).all()
        assert (checkin.channel, checkin.content_sid) == (Channel.WHATSAPP, CHECKIN_SID)
        assert checkin.status == OutboundStatus.SENT
    sids = [request.form.get("ContentSid") for request in twilio_front.seen]
    assert sids == [INVITATION_SID, REMINDER_SID, CHECKIN_SID]
    assert all(request.form["To"].startswith("whatsapp:+44") for request in twilio_front.seen)


def test_without_whatsapp_settings_people_are_texted_as_before(app, twilio_front):
    app.config.update(WHATSAPP_INVITATION_CONTENT_SID="")
    with app.app_context():
        campaign = make_campaign()
        person = make_person(channel=Channel.WHATSAPP)
        record_opt_in(person.phone_hash, Channel.WHATSAPP)
        [message] = send_invitations(campaign, [person]).messages
        db.session.commit()
        assert message.channel == Channel.SMS and message.content_sid is None
    assert not twilio_front.seen[0].form["To"].startswith("whatsapp:")


def test_a_whatsapp_business_landline_is_messaged_where_a_text_to_it_is_refused(app, twilio_front):
    with app.app_context():
        campaign = make_campaign()
        person = make_person(channel=Channel.WHATSAPP, phone="01632 960001")
        record_opt_in(person.phone_hash, Channel.WHATSAPP)
        summary = send_invitations(campaign, [person])
        texted = queue_sms(make_person(phone="01632 960002"), "Hello", "test", "landline:sms")
        db.session.commit()
        sent = db.session.get(OutboundMessage, summary.messages[0].id)
        assert sent.channel == Channel.WHATSAPP and sent.status == OutboundStatus.SENT
        refused = db.session.get(OutboundMessage, texted.id)
        assert refused.status == OutboundStatus.FAILED
        assert refused.error_message == "not a mobile number"
    assert [request.form["To"] for request in twilio_front.seen] == ["whatsapp:+441632960001"]
