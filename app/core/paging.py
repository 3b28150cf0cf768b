"""Numbers read from a query string for paging and lookups: never past what the database holds.

A page number or id beyond a 64-bit integer cannot be bound (SQLite) or overflows an OFFSET
(PostgreSQL); either was a 500. A page past the last is simply not found.
"""

from __future__ import annotations

from flask import abort, request

# Far beyond any real list, and (page - 1) * page size stays well inside a 64-bit OFFSET.
MAX_PAGE = 1_000_000
# The largest id a 32-bit INTEGER primary key holds, on both databases.
MAX_ID = 2**31 - 1


def page_number() -> int:
    """The `page` argument: 1 when absent, zero, negative or not a number; 404 when huge."""
    page = request.args.get("page", 1, type=int) or 1
    if page > MAX_PAGE:
        abort(404)
    return max(1, page)


def id_arg(name: str) -> int | None:
    """An id from the query string, or None when absent, not a number or beyond any id."""
    value = request.args.get(name, type=int)
    if value is None or not 0 < value <= MAX_ID:
        return None
    return value
