"""Small SQL helpers shared by services."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, CursorResult, Table, bindparam, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import TextClause

from ..extensions import db

_BIND = re.compile(r"(?<![:\w]):(\w+)")
_built: dict[tuple[str, str], Any] = {}


def dialect_name() -> str:
    return db.session.get_bind().dialect.name


def dialect_insert(model: Any) -> Any:
    """INSERT with ON CONFLICT support on whichever database the session uses."""
    return (postgresql.insert if dialect_name() == "postgresql" else sqlite.insert)(model)


def built(name: str, build: Callable[[str], Any], dialect: str | None = None) -> Any:
    """A statement built once per dialect and reused, so each use skips building it afresh and
    hits SQLAlchemy's compiled cache (hot paths pass the values as parameters)."""
    key = (name, dialect or dialect_name())
    statement = _built.get(key)
    if statement is None:
        statement = _built[key] = build(key[1])
    return statement


_CONNECTION = "gt_sql_connection"


def connection() -> Connection:
    """The connection of the session's current transaction (starting one if need be)."""
    session = db.session()
    found = session.info.get(_CONNECTION)
    if found is None or found.closed:  # the session closes it when its transaction ends
        found = session.info[_CONNECTION] = session.connection()
    return found


def run(name: str, build: Callable[[str], Any], params: dict[str, Any]) -> CursorResult[Any]:
    """Execute a `built` Core or text() statement in the session's transaction, on its
    connection: that skips the ORM's per-statement work, which such a statement does not need
    (no autoflush, no ORM events), and which costs as much as the rest of the execution."""
    found = connection()
    return found.execute(built(name, build, found.dialect.name), params)


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


# Inside once() (a webhook delivery's transaction), writes that nothing reads back before
# the end wait to go with the delivery's last statement: one round trip fewer.
_HELD = "gt_writes_held"


def writes_held() -> bool:
    return bool(db.session.info.get(_HELD))


@contextmanager
def holding_writes() -> Iterator[None]:
    info = db.session.info
    info[_HELD] = True
    try:
        yield
    finally:
        info.pop(_HELD, None)
