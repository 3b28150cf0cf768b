"""Translations of a survey's texts as data: one catalogue per survey and language.

A catalogue lives beside the definitions, `<survey>/translations/<language>.yaml`:

    survey: pledge
    language: pl
    translated_by: "Draft by ..., 2026-12-05"      # who wrote the translations (free text)
    texts:
      title:
        en: How are we doing? Our promises to you   # the English it was translated from
        text: Jak nam idzie? Nasze obietnice dla Ciebie
        reviewed_by: "A. Nowak, CIOL member"        # optional: a qualified translator's review
        reviewed_on: 2027-01-10
      sections.health_wellbeing.questions.health_rating.text.younger:
        en: ...
        text: ...

Each text is found by its place in the definition (`text_units`). Keeping the English beside
the translation makes a change visible: when the definition's English differs from `en`, the
translation is *stale* and the English is shown until someone updates it. One catalogue serves
every version of its survey, so an unchanged question keeps its translation in a new version.
Missing and stale texts fall back to English, never to nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from surveys.errors import DefinitionError
from surveys.languages import LANGUAGES, SOURCE_LANGUAGE
from surveys.model import CROSS_CHECKED, SurveyDefinition

TRANSLATIONS_DIR = "translations"

# {name} placeholders and %(name)s / %s printf forms must survive translation unchanged.
_PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}|%\([a-z_]+\)[sd]|%[sd]")

_LOCAL_TEXT_FIELDS = ("text", "help", "sms_text")

# A translated question text: letters outside GSM-7 make each SMS part 67 characters, so
# three parts; longer questions split into too many texts for a child on a basic phone.
SMS_TRANSLATION_MAX = 201


@dataclass(frozen=True)
class Entry:
    en: str
    text: str
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None

    @property
    def reviewed(self) -> bool:
        return bool(self.reviewed_by and self.reviewed_on)


@dataclass(frozen=True)
class Catalogue:
    survey: str
    language: str
    entries: dict[str, Entry] = field(default_factory=dict)
    translated_by: str | None = None
    file: str = "<catalogue>"


def _local(path: str, value: Any) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, text in value.items():
            yield f"{path}.{key}", text


def _options(path: str, options: list[dict[str, Any]] | None) -> Iterator[tuple[str, str]]:
    for option in options or ():
        yield f"{path}.options.{option['value']}", option["label"]


def _scale(path: str, scale: dict[str, Any] | None) -> Iterator[tuple[str, str]]:
    for number, label in ((scale or {}).get("labels") or {}).items():
        yield f"{path}.scale.labels.{number}", label


def _units(doc: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield "title", doc["title"]
    if doc.get("description"):
        yield "description", doc["description"]
    for name, variant in (doc.get("variants") or {}).items():
        yield f"variants.{name}.label", variant["label"]
    for section in doc["sections"]:
        s = f"sections.{section['key']}"
        yield from _local(f"{s}.title", section["title"])
        for question in section["questions"]:
            q = f"{s}.questions.{question['key']}"
            for name in _LOCAL_TEXT_FIELDS:
                if question.get(name) is not None:
                    yield from _local(f"{q}.{name}", question[name])
            yield from _options(q, question.get("options"))
            yield from _scale(q, question.get("scale"))
            for variant, override in (question.get("variant_overrides") or {}).items():
                o = f"{q}.variant_overrides.{variant}"
                yield from _options(o, override.get("options"))
                yield from _scale(o, override.get("scale"))


def _document(definition: SurveyDefinition) -> dict[str, Any]:
    return definition.model_dump(by_alias=True, exclude_none=True)


def text_units(definition: SurveyDefinition) -> dict[str, str]:
    """Every text a respondent may see, by its place in the definition, in English."""
    return dict(_units(_document(definition)))


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def _set(doc: dict[str, Any], path: str, text: str) -> None:
    """Put `text` at a place named as `text_units` names it (sections and options by key)."""
    parts = path.split(".")
    node: Any = doc
    i = 0
    while i < len(parts) - 1:
        part = parts[i]
        if part in ("sections", "questions") and isinstance(node.get(part), list):
            node = next(item for item in node[part] if item["key"] == parts[i + 1])
            i += 2
            continue
        if part == "options" and isinstance(node.get(part), list):
            option = next(o for o in node[part] if str(o["value"]) == parts[i + 1])
            option["label"] = text
            return
        if part == "labels":
            labels = node[part]
            labels[int(parts[i + 1])] = text
            return
        node = node[part]
        i += 1
    node[parts[-1]] = text


def usable(definition: SurveyDefinition, catalogue: Catalogue) -> dict[str, str]:
    """The translations that may be shown: present, not stale, placeholders intact."""
    units = text_units(definition)
    shown: dict[str, str] = {}
    for path, english in units.items():
        entry = catalogue.entries.get(path)
        if entry is None or entry.en.strip() != english.strip():
            continue
        if placeholders(entry.text) != placeholders(english):
            continue
        shown[path] = entry.text
    return shown


def untranslated(definition: SurveyDefinition, catalogue: Catalogue | None) -> frozenset[str]:
    """The English texts shown in English in this language (missing, stale or unusable), so a
    page can mark them lang="en"."""
    units = text_units(definition)
    shown = usable(definition, catalogue) if catalogue else {}
    return frozenset(english for path, english in units.items() if path not in shown)


def translate(definition: SurveyDefinition, catalogue: Catalogue) -> SurveyDefinition:
    """The definition with every usable translation in place of its English (the rest English)."""
    doc = _document(definition)
    for path, text in usable(definition, catalogue).items():
        _set(doc, path, text)
    # The English definition has passed every check; the English-only SMS rules (GSM-7
    # letters, 120 characters) cannot hold for Polish or Arabic, whose own limit is in check().
    return SurveyDefinition.model_validate(doc, context={CROSS_CHECKED: True})


def check(definition: SurveyDefinition, catalogue: Catalogue) -> list[DefinitionError]:
    """Missing, stale and unknown texts and placeholder mismatches, each with its place."""
    units = text_units(definition)
    where = f"{catalogue.file} (for {definition.key} v{definition.version})"
    problems: list[DefinitionError] = []
    for path, english in units.items():
        entry = catalogue.entries.get(path)
        if entry is None:
            problems.append(DefinitionError(where, path, f"missing: no translation of {english!r}"))
        elif entry.en.strip() != english.strip():
            problems.append(
                DefinitionError(
                    where,
                    path,
                    f"stale: the English is now {english!r} but this was translated from "
                    f"{entry.en!r}",
                )
            )
        elif placeholders(entry.text) != placeholders(english):
            problems.append(
                DefinitionError(
                    where,
                    path,
                    f"placeholders differ: the English has {placeholders(english) or 'none'}, "
                    f"the translation {placeholders(entry.text) or 'none'}",
                )
            )
        elif ".sms_text" in path and len(entry.text) > SMS_TRANSLATION_MAX:
            problems.append(
                DefinitionError(
                    where,
                    path,
                    f"is {len(entry.text)} characters long; a text question must keep to "
                    f"{SMS_TRANSLATION_MAX} (three text message parts)",
                )
            )
    return problems


def _date(value: Any, where: str, path: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise DefinitionError(where, path, "reviewed_on must be a date like 2027-01-10") from exc


def parse(raw: Any, file: str) -> Catalogue:
    """A catalogue from a loaded YAML document; DefinitionError names the first problem."""
    if not isinstance(raw, dict):
        raise DefinitionError(file, "(file)", "must be a set of fields such as 'language: pl'")
    code = raw.get("language")
    if code not in LANGUAGES or code == SOURCE_LANGUAGE:
        raise DefinitionError(
            file, "language", f"{code!r} is not one of {', '.join(sorted(LANGUAGES))} (not en)"
        )
    texts = raw.get("texts") or {}
    if not isinstance(texts, dict):
        raise DefinitionError(file, "texts", "must map each place to its en and text")
    entries: dict[str, Entry] = {}
    for path, item in texts.items():
        if not isinstance(item, dict) or not isinstance(item.get("en"), str):
            raise DefinitionError(file, f"texts.{path}", "needs 'en' (the English) and 'text'")
        text = item.get("text")
        if text is None or (isinstance(text, str) and not text.strip()):
            continue  # not translated yet: reported as missing, shown in English
        if not isinstance(text, str):
            raise DefinitionError(file, f"texts.{path}.text", "must be text")
        entries[str(path)] = Entry(
            en=item["en"],
            text=text.strip(),
            reviewed_by=item.get("reviewed_by"),
            reviewed_on=_date(item.get("reviewed_on"), file, f"texts.{path}.reviewed_on"),
        )
    return Catalogue(
        survey=str(raw.get("survey") or ""),
        language=code,
        entries=entries,
        translated_by=raw.get("translated_by"),
        file=file,
    )


def load_catalogue(path: Path) -> Catalogue:
    return parse(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))


def catalogue_files(survey_folder: Path) -> list[Path]:
    folder = survey_folder / TRANSLATIONS_DIR
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def skeleton(definition: SurveyDefinition, language: str, old: Catalogue | None = None) -> str:
    """A catalogue to fill in: every text's English, keeping translations that still match."""
    texts: dict[str, dict[str, Any]] = {}
    for path, english in text_units(definition).items():
        entry = old.entries.get(path) if old else None
        item: dict[str, Any] = {"en": english, "text": entry.text if entry else ""}
        if entry and entry.en.strip() != english.strip():
            item["was"] = entry.en  # stale: the translator sees what changed
        if entry and entry.reviewed and entry.en.strip() == english.strip():
            item["reviewed_by"] = entry.reviewed_by
            item["reviewed_on"] = entry.reviewed_on
        texts[path] = item
    doc = {
        "survey": definition.key,
        "language": language,
        "translated_by": old.translated_by if old else None,
        "texts": texts,
    }
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)


@dataclass(frozen=True)
class Status:
    """How far a catalogue is: what is shown in the language, and what a reviewer has read."""

    total: int
    missing: int  # no translation: shown in English
    stale: int  # translated from English that has changed since: shown in English
    unusable: int  # placeholders differ, or too long a text message: shown in English
    unreviewed: int  # shown in the language, but no qualified translator has recorded a review

    @property
    def current(self) -> int:
        return self.total - self.missing - self.stale - self.unusable


def status(definition: SurveyDefinition, catalogue: Catalogue | None) -> Status:
    units = text_units(definition)
    entries = catalogue.entries if catalogue else {}
    missing = sum(1 for path in units if path not in entries)
    stale = sum(
        1
        for path, en in units.items()
        if path in entries and entries[path].en.strip() != en.strip()  # noqa: E501
    )
    problems = check(definition, catalogue) if catalogue else []
    unusable = sum(1 for p in problems if not p.reason.startswith(("missing:", "stale:")))
    shown = usable(definition, catalogue) if catalogue else {}
    unreviewed = sum(1 for path in shown if not entries[path].reviewed)
    return Status(len(units), missing, stale, unusable, unreviewed)


def record_review(
    raw: dict[str, Any], definition: SurveyDefinition, by: str, on: dt.date
) -> list[str]:
    """Mark as reviewed by `by` on `on` every text of a loaded catalogue document that is shown
    (current for `definition`); returns their places. Missing and stale texts stay unreviewed:
    a review vouches for the words the reviewer read, against the English they came from."""
    catalogue = parse(raw, "<review>")
    shown = usable(definition, catalogue)
    texts = raw.get("texts") or {}
    for path in shown:
        texts[path]["reviewed_by"] = by
        texts[path]["reviewed_on"] = on
    return sorted(shown)


def dump(raw: dict[str, Any]) -> str:
    """A catalogue document as YAML, laid out as `skeleton` lays it out."""
    return yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100)
