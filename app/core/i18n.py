"""Which language a respondent's page is in, and Flask-Babel wired to it.

A view that serves a respondent calls `use_language(code)` with the language of the response
(or of the start page's choice); everything else on the page, Flask-Babel's `_()` included,
follows `current_language()`. Staff pages never choose a language, so they stay in English:
the council's own records are kept in English.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Flask, g, request, session, url_for
from flask_babel import Babel
from markupsafe import Markup

from surveys import SurveyDefinition, default_registry
from surveys.languages import LANGUAGES, SOURCE_LANGUAGE, Language, language, offered_code

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
    return {"page_language": current_language(), "english_fallback": english_fallback}


# --- Choosing a language on the web ---------------------------------------------------------

LANGUAGE_ARG = "lang"  # ?lang=pl on a survey's first page
_CHOSEN = "language"  # the session's copy, so the choice outlives the first page


def offered_languages(languages: Iterable[str]) -> list[Language]:
    """English first, then each language a survey has a catalogue for."""
    codes = [SOURCE_LANGUAGE, *sorted(set(languages) - {SOURCE_LANGUAGE})]
    return [LANGUAGES[code] for code in codes if code in LANGUAGES]


def chosen_language(offered: Iterable[str], default: str | None = None) -> str:
    """The language this visitor chose (`?lang=`, kept in the session) if it is offered,
    else `default` (an invited respondent's preferred language) if offered, else English."""
    codes = frozenset(offered)
    asked = offered_code(request.args.get(LANGUAGE_ARG), codes)
    if asked:
        session[_CHOSEN] = asked
        return asked
    for candidate in (session.get(_CHOSEN), default):
        chosen = offered_code(candidate, codes)
        if chosen:
            return chosen
    return SOURCE_LANGUAGE


def forget_language() -> None:
    """A shared device's next person starts in English (the tablet's clean start)."""
    session.pop(_CHOSEN, None)


def asked_language() -> bool:
    """Whether this request carries a language choice (`?lang=`)."""
    return bool(request.args.get(LANGUAGE_ARG))


def language_links(offered: Iterable[str]) -> list[tuple[Language, str]]:
    """Each offered language with the address of this page in it (for the language list)."""
    args = {**(request.view_args or {}), **request.args.to_dict()}
    return [
        (lang, url_for(request.endpoint or "", **{**args, LANGUAGE_ARG: lang.code}))
        for lang in offered_languages(offered)
    ]


def use_survey_language(definition: SurveyDefinition, code: str | None) -> Language:
    """Show this request's pages in `code`, knowing which of the survey's texts have no
    usable translation (they are shown in English and marked lang="en")."""
    chosen = use_language(code)
    g.untranslated = default_registry().untranslated(definition, chosen.code)
    return chosen


_LANG_EN = Markup(' lang="en"')  # constant markup: nothing from a request goes in it


def english_fallback(text: Any) -> Markup:
    """` lang="en"` for a survey text shown in English on a page in another language."""
    if current_language().code != SOURCE_LANGUAGE and str(text) in g.get("untranslated", ()):
        return _LANG_EN
    return Markup("")


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=_locale)
    app.context_processor(_page_language)
