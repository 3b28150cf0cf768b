"""Issue 14.4 and 14.10 in the safeguarding inbox: a flag from a text in mid-survey shows the
number to phone (to the duty service only, and the showing is audited), and a flag after STOP
says which channels the young person stopped (texts, WhatsApp), which still reach them, and
shows the number to call."""

# ruff: noqa: F811 - the fixtures imported from test_safeguarding_inbox are parameters here

from __future__ import annotations

from sqlalchemy import select

from app.core.extensions import db
from app.models import AuditEvent, Channel, Role, SafeguardingFlag
from tests.conversations.test_whatsapp import whatsapp
from tests.conversations.twilio_helpers import sms_respondent, text

from .staff_helpers import sign_in
from .test_safeguarding_inbox import DUTY, app, mailbox, smtp_server  # noqa: F401 - fixtures

PHONE = "07700 900519"
E164 = "+447700900519"
OFFICER = "participation@shireford.example"


def _flag_id(app) -> int:
    with app.app_context():
        return db.session.scalars(select(SafeguardingFlag.id)).one()


def _warning(client, flag_id: int) -> str:
    page = client.get(f"/staff/safeguarding/{flag_id}").get_data(as_text=True)
    return page.split('id="cannot-text"', 1)[1].split("</div>", 1)[0]


def _viewed(app) -> list[dict]:
    with app.app_context():
        return [
            e.detail
            for e in db.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "flag.viewed").order_by(AuditEvent.id)
            )
        ]


def test_a_texter_in_mid_survey_can_be_phoned_by_the_duty_officer_and_it_is_audited(
    app, client, make_user
):
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    make_user(Role.PARTICIPATION_OFFICER, OFFICER)
    sms_respondent(app, PHONE, reference="MID-1")
    text(client, PHONE, "hi").close()
    text(client, PHONE, "2").close()
    text(client, PHONE, "my mum's boyfriend hits me when she is out").close()
    flag_id = _flag_id(app)

    duty = app.test_client()
    sign_in(duty, DUTY)
    page = duty.get(f"/staff/safeguarding/{flag_id}").get_data(as_text=True)
    assert 'id="sender-phone"' in page and E164 in page
    assert "MID-1" in page  # and who it was
    assert 'id="cannot-text"' not in page

    officer = app.test_client()
    sign_in(officer, OFFICER)
    page = officer.get(f"/staff/safeguarding/{flag_id}").get_data(as_text=True)
    assert "hits me" in page and E164 not in page and "sender-phone" not in page

    duty_view, officer_view = _viewed(app)
    assert duty_view["number_shown"] is True and officer_view["number_shown"] is False
    assert E164 not in str(duty_view)


def test_a_disclosure_after_stop_says_cannot_be_texted_and_shows_the_number(app, client, make_user):
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    sms_respondent(app, PHONE, reference="STOPPED-1")
    text(client, PHONE, "hi").close()
    text(client, PHONE, "stop texting me").close()
    text(client, PHONE, "my foster carer hits me").close()
    flag_id = _flag_id(app)

    duty = app.test_client()
    sign_in(duty, DUTY)
    inbox = duty.get("/staff/safeguarding").get_data(as_text=True)
    assert "Stopped texts: call" in inbox
    warning = _warning(duty, flag_id)
    assert "replied STOP to our texts: we cannot text them." in warning and E164 in warning
    assert "WhatsApp" not in warning  # never opted in there: nothing else reaches them
    page = duty.get(f"/staff/safeguarding/{flag_id}").get_data(as_text=True)
    assert "STOPPED-1" in page  # kept with the survey they stopped in, so known

    # Once they text START again they can be texted: the warning goes.
    text(client, PHONE, "START").close()
    page = duty.get(f"/staff/safeguarding/{flag_id}").get_data(as_text=True)
    assert 'id="cannot-text"' not in page


def test_a_disclosure_on_whatsapp_after_a_whatsapp_stop_says_texts_still_reach_them(
    app, client, make_user
):
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    sms_respondent(app, PHONE, reference="WA-STOP-1")
    whatsapp(client, "hi", phone=E164).close()
    whatsapp(client, "stop", phone=E164).close()
    whatsapp(client, "my foster carer hits me", phone=E164).close()
    flag_id = _flag_id(app)
    with app.app_context():
        assert db.session.get(SafeguardingFlag, flag_id).channel == Channel.WHATSAPP

    duty = app.test_client()
    sign_in(duty, DUTY)
    inbox = duty.get("/staff/safeguarding").get_data(as_text=True)
    assert "Stopped WhatsApp: text or call" in inbox and "Stopped texts" not in inbox
    assert "WhatsApp message" in inbox  # the channel it came on, named as staff say it
    warning = _warning(duty, flag_id)
    assert "replied STOP on WhatsApp: we cannot message them there." in warning
    assert "Texts (SMS) to the same number still reach them." in warning and E164 in warning

    # A STOP by text as well: nothing written reaches them any more, only a call.
    text(client, PHONE, "STOP").close()
    inbox = duty.get("/staff/safeguarding").get_data(as_text=True)
    assert "Stopped texts and WhatsApp: call" in inbox
    warning = _warning(duty, flag_id)
    assert "replied STOP to our texts and on WhatsApp" in warning and "still" not in warning

    # START on WhatsApp again: WhatsApp reaches them, texts do not.
    whatsapp(client, "START", phone=E164).close()
    inbox = duty.get("/staff/safeguarding").get_data(as_text=True)
    assert "Stopped texts: WhatsApp or call" in inbox
    warning = _warning(duty, flag_id)
    assert "replied STOP to our texts: we cannot text them." in warning
    assert "They agreed to WhatsApp messages and have not stopped them." in warning


def test_a_disclosure_by_text_after_a_text_stop_says_whatsapp_still_reaches_them(
    app, client, make_user
):
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    sms_respondent(app, PHONE, reference="SMS-STOP-WA")
    whatsapp(client, "START", phone=E164).close()  # opted in on WhatsApp
    text(client, PHONE, "hi").close()
    text(client, PHONE, "stop texting me").close()
    text(client, PHONE, "my foster carer hits me").close()
    flag_id = _flag_id(app)

    duty = app.test_client()
    sign_in(duty, DUTY)
    inbox = duty.get("/staff/safeguarding").get_data(as_text=True)
    assert "Stopped texts: WhatsApp or call" in inbox
    warning = _warning(duty, flag_id)
    assert "replied STOP to our texts: we cannot text them." in warning
    assert "They agreed to WhatsApp messages and have not stopped them." in warning
    assert E164 in warning


def test_a_whatsapp_sender_who_stopped_nothing_gets_no_warning(app, client, make_user):
    make_user(Role.DUTY_OFFICER, DUTY, on_duty=True)
    sms_respondent(app, PHONE, reference="WA-OK")
    whatsapp(client, "hi", phone=E164).close()
    whatsapp(client, "2", phone=E164).close()
    whatsapp(client, "my mum's boyfriend hits me when she is out", phone=E164).close()
    flag_id = _flag_id(app)
    duty = app.test_client()
    sign_in(duty, DUTY)
    page = duty.get(f"/staff/safeguarding/{flag_id}").get_data(as_text=True)
    assert 'id="sender-phone"' in page and 'id="cannot-text"' not in page
    assert "Stopped" not in duty.get("/staff/safeguarding").get_data(as_text=True)
