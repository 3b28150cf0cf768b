"""`flask users ...`: staff accounts from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.core.extensions import db
from app.staff.models import Role

users_cli = AppGroup("users", help="Staff accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.password_option(help="At least 12 characters; prompted for if not given.")
def create_user_command(email: str, name: str, role: str, password: str) -> None:
    """Create a staff account."""
    from app.staff.auth import AuthError, create_user, find_user

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
    from app.staff.audit import record
    from app.staff.auth import end_sessions, find_user

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
    from app.staff.audit import record
    from app.staff.auth import end_sessions, find_user

    user = find_user(email)
    if user is None:
        raise click.ClickException("No account with that email address.")
    user.active = False
    end_sessions(user)
    record("user.disabled", user)
    db.session.commit()
    click.echo(f"{email} is switched off.")
