"""Small SQL helpers shared by services: statements built once and run on the session's
connection, through SQLAlchemy's public API (its compiled cache and cursor events included)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import CursorResult, Table, bindparam, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import TextClause

from app.core.extensions import db

_BIND = re.compile(r"(?<![:\w]):(\w+)")

Builder = Callable[[str], Any]
"""Makes a statement for a dialect name; values come as bound parameters."""

# Keyed by the builder function itself, not a name: two builders can never share an entry.
_built: dict[tuple[Builder, str], Any] = {}


def dialect_name() -> str:
    return db.session.get_bind().dialect.name


def dialect_insert(model: Any) -> Any:
    """INSERT with ON CONFLICT support on whichever database the session uses."""
    return (postgresql.insert if dialect_name() == "postgresql" else sqlite.insert)(model)


def built(build: Builder, dialect: str | None = None) -> Any:
    """`build`'s statement for a dialect, built once per process and reused.

    The same statement object each time means building it is skipped and SQLAlchemy's
    compiled cache finds it at once. `build` must be a module-level function (or one a
    `functools.cache`d factory returns), since a fresh closure per call is a fresh key.
    """
    key = (build, dialect or dialect_name())
    statement = _built.get(key)
    if statement is None:
        statement = _built[key] = build(key[1])
    return statement


def run(build: Builder, params: dict[str, Any]) -> CursorResult[Any]:
    """Execute a `built` statement in the session's transaction, on its connection.

    `Connection.execute` skips the ORM's per-statement work (no autoflush, no ORM events),
    which such a statement does not need: flush first if it must see pending ORM changes.
    """
    connection = db.session.connection()
    return connection.execute(built(build, connection.dialect.name), params)


def typed_text(
    tables: Table | Sequence[Table],
    sql: str,
    *returning: Any,
    types: dict[str, Any] | None = None,
) -> TextClause:
    """Hand-written SQL whose :params take the types in `types`, else those of the columns of
    the same name in `tables` (the first that has one).

    SQLAlchemy compiles dialect-specific INSERT ... ON CONFLICT afresh on every call (those
    constructs are not cacheable); text() is cached like any other statement.
    """
    tables = [tables] if isinstance(tables, Table) else list(tables)
    types = types or {}
    binds = []
    for name in dict.fromkeys(_BIND.findall(sql)):
        type_ = types.get(name) or next((t.c[name].type for t in tables if name in t.c), None)
        if type_ is not None:
            binds.append(bindparam(name, type_=type_))
    statement = text(sql).bindparams(*binds)
    return statement.columns(*returning) if returning else statement
