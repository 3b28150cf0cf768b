"""Rate limits: per client on the open link and on sign-in, per number on inbound texts.

Flask-Limiter counts, in Redis where REDIS_URL is set (one count for every worker) or in memory
otherwise. The limits are settings (app/core/config.py), read on each request, so a deployment
(or a test) changes them without code. Pages over a limit answer 429 with Retry-After and a
kind page; an inbound text is never refused (see `over_limit`).
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from flask import Blueprint, Flask, current_app, render_template, request
from flask_limiter import RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse_many

from app.core.extensions import limiter

log = logging.getLogger(__name__)

# Blueprints whose requests Flask-Limiter need not look at: they carry no limit of their own
# (an inbound text is counted per number by `over_limit`), and resolving "no limit" for each
# request costs more than a signed webhook's signature check.
_UNLIMITED: set[str] = set()
_filtering = False


def counted_elsewhere(bp: Blueprint) -> None:
    """Skip Flask-Limiter's per-request work for `bp`, whose views carry no `limited` limit.
    The views count what they must themselves (`over_limit`)."""
    _UNLIMITED.add(bp.name)


def client_key() -> str:
    """Who is counted on pages: the client address (the real one behind TRUSTED_PROXY_HOPS),
    under this deployment's namespace in the store."""
    return f"{current_app.config['RATE_LIMIT_NAMESPACE']}:{get_remote_address()}"


def limited(setting: str, scope: str) -> Any:
    """A view decorator: POSTs counted per client against the limits in `setting`.

    Views that share a `scope` share one count (sign-in and its second step)."""
    return limiter.shared_limit(
        lambda: current_app.config[setting], scope, key_func=client_key, methods=["POST"]
    )


def over_limit(setting: str, scope: str, key: str) -> bool:
    """Count one event for `key` (never a phone number or name: a keyed hash) against the
    limits in `setting`; True when it is past any of them.

    For work that must not be refused, only done differently (an inbound text is kept and
    checked, not answered): the caller decides what "over" means. A store that cannot be
    reached counts as under the limit, so an outage never holds anything back.
    """
    namespace = current_app.config["RATE_LIMIT_NAMESPACE"]
    try:
        return not all(
            limiter.limiter.hit(item, namespace, scope, key)
            for item in _parsed(current_app.config[setting])
        )
    except Exception:  # noqa: BLE001 - any store failure: count nothing, refuse nothing
        log.warning("rate limit store unavailable for %s; not limited", scope)
        return False


@cache
def _parsed(limits: str) -> tuple[Any, ...]:
    """A setting's limits, parsed once per value (the setting is still read on each text)."""
    return tuple(parse_many(limits))


def _counted_elsewhere() -> bool:
    return request.blueprint in _UNLIMITED


def init_app(app: Flask) -> None:
    limiter.init_app(app)
    global _filtering
    if not _filtering:  # one limiter for every app (tests make many): one filter
        _filtering = True
        limiter.request_filter(_counted_elsewhere)

    @app.errorhandler(RateLimitExceeded)
    def _too_many(exc: RateLimitExceeded):
        # Flask-Limiter adds Retry-After (and the X-RateLimit headers) to this response.
        return render_template("errors/429.html"), 429
