"""The real app for gunicorn, plus bare endpoints the benchmarks compare it with.

The bare endpoints run in the same processes, behind the same server, so a ratio between them
and the real routes measures what the service itself costs, not the server or the client.
"""

from __future__ import annotations

from flask import Response, redirect

from app import create_app
from app.core.extensions import csrf

FIXED_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks</Message></Response>'
FIXED_PAGE = "<!DOCTYPE html><html lang=en><title>Bare</title><p>Bare page</p></html>"

application = create_app()


@application.post("/bench/bare-sms")
@csrf.exempt
def bare_sms() -> Response:
    """Fixed TwiML, no work: what a webhook costs with nothing behind it."""
    return Response(FIXED_TWIML, mimetype="application/xml")


@application.post("/bench/bare-answer")
@csrf.exempt
def bare_answer() -> Response:
    """A fixed redirect, as after an answer is saved."""
    return redirect("/bench/bare-page")  # type: ignore[return-value]


@application.get("/bench/bare-page")
def bare_page() -> Response:
    """A fixed small page."""
    return Response(FIXED_PAGE, mimetype="text/html")
