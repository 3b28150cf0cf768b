"""Twilio webhooks: trust nothing unsigned, and check the signature against the public URL."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import wraps
from html import escape
from typing import Any

from flask import abort, current_app, request
from twilio.request_validator import RequestValidator
from twilio.rest import Client


def public_url() -> str:
    """The URL Twilio called. Behind a proxy, Flask's own view of it differs from Twilio's."""
    base = current_app.config["PUBLIC_BASE_URL"]
    if not base:
        return request.url
    query = request.query_string.decode()
    return f"{base}{request.path}" + (f"?{query}" if query else "")


def signature_is_valid() -> bool:
    token = current_app.config["TWILIO_AUTH_TOKEN"]
    signature = request.headers.get("X-Twilio-Signature")
    # RequestValidator raises TypeError on a missing header: that must be a 403, not a 500.
    if not token or not signature:
        return False
    validator = RequestValidator(token)
    url, params = public_url(), request.form.to_dict()
    # The URL exactly as we know it first: the usual case, and one signature to compute, not
    # two; then the library's own check, which also tries the URL with and without its port.
    if hmac.compare_digest(validator.compute_signature(url, params).encode(), signature.encode()):
        return True
    return validator.validate(url, params, signature)


def twilio_signed(view: Callable[..., Any]) -> Callable[..., Any]:
    """Refuse (403) any request to a Twilio webhook that Twilio did not sign."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not signature_is_valid():
            current_app.logger.warning("twilio webhook refused: bad or missing signature")
            abort(403)
        return view(*args, **kwargs)

    return wrapper


_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'


def messaging_twiml(messages: list[str]) -> str:
    """Messaging TwiML, byte for byte as Twilio's `MessagingResponse` writes it (a test holds
    the two together), with the same escaping of what a child typed; built as a string, since
    an element tree per reply was a tenth of an inbound text's CPU time."""
    if not messages:
        return f"{_XML_DECLARATION}<Response />"
    body = "".join(
        f"<Message>{escape(m, quote=False)}</Message>" if m else "<Message />" for m in messages
    )
    return f"{_XML_DECLARATION}<Response>{body}</Response>"


def twilio_client() -> Client:
    """The official REST client, pointed at the stand-in when TWILIO_API_BASE_URL is set."""
    config = current_app.config
    client = Client(config["TWILIO_ACCOUNT_SID"], config["TWILIO_AUTH_TOKEN"])
    if config["TWILIO_API_BASE_URL"]:
        client.api.base_url = config["TWILIO_API_BASE_URL"].rstrip("/")
    return client
