"""Running the deeper safeguarding check on the queue (see `app.safeguarding.deep_check`):
a flag, the duty officer's alert at once, and help for the young person."""

from __future__ import annotations

import logging

from app.conversations.channels import address
from app.conversations.texts import render, safety_message
from app.core.extensions import db
from app.core.phones import vault
from app.core.types import Channel
from app.outbound.queueing import queue_sms
from app.responses import service as svc
from app.safeguarding import alerts, deep_check
from app.safeguarding.flags import record_flag
from app.safeguarding.models import FlagEvent
from surveys.sms import to_gsm7

log = logging.getLogger(__name__)

HELP_PURPOSE = "safety_help"


def run_deep_check(response_id: int, question_key: str, phone_encrypted: str | None) -> bool:
    """Read one stored answer again with the deep check. Commits. True if it raised a flag."""
    check = deep_check.configured()
    stored = svc.stored_words(response_id, question_key)
    if check is None or stored is None or not stored.text:
        db.session.rollback()
        return False  # switched off since, or the answer was changed or erased
    # No transaction held open while a slow check runs: on SQLite it would lock out every
    # writer (the young person's next answer), on PostgreSQL idle in transaction.
    db.session.rollback()
    result = check(stored.text)
    if not deep_check.raises(result, stored.tier):
        db.session.rollback()
        return False  # nothing the request's check had not already found
    svc.raise_tier(stored.answer_id, result)
    phone = vault().decrypt(phone_encrypted) if phone_encrypted else None
    flag_id = record_flag(
        stored.text,
        result,
        channel=stored.channel,
        source_key=f"response:{response_id}:{question_key}",
        response_id=response_id,
        question_key=question_key,
        phone_hash=vault().hash(phone) if phone else None,
        phone_encrypted=phone_encrypted,
    )
    if flag_id is None:  # flagged for these words already: the child was shown help then
        db.session.commit()
        return False
    db.session.add(FlagEvent(flag_id=flag_id, kind=deep_check.RAISED, detail={"tier": result.tier}))
    db.session.commit()
    log.info("safeguarding flag %s: raised by the deep check", flag_id)
    alerts.alert_new_flags()  # now, not at the next minute's tick
    if phone and stored.channel in (Channel.SMS, Channel.VOICE, Channel.WHATSAPP):
        # A WhatsApp answer's help goes back on WhatsApp; a call's by text.
        to = address(stored.channel, phone)
        queue_sms(
            to,
            to_gsm7(render(safety_message(), stored.language)),
            purpose=HELP_PURPOSE,
            idempotency_key=f"deep-check-help:{flag_id}",
        )
        db.session.commit()
    return True
