"""The conference tablet's asking whether the deeper safeguarding check raised an answer of the
current participant (issue 14; the survey link's own: app/responses/views.py, one policy in
app/responses/deep_check_help.py). Addressed by the participant's one-time id, so after a
submit, reset or time-out it answers nothing, and the next person learns nothing of them.
"""

from __future__ import annotations

from flask import current_app, request

from app.conferences.participant_views import (
    BackToStart,
    NotTablet,
    TabletEnded,
    bp,
    participant_for,
    tablet_for,
)
from app.core.extensions import limiter
from app.core.tokens import token_hash
from app.responses import deep_check_help
from app.responses.models import Response


def _poll_key() -> str:
    pid = (request.view_args or {}).get("pid", "")
    return f"{current_app.config['RATE_LIMIT_NAMESPACE']}:deep-check:tablet:{token_hash(pid)}"


def _polling(code: str, pid: str) -> Response | None:
    """The current participant, for their page's own asking: not a sign they are still there,
    and never a redirect (following one to the start page would reset someone else)."""
    try:
        return participant_for(tablet_for(code), pid, touch=False)
    except (BackToStart, NotTablet, TabletEnded):
        return None


@bp.get("/tablet/<code>/p/<pid>/deep-check")
@limiter.limit(lambda: deep_check_help.POLL_LIMIT, key_func=_poll_key)
def tablet_deep_check(code: str, pid: str):
    """Asked every few seconds by the participant's page while a deep check may be running.
    After a reset their address answers nothing: the next person learns nothing of them."""
    response = _polling(code, pid)
    if response is None:
        return "", 410
    return deep_check_help.status_reply(response.id)


@bp.post("/tablet/<code>/p/<pid>/deep-check/seen")
@limiter.limit(lambda: deep_check_help.POLL_LIMIT, key_func=_poll_key)
def tablet_deep_check_seen(code: str, pid: str):
    """The page showed the help (CSRFProtect has checked the token): shown once."""
    response = _polling(code, pid)
    if response is None:
        return "", 410
    deep_check_help.mark_seen(response.id)
    return "", 204
