"""Golden Thread: the Flask application factory.

Each domain package wires itself with `init_app(app)`: its blueprints, staff pages, commands and
hooks. Nothing is found by scanning; what runs is listed here.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from app import (
    actions,
    campaigns,
    conferences,
    conversations,
    core,
    demo,
    models,  # noqa: F401 - every table registered before the mappers are configured
    outbound,
    public,
    reading,
    reporting,
    respondents,
    responses,
    review,
    safeguarding,
    staff,
)

# Staff comes last: its blueprint is registered once every domain has added its staff pages.
DOMAINS = (
    public,
    responses,
    conversations,
    outbound,
    safeguarding,
    respondents,
    campaigns,
    conferences,
    review,
    reading,
    actions,
    reporting,
    demo,
    staff,
)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure an instance of the app."""
    app = Flask(__name__, instance_relative_config=True)
    core.init_app(app, test_config)
    for domain in DOMAINS:
        domain.init_app(app)
    return app
