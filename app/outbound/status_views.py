"""Twilio's message status callback: delivery news for the texts we sent.

Configured per message (the `StatusCallback` we pass when sending), so nothing needs setting in
Twilio's console; the URL is PUBLIC_BASE_URL + /sms/status.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from app.core.extensions import csrf
from app.core.twilio import twilio_signed
from app.outbound.delivery_status import record_status

bp = Blueprint("sms_status", __name__)
csrf.exempt(bp)  # Twilio cannot send a CSRF token; the signature check stands in for it.


@bp.post("/sms/status")
@twilio_signed
def sms_status() -> Response:
    """Record a status. Always 200 for a signed request, even for a SID we do not know:
    an error would only make Twilio retry something we can never use."""
    form = request.form
    message_id = request.args.get("m", type=int)
    record_status(
        form.get("MessageSid", ""),
        form.get("MessageStatus", ""),
        form.get("ErrorCode") or None,
        message_id,
    )
    return Response("", status=200, mimetype="text/plain")
