"""Access log lines without secrets: survey tokens, open-link tokens, tablet participant ids and
query-string values (a phone number, a search) never reach a log, from werkzeug or gunicorn.

A path keeps its shape ("/s/[token]/q/how_safe") so the log still tells what was asked for.
"""

from __future__ import annotations

import logging
import re
from typing import Any

# The path segments that are secrets, by the routes that carry them.
_SECRET_SEGMENTS = (
    (re.compile(r"^(/s/)[^/?\s]+"), r"\1[token]"),
    (re.compile(r"^(/o/)[^/?\s]+"), r"\1[token]"),
    (re.compile(r"^(/c/[^/?\s]+/)[^/?\s]+"), r"\1[token]"),
    (re.compile(r"^(/tablet/[^/?\s]+/p/)[^/?\s]+"), r"\1[id]"),
)
_QUERY_VALUE = re.compile(r"=[^&\s]*")


def scrub_target(target: str) -> str:
    """A request path with query, as logged, without its secrets."""
    path, mark, query = target.partition("?")
    for pattern, replacement in _SECRET_SEGMENTS:
        path = pattern.sub(replacement, path)
    return path + mark + _QUERY_VALUE.sub("=[removed]", query)


# Searched, not anchored: werkzeug may wrap the line in terminal colour codes.
_REQUEST_LINE = re.compile(r"(\S+ )(\S+)( HTTP/\S+)")


def scrub_request_line(line: str) -> str:
    """'GET /s/abc?phone=07700 HTTP/1.1' with its target scrubbed."""
    found = _REQUEST_LINE.search(line)
    if found is None:
        return scrub_target(line)
    scrubbed = f"{found[1]}{scrub_target(found[2])}{found[3]}"
    return line[: found.start()] + scrubbed + line[found.end() :]


class ScrubWerkzeug(logging.Filter):
    """Werkzeug's development server logs the request line as the first argument."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args and isinstance(record.args[0], str):
            record.args = (scrub_request_line(record.args[0]), *record.args[1:])
        return True


def install() -> None:
    werkzeug = logging.getLogger("werkzeug")
    if not any(isinstance(f, ScrubWerkzeug) for f in werkzeug.filters):
        werkzeug.addFilter(ScrubWerkzeug())


def gunicorn_atoms(atoms: dict[str, Any]) -> dict[str, Any]:
    """gunicorn's access log atoms with the request line, path, query and referer scrubbed."""
    atoms = dict(atoms)
    if isinstance(atoms.get("r"), str):
        atoms["r"] = scrub_request_line(atoms["r"])
    if isinstance(atoms.get("U"), str):
        atoms["U"] = scrub_target(atoms["U"])
    if isinstance(atoms.get("q"), str):
        atoms["q"] = _QUERY_VALUE.sub("=[removed]", atoms["q"])
    atoms["f"] = "-"  # a referer is a whole URL from elsewhere
    return atoms
