"""`flask analysis rebuild`: analyse every stored free-text answer again."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from app.core.extensions import db

analysis_cli = AppGroup("analysis", help="Voice-of-the-child analysis of free text.")


@analysis_cli.command("rebuild")
def rebuild_command() -> None:
    """Re-analyse every stored free-text answer (officers' corrections are kept)."""
    from sqlalchemy import func, select

    from app.responses.models import Answer
    from app.review.analysis_store import rebuild

    total = db.session.scalar(
        select(func.count())
        .select_from(Answer)
        .where(Answer.value_text.is_not(None), Answer.value_text != "")
    )
    with click.progressbar(length=total, label="Analysing answers", file=sys.stderr) as bar:
        done = rebuild(progress=bar.update)
    db.session.commit()
    click.echo(f"Analysed {done} answers.")
