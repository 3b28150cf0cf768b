"""A message catalogue made for one test: proves a wording is looked up in the language it is
said in, while the committed catalogues are still being filled by their translators."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from flask import Flask
from flask_babel import Domain


def with_catalogue(app: Flask, directory: Path, code: str, entries: dict[str, str]) -> Domain:
    """Every request (and app context) of `app` from here on reads its wordings from a
    catalogue for `code` holding only `entries` (msgid: translation); others stay English."""
    catalog = Catalog(locale=code)
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    folder = directory / code / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "messages.mo").open("wb") as target:
        write_mo(target, catalog)
    domain = Domain(str(directory))  # its own cache: the app's catalogues are left as they are
    app.before_request(domain.as_default)
    return domain
