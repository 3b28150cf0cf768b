"""Older definition formats upgrade to the current one; newer ones fail clearly."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from surveys import (
    CURRENT_SCHEMA,
    DefinitionError,
    SchemaVersionError,
    load_text,
    migrate_1_to_2,
    upgrade,
)

Doc = dict[str, Any]

SCHEMA_1 = """\
schema: 1
key: old_form
version: 1
title: An old form
audience: parents
sections:
  - key: main
    title: Main
    questions:
      - key: told
        kind: yes_no_not_sure
        text: Were you told how to complain?
        help_text: About complaints.
      - key: want_contact
        kind: single_choice
        text: Would you like us to contact you?
        condition: {question: told, equals: no}
        options:
          - {value: "yes", label: "Yes"}
          - {value: "no", label: "No"}
"""


def schema_1_doc() -> Doc:
    return {
        "schema": 1,
        "key": "old",
        "sections": [
            {
                "key": "s",
                "questions": [
                    {"key": "a", "help_text": "Help"},
                    {"key": "b", "condition": {"question": "a", "equals": "yes"}},
                ],
            }
        ],
    }


def test_current_schema() -> None:
    assert CURRENT_SCHEMA == 2


def test_migrate_1_to_2_renames_fields_without_touching_input() -> None:
    original = schema_1_doc()
    before = copy.deepcopy(original)
    upgraded = migrate_1_to_2(original)
    assert original == before
    assert upgraded["schema"] == 2
    first, second = upgraded["sections"][0]["questions"]
    assert first == {"key": "a", "help": "Help"}
    assert second == {"key": "b", "show_if": {"question": "a", "equals": "yes"}}


def test_migration_leaves_clashes_for_validation_to_report() -> None:
    doc = schema_1_doc()
    doc["sections"][0]["questions"][0]["help"] = "New help"
    first = migrate_1_to_2(doc)["sections"][0]["questions"][0]
    assert first == {"key": "a", "help": "New help", "help_text": "Help"}


def test_upgrade_applies_steps_and_is_a_no_op_for_current() -> None:
    assert upgrade(schema_1_doc()) == migrate_1_to_2(schema_1_doc())
    current = migrate_1_to_2(schema_1_doc())
    assert upgrade(current) == current


def test_schema_1_file_loads_as_schema_2() -> None:
    definition = load_text(SCHEMA_1, "old_form/v1.yaml")
    assert definition.schema_version == 2
    form = definition.resolve(None)
    assert form.question("told").help == "About complaints."
    condition = form.question("want_contact").show_if
    assert condition is not None
    assert (condition.question, condition.values) == ("told", ("no",))
    assert [q.key for q in form.visible_questions({"told": "no"})] == ["told", "want_contact"]


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (3, "schema 3 is newer than this version of Golden Thread understands (up to schema 2)"),
        (0, "schema 0 is not a known definition format"),
        ("two", "'schema' must be a whole number"),
    ],
)
def test_unusable_schema(
    schema: Any, message: str, problems: Callable[[Doc | str], list[DefinitionError]], doc: Doc
) -> None:
    doc["schema"] = schema
    with pytest.raises(SchemaVersionError, match="schema"):
        upgrade(doc)
    (error,) = problems(doc)
    assert (error.file, error.path) == ("demo/v1.yaml", "schema")
    assert message in error.reason


def test_missing_schema(problems: Callable[[Doc | str], list[DefinitionError]], doc: Doc) -> None:
    del doc["schema"]
    (error,) = problems(doc)
    assert error.path == "schema"
    assert "'schema' is missing; add 'schema: 2'" in error.reason
