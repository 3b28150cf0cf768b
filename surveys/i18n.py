"""Marking interface texts for translation without importing Flask.

`surveys` is pure (nothing here imports Flask), yet some of its texts reach a respondent's web
page: an answer's error, a field's "Choose one answer". `N_` marks them so `pybabel extract`
finds them (babel.cfg); the app translates them when it shows them (`gettext(str(error))`).
The SMS and voice channels use the English as it is.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for a no-op marker
    """Mark `message` for extraction; returns it unchanged."""
    return message
