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


@users_cli.command("totp")
@click.argument("email")
def totp_command(email: str) -> None:
    """Set up two-step sign-in for an account: shows the key once, then asks for a code from
    the app to confirm it (staff can also do this themselves at /staff/account/two-step)."""
    from app.staff.auth import confirm_totp, find_user, new_totp_secret, totp_uri

    user = find_user(email)
    if user is None:
        raise click.ClickException("No account with that email address.")
    if user.totp_secret is not None:
        raise click.ClickException(
            "Two-step sign-in is already on for this account. Turn it off first with "
            "`flask users totp-off`."
        )
    secret = new_totp_secret()
    click.echo("Add this to the authenticator app (it is shown only now):")
    click.echo(f"  key: {secret}")
    click.echo(f"  or the link: {totp_uri(user, secret)}")
    for _ in range(3):
        code = click.prompt("Code from the app", hide_input=False)
        if confirm_totp(user, secret, code):
            db.session.commit()
            click.echo(f"Two-step sign-in is on for {email}.")
            return
        db.session.commit()  # the failed try's audit row
        click.echo("That code did not work. Wait for a new code and try again.")
    raise click.ClickException("Not turned on: no code from the app matched.")


@users_cli.command("totp-off")
@click.argument("email")
def totp_off_command(email: str) -> None:
    """Turn two-step sign-in off for an account (a lost phone); its sessions end."""
    from app.staff.auth import disable_totp, end_sessions, find_user

    user = find_user(email)
    if user is None:
        raise click.ClickException("No account with that email address.")
    disable_totp(user)
    end_sessions(user)
    db.session.commit()
    click.echo(f"Two-step sign-in is off for {email}. They can set it up again after signing in.")
