"""Pledge v3 (issue 16): the early-years (4-7) and easy-read variants, and the variant flags
(read_aloud, pictures, one_tap, web_only) the loader checks."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import yaml

from surveys import DEFINITIONS_DIR, Registry, default_registry, validate_directory
from surveys.checks import ONE_TAP_KINDS
from surveys.pictures import ATTRIBUTION, LICENCE, PICTURES, SOURCE

ROOT = Path(__file__).resolve().parents[2]
STATIC_PICTURES = ROOT / "app" / "static" / "pictures"
OPENMOJI = ROOT / "node_modules" / "openmoji" / "color" / "svg"


def _v3_doc():
    return yaml.safe_load((DEFINITIONS_DIR / "pledge" / "v3.yaml").read_text(encoding="utf-8"))


def test_v3_is_v2_word_for_word_for_the_older_variants():
    v2, v3 = default_registry().get("pledge", 2), default_registry().get("pledge", 3)
    for variant in v2.variants:
        old, new = v2.resolve(variant), v3.resolve(variant)
        assert [(q.key, q.text, q.help, q.sms_text, q.required) for q in old.questions] == [
            (q.key, q.text, q.help, q.sms_text, q.required) for q in new.questions
        ]
        assert [[o.value for o in q.options] for q in old.questions] == [
            [o.value for o in q.options] for q in new.questions
        ]
        assert new.flags.pictures is False and new.flags.one_tap is False
    assert list(v3.variants)[:3] == list(v2.variants)  # the fallback variant stays "younger"


def test_early_years_is_short_one_tap_pictures_read_aloud_and_web_only():
    pledge = default_registry().get("pledge", 3)
    assert (pledge.variants["early_years"].min_age, pledge.variants["early_years"].max_age) == (
        4,
        7,
    )
    survey = pledge.resolve("early_years")
    flags = survey.flags
    assert flags.read_aloud and flags.pictures and flags.one_tap and flags.web_only
    assert 6 <= len(survey.questions) <= 8
    assert survey.questions[-1].key == "feeling_now"
    pledged = [q.pledge for q in survey.questions if q.pledge]
    assert len(pledged) == len(set(pledged)) == 5  # one a pledge, independence left out at 4-7
    younger = pledge.resolve("younger")
    for question in survey.questions:
        assert question.kind in ONE_TAP_KINDS
        assert question.picture in PICTURES
        assert len(question.option_pictures) == len(question.options)
        assert all(p in PICTURES for p in question.option_pictures)
        # The same answers as the 8-12 faces, so reporting pools them.
        same = younger.question(question.key)
        assert [o.value for o in question.options] == [o.value for o in same.options]
        assert question.handler.spec.positive_at_least == same.handler.spec.positive_at_least
        assert len(question.text) <= 80


def test_easy_read_has_a_picture_for_every_question_and_answer():
    survey = default_registry().get("pledge", 3).resolve("easy_read")
    assert survey.flags.pictures and survey.flags.read_aloud and not survey.flags.one_tap
    assert {q.pledge for q in survey.questions if q.pledge} == {
        "health_wellbeing",
        "safe_stable_home",
        "education_work",
        "listened_to",
        "relationships",
        "independence",
    }
    for question in survey.questions:
        assert question.picture in PICTURES
        if question.kind != "free_text":
            assert len(question.option_pictures) == len(question.options)
        # Short sentences: no more than 14 words to a sentence.
        for sentence in question.text.replace("?", ".").split("."):
            assert len(sentence.split()) <= 14, sentence


def test_pictures_come_from_openmoji_unchanged_with_licence_recorded():
    assert "OpenMoji" in SOURCE and "17.0.0" in SOURCE
    assert LICENCE == "CC BY-SA 4.0" and "OpenMoji" in ATTRIBUTION and LICENCE in ATTRIBUTION
    shipped = {p.name for p in STATIC_PICTURES.glob("*.svg")}
    assert shipped == {f"{p.hexcode}.svg" for p in PICTURES.values()}
    for picture in PICTURES.values():
        data = (STATIC_PICTURES / f"{picture.hexcode}.svg").read_bytes()
        assert hashlib.sha256(data).hexdigest() == picture.sha256, picture.key
        original = OPENMOJI / f"{picture.hexcode}.svg"
        if original.exists():  # node_modules is there in development and CI
            assert original.read_bytes() == data
        assert picture.alt and picture.alt[0].isupper()


def test_flags_and_pictures_are_checked(doc, problems):
    doc["variants"]["tiny"] = {"label": "Tiny", "pictures": True, "one_tap": True}
    first = doc["sections"][0]["questions"]
    first[0]["picture"] = "unicorn"
    for question in first[1:]:
        question["only"] = ["younger", "teen", "tiny"]
    first[1]["picture"] = "house"
    first[2]["picture"] = "school"
    first[2]["options"][0]["picture"] = "house"
    found = {(p.path, p.reason) for p in problems(doc)}
    reasons = "\n".join(f"{path}: {reason}" for path, reason in sorted(found))
    assert "sections[0].questions[0].picture: unknown picture 'unicorn'" in reasons
    # Scale without faces in a pictures variant.
    assert "sections[0].questions[0].scale: variant 'tiny' shows pictures" in reasons
    # One tap cannot answer a multiple-choice or free-text question.
    assert "sections[0].questions[2].only: variant 'tiny' is one_tap" in reasons
    assert "sections[0].questions[3].only: variant 'tiny' is one_tap" in reasons
    # Choice options each need a picture; a question needs its own.
    assert "sections[0].questions[2].options: variant 'tiny' shows pictures" in reasons
    assert "sections[0].questions[3].picture: variant 'tiny' shows pictures" in reasons
    # yes_no_not_sure's built-in options have no pictures: say so.
    assert "sections[0].questions[1].options: variant 'tiny' shows pictures" in reasons
    assert "sections[1].questions[1].picture: variant 'tiny' shows pictures" in reasons


def test_a_flag_must_be_spelt_right_and_be_true_or_false(doc, problems):
    doc["variants"]["younger"]["read_alowd"] = True
    doc["variants"]["teen"]["one_tap"] = "sometimes"
    found = {p.path: p.reason for p in problems(doc)}
    assert found["variants.younger.read_alowd"].startswith("unknown field")
    assert "variants.teen.one_tap" in found


def test_a_web_only_variant_needs_no_sms_wording_but_others_do(doc, build, problems):
    doc["variants"]["tiny"] = {"label": "Tiny", "web_only": True}
    first = doc["sections"][0]["questions"][0]
    first["text"]["tiny"] = "Happy?"
    first["sms_text"] = {"younger": "Happy? Reply 1 to 5", "teen": "OK? Reply 1 to 5"}
    assert build(doc).resolve("tiny").questions[0].sms_text is None
    doc["variants"]["tiny"]["web_only"] = False
    found = {p.path: p.reason for p in problems(doc)}
    assert "no text for variant tiny" in found["sections[0].questions[0].sms_text"]


def test_a_good_pictures_variant_loads(doc, build):
    doc["variants"]["tiny"] = {"label": "Tiny", "pictures": True, "one_tap": True}
    first = doc["sections"][0]["questions"]
    first[0]["picture"] = "house"
    first[0]["text"]["tiny"] = "How is home?"
    first[0]["variant_overrides"]["tiny"] = {"scale": {"min": 1, "max": 5, "faces": True}}
    for question in first[1:]:
        question["only"] = ["younger", "teen"]
    doc["sections"][1]["questions"][1]["only"] = ["younger", "teen"]
    survey = build(doc).resolve("tiny")
    [question] = survey.questions
    assert question.picture == "house"
    assert question.option_pictures == (
        "face_very_sad",
        "face_sad",
        "face_ok",
        "face_happy",
        "face_very_happy",
    )
    # Without the pictures flag a variant shows none, even where the question names one.
    assert build(doc).resolve("younger").questions[0].picture is None


def test_untranslated_v3_texts_are_reported_but_do_not_stop_loading(tmp_path):
    folder = tmp_path / "pledge"
    shutil.copytree(DEFINITIONS_DIR / "pledge", folder)
    catalogue = folder / "translations" / "pl.yaml"
    raw = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
    key = "sections.health_wellbeing.questions.health_rating.text.early_years"
    del raw["texts"][key]
    catalogue.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    registry = Registry.from_directory(tmp_path)  # no DefinitionErrors
    assert registry.get("pledge").version == 3
    polish = registry.in_language(registry.get("pledge"), "pl")
    early = polish.resolve("early_years").questions[0]
    assert early.text == "How do you feel most days?"  # English until translated
    assert polish.resolve("teen").questions[0].text != (
        registry.get("pledge").resolve("teen").questions[0].text
    )  # v2's texts keep their translation in v3
    problems = validate_directory(tmp_path)
    assert {p.path for p in problems if "pl.yaml" in p.file} == {key}
    assert {p.path for p in problems} == {key}
