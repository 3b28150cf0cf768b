"""Upgrade older definition documents to the current format, one schema step at a time.

Each step is a pure function on the parsed YAML document, so an old file never needs
rewriting to stay loadable, and each step can be tested on its own.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from surveys.errors import SchemaVersionError

CURRENT_SCHEMA = 2

Document = dict[str, Any]


def _rename(mapping: dict[str, Any], old: str, new: str) -> None:
    # Leave both in place on a clash so validation reports the leftover field
    # instead of one value being dropped silently.
    if old in mapping and new not in mapping:
        mapping[new] = mapping.pop(old)


def migrate_1_to_2(doc: Mapping[str, Any]) -> Document:
    """Schema 2 renamed `help_text` to `help` and `condition` to `show_if`."""
    upgraded: Document = copy.deepcopy(dict(doc))
    sections = upgraded.get("sections")
    if isinstance(sections, list):
        for section in sections:
            questions = section.get("questions") if isinstance(section, dict) else None
            if not isinstance(questions, list):
                continue
            for question in questions:
                if isinstance(question, dict):
                    _rename(question, "help_text", "help")
                    _rename(question, "condition", "show_if")
    upgraded["schema"] = 2
    return upgraded


MIGRATIONS: Mapping[int, Callable[[Mapping[str, Any]], Document]] = {1: migrate_1_to_2}


def schema_of(doc: Mapping[str, Any]) -> int:
    """The document's schema number, or SchemaVersionError if missing or not a whole number."""
    if "schema" not in doc:
        raise SchemaVersionError(
            f"'schema' is missing; add 'schema: {CURRENT_SCHEMA}' at the top of the file"
        )
    schema = doc["schema"]
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise SchemaVersionError(f"'schema' must be a whole number, not {schema!r}")
    return schema


def upgrade(doc: Mapping[str, Any]) -> Document:
    """Apply every migration from the document's schema up to CURRENT_SCHEMA."""
    schema = schema_of(doc)
    if schema > CURRENT_SCHEMA:
        raise SchemaVersionError(
            f"schema {schema} is newer than this version of Golden Thread understands "
            f"(up to schema {CURRENT_SCHEMA}); update the application before using this file"
        )
    if schema < min(MIGRATIONS, default=CURRENT_SCHEMA):
        raise SchemaVersionError(f"schema {schema} is not a known definition format")
    upgraded: Document = copy.deepcopy(dict(doc))
    while schema < CURRENT_SCHEMA:
        upgraded = MIGRATIONS[schema](upgraded)
        schema = schema_of(upgraded)
    return upgraded
