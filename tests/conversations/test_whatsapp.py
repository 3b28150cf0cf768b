"""Surveys over WhatsApp through Twilio: the same signed webhook and conversation engine as SMS,
`whatsapp:` addresses, WhatsApp's own opt-in and STOP, and the person's WhatsApp display name
(ProfileName) never kept anywhere."""

from __future__ import annotations

import logging

from sqlalchemy import select

from app.conversations import channels, outage
from app.conversations.channels import opted_in_at, sender
from app.core.extensions import db
from app.core.phones import vault
from app.models import (
    Channel,
    Conversation,
    InboundMessage,
    Response,
    ResponseStatus,
    SmsContact,
    WhatsAppContact,
)
from app.outbound.opt_outs import is_opted_out
from surveys import default_registry
from tests.catalogues import with_catalogue

from .test_sms import E164, PHONE, count, teen_reply
from .twilio_helpers import messages, new_sid, signed_post, sms_respondent, text

PROFILE_NAME = "Jordan Quillfeather"  # WhatsApp's display name: must never be stored or logged


def whatsapp(client, body: str, sid: str | None = None, phone: str = E164):
    """A WhatsApp message as Twilio's Messaging webhook delivers it."""
    return signed_post(
        client,
        "/sms/inbound",
        {
            "From": f"whatsapp:{phone}",
            "To": "whatsapp:+447700900999",
            "Body": body,
            "MessageSid": sid or new_sid(),
            "ProfileName": PROFILE_NAME,
            "WaId": phone.lstrip("+"),
            "NumMedia": "0",
        },
    )


def everything_stored() -> str:
    return "\n".join(
        " ".join(str(value) for value in row)
        for table in db.metadata.sorted_tables
        for row in db.session.execute(select(table)).all()
    )


def test_whatsapp_addresses_are_read_as_the_same_number_on_another_channel():
    assert sender("whatsapp:+447700900123") == (Channel.WHATSAPP, E164)
    assert sender("+447700900123") == (Channel.SMS, E164)
    assert sender("whatsapp:not-a-number") is None


def test_unsigned_whatsapp_messages_are_refused_without_effect(app, client):
    params = {"From": f"whatsapp:{E164}", "Body": "hi", "MessageSid": new_sid()}
    assert client.post("/sms/inbound", data=params).status_code == 403
    assert signed_post(client, "/sms/inbound", params, token="wrong").status_code == 403
    with app.app_context():
        assert count(InboundMessage) == 0


def test_full_survey_on_whatsapp_start_to_thank_you(app, client, caplog):
    caplog.set_level(logging.DEBUG)
    sms_respondent(app, PHONE)  # the same person, found by the same encrypted number
    survey = default_registry().get("pledge").resolve("teen")
    first = messages(whatsapp(client, "Hi"))
    assert len(first) == 1 and "Q1/" in first[0]
    redelivered = new_sid()
    reply = messages(whatsapp(client, teen_reply(survey.questions[0]), sid=redelivered))
    assert "Q2/" in reply[-1]
    # Twilio's retry of the same delivery gets the same reply and changes nothing.
    assert messages(whatsapp(client, teen_reply(survey.questions[0]), sid=redelivered)) == reply
    for question in survey.questions[1:]:
        reply = messages(whatsapp(client, teen_reply(question)))
    assert "Thank you, that's everything" in reply[-1]
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.status == ResponseStatus.COMPLETE
        assert response.channel == Channel.WHATSAPP
        assert {a.question_key for a in response.answers} == {q.key for q in survey.questions}
        conversation = db.session.scalars(select(Conversation)).one()
        assert conversation.channel == Channel.WHATSAPP and conversation.status == "finished"
        assert conversation.phone_hash == vault().hash(E164)
        inbound = db.session.scalars(select(InboundMessage)).all()
        assert {m.channel for m in inbound} == {Channel.WHATSAPP}
        assert len(inbound) == len(survey.questions) + 1  # the retry was not a second delivery
        stored = everything_stored()
        # Privacy: neither WhatsApp's display name nor the number is kept in the clear.
        assert PROFILE_NAME not in stored and "Quillfeather" not in stored
        assert E164 not in stored and "447700900123" not in stored
    assert PROFILE_NAME not in caplog.text and "Quillfeather" not in caplog.text


def test_stop_on_whatsapp_stops_whatsapp_only_and_start_resumes(app, client):
    sms_respondent(app, PHONE)
    survey = default_registry().get("pledge").resolve("teen")
    whatsapp(client, "hello")
    whatsapp(client, "5")  # answers Q1 on WhatsApp
    stop = messages(whatsapp(client, "STOP"))
    assert "won't get any more WhatsApp messages from us" in stop[0]
    assert "texts" not in stop[0]  # a STOP here stops WhatsApp only: texts go on
    assert messages(whatsapp(client, "Stop")) == []  # confirmed once, then silence
    assert messages(whatsapp(client, "3")) == []  # not answered while stopped
    with app.app_context():
        phone_hash = vault().hash(E164)
        contact = db.session.scalars(select(WhatsAppContact)).one()
        assert contact.opted_out and contact.opted_out_at is not None
        assert is_opted_out(phone_hash, Channel.WHATSAPP)
        assert not is_opted_out(phone_hash, Channel.SMS)
        assert count(SmsContact) == 0  # SMS consent untouched
    # SMS still works for the same number: its own conversation, answered as ever.
    by_sms = " ".join(messages(text(client, PHONE, "hi")))
    assert "Q" in by_sms and "/" in by_sms
    with app.app_context():
        assert {c.channel for c in db.session.scalars(select(Conversation))} == {
            Channel.WHATSAPP,
            Channel.SMS,
        }
    back = " ".join(messages(whatsapp(client, "START")))
    assert "Welcome back" in back and "Q2/" in back  # where they stopped on WhatsApp
    with app.app_context():
        contact = db.session.scalars(select(WhatsAppContact)).one()
        assert not contact.opted_out
        assert opted_in_at(phone_hash, Channel.WHATSAPP) is not None  # recorded, with when
        assert opted_in_at(phone_hash, Channel.SMS) is None
        answers = {
            a.question_key: a.value for a in db.session.scalars(select(Response)).first().answers
        }
        assert answers[survey.questions[0].key] == 5


def test_stop_on_sms_leaves_whatsapp_consent_as_it_was(app, client):
    sms_respondent(app, PHONE)
    whatsapp(client, "START")  # opting in on WhatsApp is recorded, with when
    with app.app_context():
        phone_hash = vault().hash(E164)
        assert opted_in_at(phone_hash, Channel.WHATSAPP) is not None
    text(client, PHONE, "STOP")
    with app.app_context():
        assert is_opted_out(phone_hash, Channel.SMS)
        assert not is_opted_out(phone_hash, Channel.WHATSAPP)
        assert opted_in_at(phone_hash, Channel.WHATSAPP) is not None
    assert messages(whatsapp(client, "hi"))  # still answered on WhatsApp


def test_disclosure_on_whatsapp_gets_help_and_a_flag_on_that_channel(app, client):
    from app.models import SafeguardingFlag

    sms_respondent(app, PHONE)
    whatsapp(client, "hi")
    reply = " ".join(messages(whatsapp(client, "my foster carer hits me")))
    assert "0800 1111" in reply
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.channel == Channel.WHATSAPP
        assert PROFILE_NAME not in everything_stored()


def test_a_delivery_kept_during_an_outage_drops_the_profile_name(app):
    kept: list[tuple[str, dict]] = []
    outage.install_spool(app, lambda kind, delivery: kept.append((kind, delivery)))
    form = {"From": f"whatsapp:{E164}", "Body": "hi", "MessageSid": "SM1", "ProfileName": "Jo"}
    with app.test_request_context("/sms/inbound", method="POST", data=form):
        assert outage.keep_for_later("sms")
    assert kept and "ProfileName" not in kept[0][1]["form"]
    assert kept[0][1]["form"]["From"] == f"whatsapp:{E164}"


def test_dev_chat_page_chats_as_whatsapp(app, client):
    from app.campaigns.service import create_campaign
    from tests.web.helpers import csrf_token

    definition = default_registry().get("sms_checkin")
    with app.test_request_context():
        campaign = create_campaign(definition, "practice", "Practice check-in")
        db.session.commit()
        campaign_id = campaign.id
    token = csrf_token(client.get("/dev/sms").get_data(as_text=True))
    form = {"csrf_token": token, "phone": PHONE, "channel": "whatsapp"}
    client.post("/dev/sms", data={**form, "action": "start", "campaign": campaign_id})
    client.post("/dev/sms", data={**form, "action": "send", "body": "4"})
    html = client.get("/dev/sms").get_data(as_text=True)
    assert "Conversation on WhatsApp" in html and "Q2/" in html
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.channel == Channel.WHATSAPP and len(response.answers) == 1


def test_start_and_help_on_whatsapp_name_whatsapp_messages_and_texts_keep_their_words(app, client):
    whatsapp(client, "STOP")  # no survey for this number
    back = " ".join(messages(whatsapp(client, "START")))
    assert back == "Welcome back. You'll get our WhatsApp messages again. Reply STOP to stop."
    helped = " ".join(messages(whatsapp(client, "HELP")))
    assert "Reply STOP to stop our WhatsApp messages." in helped and "0800 1111" in helped
    assert "texts" not in back + helped
    # The same words by SMS still say texts.
    assert "won't get any more texts from us" in " ".join(messages(text(client, PHONE, "STOP")))
    back = " ".join(messages(text(client, PHONE, "START")))
    assert back == "Welcome back. You'll get our texts again. Reply STOP to stop."
    assert "Reply STOP to stop texts." in " ".join(messages(text(client, PHONE, "HELP")))


def test_the_whatsapp_stop_confirmation_is_said_in_the_conversations_language(
    app, client, tmp_path
):
    stopped = (
        "You won't get any more WhatsApp messages from us. Reply START if you change "
        "your mind. Need help now? %(numbers)s"
    )
    with_catalogue(
        app, tmp_path, "pl", {stopped: "Nie dostaniesz już od nas wiadomości WhatsApp. %(numbers)s"}
    )
    sms_respondent(app, PHONE, reference="PL-WA", language="pl")
    whatsapp(client, "hej")
    stop = " ".join(messages(whatsapp(client, "STOP")))
    assert stop.startswith("Nie dostaniesz już od nas wiadomości WhatsApp.") and "0800 1111" in stop


def test_a_whatsapp_landline_is_answered_but_a_landline_or_short_code_text_is_not(app, client):
    landline = "+441632960001"
    reply = messages(whatsapp(client, "hello?", phone=landline))
    assert len(reply) == 1 and "0800 1111" in reply[0]  # no survey for it, answered kindly
    assert messages(text(client, landline, "hello?")) == []  # texts come from mobiles only
    assert messages(whatsapp(client, "hello?", phone="60123")) == []  # a short code
    with app.app_context():
        assert count(InboundMessage) == 1
    assert channels.conversable(Channel.WHATSAPP, landline)
    assert not channels.conversable(Channel.SMS, landline)
    assert channels.conversable(Channel.SMS, E164)
