"""Which language a conversation is in: the respondent's preferred one when the survey has
been translated into it, else English; and the survey's texts in that language.

One policy, used by the engine, the voice call and the invitations that open conversations;
whether a language is offered is decided by `surveys.languages.offered_code`, as on the web.
"""

from __future__ import annotations

from typing import Any

from app.responses import service as svc
from surveys import ResolvedSurvey, default_registry
from surveys.languages import SOURCE_LANGUAGE, offered_code


def offered(survey_key: str, code: str | None) -> str | None:
    """`code`'s canonical code if this survey can be asked in it (English always can)."""
    return offered_code(code, default_registry().languages(survey_key))


def language_for(respondent: Any, survey_key: str) -> str:
    """The language to invite a respondent (or None: anonymous) in and ask them in."""
    return offered(survey_key, getattr(respondent, "preferred_language", None)) or SOURCE_LANGUAGE


def worded(key: str, version: int, variant: str | None, code: str | None) -> ResolvedSurvey:
    """A survey version's variant, worded in `code` where it is translated."""
    registry = default_registry()
    definition = registry.get(key, version)
    if code and code != SOURCE_LANGUAGE:
        definition = registry.in_language(definition, code)
    return definition.resolve(variant)


def survey_in(response: svc.ResponseLike, code: str | None) -> ResolvedSurvey:
    """The response's survey version and variant, worded in `code` where it is translated."""
    return worded(response.survey_key, response.survey_version, response.variant, code)


def survey_of(response: svc.ResponseLike) -> ResolvedSurvey:
    """The response's survey in the language its conversation is in now."""
    return survey_in(response, getattr(response, "language", None))
