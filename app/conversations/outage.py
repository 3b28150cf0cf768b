"""When the database is down: a static reply with the help numbers, and the message kept to be
processed once the database is back.

Twilio's documented behaviour decides the shape (docs: "Webhooks (HTTP callbacks): Connection
Overrides"; error 11200):
- TwiML in a non-2xx response is never executed: a 503 sends the young person nothing at all,
  not even the help numbers.
- Twilio retries a failed webhook only as the URL's connection overrides say: one retry by
  default, on connection failures only; even with `#rp=5xx`, every retry must fit in the total
  time `tt`, at most 15 seconds. An outage of minutes outlasts all of them, so a 503 does not
  keep the message either.
So the webhook answers 200 with static TwiML (the help numbers, from configuration: no database
needed), and keeps the message itself on the job queue (Redis, or the queue's own SQLite file:
never the database that is down). A task processes it when the database is back, exactly as if
Twilio had retried it: by the same delivery id, so once only, even if Twilio retries as well.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, request
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from twilio.twiml.voice_response import VoiceResponse

from app.conversations.channels import without_private_fields
from app.conversations.texts import support_text
from surveys.sms import to_gsm7

log = logging.getLogger(__name__)

# A database that cannot be reached, or a pool with no connection left to give.
DATABASE_DOWN = (OperationalError, PoolTimeout)
SPOOL = "golden_thread_inbound_spool"

Spool = Callable[[str, dict[str, Any]], None]


def install_spool(app: Flask, spool: Spool) -> None:
    """Where to keep a delivery for later (the job queue installs itself here)."""
    app.extensions[SPOOL] = spool


def outage_words() -> str:
    return to_gsm7(
        "Thank you for your message. We can't read it just now, but a person will read it as "
        f"soon as we can. If you are in danger now call 999. Need help now? {support_text()}"
    )


def static_voice_twiml() -> str:
    config = current_app.config
    twiml = VoiceResponse()
    twiml.say(
        f"Sorry, we can't take your answers just now. {outage_words()} Goodbye.",
        voice=config["VOICE_NAME"],
        language=config["VOICE_LANGUAGE"],
    )
    twiml.hangup()
    return str(twiml)


def keep_for_later(kind: str) -> bool:
    """Put this request's delivery on the job queue; False (logged, nothing personal) if it
    could not be kept."""
    spool: Spool | None = current_app.extensions.get(SPOOL)
    form = without_private_fields(request.form.to_dict())  # never WhatsApp's ProfileName
    delivery = {"form": form, "query": request.query_string.decode()}
    if spool is None:
        log.error("database down: a %s delivery could not be kept (no job queue)", kind)
        return False
    try:
        spool(kind, delivery)
    except Exception as exc:  # the queue is down too: the reply with help still goes
        log.error("database down: a %s delivery could not be kept (%s)", kind, type(exc).__name__)
        return False
    log.warning("database down: a %s delivery kept on the job queue for later", kind)
    return True
