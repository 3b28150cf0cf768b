"""Small SQL helpers shared by services."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, CursorResult, Table, bindparam, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import MultipleResultsFound, NoResultFound
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.selectable import Select, TextualSelect

from app.core.extensions import db

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


class Rows:
    """A statement's rows, fetched and typed: the part of SQLAlchemy's Result that callers use."""

    __slots__ = ("_rows", "rowcount")

    def __init__(self, rows: list[tuple[Any, ...]], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self._rows)

    def all(self) -> list[tuple[Any, ...]]:
        return self._rows

    def first(self) -> tuple[Any, ...] | None:
        return self._rows[0] if self._rows else None

    def one(self) -> tuple[Any, ...]:
        if not self._rows:
            raise NoResultFound("No row was found when one was required")
        if len(self._rows) > 1:
            raise MultipleResultsFound("Multiple rows were found when exactly one was required")
        return self._rows[0]

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def scalar_one(self) -> Any:
        return self.one()[0]


_REQUIRED = object()


class _Direct:
    """A SELECT or text() statement compiled once for a dialect and run on the DBAPI cursor of
    the session's connection, with SQLAlchemy's own type processing of values and rows.

    SQLAlchemy's per-execution work (execution context, result metadata, the driver's column
    descriptions it reads) costs more than the driver's: a webhook's few statements took half
    a text's worker time through it. INSERT/UPDATE constructs are not run this way, as their
    column defaults are applied by that machinery. Cursor events do not fire for these.
    """

    def __init__(self, statement: Any, compiled: Any, dialect: Any) -> None:
        self.sql: str = compiled.string
        self.positional: bool = compiled.positional
        names = compiled.positiontup if compiled.positional else list(compiled.binds)
        self.binds: list[tuple[str, str, Any, Any]] = []
        for name in names or []:
            bind = compiled.binds[name]
            default = _REQUIRED if bind.required else bind.effective_value
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            self.binds.append((name, bind.key, default, process))
        # A SELECT, or text() with declared columns, has rows: no need to ask the cursor,
        # whose description (a column object a column) costs as much as fetching the row.
        self.has_rows = hasattr(statement, "selected_columns")
        columns = statement.selected_columns if self.has_rows else []
        processors = [c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns]
        self.processors = processors if any(processors) else None

    @classmethod
    def of(cls, statement: Any, dialect: Any) -> _Direct | None:
        """None for a statement SQLAlchemy must run itself."""
        if not isinstance(statement, (TextClause, TextualSelect, Select)):
            return None
        compiled = statement.compile(dialect=dialect)
        if (
            compiled.escaped_bind_names
            or compiled.literal_execute_params
            or any(b.expanding for b in compiled.binds.values())
        ):
            return None
        return cls(statement, compiled, dialect)

    def parameters(self, values: dict[str, Any]) -> Any:
        out = []
        for _name, key, default, process in self.binds:
            value = values[key] if default is _REQUIRED else values.get(key, default)
            out.append(process(value) if process is not None else value)
        if self.positional:
            return tuple(out)
        return {bind[0]: value for bind, value in zip(self.binds, out, strict=True)}

    def run(self, found: Connection, values: dict[str, Any]) -> Rows:
        parameters = self.parameters(values)
        cursor = found.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            try:
                cursor.execute(self.sql, parameters)
                has_rows = self.has_rows or cursor.description is not None
                rows = cursor.fetchall() if has_rows else []
            except BaseException as exc:
                # Wrapped as SQLAlchemy wraps it (IntegrityError, OperationalError, ...), and a
                # dropped connection invalidated, exactly as for any other statement.
                found._handle_dbapi_exception(exc, self.sql, parameters, cursor, None)
            if self.processors is not None and rows:
                processors = self.processors
                rows = [
                    tuple(v if p is None else p(v) for p, v in zip(processors, row, strict=True))
                    for row in rows
                ]
            return Rows(rows, cursor.rowcount)
        finally:
            cursor.close()


_direct: dict[tuple[str, str], _Direct | None] = {}


def run(name: str, build: Callable[[str], Any], params: dict[str, Any]) -> Rows | CursorResult[Any]:
    """Execute a `built` statement in the session's transaction, on its connection: that skips
    the ORM's per-statement work (no autoflush, no ORM events), which such a statement does not
    need. SELECT and text() statements also skip SQLAlchemy's execution machinery (`_Direct`)."""
    found = connection()
    key = (name, found.dialect.name)
    if key not in _direct:
        _direct[key] = _Direct.of(built(name, build, key[1]), found.dialect)
    direct = _direct[key]
    if direct is None:
        return found.execute(built(name, build, key[1]), params)
    return direct.run(found, params)


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
