"""`flask surveys validate`, `list`, `translation` and `review`: the survey definitions and
their translations on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
import yaml
from flask import current_app
from flask.cli import AppGroup

from surveys import Registry, SurveyDefinition, default_registry, describe, validate_directory
from surveys.languages import LANGUAGES, SOURCE_LANGUAGE
from surveys.loader import DEFINITIONS_DIR, untranslated_texts
from surveys.translations import (
    TRANSLATIONS_DIR,
    Catalogue,
    check,
    dump,
    load_catalogue,
    record_review,
    skeleton,
    status,
)

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


def _registry() -> Registry:
    return Registry.for_translators(_definitions_dir())


def _catalogue(survey: str, code: str) -> tuple[SurveyDefinition, Catalogue]:
    registry = _registry()
    if survey not in registry:
        raise click.ClickException(f"No survey called {survey!r}: see `flask surveys list`")
    catalogue = registry.catalogue(survey, code)
    if catalogue is None:
        known = ", ".join(registry.languages(survey)) or "none"
        raise click.ClickException(
            f"{survey} has no {code!r} catalogue (it has: {known}). Write one from "
            f"`surveys/definitions/{survey}/translations/` as README's Languages section says."
        )
    return registry.get(survey), catalogue


@surveys_cli.command("translation")
@click.argument("survey")
@click.argument("code", metavar="LANGUAGE")
def translation_command(survey: str, code: str) -> None:
    """How far a survey's translation is: missing, stale and unreviewed texts."""
    definition, catalogue = _catalogue(survey, code)
    state = status(definition, catalogue)
    name = LANGUAGES[code].english_name if code in LANGUAGES else code
    click.echo(f"{survey} v{definition.version} in {name} ({catalogue.file})")
    click.echo(f"  translated by: {catalogue.translated_by or 'not recorded'}")
    click.echo(f"  {state.current} of {state.total} texts shown in {name}")
    click.echo(f"  missing: {state.missing}")
    click.echo(f"  stale (the English changed since): {state.stale}")
    click.echo(f"  unusable (placeholders or length): {state.unusable}")
    click.echo(f"  not yet reviewed by a qualified translator: {state.unreviewed}")
    for problem in check(definition, catalogue):
        click.echo(f"  {problem.path}: {problem.reason}")


@surveys_cli.command("review")
@click.argument("survey")
@click.argument("code", metavar="LANGUAGE")
@click.option("--by", "by", required=True, help="The reviewer, e.g. 'A. Nowak, CIOL member'.")
@click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day of the review (default: today).",
)
def review_command(survey: str, code: str, by: str, on: dt.datetime | None) -> None:
    """Record that a qualified translator has reviewed every current text of a catalogue."""
    if not by.strip():
        raise click.ClickException("--by needs the reviewer's name")
    definition, catalogue = _catalogue(survey, code)
    path = Path(catalogue.file)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    day = on.date() if on else dt.date.today()
    reviewed = record_review(raw, definition, by.strip(), day)
    path.write_text(dump(raw), encoding="utf-8")
    left = status(definition, load_catalogue(path))
    click.echo(f"Recorded {by.strip()}'s review of {len(reviewed)} texts on {day.isoformat()}.")
    if left.missing or left.stale or left.unusable:
        click.echo(
            f"Not reviewed, as they are not shown in this language yet: {left.missing} missing, "
            f"{left.stale} stale, {left.unusable} unusable (see `flask surveys translation`)."
        )


@surveys_cli.command("skeleton")
@click.argument("survey")
@click.argument("code", metavar="LANGUAGE")
def skeleton_command(survey: str, code: str) -> None:
    """Write (or bring up to date) a survey's catalogue for a language, for a translator to fill
    in: every text's English, keeping the translations and reviews that still match."""
    if code not in LANGUAGES or code == SOURCE_LANGUAGE:
        raise click.ClickException(
            f"{code!r} is not a language in surveys/languages.py: add it there first"
        )
    registry = _registry()
    if survey not in registry:
        raise click.ClickException(f"No survey called {survey!r}: see `flask surveys list`")
    folder = (_definitions_dir() or DEFINITIONS_DIR) / survey / TRANSLATIONS_DIR
    folder.mkdir(exist_ok=True)
    path = folder / f"{code}.yaml"
    path.write_text(
        skeleton(registry.get(survey), code, registry.catalogue(survey, code)), encoding="utf-8"
    )
    click.echo(f"Wrote {path}: fill in each 'text', then run `flask surveys validate`.")
