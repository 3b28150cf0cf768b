"""The deeper check: a slower second reading of a free-text answer, on the job queue, never
while the young person waits for the next page or text.

Which part of the detector is too slow for a request? None, measured on this machine (5
December 2026, CPU time, `analysis.assess` and its parts): 0.3 ms for a 45-character answer,
5 ms for a 1,600-character text (the most one SMS delivery carries), 26 ms for 10,000
characters and 137 ms for 50,000, linear in the length; the phrase rules and lexicons take about
two thirds of it, the context model one third, language identification 6 %. So all of it stays
in the request, where the child is shown help at once. A deeper check (a larger model, a
second-opinion service) would not fit there; this is where it plugs in.

`SAFEGUARDING_DEEP_CHECK`: a callable taking the words and returning a `SafeguardingResult` (or
None for nothing to add), or its "module:function" path. Unset (the default), nothing is queued
and nothing costs. When it flags an answer the request's check did not, or raises its tier,
`app.outbound.deep_checks` records the flag like any other, alerts the duty officer at once
(not at the next minute's tick) and gives the young person the help numbers: a text for SMS
and calls, the help page before their next page on the web (`help_waiting`). While a check may
still be running (`PENDING`; app/responses/deep_check_help.py), the page the young person is on
asks every few seconds (`help_raised`) and shows the help numbers in place, keeping what they
are typing; without JavaScript the next page shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from importlib import import_module
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select

from analysis import SafeguardingResult
from analysis.safeguarding_tiers import TIERS, URGENT
from app.core.extensions import db
from app.core.phones import vault
from app.core.transaction import after_commit
from app.safeguarding.models import FlagEvent, SafeguardingFlag

DeepCheck = Callable[[str], SafeguardingResult | None]
Enqueue = Callable[[int, str, str | None], None]

_QUEUE = "golden_thread_deep_check_queue"
RAISED = "deep_check"  # the trail event of a flag the deep check raised
HELP_SHOWN = "help_shown"  # ... and of its help page shown on the web
# How long after a free-text answer its deep check may still be running: the queue runs it
# within seconds, and the duty alert is due within 60 s of the answer.
PENDING = timedelta(seconds=60)


def install_queue(app: Flask, enqueue: Enqueue) -> None:
    """How a check is queued (the job queue installs itself here)."""
    app.extensions[_QUEUE] = enqueue


def configured() -> DeepCheck | None:
    """The configured deep check, or None."""
    check: Any = current_app.config["SAFEGUARDING_DEEP_CHECK"]
    if isinstance(check, str) and check:
        module, _, name = check.partition(":")
        check = getattr(import_module(module), name)
    return check or None


def ask(response_id: int, question_key: str, result: SafeguardingResult, sender: str | None):
    """Queue the deep check of a stored free-text answer, once this transaction commits.

    Nothing to do when none is configured, or when the request's check already made it urgent
    (a deeper check can only add concern). `sender`: the number a text or call came from, to
    text help to; it is encrypted before it goes on the queue.
    """
    if result.tier == URGENT or not current_app.config["SAFEGUARDING_DEEP_CHECK"]:
        return
    enqueue: Enqueue | None = current_app.extensions.get(_QUEUE)
    if enqueue is None:
        return
    phone = vault().encrypt(sender) if sender else None
    after_commit(lambda: enqueue(response_id, question_key, phone))


def raises(result: SafeguardingResult | None, stored_tier: str) -> bool:
    """Did the deep check find more than the request's check stored? The one rule for when
    its reading counts (the queue's job, and the tablet's reset deciding what it may delete)."""
    return (
        result is not None
        and result.flagged
        and TIERS.index(result.tier) < TIERS.index(stored_tier)  # most severe first
    )


def would_raise(text: str, stored_tier: str) -> bool:
    """Run the configured deep check now on `text` (slow: only where words are about to be
    deleted and the queued check may not have read them yet)."""
    check = configured()
    return check is not None and bool(text) and raises(check(text), stored_tier)


def switched_on() -> bool:
    """Is a deep check configured (so answers are queued for it)?"""
    return bool(current_app.config["SAFEGUARDING_DEEP_CHECK"])


def help_raised(response_id: int | None) -> bool:
    """Has the deep check flagged one of this response's answers since the young person last
    saw the help? Reads only: the page asking shows it, then `help_waiting` records it."""
    return bool(_waiting(response_id))


def help_waiting(response_id: int | None) -> bool:
    """Has the deep check flagged one of this response's answers since the young person last
    saw the help page? If so, it is shown now (recorded, so only once). Flushes."""
    waiting = _waiting(response_id)
    for flag_id in sorted(waiting):
        db.session.add(FlagEvent(flag_id=flag_id, kind=HELP_SHOWN))
    db.session.flush()
    return bool(waiting)


def _waiting(response_id: int | None) -> set[int]:
    """The flags the deep check raised on this response whose help is not shown yet."""
    if response_id is None or not current_app.config["SAFEGUARDING_DEEP_CHECK"]:
        return set()
    flags = select(SafeguardingFlag.id).where(SafeguardingFlag.response_id == response_id)
    kinds = db.session.execute(
        select(FlagEvent.flag_id, FlagEvent.kind).where(
            FlagEvent.flag_id.in_(flags), FlagEvent.kind.in_((RAISED, HELP_SHOWN))
        )
    ).all()
    raised = {flag_id for flag_id, kind in kinds if kind == RAISED}
    return raised - {flag_id for flag_id, kind in kinds if kind == HELP_SHOWN}
