"""Read definition files, report every problem in them, and hold the loaded surveys."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode

from surveys.checks import KEY_PATTERN, check_document
from surveys.errors import DefinitionError, DefinitionErrors, SchemaVersionError
from surveys.languages import SOURCE_LANGUAGE
from surveys.migrations import upgrade
from surveys.model import CROSS_CHECKED, SurveyDefinition
from surveys.translations import (
    Catalogue,
    catalogue_files,
    check,
    load_catalogue,
    translate,
    untranslated,
)

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
ROOT = "(root)"
FILE_NAME_PATTERN = re.compile(r"^v(\d+)\.yaml$")

StrPath = str | os.PathLike[str]


class _DefinitionLoader(yaml.SafeLoader):
    """Safe YAML loader with two changes that protect officers editing files by hand."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        # PyYAML silently keeps the last of two identical keys; a repeated `text:` is
        # almost always a copy-and-paste slip, so refuse it.
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                if key_node.value in seen:
                    raise ConstructorError(
                        "while reading a mapping",
                        node.start_mark,
                        f"found the key '{key_node.value}' twice",
                        key_node.start_mark,
                    )
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


# YAML 1.1 reads yes/no/on/off as booleans, which would turn `equals: no` or `value: yes`
# into True/False; only true/false are booleans here, as in YAML 1.2.
_DefinitionLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_DefinitionLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _loc_to_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for item in loc:
        if item == "[key]":
            continue
        if isinstance(item, int) and path and not path.endswith("labels"):
            path += f"[{item}]"
        else:
            path += f".{item}" if path else str(item)
    return path or ROOT


def _reason(error: Any) -> str:
    kind = error["type"]
    message = str(error["msg"])
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "unknown field; check the spelling or remove it"
    if kind == "literal_error":
        return f"{message}, not {error.get('input')!r}"
    if "[key]" in error["loc"]:
        return f"invalid name: {message}"
    return message.removeprefix("Value error, ")


def _path_sort_key(path: str) -> tuple[tuple[int, int | str], ...]:
    if path == ROOT:
        return ()
    parts = re.findall(r"\[(\d+)\]|([^.\[\]]+)", path)
    return tuple((0, int(index)) if index else (1, name) for index, name in parts)


def _sorted(errors: list[DefinitionError]) -> list[DefinitionError]:
    unique = list(dict.fromkeys(errors))
    return sorted(unique, key=lambda e: _path_sort_key(e.path))


def load_text(text: str, filename: str) -> SurveyDefinition:
    """Parse and validate one definition; DefinitionErrors lists every problem found."""
    try:
        raw = yaml.load(text, Loader=_DefinitionLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DefinitionErrors(
            [DefinitionError(filename, ROOT, f"YAML syntax error{where}: {problem}")]
        ) from exc
    if raw is None:
        raise DefinitionErrors([DefinitionError(filename, ROOT, "the file is empty")])
    if not isinstance(raw, dict):
        raise DefinitionErrors(
            [DefinitionError(filename, ROOT, "must be a set of fields such as 'key: pledge'")]
        )
    try:
        doc = upgrade(raw)
    except SchemaVersionError as exc:
        raise DefinitionErrors([DefinitionError(filename, "schema", str(exc))]) from exc

    errors = [DefinitionError(filename, path, reason) for path, reason in check_document(doc)]
    definition: SurveyDefinition | None = None
    try:
        definition = SurveyDefinition.model_validate(doc, context={CROSS_CHECKED: True})
    except ValidationError as exc:
        errors += [
            DefinitionError(filename, _loc_to_path(tuple(e["loc"])), _reason(e))
            for e in exc.errors()
        ]
    if errors or definition is None:
        raise DefinitionErrors(_sorted(errors))
    return definition


def load_file(path: StrPath) -> SurveyDefinition:
    """Load one definition file (OSError if it cannot be read)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DefinitionErrors(
            [DefinitionError(str(path), ROOT, "is not UTF-8 text; save it as UTF-8")]
        ) from exc
    return load_text(text, str(path))


def _catalogues(
    folder: Path, latest: SurveyDefinition | None
) -> tuple[list[Catalogue], list[DefinitionError], list[DefinitionError]]:
    """A survey's translations, each checked against its latest version (older versions keep
    whatever still matches and show English for the rest).

    Returns the catalogues, the problems that stop a catalogue being read, and the texts
    missing, stale or with broken placeholders. Those last are shown in English, so they never
    stop the surveys loading (a new version's new texts are untranslated until a translator
    catches up), but `flask surveys validate` reports every one and fails."""
    catalogues: list[Catalogue] = []
    errors: list[DefinitionError] = []
    untranslated: list[DefinitionError] = []
    for file in catalogue_files(folder):
        try:
            catalogue = load_catalogue(file)
        except DefinitionError as exc:
            errors.append(exc)
            continue
        except yaml.YAMLError as exc:
            errors.append(DefinitionError(str(file), ROOT, f"YAML syntax error: {exc}"))
            continue
        if file.stem != catalogue.language:
            errors.append(
                DefinitionError(
                    str(file),
                    "language",
                    f"is {catalogue.language!r}; name the file {catalogue.language}.yaml",
                )
            )
            continue
        if catalogue.survey != folder.name:
            errors.append(
                DefinitionError(
                    str(file), "survey", f"must be {folder.name!r}, the folder's survey"
                )
            )
            continue
        if latest is not None:
            untranslated.extend(check(latest, catalogue))
        catalogues.append(catalogue)
    return catalogues, errors, untranslated


def _scan(
    directory: StrPath,
) -> tuple[list[SurveyDefinition], list[Catalogue], list[DefinitionError], list[DefinitionError]]:
    """Definitions, catalogues, problems that stop loading, and untranslated texts."""
    root = Path(directory)
    definitions: list[SurveyDefinition] = []
    catalogues: list[Catalogue] = []
    errors: list[DefinitionError] = []
    untranslated: list[DefinitionError] = []
    if not root.is_dir():
        return [], [], [DefinitionError(str(directory), ROOT, "is not a directory")], []
    for folder in sorted(root.iterdir()):
        if folder.name.startswith((".", "_")):
            continue
        if not folder.is_dir():
            if folder.suffix in (".yaml", ".yml"):
                errors.append(
                    DefinitionError(
                        str(folder),
                        ROOT,
                        "definition files belong in a folder named after the survey key, "
                        "e.g. pledge/v1.yaml",
                    )
                )
            continue
        if not KEY_PATTERN.match(folder.name):
            errors.append(
                DefinitionError(
                    str(folder),
                    ROOT,
                    "folder name must be a survey key: lower-case letters, digits and "
                    "underscores, starting with a letter",
                )
            )
            continue
        seen_versions: dict[int, str] = {}
        files = sorted(
            (f for f in folder.iterdir() if f.is_file() and not f.name.startswith((".", "_"))),
            key=lambda f: (len(f.name), f.name),
        )
        for file in files:
            match = FILE_NAME_PATTERN.match(file.name)
            if match is None or int(match.group(1)) < 1:
                if file.suffix in (".yaml", ".yml"):
                    errors.append(
                        DefinitionError(
                            str(file), ROOT, "file name must be v<N>.yaml, e.g. v1.yaml"
                        )
                    )
                continue
            try:
                definition = load_file(file)
            except DefinitionErrors as exc:
                errors.extend(exc.errors)
                continue
            number = int(match.group(1))
            file_errors: list[DefinitionError] = []
            if definition.key != folder.name:
                file_errors.append(
                    DefinitionError(
                        str(file),
                        "key",
                        f"key '{definition.key}' does not match the folder name '{folder.name}'",
                    )
                )
            if definition.version != number:
                file_errors.append(
                    DefinitionError(
                        str(file),
                        "version",
                        f"version {definition.version} does not match the file name '{file.name}'",
                    )
                )
            elif number in seen_versions:
                file_errors.append(
                    DefinitionError(
                        str(file),
                        "version",
                        f"duplicate version {number} of '{folder.name}' "
                        f"(also in {seen_versions[number]})",
                    )
                )
            if file_errors:
                errors.extend(file_errors)
                continue
            seen_versions[number] = file.name
            definitions.append(definition)
        latest = max(
            (d for d in definitions if d.key == folder.name),
            key=lambda d: d.version,
            default=None,
        )
        found, problems, missing = _catalogues(folder, latest)
        catalogues.extend(found)
        errors.extend(problems)
        untranslated.extend(missing)
    return definitions, catalogues, errors, untranslated


def validate_directory(path: StrPath | None = None) -> list[DefinitionError]:
    """Every problem in every definition file under `path` (default: the shipped ones),
    untranslated texts included."""
    _, _, errors, untranslated = _scan(DEFINITIONS_DIR if path is None else path)
    return errors + untranslated


def untranslated_texts(path: StrPath | None = None) -> list[DefinitionError]:
    """Only the missing, stale or broken translations (they do not stop loading)."""
    return _scan(DEFINITIONS_DIR if path is None else path)[3]


class Registry:
    """Loaded survey definitions, by key and version."""

    validate_directory = staticmethod(validate_directory)

    def __init__(
        self, definitions: Iterable[SurveyDefinition] = (), catalogues: Iterable[Catalogue] = ()
    ) -> None:
        self._surveys: dict[str, dict[int, SurveyDefinition]] = {}
        self._catalogues = {(c.survey, c.language): c for c in catalogues}
        self._translated: dict[tuple[str, int, str], SurveyDefinition] = {}
        self._untranslated: dict[tuple[str, int, str], frozenset[str]] = {}
        for definition in definitions:
            versions = self._surveys.setdefault(definition.key, {})
            if definition.version in versions:
                raise ValueError(f"survey '{definition.key}' v{definition.version} was given twice")
            versions[definition.version] = definition

    @classmethod
    def from_directory(cls, path: StrPath | None = None) -> Registry:
        """Load every definition under `path`; DefinitionErrors lists problems in all files."""
        # Untranslated texts fall back to English, so they do not stop the surveys loading.
        definitions, catalogues, errors, _untranslated = _scan(
            DEFINITIONS_DIR if path is None else path
        )
        if errors:
            raise DefinitionErrors(errors)
        return cls(definitions, catalogues)

    @classmethod
    def for_translators(cls, path: StrPath | None = None) -> Registry:
        """Every definition and catalogue that loads, problems or not: a translator's commands
        must open a catalogue whose texts are missing or stale, to report or mend them."""
        definitions, catalogues, _errors, _untranslated = _scan(
            DEFINITIONS_DIR if path is None else path
        )
        return cls(definitions, catalogues)

    def get(self, key: str, version: int | None = None) -> SurveyDefinition:
        """A survey version (latest when `version` is None); KeyError if there is none."""
        versions = self._surveys.get(key)
        if not versions:
            raise KeyError(f"no survey called '{key}'")
        if version is None:
            return versions[max(versions)]
        if version not in versions:
            raise KeyError(f"survey '{key}' has no version {version}")
        return versions[version]

    def keys(self) -> list[str]:
        return sorted(self._surveys)

    def languages(self, key: str) -> list[str]:
        """The languages a survey can be answered in besides English (those with a catalogue)."""
        return sorted(language for survey, language in self._catalogues if survey == key)

    def catalogue(self, key: str, language: str) -> Catalogue | None:
        return self._catalogues.get((key, language))

    def in_language(self, definition: SurveyDefinition, language: str) -> SurveyDefinition:
        """The definition with its texts in `language`; English where there is no translation."""
        catalogue = self._catalogues.get((definition.key, language))
        if catalogue is None:
            return definition
        cache_key = (definition.key, definition.version, language)
        translated = self._translated.get(cache_key)
        if translated is None:
            translated = translate(definition, catalogue)
            self._translated[cache_key] = translated
        return translated

    def untranslated(self, definition: SurveyDefinition, language: str) -> frozenset[str]:
        """The texts `in_language` leaves in English (none when `language` is English)."""
        if language == SOURCE_LANGUAGE:
            return frozenset()
        cache_key = (definition.key, definition.version, language)
        if cache_key not in self._untranslated:
            catalogue = self._catalogues.get((definition.key, language))
            self._untranslated[cache_key] = untranslated(definition, catalogue)
        return self._untranslated[cache_key]

    def versions(self, key: str) -> list[int]:
        return sorted(self._surveys.get(key, {}))

    def latest_versions(self) -> list[SurveyDefinition]:
        return [self.get(key) for key in self.keys()]

    def all(self) -> list[SurveyDefinition]:
        return [self._surveys[key][n] for key in self.keys() for n in self.versions(key)]

    def __contains__(self, key: object) -> bool:
        return key in self._surveys

    def __len__(self) -> int:
        return sum(len(versions) for versions in self._surveys.values())


@functools.cache
def default_registry() -> Registry:
    """The shipped definitions, loaded once per process."""
    return Registry.from_directory()


def describe(definition: SurveyDefinition) -> str:
    """One line for listings, e.g. `flask surveys list`."""
    variants = ", ".join(definition.variants) or "none"
    count = definition.question_count
    return (
        f"{definition.key} v{definition.version}: {definition.title} "
        f"(audience {definition.audience}; variants: {variants}; "
        f"{count} question{'s' if count != 1 else ''})"
    )
