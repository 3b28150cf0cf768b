"""POST /sms/status: Twilio's delivery news, signed, applied only forwards."""

from __future__ import annotations

from sqlalchemy import select
from twilio.request_validator import RequestValidator

from app.core.extensions import db
from app.models import OutboundMessage, OutboundStatus
from app.outbound.opt_outs import is_opted_out
from app.outbound.queueing import queue_sms

from .conftest import AUTH_TOKEN, PUBLIC_BASE, make_person


def _sent_message(app) -> tuple[int, str]:
    with app.app_context():
        message = queue_sms(make_person(), "Hello", "test", "cb:1")
        db.session.commit()  # sent through Prism
        db.session.refresh(message)
        assert message.status == OutboundStatus.SENT and message.twilio_sid
        return message.id, message.twilio_sid


def _post(client, message_id: int, params: dict, *, sign_url: str | None = None, token=AUTH_TOKEN):
    path = f"/sms/status?m={message_id}"
    url = sign_url or f"{PUBLIC_BASE}{path}"
    signature = RequestValidator(token).compute_signature(url, params)
    return client.post(path, data=params, headers={"X-Twilio-Signature": signature})


def _status(app, message_id: int) -> OutboundMessage:
    with app.app_context():
        row = db.session.scalar(select(OutboundMessage).where(OutboundMessage.id == message_id))
        assert row is not None
        db.session.expunge(row)
        return row


def _params(sid: str, status: str, **extra: str) -> dict[str, str]:
    return {
        "MessageSid": sid,
        "SmsSid": sid,
        "MessageStatus": status,
        "SmsStatus": status,
        "AccountSid": "AC" + "0" * 32,
        "From": "+447700900000",
        "To": "+447700900123",
        "ApiVersion": "2010-04-01",
        **extra,
    }


def test_signed_callback_updates_status(app, client):
    message_id, sid = _sent_message(app)
    reply = _post(client, message_id, _params(sid, "delivered"))
    assert reply.status_code == 200
    assert _status(app, message_id).status == OutboundStatus.DELIVERED


def test_unsigned_forged_or_other_url_is_refused_and_changes_nothing(app, client):
    message_id, sid = _sent_message(app)
    params = _params(sid, "failed", ErrorCode="30008")
    assert client.post(f"/sms/status?m={message_id}", data=params).status_code == 403
    assert _post(client, message_id, params, token="not-our-token").status_code == 403
    other = f"{PUBLIC_BASE}/sms/inbound"
    assert _post(client, message_id, params, sign_url=other).status_code == 403
    tampered = dict(params, MessageStatus="delivered")
    signature = RequestValidator(AUTH_TOKEN).compute_signature(
        f"{PUBLIC_BASE}/sms/status?m={message_id}", params
    )
    forged = client.post(
        f"/sms/status?m={message_id}", data=tampered, headers={"X-Twilio-Signature": signature}
    )
    assert forged.status_code == 403
    row = _status(app, message_id)
    assert row.status == OutboundStatus.SENT and row.error_code is None


def test_out_of_order_callbacks_never_move_backwards(app, client):
    message_id, sid = _sent_message(app)
    for status in ("delivered", "sent", "sending", "queued"):
        assert _post(client, message_id, _params(sid, status)).status_code == 200
    assert _status(app, message_id).status == OutboundStatus.DELIVERED
    # A terminal state is final: a stray "failed" after "delivered" is ignored too.
    _post(client, message_id, _params(sid, "failed", ErrorCode="30008"))
    assert _status(app, message_id).status == OutboundStatus.DELIVERED


def test_sending_then_sent_then_undelivered_records_the_error(app, client):
    message_id, sid = _sent_message(app)
    _post(client, message_id, _params(sid, "sending"))
    assert _status(app, message_id).status == OutboundStatus.SENT
    _post(client, message_id, _params(sid, "undelivered", ErrorCode="30003"))
    row = _status(app, message_id)
    assert (row.status, row.error_code) == (OutboundStatus.UNDELIVERED, "30003")


def test_unknown_sid_gets_200_and_changes_nothing(app, client):
    message_id, _ = _sent_message(app)
    reply = _post(client, message_id, _params("SM" + "9" * 32, "delivered"))
    assert reply.status_code == 200
    assert _status(app, message_id).status == OutboundStatus.SENT
    # Without our row id at all, and with a status we do not know.
    params = _params("SM" + "8" * 32, "delivered")
    signature = RequestValidator(AUTH_TOKEN).compute_signature(f"{PUBLIC_BASE}/sms/status", params)
    plain = client.post("/sms/status", data=params, headers={"X-Twilio-Signature": signature})
    assert plain.status_code == 200
    sid = _status(app, message_id).twilio_sid
    assert _post(client, message_id, _params(sid, "exploded")).status_code == 200
    assert _status(app, message_id).status == OutboundStatus.SENT


def test_callback_error_21610_opts_the_number_out(app, client):
    message_id, sid = _sent_message(app)
    _post(client, message_id, _params(sid, "failed", ErrorCode="21610"))
    row = _status(app, message_id)
    assert row.status == OutboundStatus.FAILED
    with app.app_context():
        assert is_opted_out(row.phone_hash)


def test_callback_error_21610_on_whatsapp_opts_out_of_whatsapp_only(app, client):
    from app.models import Channel

    message_id, sid = _sent_message(app)
    with app.app_context():
        db.session.get(OutboundMessage, message_id).channel = Channel.WHATSAPP.value
        db.session.commit()
    _post(client, message_id, _params(sid, "failed", ErrorCode="21610"))
    row = _status(app, message_id)
    with app.app_context():
        assert is_opted_out(row.phone_hash, Channel.WHATSAPP)
        assert not is_opted_out(row.phone_hash, Channel.SMS)


def test_a_callback_cannot_attach_a_sid_to_someone_elses_sent_message(app, client):
    message_id, sid = _sent_message(app)
    _post(client, message_id, _params("SM" + "7" * 32, "delivered"))
    row = _status(app, message_id)
    assert (row.twilio_sid, row.status) == (sid, OutboundStatus.SENT)
