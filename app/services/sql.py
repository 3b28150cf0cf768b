"""Small SQL helpers shared by services."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db


def dialect_insert(model: Any) -> Any:
    """INSERT with ON CONFLICT support on whichever database the session uses."""
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)
