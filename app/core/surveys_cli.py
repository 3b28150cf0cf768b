"""`flask surveys validate` and `flask surveys list`: the survey definitions on disk."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from surveys import default_registry, describe, validate_directory
from surveys.loader import untranslated_texts

surveys_cli = AppGroup("surveys", help="Survey definitions.")


def _definitions_dir() -> Path | None:
    configured = current_app.config["SURVEY_DEFINITIONS_DIR"]
    return Path(configured) if configured else None


@surveys_cli.command("validate")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--allow-untranslated",
    is_flag=True,
    help="List missing or stale translations but pass if nothing else is wrong "
    "(they are shown in English meanwhile).",
)
def validate_command(path: Path | None, allow_untranslated: bool) -> None:
    """Check every survey definition; print each problem with its file and place."""
    folder = path or _definitions_dir()
    errors = validate_directory(folder)
    for error in errors:
        click.echo(str(error), err=True)
    if not errors:
        click.echo("All survey definitions are valid.")
        return
    # Untranslated texts are shown in English meanwhile, so they never stop the app.
    untranslated = len(untranslated_texts(folder))
    if allow_untranslated and untranslated == len(errors):
        click.echo(
            f"All survey definitions are valid; {untranslated} text(s) still to translate "
            "(shown in English until translated)."
        )
        return
    raise click.ClickException(
        f"{len(errors)} problem(s) found, {untranslated} of them untranslated texts "
        "(shown in English until translated)"
    )


@surveys_cli.command("list")
def list_command() -> None:
    """List every survey definition and version."""
    for definition in default_registry().all():
        click.echo(describe(definition))
