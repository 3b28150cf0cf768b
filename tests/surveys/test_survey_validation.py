"""Bad definitions: every problem reported with file, path and a plain reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pydantic
import pytest

from surveys import DefinitionError, DefinitionErrors, SurveyDefinition, load_text
from surveys import validate_directory as validate_dir

Doc = dict[str, Any]
Problems = Callable[[Doc | str], list[DefinitionError]]


def q(doc: Doc, section: int, question: int) -> Doc:
    return doc["sections"][section]["questions"][question]


def _set(path: list[Any], value: Any) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        target: Any = doc
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return mutate


def _delete(path: list[Any]) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        target: Any = doc
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return mutate


Q = ["sections", 0, "questions"]
S1Q = ["sections", 1, "questions"]

CASES: list[tuple[str, Callable[[Doc], None], str, str]] = [
    ("missing survey field", _delete(["title"]), "title", "is required but missing"),
    (
        "missing question text",
        _delete([*Q, 1, "text"]),
        "sections[0].questions[1].text",
        "is required but missing",
    ),
    (
        "unknown field",
        _set([*Q, 1, "colour"], "red"),
        "sections[0].questions[1].colour",
        "unknown field",
    ),
    ("bad kind", _set([*Q, 1, "kind"], "slider"), "sections[0].questions[1].kind", "'slider'"),
    (
        "bad question key",
        _set([*Q, 1, "key"], "Worried"),
        "sections[0].questions[1].key",
        "must be lower-case letters, digits and underscores",
    ),
    (
        "duplicate question key",
        _set([*S1Q, 1, "key"], "feel"),
        "sections[1].questions[1].key",
        "duplicate question key 'feel' (also used at sections[0].questions[0])",
    ),
    (
        "show_if unknown question",
        _set([*Q, 2, "show_if"], {"question": "nope", "equals": "yes"}),
        "sections[0].questions[2].show_if.question",
        "refers to unknown question 'nope'",
    ),
    (
        "show_if later question",
        _set([*Q, 1, "show_if"], {"question": "colour", "equals": "red"}),
        "sections[0].questions[1].show_if.question",
        "refers to 'colour', which comes later",
    ),
    (
        "show_if on itself",
        _set([*Q, 1, "show_if"], {"question": "worried", "equals": "yes"}),
        "sections[0].questions[1].show_if.question",
        "cannot depend on itself",
    ),
    (
        "show_if value not an option",
        _set([*Q, 2, "show_if"], {"question": "worried", "equals": "maybe"}),
        "sections[0].questions[2].show_if.equals",
        "'maybe' is not an answer to 'worried'; its answers are: yes, no, not_sure",
    ),
    (
        "show_if `in` value not an option",
        _set([*Q, 2, "show_if"], {"question": "worried", "in": ["yes", "perhaps"]}),
        "sections[0].questions[2].show_if.in",
        "'perhaps' is not an answer to 'worried'",
    ),
    (
        "show_if with both equals and in",
        _set([*Q, 2, "show_if"], {"question": "worried", "equals": "yes", "in": ["no"]}),
        "sections[0].questions[2].show_if",
        "give exactly one of 'equals' or 'in'",
    ),
    (
        "show_if on free text",
        _set([*S1Q, 1, "show_if"], {"question": "tell_more", "equals": "x"}),
        "sections[1].questions[1].show_if.question",
        "cannot depend on free-text question 'tell_more'",
    ),
    (
        "show_if source missing in a variant",
        _set([*S1Q, 1, "show_if"], {"question": "colour", "equals": "red"}),
        "sections[1].questions[1].show_if.question",
        "'colour' is not asked in variant 'younger'",
    ),
    (
        "choice without options",
        _delete([*S1Q, 0, "options"]),
        "sections[1].questions[0].options",
        "a single_choice question needs options",
    ),
    (
        "choice with empty options",
        _set([*S1Q, 0, "options"], []),
        "sections[1].questions[0].options",
        "needs at least 2 options",
    ),
    (
        "duplicate option values",
        _set(
            [*S1Q, 0, "options"],
            [{"value": "red", "label": "Red"}, {"value": "red", "label": "Also red"}],
        ),
        "sections[1].questions[0].options",
        "duplicate option value 'red'",
    ),
    (
        "scale min not below max",
        _set([*Q, 0, "scale"], {"min": 5, "max": 1}),
        "sections[0].questions[0].scale",
        "min (5) must be less than max (1)",
    ),
    (
        "faces scale with four points",
        _set(
            [*Q, 0, "variant_overrides"],
            {"younger": {"scale": {"min": 1, "max": 4, "faces": True}}},
        ),
        "sections[0].questions[0].variant_overrides.younger.scale.faces",
        "a faces scale must have 3 or 5 points, not 4",
    ),
    (
        "scale without scale",
        _delete([*Q, 0, "scale"]),
        "sections[0].questions[0].scale",
        "a scale question needs a scale",
    ),
    (
        "options on free text",
        _set([*S1Q, 1, "options"], [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]),
        "sections[1].questions[1].options",
        "a free_text question cannot have options",
    ),
    (
        "unknown section pledge",
        _set(["sections", 0, "pledge"], "happiness"),
        "sections[0].pledge",
        "unknown pledge 'happiness'; use one of: health_wellbeing, safe_stable_home",
    ),
    (
        "unknown question pledge",
        _set([*S1Q, 1, "pledge"], "safety"),
        "sections[1].questions[1].pledge",
        "unknown pledge 'safety'",
    ),
    (
        "text names unknown variant",
        _set([*Q, 0, "text"], {"younger": "a", "teen": "b", "adult": "c"}),
        "sections[0].questions[0].text",
        "names unknown variant 'adult'; this survey's variants are: younger, teen",
    ),
    (
        "text missing a variant without default",
        _set([*Q, 0, "text"], {"younger": "a"}),
        "sections[0].questions[0].text",
        "has no text for variant teen and no 'default' to fall back on",
    ),
    (
        "section title missing a variant",
        _set(["sections", 0, "title"], {"teen": "Home"}),
        "sections[0].title",
        "has no text for variant younger",
    ),
    (
        "only names unknown variant",
        _set([*S1Q, 0, "only"], ["teen", "adult"]),
        "sections[1].questions[0].only",
        "names unknown variant 'adult'",
    ),
    (
        "override for unknown variant",
        _set([*Q, 0, "variant_overrides"], {"adult": {"scale": {"min": 1, "max": 5}}}),
        "sections[0].questions[0].variant_overrides.adult",
        "unknown variant 'adult'",
    ),
    (
        "max_length on a choice",
        _set([*Q, 1, "max_length"], 50),
        "sections[0].questions[1].max_length",
        "only a free_text question can have max_length",
    ),
    (
        "bad audience",
        _set(["audience"], "children"),
        "audience",
        "'children'",
    ),
    (
        "variant named default",
        _set(["variants", "default"], {"label": "Everyone"}),
        "variants.default",
        "'default' is reserved",
    ),
    (
        "sms_text with emoji",
        _set([*Q, 1, "sms_text"], "Worried? 😟"),
        "sections[0].questions[1].sms_text",
        "uses characters an ordinary text message cannot send (😟)",
    ),
    (
        "sms_text too long",
        _set([*Q, 1, "sms_text"], "x" * 121),
        "sections[0].questions[1].sms_text",
        "is 121 characters long; keep it to 120 or fewer",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "path", "reason"),
    [pytest.param(m, p, r, id=name) for name, m, p, r in CASES],
)
def test_bad_definition(
    doc: Doc, problems: Problems, mutate: Callable[[Doc], None], path: str, reason: str
) -> None:
    mutate(doc)
    errors = problems(doc)
    matching = [e for e in errors if e.path == path and reason in e.reason]
    assert matching, f"expected {path}: {reason}; got {[str(e) for e in errors]}"
    assert all(e.file == "demo/v1.yaml" for e in errors)


def test_base_document_is_valid(doc: Doc, build: Callable[[Doc], SurveyDefinition]) -> None:
    assert build(doc).key == "demo"


def test_yaml_syntax_error_gives_line(problems: Problems) -> None:
    text = "schema: 2\nkey: demo\ntitle: [unclosed\naudience: parents\n"
    (error,) = problems(text)
    assert error.file == "demo/v1.yaml"
    assert error.path == "(root)"
    assert "YAML syntax error at line" in error.reason
    assert str(error) == f"demo/v1.yaml: (root): {error.reason}"


def test_repeated_yaml_key_is_an_error(
    problems: Problems, doc: Doc, dump: Callable[[Doc], str]
) -> None:
    text = dump(doc).replace("title: Demo survey\n", "title: Demo\ntitle: Again\n", 1)
    (error,) = problems(text)
    assert error.path == "(root)"
    assert "line 5" in error.reason
    assert "found the key 'title' twice" in error.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "the file is empty"), ("- a\n- b\n", "must be a set of fields")],
)
def test_document_must_be_a_mapping(problems: Problems, text: str, reason: str) -> None:
    (error,) = problems(text)
    assert error.path == "(root)"
    assert reason in error.reason


def test_all_problems_in_a_file_are_reported(doc: Doc, problems: Problems) -> None:
    q(doc, 0, 1)["colour"] = "red"  # type problem
    q(doc, 1, 1)["key"] = "feel"  # cross-reference problem
    doc["sections"][0]["pledge"] = "happiness"
    q(doc, 0, 0)["scale"] = {"min": 3, "max": 3}
    del doc["title"]
    errors = problems(doc)
    assert {e.path for e in errors} >= {
        "title",
        "sections[0].pledge",
        "sections[0].questions[0].scale",
        "sections[0].questions[1].colour",
        "sections[1].questions[1].key",
    }
    caught = DefinitionErrors(errors)
    assert str(caught).startswith(f"{len(errors)} problems")


def test_unquoted_yes_and_no_stay_text(doc: Doc, dump: Callable[[Doc], str]) -> None:
    text = dump(doc).replace("- 'yes'", "- yes").replace("- not_sure", "- no")
    assert "- yes" in text
    definition = load_text(text, "demo/v1.yaml")
    condition = definition.resolve("teen").question("worry_about").show_if
    assert condition is not None and condition.values == ("yes", "no")


def test_model_validate_runs_cross_checks(doc: Doc) -> None:
    q(doc, 1, 1)["key"] = "feel"
    with pytest.raises(pydantic.ValidationError, match="duplicate question key"):
        SurveyDefinition.model_validate(doc)


def test_directory_checks_key_version_and_names(
    tmp_path: Path, doc: Doc, dump: Callable[[Doc], str]
) -> None:
    def write(folder: Path, name: str, content: Doc) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_text(dump(content), encoding="utf-8")
        return path

    good = doc
    write(tmp_path / "demo", "v1.yaml", good)
    wrong_key = write(tmp_path / "other", "v1.yaml", good)
    wrong_version = write(tmp_path / "demo", "v2.yaml", {**good, "version": 3})
    duplicate = write(tmp_path / "demo", "v01.yaml", good)
    bad_name = write(tmp_path / "demo", "version4.yaml", good)
    loose = write(tmp_path, "stray.yaml", good)
    broken = write(tmp_path / "demo", "v5.yaml", {**good, "version": 5, "audience": "cats"})
    (tmp_path / "demo" / "README.txt").write_text("notes", encoding="utf-8")

    errors = {(e.file, e.path): e.reason for e in validate_dir(tmp_path)}
    assert errors[(str(wrong_key), "key")] == "key 'demo' does not match the folder name 'other'"
    assert errors[(str(wrong_version), "version")] == (
        "version 3 does not match the file name 'v2.yaml'"
    )
    assert errors[(str(duplicate), "version")] == (
        "duplicate version 1 of 'demo' (also in v1.yaml)"
    )
    assert "v<N>.yaml" in errors[(str(bad_name), "(root)")]
    assert "folder named after the survey key" in errors[(str(loose), "(root)")]
    assert "'cats'" in errors[(str(broken), "audience")]
    assert len(errors) == 6


def test_directory_that_does_not_exist(tmp_path: Path) -> None:
    (error,) = validate_dir(tmp_path / "missing")
    assert error.reason == "is not a directory"
