"""How long a safeguarding flag outlives the erasure of the person it came from.

Erasure detaches a flag (README, "Retention and erasure"): its words, categories, outcome and
trail stay as part of the child protection record, linked to no one. They are deleted once
`ERASED_FLAG_RETENTION_YEARS` (default 35) have passed since the flag was acknowledged, the
period child protection records are kept for under the council's retention schedule.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import click
from flask import current_app
from sqlalchemy import delete, select

from app.core.extensions import db
from app.core.types import now_utc
from app.safeguarding.alerts import safeguarding_cli
from app.safeguarding.models import FlagEvent, SafeguardingFlag
from app.staff.audit import record

# Set by erasure (app/respondents/erasure.py): "erased:<flag id>".
ERASED_PREFIX = "erased:"


def cutoff(now: datetime | None = None) -> datetime:
    years = int(current_app.config["ERASED_FLAG_RETENTION_YEARS"])
    # Leap days counted generously: a record is never deleted a day early.
    return (now or now_utc()) - timedelta(days=366 * years)


def purge_erased(now: datetime | None = None) -> int:
    """Delete detached flags (and their trail) acknowledged before the cutoff. Flushes."""
    ids = list(
        db.session.scalars(
            select(SafeguardingFlag.id).where(
                SafeguardingFlag.source_key.startswith(ERASED_PREFIX, autoescape=True),
                SafeguardingFlag.response_id.is_(None),
                SafeguardingFlag.acknowledged_at < cutoff(now),
            )
        )
    )
    if ids:
        gone = {"synchronize_session": False}
        db.session.execute(
            delete(FlagEvent).where(FlagEvent.flag_id.in_(ids)), execution_options=gone
        )
        db.session.execute(
            delete(SafeguardingFlag).where(SafeguardingFlag.id.in_(ids)), execution_options=gone
        )
        record("flags.purged", detail={"flags": len(ids)})
    db.session.flush()
    return len(ids)


@safeguarding_cli.command("purge-erased")
def purge_command() -> None:
    """Delete erased people's flags past ERASED_FLAG_RETENTION_YEARS (run daily)."""
    purged = purge_erased()
    db.session.commit()
    click.echo(f"{purged} flag(s) past retention deleted.")
