"""Pictures and voice notes sent by WhatsApp or MMS: never downloaded, never lost. A person is
asked to look at them in Twilio's console (a `today` flag) and the sender is told, kindly,
that we cannot see them here."""

from __future__ import annotations

from sqlalchemy import select

from app.conversations.media import attachments, describe
from app.core.extensions import db
from app.core.phones import vault
from app.models import SafeguardingFlag
from surveys import default_registry

from .test_sms import E164, PHONE, count, teen_reply
from .twilio_helpers import messages, new_sid, signed_post, sms_respondent, text

ACCOUNT = "AC" + "1" * 32
MEDIA_URL = (
    f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT}/Messages/MM{'2' * 32}/Media/ME{'3' * 32}"
)


def with_media(client, body: str, kind: str = "image/jpeg", channel: str = "whatsapp:"):
    return signed_post(
        client,
        "/sms/inbound",
        {
            "From": f"{channel}{E164}",
            "To": f"{channel}+447700900999",
            "Body": body,
            "MessageSid": new_sid("MM"),
            "NumMedia": "1",
            "MediaUrl0": MEDIA_URL + "?token=never-kept",
            "MediaContentType0": kind,
        },
    )


def flags() -> list[SafeguardingFlag]:
    return list(db.session.scalars(select(SafeguardingFlag).order_by(SafeguardingFlag.id)))


def test_a_picture_alone_is_put_before_a_person_and_the_sender_is_told_kindly(app, client):
    sms_respondent(app, PHONE)
    reply = " ".join(messages(with_media(client, "")))
    assert "can't see pictures" in reply and "write it in words" in reply
    assert "0800 1111" in reply and "999" in reply  # the help contacts, for now
    assert "didn't get that" not in reply
    with app.app_context():
        (flag,) = flags()
        assert flag.category == "needs_reading" and flag.channel == "whatsapp"
        assert flag.phone_hash == vault().hash(E164) and flag.phone_encrypted
        assert "a picture (image/jpeg)" in flag.text and f"/Media/ME{'3' * 32}" in flag.text
        assert "Twilio's console" in flag.text
        assert "token" not in flag.text and "api.twilio.com" not in flag.text


def test_a_voice_note_by_mms_is_kept_the_same_way(app, client):
    reply = " ".join(messages(with_media(client, "", kind="audio/ogg", channel="")))
    assert "voice notes" in reply
    with app.app_context():
        (flag,) = flags()
        assert flag.channel == "sms" and "a voice note or sound (audio/ogg)" in flag.text


def test_words_sent_with_a_picture_are_still_read_as_an_answer(app, client):
    sms_respondent(app, PHONE)
    survey = default_registry().get("pledge").resolve("teen")
    assert "Q1/" in messages(text(client, PHONE, "hi"))[0]
    reply = " ".join(messages(with_media(client, teen_reply(survey.questions[0]), channel="")))
    assert "can't see pictures" in reply and "Q2/" in reply  # answered, and moved on
    with app.app_context():
        assert count(SafeguardingFlag) == 1


def test_a_disclosure_with_a_picture_raises_both(app, client):
    reply = " ".join(messages(with_media(client, "my foster carer hits me")))
    assert "Thank you for telling us" in reply and "can't see pictures" in reply
    with app.app_context():
        categories = sorted(flag.category for flag in flags())
        assert categories == ["carer_allegation", "needs_reading"]


def test_a_picture_after_stop_is_kept_but_not_answered(app, client):
    sms_respondent(app, PHONE)
    text(client, PHONE, "STOP")
    assert messages(with_media(client, "", channel="")) == []
    with app.app_context():
        assert [flag.category for flag in flags()] == ["needs_reading"]


def test_attachments_read_only_the_type_and_path_and_at_most_ten():
    form = {"NumMedia": "12"} | {
        f"MediaUrl{i}": f"https://api.twilio.com/x/Media/ME{i}?a=b" for i in range(12)
    }
    found = attachments(form)
    assert len(found) == 10 and found[0] == ("unknown", "/x/Media/ME0")
    assert attachments({"NumMedia": "junk"}) == [] and attachments({}) == []
    assert "a file (unknown) at /x/Media/ME0" in describe(found[:1])


def test_a_picture_kept_during_an_outage_is_flagged_when_replayed(app):
    from app.conversations.webhooks import replay

    form = {
        "From": f"whatsapp:{E164}",
        "Body": "",
        "MessageSid": new_sid("MM"),
        "NumMedia": "1",
        "MediaUrl0": MEDIA_URL,
        "MediaContentType0": "audio/ogg",
    }
    with app.test_request_context():
        to, replies = replay("sms", {"form": form})
        assert to == f"whatsapp:{E164}" and "voice notes" in " ".join(replies)
        (flag,) = flags()
        assert flag.channel == "whatsapp" and "(audio/ogg)" in flag.text
