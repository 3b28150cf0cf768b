"""Translations as data: every text found by its place, stale and missing texts fall back."""

from __future__ import annotations

import yaml

from surveys import default_registry
from surveys.languages import language, offered_code
from surveys.translations import check, parse, skeleton, text_units, translate


def _catalogue(definition, fill):
    doc = yaml.safe_load(skeleton(definition, "pl"))
    for path, item in doc["texts"].items():
        item["text"] = fill(path, item["en"])
    return doc


def test_every_text_a_child_sees_is_a_unit():
    pledge = default_registry().get("pledge")
    units = text_units(pledge)
    resolved = pledge.resolve("younger")
    question = resolved.sections[0].questions[0]
    assert units["sections.health_wellbeing.questions.health_rating.text.younger"] == question.text
    assert "sections.health_wellbeing.title.default" in units
    assert any(".scale.labels." in path for path in units)
    parent = default_registry().get("parent_feedback")
    assert any(".options." in path for path in text_units(parent))


def test_a_full_translation_replaces_every_text_and_keeps_values():
    parent = default_registry().get("parent_feedback")
    doc = _catalogue(parent, lambda path, en: f"[pl] {en}")
    catalogue = parse(doc, "pl.yaml")
    assert check(parent, catalogue) == []
    translated = translate(parent, catalogue).resolve(None)
    english = parent.resolve(None)
    for section, original in zip(translated.sections, english.sections, strict=True):
        assert section.title == f"[pl] {original.title}"
        for question, source in zip(section.questions, original.questions, strict=True):
            assert question.text == f"[pl] {source.text}"
            assert question.key == source.key
            options = getattr(question.handler, "options", ())
            source_options = getattr(source.handler, "options", ())
            assert [o.value for o in options] == [o.value for o in source_options]
            if question.kind == "single_choice":  # its default Yes/No/Not sure are the kind's
                assert options and all(o.label.startswith("[pl] ") for o in options)


def test_stale_missing_and_placeholder_problems_name_the_place_and_fall_back():
    pledge = default_registry().get("pledge")
    doc = _catalogue(pledge, lambda path, en: f"[pl] {en}")
    stale = "sections.health_wellbeing.questions.health_rating.text.younger"
    doc["texts"][stale]["en"] = "How happy do you feel?"  # the English has changed since
    missing = "title"
    del doc["texts"][missing]
    broken = "description"
    doc["texts"][broken]["text"] = "{name} zmieniony"
    catalogue = parse(doc, "pl.yaml")
    problems = {p.path: p.reason for p in check(pledge, catalogue)}
    assert problems[stale].startswith("stale")
    assert problems[missing].startswith("missing")
    assert problems[broken].startswith("placeholders differ")
    assert len(problems) == 3
    translated = translate(pledge, catalogue)
    assert translated.title == pledge.title  # missing: English
    assert translated.description == pledge.description  # broken placeholder: English
    younger = translated.resolve("younger").sections[0].questions[0]
    assert younger.text == pledge.resolve("younger").sections[0].questions[0].text


def test_languages_are_named_in_themselves_and_regions_ignored():
    assert language("pl-PL").own_name == "Polski"
    assert language("ar").direction == "rtl"
    assert language("xx").code == "en"


def test_a_language_is_chosen_by_one_rule_canonical_and_offered_or_none():
    offered = ["pl", "ar"]
    assert offered_code("pl-PL", offered) == "pl"  # region ignored, canonical code back
    assert offered_code(" PL ", offered) == "pl"
    assert offered_code("en-GB", offered) == "en"  # English is always offered
    assert offered_code("ro", offered) is None  # supported, but this survey is not in it
    assert offered_code("xx", offered) is None  # not a language we support: not English
    assert offered_code(None, offered) is None
    assert offered_code("", offered) is None


def _folder_with_catalogue(tmp_path, edit):
    import shutil

    from surveys import DEFINITIONS_DIR

    folder = tmp_path / "parent_feedback"
    shutil.copytree(DEFINITIONS_DIR / "parent_feedback", folder)
    shutil.rmtree(folder / "translations", ignore_errors=True)  # only the catalogue made here
    parent = default_registry().get("parent_feedback")
    doc = _catalogue(parent, lambda path, en: f"[pl] {en}")
    edit(doc)
    (folder / "translations").mkdir(exist_ok=True)
    (folder / "translations" / "pl.yaml").write_text(
        yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8"
    )
    return tmp_path


def test_the_registry_offers_a_survey_in_each_language_with_a_catalogue(tmp_path):
    from surveys import Registry

    registry = Registry.from_directory(_folder_with_catalogue(tmp_path, lambda doc: None))
    parent = registry.get("parent_feedback")
    assert registry.languages("parent_feedback") == ["pl"]
    polish = registry.in_language(parent, "pl")
    assert polish.title.startswith("[pl] ")
    assert registry.in_language(parent, "pl") is polish  # translated once per process
    assert registry.in_language(parent, "ro") is parent  # no catalogue: English


def test_validate_reports_a_stale_text_with_its_file_and_place(tmp_path):
    from surveys import validate_directory

    place = "sections.0"

    def stale(doc):
        nonlocal place
        place = next(p for p in doc["texts"] if p.endswith(".text"))
        doc["texts"][place]["en"] = "An older wording"

    problems = validate_directory(_folder_with_catalogue(tmp_path, stale))
    assert [(p.path, p.reason.split(":")[0]) for p in problems] == [(place, "stale")]
    assert "translations/pl.yaml" in problems[0].file
