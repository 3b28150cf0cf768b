"""Young children and easy read on the web (issue 16): "I am helping a child to answer", the
pictures a variant shows, and what templates need to read pages aloud.

The survey definition decides (a variant's `read_aloud`, `pictures` and `one_tap` flags, and
each question's picture); this module only puts that on the page and records who is helping
(the personal link's form is posted to `app.responses.views.helping_start`).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g, request

from app.core.extensions import db
from app.responses.models import Response
from surveys.pictures import ATTRIBUTION, LICENCE_URL, PICTURES, Picture

# The start pages' checkbox: its name and the value a ticked box sends.
FIELD = "assisted"
TICKED = "yes"


def mark(response: Response, assisted: bool) -> None:
    """Record whether someone is helping the child answer. Every answer of the response is
    then known to be assisted: reports join answers to their response."""
    if response.assisted != assisted:
        response.assisted = assisted
        db.session.flush()


def mark_from_form(response: Response) -> None:
    """The open link's "I am helping a child to answer" checkbox (unticked: nothing to mark)."""
    if request.form.get(FIELD) == TICKED:
        mark(response, True)


def remember(response: Response | None) -> None:
    """Let this request's pages speak to a helper when someone is helping."""
    g.respondent_assisted = bool(response is not None and response.assisted)


def _picture(key: str | None) -> Picture | None:
    return PICTURES.get(key) if key else None


def _template_helpers() -> dict[str, Any]:
    return {
        "assisted": g.get("respondent_assisted", False),
        "picture": _picture,
        "picture_attribution": ATTRIBUTION,
        "picture_licence_url": LICENCE_URL,
    }


def init_app(app: Flask) -> None:
    app.context_processor(_template_helpers)
