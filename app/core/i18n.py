"""Which language a respondent's page is in, and Flask-Babel wired to it.

A view that serves a respondent calls `use_language(code)` with the language of the response
(or of the start page's choice); everything else on the page, Flask-Babel's `_()` included,
follows `current_language()`. Staff pages never choose a language, so they stay in English:
the council's own records are kept in English.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g
from flask_babel import Babel

from surveys.languages import LANGUAGES, SOURCE_LANGUAGE, Language, language

babel = Babel()


def use_language(code: str | None) -> Language:
    """Show this request's pages in `code` (English when it is not one we offer)."""
    chosen = language(code)
    g.page_language = chosen
    return chosen


def current_language() -> Language:
    return g.get("page_language") or LANGUAGES[SOURCE_LANGUAGE]


def _locale() -> str:
    return current_language().code


def _page_language() -> dict[str, Any]:
    return {"page_language": current_language()}


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=_locale)
    app.context_processor(_page_language)
