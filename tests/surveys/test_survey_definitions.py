"""The shipped definitions: all valid, every variant resolves, council wording exact."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from surveys import (
    DEFINITIONS_DIR,
    PLEDGE_KEYS,
    PLEDGES,
    DefinitionErrors,
    Registry,
    ResolvedSurvey,
    SurveyDefinition,
    default_registry,
    describe,
    load_file,
    validate_directory,
)

SHIPPED = {
    "pledge",
    "parent_feedback",
    "yp_conference_feedback",
    "professional_conference_feedback",
    "sms_checkin",
    "practitioner_health_check",
}

# Copied from the council's parent/carer feedback form (domain brief); must match exactly.
PARENT_QUESTIONS = {
    "q1_views_taken_into_account": (
        "Do you think the worker took the views of you and your family into account?"
    ),
    "q2_worker_clear": (
        "Do you think your worker made it clear to you about what he/she was worried about "
        "and what they thought needed to change?"
    ),
    "q3_worker_helped": "Do you feel your worker has helped you and your family?",
    "q4_told_how_to_complain": (
        "During the process, were you told what you could do if you were unhappy with the service?"
    ),
    "q5_done_well": (
        "Was there anything your worker did really well or anybody who you think was "
        "particularly helpful?"
    ),
    "q6_suggestions": (
        "Do you have any suggestions of how Children and Young People's Service can do things "
        "better in the future for yourself and/or other families?"
    ),
}


def all_resolved(definition: SurveyDefinition) -> list[ResolvedSurvey]:
    return [definition.resolve(v) for v in (list(definition.variants) or [None])]


def test_shipped_directory_has_no_problems() -> None:
    # Every catalogue translates every text of the latest version (v3's included): nothing
    # missing, stale or with a lost placeholder.
    problems = validate_directory()
    assert problems == validate_directory(DEFINITIONS_DIR)
    assert problems == Registry.validate_directory(DEFINITIONS_DIR)
    assert problems == []


def test_every_shipped_file_loads_on_its_own() -> None:
    files = sorted(DEFINITIONS_DIR.glob("*/v*.yaml"))
    assert {f.parent.name for f in files} == SHIPPED
    for file in files:
        definition = load_file(file)
        assert definition.key == file.parent.name
        assert f"v{definition.version}.yaml" == file.name
        assert definition.schema_version == 2


def test_registry_lists_all_shipped_surveys() -> None:
    registry = default_registry()
    assert registry is default_registry()
    assert set(registry.keys()) == SHIPPED
    assert [d.key for d in registry.latest_versions()] == sorted(SHIPPED)
    # The pledge survey has three versions (v2 adds the check-out, v3 the early-years and
    # easy-read variants, issue 16); answers pin theirs.
    assert len(registry.all()) == len(SHIPPED) + 2
    assert registry.versions("pledge") == [1, 2, 3]
    assert registry.get("pledge").version == 3
    assert registry.get("pledge", 3) is registry.get("pledge")
    with pytest.raises(KeyError):
        registry.get("nope")
    with pytest.raises(KeyError):
        registry.get("pledge", 99)


@pytest.mark.parametrize("key", sorted(SHIPPED))
def test_every_variant_resolves_with_plain_text(key: str) -> None:
    definition = default_registry().get(key)
    for resolved in all_resolved(definition):
        assert resolved.questions, f"{key} {resolved.variant} has no questions"
        keys = [q.key for q in resolved.questions]
        assert len(keys) == len(set(keys))
        for question in resolved.questions:
            assert isinstance(question.text, str) and question.text
            assert question.help is None or isinstance(question.help, str)
            if question.kind != "free_text":
                assert question.options, f"{key}.{question.key} has nothing to choose"
        for section in resolved.sections:
            assert isinstance(section.title, str) and section.title


def test_resolve_rejects_wrong_variants() -> None:
    pledge = default_registry().get("pledge")
    with pytest.raises(ValueError, match="choose one"):
        pledge.resolve(None)
    with pytest.raises(ValueError, match="no variant 'adult'"):
        pledge.resolve("adult")
    with pytest.raises(ValueError, match="has no variants"):
        default_registry().get("parent_feedback").resolve("teen")


def test_pledges_are_the_six_official_pledges_in_order() -> None:
    assert PLEDGE_KEYS == (
        "health_wellbeing",
        "safe_stable_home",
        "education_work",
        "listened_to",
        "relationships",
        "independence",
    )
    assert list(PLEDGES) == list(PLEDGE_KEYS)
    assert "(including staying put options)" in PLEDGES["safe_stable_home"]
    assert "staying out" not in PLEDGES["safe_stable_home"]
    assert PLEDGES["independence"] == (
        "Young People are prepared to become independent and successful adults"
    )


def test_pledge_survey_has_one_section_per_pledge() -> None:
    pledge = default_registry().get("pledge", 2)
    assert list(pledge.variants) == ["younger", "teen", "care_leaver"]
    assert (pledge.variants["younger"].min_age, pledge.variants["younger"].max_age) == (8, 12)
    assert (pledge.variants["teen"].min_age, pledge.variants["teen"].max_age) == (13, 17)
    assert (pledge.variants["care_leaver"].min_age, pledge.variants["care_leaver"].max_age) == (
        16,
        25,
    )
    for resolved in all_resolved(pledge):
        # The pledges in order, then (v2) the check-out, which is about no pledge.
        *pledged, checkout = resolved.sections
        assert [s.pledge for s in pledged] == list(PLEDGE_KEYS)
        [feeling] = checkout.questions
        assert checkout.pledge is None and feeling.pledge is None and not feeling.required
        for section in pledged:
            kinds = [q.kind for q in section.questions]
            assert kinds == ["scale", "free_text"]
            rating, more = section.questions
            assert rating.required and not more.required
            assert rating.pledge == section.pledge == more.pledge
            assert rating.sms_text and more.sms_text


def test_pledge_younger_gets_faces_and_older_get_words() -> None:
    pledge = default_registry().get("pledge")
    for question in pledge.resolve("younger").questions:
        if question.kind == "scale":
            assert question.scale is not None and question.scale.faces
            assert len(question.options) == 5
            assert all(o.face for o in question.options)
            assert question.options[0].face == "😢"
            assert question.options[-1].face == "😀"
    for variant in ("teen", "care_leaver"):
        for question in pledge.resolve(variant).questions:
            if question.kind == "scale" and question.pledge:  # the check-out has faces for all
                assert question.scale is not None and not question.scale.faces
                assert (question.scale.min, question.scale.max) == (1, 5)
                assert question.scale.positive_at_least == 4
                assert all(o.face is None for o in question.options)
                assert all(not o.label.isdigit() for o in question.options)


def test_pledge_wording_differs_per_variant() -> None:
    pledge = default_registry().get("pledge")
    younger, teen, leaver = (pledge.resolve(v) for v in ("younger", "teen", "care_leaver"))
    for key in [q.key for q in younger.questions]:
        texts = {r.question(key).text for r in (younger, teen, leaver)}
        assert len(texts) == 3, f"{key} uses the same words for two variants"
    assert "grown-ups who look after you" in younger.question("listened_rating").text
    leaver_text = " ".join(q.text + " " + (q.help or "") for q in leaver.questions)
    for phrase in ("PA", "tenancy", "money", "college"):
        assert phrase in leaver_text


def test_parent_form_uses_the_councils_exact_wording() -> None:
    resolved = default_registry().get("parent_feedback").resolve(None)
    for key, text in PARENT_QUESTIONS.items():
        assert resolved.question(key).text == text
    assert [q.key for q in resolved.questions] == [
        "q1_views_taken_into_account",
        "q2_worker_clear",
        "q3_worker_helped",
        "q4_told_how_to_complain",
        "complaint_route_info",
        "q5_done_well",
        "q6_suggestions",
    ]


def test_parent_form_options_and_optional_free_text() -> None:
    resolved = default_registry().get("parent_feedback").resolve(None)
    q1 = resolved.question("q1_views_taken_into_account")
    assert [o.label for o in q1.options] == ["Always", "Sometimes", "Never"]
    for key in ("q2_worker_clear", "q3_worker_helped", "q4_told_how_to_complain"):
        question = resolved.question(key)
        assert question.kind == "yes_no_not_sure"
        assert [(o.value, o.label) for o in question.options] == [
            ("yes", "Yes"),
            ("no", "No"),
            ("not_sure", "Not sure"),
        ]
    for key in ("q5_done_well", "q6_suggestions"):
        assert resolved.question(key).kind == "free_text"
        assert resolved.question(key).required is False


def test_parent_complaint_question_only_after_no() -> None:
    resolved = default_registry().get("parent_feedback").resolve(None)
    info = resolved.question("complaint_route_info")
    assert info.show_if is not None and info.show_if.question == "q4_told_how_to_complain"
    assert info.help and "advocate" in info.help and "complaint" in info.help
    shown = {
        answer: "complaint_route_info"
        in [q.key for q in resolved.visible_questions({"q4_told_how_to_complain": answer})]
        for answer in ("yes", "no", "not_sure")
    }
    assert shown == {"yes": False, "no": True, "not_sure": False}


def test_conference_and_staff_surveys_cover_their_themes() -> None:
    registry = default_registry()
    yp = registry.get("yp_conference_feedback").resolve(None)
    assert {"understood_worries", "views_heard", "know_what_next", "working_well"} <= {
        q.key for q in yp.questions
    }
    pro = registry.get("professional_conference_feedback").resolve(None)
    agency = pro.question("agency")
    assert [o.value for o in agency.options] == [
        "police",
        "health",
        "education",
        "social_care",
        "other",
    ]
    assert pro.question("well_chaired").kind == "scale"
    staff = registry.get("practitioner_health_check")
    assert staff.audience == "staff"
    assert {"caseload_manageable", "supervision_frequency", "training_needs_met"} <= {
        q.key for q in staff.resolve(None).questions
    }


def test_describe_is_one_line() -> None:
    line = describe(default_registry().get("pledge", 2))
    assert "\n" not in line
    assert line.startswith("pledge v2: ")
    assert "younger, teen, care_leaver" in line
    assert "13 questions" in line
    assert "variants: none" in describe(default_registry().get("parent_feedback"))


def test_registry_prefers_latest_version(tmp_path: Path) -> None:
    folder = tmp_path / "parent_feedback"
    folder.mkdir()
    source = (DEFINITIONS_DIR / "parent_feedback" / "v1.yaml").read_text(encoding="utf-8")
    (folder / "v1.yaml").write_text(source, encoding="utf-8")
    v2 = source.replace("version: 1", "version: 2").replace(
        "title: Parent and carer feedback", "title: Parent and carer feedback (2)"
    )
    (folder / "v2.yaml").write_text(v2, encoding="utf-8")
    registry = Registry.from_directory(tmp_path)
    assert registry.versions("parent_feedback") == [1, 2]
    assert registry.get("parent_feedback").version == 2
    assert registry.get("parent_feedback", 1).title == "Parent and carer feedback"
    assert [d.version for d in registry.all()] == [1, 2]
    assert [d.version for d in registry.latest_versions()] == [2]


def test_registry_from_bad_directory_raises_all_errors(tmp_path: Path) -> None:
    for key in ("one", "two"):
        (tmp_path / key).mkdir()
        (tmp_path / key / "v1.yaml").write_text("schema: 2\nkey: [\n", encoding="utf-8")
    with pytest.raises(DefinitionErrors) as caught:
        Registry.from_directory(tmp_path)
    assert len(caught.value.errors) == 2


def test_package_does_not_import_web_or_database_code() -> None:
    code = (
        "import sys, surveys\n"
        "surveys.default_registry()\n"
        "bad = sorted({m.split('.')[0] for m in sys.modules}"
        " & {'flask', 'sqlalchemy', 'app', 'forms', 'analysis', 'wtforms'})\n"
        "print(','.join(bad))\n"
    )
    repo_root = DEFINITIONS_DIR.parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo_root
    )
    assert result.stdout.strip() == ""


def test_younger_pledge_variant_never_uses_care_leaver_wording() -> None:
    # Issue 16: the 8-12 variant's question 12 asked, by text message, about living on your own.
    registry = default_registry()
    for version in registry.versions("pledge"):
        younger = registry.get("pledge", version).resolve("younger")
        for question in younger.questions:
            for words in (question.text, question.help, question.sms_text):
                lowered = (words or "").lower()
                for phrase in ("on your own", "leave care", "leaving care", "tenancy", "your pa"):
                    assert phrase not in lowered, f"v{version} {question.key}: {words!r}"


def test_pledge_checkout_shows_help_only_when_the_answer_is_low() -> None:
    for version in (1, 2):
        for variant in ("younger", "teen", "care_leaver"):
            survey = default_registry().get("pledge", version).resolve(variant)
            # No pledge question ever sends anyone to the help page by itself.
            assert not any(q.shows_help(1) for q in survey.questions if q.pledge)
    survey = default_registry().get("pledge", 2).resolve("teen")
    feeling = survey.questions[-1]
    assert feeling.key == "feeling_now" and feeling.text.startswith("How are you feeling now")
    assert [feeling.shows_help(point) for point in (1, 2, 3, 4, 5)] == [
        True,
        True,
        False,
        False,
        False,
    ]
    assert not feeling.shows_help(None)  # skipped
