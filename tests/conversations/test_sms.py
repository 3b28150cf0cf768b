"""Surveys by text message through the Twilio webhook: signed, idempotent, kind and safe."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

from sqlalchemy import func, select

from app.core.extensions import db
from app.core.phones import normalise, vault
from app.models import (
    Answer,
    Conversation,
    InboundMessage,
    Response,
    ResponseStatus,
    SafeguardingFlag,
    SmsContact,
)
from surveys import default_registry
from surveys.sms import parse_reply

from .twilio_helpers import messages, new_sid, signed_post, sms_respondent, text

PHONE = "07700 900123"
E164 = "+447700900123"


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def teen_reply(question) -> str:
    """What a teenager might text back for each kind of question."""
    return {
        "scale": "4",
        "free_text": "my PA is good but I want more help with money",
        "yes_no_not_sure": "yeah",
        "single_choice": "1",
        "multiple_choice": "1, 2",
    }[question.kind]


# --- Trust nothing unsigned -----------------------------------------------------------------


def test_signed_requests_are_accepted_and_others_refused_without_effect(app, client):
    params = {"From": E164, "Body": "hi", "MessageSid": new_sid()}
    assert client.post("/sms/inbound", data=params).status_code == 403  # no signature header
    forged = signed_post(client, "/sms/inbound", params, token="not-the-token")
    assert forged.status_code == 403
    elsewhere = signed_post(client, "/sms/inbound", params, url="http://localhost/sms/status")
    assert elsewhere.status_code == 403
    tampered = signed_post(client, "/sms/inbound", params)
    assert tampered.status_code == 200
    params2 = {**params, "MessageSid": new_sid()}
    headers = {"X-Twilio-Signature": "AAAA"}
    assert client.post("/sms/inbound", data=params2, headers=headers).status_code == 403
    assert client.post("/voice/inbound", data={"From": E164, "CallSid": "CA1"}).status_code == 403
    with app.app_context():
        assert count(InboundMessage) == 1  # only the properly signed one


def test_signature_checked_against_public_url_behind_a_proxy(app, client):
    app.config["PUBLIC_BASE_URL"] = "https://feedback.shireford.example"
    params = {"From": E164, "Body": "hi", "MessageSid": new_sid()}
    public = "https://feedback.shireford.example/sms/inbound"
    assert signed_post(client, "/sms/inbound", params, url=public).status_code == 200
    params["MessageSid"] = new_sid()
    assert signed_post(client, "/sms/inbound", params).status_code == 403


# --- A whole survey -------------------------------------------------------------------------


def test_full_pledge_survey_by_sms_is_stored_like_a_web_response(app, client):
    sms_respondent(app, PHONE)
    survey = default_registry().get("pledge").resolve("teen")
    first = messages(text(client, PHONE, "Hi"))
    assert len(first) == 1 and "Q1/" in first[0]
    # One reply it cannot read: a kind re-ask, and the same question stays open.
    reask = messages(text(client, PHONE, "banana"))
    assert reask[0].startswith("Sorry, I didn't get that.")
    for question in survey.questions:
        reply = messages(text(client, PHONE, teen_reply(question)))
    assert "Thank you, that's everything" in reply[-1]
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.status == ResponseStatus.COMPLETE and response.channel == "sms"
        assert (response.survey_key, response.survey_version, response.variant) == (
            "pledge",
            survey.version,
            "teen",
        )
        stored = {a.question_key: a.value for a in response.answers}
        expected = {q.key: parse_reply(q, teen_reply(q)) for q in survey.questions}
        assert stored == expected
        assert all(
            type(stored[k]) is type(q.parse(q.options[-1].value if q.options else "words"))
            for k, q in ((q.key, q) for q in survey.questions)
        )
        conversation = db.session.scalars(select(Conversation)).one()
        assert conversation.active_key is None and conversation.status == "finished"


def test_stop_then_start_resumes_and_help_keeps_the_place(app, client):
    sms_respondent(app, PHONE)
    survey = default_registry().get("pledge").resolve("teen")
    text(client, PHONE, "hello")
    text(client, PHONE, "5")  # answers Q1
    help_reply = " ".join(messages(text(client, PHONE, "HELP")))
    assert "0800 1111" in help_reply and "Q2/" in help_reply
    stop = messages(text(client, PHONE, "STOP"))
    assert "won't get any more texts" in stop[0]
    assert messages(text(client, PHONE, "Stop")) == []  # confirmed once, then silence
    assert messages(text(client, PHONE, "3")) == []
    with app.app_context():
        assert db.session.scalars(select(SmsContact)).one().opted_out
    back = " ".join(messages(text(client, PHONE, "START")))
    assert "Welcome back" in back and "Q2/" in back
    text(client, PHONE, "what do you mean tell u more")  # free text answer to Q2
    with app.app_context():
        answers = {a.question_key: a.value for a in db.session.scalars(select(Answer))}
        assert answers[survey.questions[0].key] == 5
        assert answers[survey.questions[1].key] == "what do you mean tell u more"
        assert not db.session.scalars(select(SmsContact)).one().opted_out


def test_the_same_message_five_times_has_one_effect(app):
    sms_respondent(app, PHONE)
    client = app.test_client()
    text(client, PHONE, "hi")
    sid = new_sid()
    replies = [messages(text(client, PHONE, "4", sid=sid)) for _ in range(2)]

    def deliver():
        replies.append(messages(text(app.test_client(), PHONE, "4", sid=sid)))

    threads = [threading.Thread(target=deliver) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(replies) == 5 and all(r == replies[0] for r in replies)
    with app.app_context():
        assert count(Answer) == 1
        assert count(InboundMessage, InboundMessage.sid == f"sms:{sid}") == 1
        conversation = db.session.scalars(select(Conversation)).one()
        survey = default_registry().get("pledge").resolve("teen")
        assert conversation.question_key == survey.questions[1].key


# --- Safeguarding ---------------------------------------------------------------------------


def test_disclosure_mid_survey_gets_help_at_once_and_an_alert(app, client):
    sms_respondent(app, PHONE)
    text(client, PHONE, "hi")
    reply = messages(text(client, PHONE, "my foster carer hits me"))
    joined = " ".join(reply)
    assert joined.startswith("Thank you for telling us")
    assert "999" in joined and "0800 1111" in joined and "01632 960 001" in joined
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.channel == "sms" and flag.response_id is not None
        assert flag.phone_hash == vault().hash(E164)
        assert "carer_allegation" in flag.categories


def test_disclosure_in_a_free_text_answer_is_flagged_once(app, client):
    sms_respondent(app, PHONE)
    text(client, PHONE, "hi")
    text(client, PHONE, "2")  # Q1 scale; Q2 is free text
    reply = " ".join(messages(text(client, PHONE, "i keep cutting myself")))
    assert reply.startswith("Thank you for telling us") and "Q3/" in reply
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.category == "self_harm" and flag.question_key is not None


def test_unknown_number_gets_a_polite_reply_and_disclosures_still_reach_staff(app, client):
    polite = messages(text(client, "07700 900456", "hello?"))
    assert "don't have a survey for this number" in polite[0] and "0800 1111" in polite[0]
    urgent = messages(text(client, "07700 900456", "i want to die"))
    assert urgent[0].startswith("Thank you for telling us")
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.response_id is None and flag.category == "suicidal_thoughts"


def test_opted_out_disclosure_is_recorded_though_we_may_not_reply(app, client):
    sms_respondent(app, PHONE)
    text(client, PHONE, "STOP")
    assert messages(text(client, PHONE, "he hurts me every night")) == []
    with app.app_context():
        assert count(SafeguardingFlag) == 1


# --- Time and long messages -----------------------------------------------------------------


def test_quiet_conversation_times_out_and_restarts_where_it_left_off(app, client):
    sms_respondent(app, PHONE)
    text(client, PHONE, "hi")
    text(client, PHONE, "3")
    with app.app_context():
        conversation = db.session.scalars(select(Conversation)).one()
        conversation.last_activity_at -= timedelta(days=5)
        db.session.commit()
    back = " ".join(messages(text(client, PHONE, "5")))
    assert "Welcome back" in back and "Q2/" in back
    with app.app_context():
        assert count(Answer) == 1  # the "5" after a long silence was not taken as an answer


def test_long_free_text_in_two_parts_is_kept_whole(app, client):
    """A phone or network that does not join a long text sends it in full 153-character parts."""
    sms_respondent(app, PHONE)
    text(client, PHONE, "hi")
    text(client, PHONE, "4")
    whole = ("I have moved placements three times this year and " * 4) + (
        "I just want to stay somewhere long enough to make friends"
    )
    first, second = whole[:153], whole[153:]
    asked = " ".join(messages(text(client, PHONE, first)))
    rest = " ".join(messages(text(client, PHONE, second)))
    assert "Q3/" in asked
    assert "added that to your last answer" in rest and "Q3/" in rest  # still a reply
    survey = default_registry().get("pledge").resolve("teen")
    with app.app_context():
        stored = db.session.scalar(
            select(Answer.value).where(Answer.question_key == survey.questions[1].key)
        )
        assert stored == whole
        assert count(Answer) == 2


def test_a_short_reply_after_a_written_answer_is_read_as_the_next_reply(app, client):
    """Issue 14.6: "nah" to the next question, and "why no reply", each get a reply and are
    never glued onto the written answer before them."""
    sms_respondent(app, PHONE)
    text(client, PHONE, "hi")
    text(client, PHONE, "4")
    written = "I want to say a lot about my health but not now"
    assert "Q3/" in " ".join(messages(text(client, PHONE, written)))
    nah = " ".join(messages(text(client, PHONE, "nah")))
    assert nah and "Reply 1" in nah  # Q3 is a 1-5 scale: asked again, kindly
    why = " ".join(messages(text(client, PHONE, "why no reply")))
    assert why and "move on" in why and "Q4/" in why
    survey = default_registry().get("pledge").resolve("teen")
    with app.app_context():
        values = dict(db.session.execute(select(Answer.question_key, Answer.value)).all())
        assert values[survey.questions[1].key] == written
        assert values[survey.questions[2].key] is None  # asked twice, then moved on


def test_fuzzed_message_bodies_never_cause_a_server_error(app, client):
    rng = random.Random(1000)
    sms_respondent(app, PHONE)
    alphabet = "abcxyz0123456789 ,.!?\n\t\x00\x07\x1b😀👍🏽👎❤️ﷺ𝔘ñ\u202e\u200b'\"<>&"
    bodies = ["", " ", "\x00", "x" * 1600, "😀" * 800, "STOP", "START", "HELP", "1,2,3"]
    while len(bodies) < 1000:
        bodies.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200))))
    phones = [PHONE, "+447700900124", "+12025550123", "not a phone", ""]
    for n, body in enumerate(bodies):
        reply = text(client, phones[n % len(phones)], body)
        assert reply.status_code == 200, (n, body[:40])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) >= 1


def test_phone_numbers_are_protected_at_rest(app, client):
    sms_respondent(app, PHONE)
    text(client, PHONE, "hi")
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)).all():
                flat = " ".join(str(v) for v in row)
                assert E164 not in flat and "7700900123" not in flat, table.name
        assert normalise(PHONE) == E164


def test_dev_chat_page_runs_a_survey_through_the_same_engine(app, client):
    from app.models import Campaign
    from tests.web.helpers import csrf_token

    definition = default_registry().get("sms_checkin")
    with app.test_request_context():
        from app.campaigns.service import create_campaign

        campaign = create_campaign(definition, "practice", "Practice check-in")
        db.session.commit()
        campaign_id = campaign.id
    page = client.get("/dev/sms")
    token = csrf_token(page.get_data(as_text=True))
    client.post(
        "/dev/sms",
        data={"csrf_token": token, "action": "start", "phone": PHONE, "campaign": campaign_id},
    )
    client.post(
        "/dev/sms", data={"csrf_token": token, "action": "send", "phone": PHONE, "body": "4"}
    )
    html = client.get("/dev/sms").get_data(as_text=True)
    survey = definition.resolve(None)
    assert "Q1/" in html and "Q2/" in html
    with app.app_context():
        answer = db.session.scalars(select(Answer)).one()
        assert answer.question_key == survey.questions[0].key
        assert db.session.get(Campaign, campaign_id).survey_key == "sms_checkin"


def test_dev_chat_page_is_absent_in_production(monkeypatch):
    from app import create_app

    monkeypatch.setenv("GOLDEN_THREAD_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.setenv("PHONE_ENCRYPTION_KEY", "A" * 43 + "=")
    monkeypatch.setenv("PHONE_HASH_KEY", "k" * 32)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    assert "/dev/sms" not in {rule.rule for rule in create_app().url_map.iter_rules()}


def test_unknown_senders_number_is_kept_encrypted_for_duty_staff(app, client):
    text(client, "07700 900456", "i want to kill myself")
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.phone_encrypted and "900456" not in flag.phone_encrypted
        assert vault().decrypt(flag.phone_encrypted) == "+447700900456"


def test_dev_chat_page_never_practises_a_web_only_variant(app, client):
    """Pledge v3's 4-7 and easy-read variants have no SMS wording: the page neither offers
    them nor starts one when asked (the rule invitations follow, campaigns.service.variants_on)."""
    from app.campaigns.service import create_campaign
    from tests.web.helpers import csrf_token

    definition = default_registry().get("pledge", 3)
    web_only = {name for name, v in definition.variants.items() if v.web_only}
    assert web_only == {"early_years", "easy_read"}
    with app.test_request_context():
        campaign_id = create_campaign(definition, "practice-pledge", "Practice pledge").id
        db.session.commit()
    html = client.get("/dev/sms").get_data(as_text=True)
    assert 'value="teen"' in html and 'value="younger"' in html
    assert not any(f'value="{name}"' in html for name in web_only)
    token = csrf_token(html)
    for asked in sorted(web_only):
        client.post(
            "/dev/sms",
            data={
                "csrf_token": token,
                "action": "start",
                "phone": PHONE,
                "campaign": campaign_id,
                "variant": asked,
            },
        )
    with app.app_context():
        variants = set(db.session.scalars(select(Response.variant)))
    assert variants == {"younger"}, variants
