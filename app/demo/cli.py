"""`flask demo`: seed the fictional county, for trying the service."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from app.core.extensions import db


@click.command("demo")
@click.option("--reset", is_flag=True, help="Delete all data first, then seed again.")
@with_appcontext
def demo_command(reset: bool) -> None:
    """Seed the fictional county's demo data (once) and print links to try."""
    from app.demo.seed import seed_demo

    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("Refusing to seed demo data in production.")
    # url_for needs a request context to build the links it prints.
    with current_app.test_request_context():
        links = seed_demo(Path(current_app.instance_path), reset=reset)
        db.session.commit()
    click.echo("Demo links (also on the home page):")
    for label, url in links:
        click.echo(f"  {label}: http://127.0.0.1:5000{url}")
