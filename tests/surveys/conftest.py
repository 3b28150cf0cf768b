"""Helpers for survey-package tests: build small definitions in memory."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from surveys import DefinitionError, DefinitionErrors, SurveyDefinition, load_text

Doc = dict[str, Any]


def base_doc() -> Doc:
    """A small valid schema-2 document with variants, a condition and every kind."""
    return {
        "schema": 2,
        "key": "demo",
        "version": 1,
        "title": "Demo survey",
        "audience": "young_people",
        "variants": {
            "younger": {"label": "Younger", "min_age": 8, "max_age": 12},
            "teen": {"label": "Teen", "min_age": 13, "max_age": 17},
        },
        "sections": [
            {
                "key": "first",
                "title": {"younger": "Your home", "default": "Home"},
                "pledge": "safe_stable_home",
                "questions": [
                    {
                        "key": "feel",
                        "kind": "scale",
                        "text": {"younger": "How do you feel?", "teen": "How are things?"},
                        "scale": {"min": 1, "max": 5, "positive_at_least": 4},
                        "variant_overrides": {
                            "younger": {"scale": {"min": 1, "max": 5, "faces": True}}
                        },
                    },
                    {
                        "key": "worried",
                        "kind": "yes_no_not_sure",
                        "text": "Is anything worrying you?",
                    },
                    {
                        "key": "worry_about",
                        "kind": "multiple_choice",
                        "text": "What is worrying you?",
                        "show_if": {"question": "worried", "in": ["yes", "not_sure"]},
                        "options": [
                            {"value": "home", "label": "Home"},
                            {"value": "school", "label": "School"},
                        ],
                    },
                    {
                        "key": "tell_more",
                        "kind": "free_text",
                        "text": "Tell us more",
                        "show_if": {"question": "worry_about", "equals": "home"},
                    },
                ],
            },
            {
                "key": "second",
                "title": "Second",
                "questions": [
                    {
                        "key": "colour",
                        "kind": "single_choice",
                        "text": "Favourite colour?",
                        "only": ["teen"],
                        "options": [
                            {"value": "red", "label": "Red"},
                            {"value": "blue", "label": "Blue", "positive": True},
                        ],
                    },
                    {"key": "anything", "kind": "free_text", "text": "Anything else?"},
                ],
            },
        ],
    }


def to_yaml(doc: Doc) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


@pytest.fixture
def dump() -> Callable[[Doc], str]:
    return to_yaml


@pytest.fixture
def doc() -> Doc:
    return copy.deepcopy(base_doc())


@pytest.fixture
def build() -> Callable[[Doc], SurveyDefinition]:
    def _build(document: Doc) -> SurveyDefinition:
        return load_text(to_yaml(document), "demo/v1.yaml")

    return _build


@pytest.fixture
def problems() -> Callable[[Doc | str], list[DefinitionError]]:
    """All DefinitionErrors for a document (dict or raw YAML text); fails if it loads."""

    def _problems(document: Doc | str) -> list[DefinitionError]:
        text = document if isinstance(document, str) else to_yaml(document)
        with pytest.raises(DefinitionErrors) as caught:
            load_text(text, "demo/v1.yaml")
        return caught.value.errors

    return _problems
