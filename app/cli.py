"""Command-line tools: `flask surveys ...` and `flask demo`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from surveys import default_registry, describe, validate_directory

from .extensions import db
from .models import Role

surveys_cli = AppGroup("surveys", help="Survey definitions.")


def _definitions_dir() -> Path | None:
    configured = current_app.config.get("SURVEY_DEFINITIONS_DIR")
    return Path(configured) if configured else None


@surveys_cli.command("validate")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
def validate_command(path: Path | None) -> None:
    """Check every survey definition; print each problem with its file and place."""
    errors = validate_directory(path or _definitions_dir())
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        raise click.ClickException(f"{len(errors)} problem(s) found")
    click.echo("All survey definitions are valid.")


@surveys_cli.command("list")
def list_command() -> None:
    """List every survey definition and version."""
    for definition in default_registry().all():
        click.echo(describe(definition))


@click.command("demo")
@click.option("--reset", is_flag=True, help="Delete all data first, then seed again.")
@with_appcontext
def demo_command(reset: bool) -> None:
    """Seed the fictional county's demo data (once) and print links to try."""
    from .services.demo import seed_demo

    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("Refusing to seed demo data in production.")
    # url_for needs a request context to build the links it prints.
    with current_app.test_request_context():
        links = seed_demo(Path(current_app.instance_path), reset=reset)
        db.session.commit()
    click.echo("Demo links (also on the home page):")
    for label, url in links:
        click.echo(f"  {label}: http://127.0.0.1:5000{url}")


def register(app: Flask) -> None:
    app.cli.add_command(surveys_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(analysis_cli)
    from . import queue

    queue.register(app)  # flask queue ..., flask sms ...


users_cli = AppGroup("users", help="Staff accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.password_option(help="At least 12 characters; prompted for if not given.")
def create_user_command(email: str, name: str, role: str, password: str) -> None:
    """Create a staff account."""
    from .services.auth import AuthError, create_user, find_user

    if find_user(email) is not None:
        raise click.ClickException("There is already an account with that email address.")
    try:
        create_user(email, name, Role(role), password)
    except AuthError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {role} account for {email}.")


@users_cli.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice([r.value for r in Role]))
def set_role_command(email: str, role: str) -> None:
    """Change a staff member's role; their current sessions end."""
    from .services.audit import record
    from .services.auth import end_sessions, find_user

    user = find_user(email)
    if user is None:
        raise click.ClickException("No account with that email address.")
    user.role = Role(role)
    end_sessions(user)
    record("user.role_changed", user, detail={"role": role})
    db.session.commit()
    click.echo(f"{email} is now {role}.")


@users_cli.command("disable")
@click.argument("email")
def disable_command(email: str) -> None:
    """Switch an account off; its sessions end at once."""
    from .services.audit import record
    from .services.auth import end_sessions, find_user

    user = find_user(email)
    if user is None:
        raise click.ClickException("No account with that email address.")
    user.active = False
    end_sessions(user)
    record("user.disabled", user)
    db.session.commit()
    click.echo(f"{email} is switched off.")


analysis_cli = AppGroup("analysis", help="Voice-of-the-child analysis of free text.")


@analysis_cli.command("rebuild")
def rebuild_command() -> None:
    """Re-analyse every stored free-text answer (officers' corrections are kept)."""
    from sqlalchemy import func, select

    from .models import Answer
    from .services.analysis_store import rebuild

    total = db.session.scalar(
        select(func.count())
        .select_from(Answer)
        .where(Answer.value_text.is_not(None), Answer.value_text != "")
    )
    with click.progressbar(length=total, label="Analysing answers", file=sys.stderr) as bar:
        done = rebuild(progress=bar.update)
    db.session.commit()
    click.echo(f"Analysed {done} answers.")
