"""One question a page: first page, Next, Back, skip logic, changing an answer, check, end."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from surveys import ResolvedSurvey, SurveyDefinition
from surveys.kinds import NOT_ANSWERED, OUT_OF, Scale, ScaleSpec, Shown
from surveys.pager import CHECK, START, Pager, Step, answer_text, question_step

Build = Callable[[dict[str, Any]], SurveyDefinition]

# The teen variant of the conftest survey, in order:
# section "Home": feel, worried, worry_about (if worried yes/not sure), tell_more (if home)
# section "Second": colour, anything (free text, optional)
ALL_ANSWERED = {"feel": 4, "worried": "no", "colour": "red", "anything": ""}


@pytest.fixture
def teen(build: Build, doc: dict[str, Any]) -> ResolvedSurvey:
    return build(doc).resolve("teen")


def test_first_page_is_the_first_question(teen: ResolvedSurvey) -> None:
    pager = Pager(teen, {})
    assert pager.resume() == Step("question", "feel")
    page = pager.page("feel")
    assert page is not None
    assert (page.position, page.total, page.first) == (1, 4, True)
    assert page.back == START
    assert page.section_title == "Home"


def test_next_and_previous_follow_the_order(teen: ResolvedSurvey) -> None:
    pager = Pager(teen, {"feel": 4})
    assert pager.after_answer("feel", 4) == question_step("worried")
    page = pager.page("worried")
    assert page is not None
    assert (page.position, page.back, page.first) == (2, question_step("feel"), False)
    assert pager.resume() == question_step("worried")


def test_skip_logic_hides_and_reveals_questions(teen: ResolvedSurvey) -> None:
    answers = {"feel": 4}
    # "No" skips the follow-up questions and goes on to the next section.
    assert Pager(teen, answers).after_answer("worried", "no") == question_step("colour")
    # "Yes" reveals the follow-up; choosing home reveals one more.
    assert Pager(teen, answers).after_answer("worried", "yes") == question_step("worry_about")
    answers = {"feel": 4, "worried": "yes"}
    assert Pager(teen, answers).after_answer("worry_about", ["home"]) == question_step("tell_more")
    assert Pager(teen, answers).after_answer("worry_about", ["school"]) == question_step("colour")
    # A hidden question has no page: the view sends them to resume() instead.
    assert Pager(teen, {"feel": 4, "worried": "no"}).page("worry_about") is None
    assert Pager(teen, {}).page("no_such_question") is None
    # Back from a question after a hidden one skips it too.
    page = Pager(teen, {"feel": 4, "worried": "no"}).page("colour")
    assert page is not None
    assert page.back == question_step("worried")
    assert page.section_title == "Second"
    assert (page.position, page.total) == (3, 4)


def test_total_counts_only_questions_shown(teen: ResolvedSurvey) -> None:
    assert Pager(teen, {}).total == 4
    assert Pager(teen, {"worried": "yes", "worry_about": ["home"]}).total == 6


def test_last_question_leads_to_check_answers(teen: ResolvedSurvey) -> None:
    answers = {k: v for k, v in ALL_ANSWERED.items() if k != "anything"}
    pager = Pager(teen, answers)
    assert not pager.ready_to_check()
    assert pager.after_answer("anything", "") == CHECK


def test_changing_an_answer_returns_to_check_unless_it_reveals_a_question(
    teen: ResolvedSurvey,
) -> None:
    pager = Pager(teen, ALL_ANSWERED)
    page = pager.page("feel", changing=True)
    assert page is not None
    assert page.back == CHECK
    assert page.first is False
    assert pager.after_answer("feel", 2, changing=True) == CHECK
    # Changing "no" to "yes" reveals a question: ask it before going back to the check page.
    assert pager.after_answer("worried", "yes", changing=True) == question_step("worry_about")


def test_check_answers_lists_shown_questions_by_section(teen: ResolvedSurvey) -> None:
    pager = Pager(teen, ALL_ANSWERED)
    assert pager.ready_to_check()
    assert pager.resume() == CHECK
    sections = pager.check_sections()
    assert [s.title for s in sections] == ["Home", "Second"]
    rows = [(row.question.key, row.answer) for s in sections for row in s.rows]
    assert rows == [
        ("feel", "4 out of 5"),
        ("worried", "No"),
        ("colour", "Red"),
        ("anything", "Not answered"),
    ]
    assert pager.last() == question_step("anything")
    # What the page shows: interface words marked for the page to translate, with their
    # placeholders; the survey's own words as they are (already in the survey's language).
    shown = {row.question.key: row.shown for s in sections for row in s.rows}
    assert shown["feel"] == Shown(OUT_OF, {"point": 4, "max": 5}, interface=True)
    assert shown["worried"] == Shown("No") and shown["colour"] == Shown("Red")
    assert shown["anything"] == Shown(NOT_ANSWERED, interface=True)


def test_faces_show_their_word_without_an_emoji() -> None:
    faces = Scale(ScaleSpec(1, 5, faces=True))
    assert faces.shown(5) == Shown("Very happy", interface=True)
    assert faces.shown(1) == Shown("Very sad", interface=True)
    # A survey's own label for a point wins, and is the survey's (translated) text.
    labelled = Scale(ScaleSpec(1, 3, labels={1: "Nigdy", 3: "Zawsze"}, faces=True))
    assert labelled.shown(3) == Shown("Zawsze") and labelled.shown(2) == Shown("OK", interface=True)
    assert not any(ord(c) > 0x2000 for c in faces.shown(3).text)
    assert "😀" in faces.display(5)  # reports keep the face with the word


def test_one_section_surveys_have_no_section_titles(build: Build, doc: dict[str, Any]) -> None:
    doc["sections"] = doc["sections"][:1]
    single = build(doc).resolve("teen")
    page = Pager(single, {}).page("feel")
    assert page is not None and page.section_title is None
    assert [s.title for s in Pager(single, {"feel": 3}).check_sections()] == [None]


@pytest.mark.parametrize("empty", [None, "", []])
def test_nothing_chosen_reads_not_answered(teen: ResolvedSurvey, empty: Any) -> None:
    assert answer_text(teen.question("feel"), empty) == "Not answered"
    assert answer_text(teen.question("worry_about"), empty) == "Not answered"


def test_last_question_shown_ends_at_check(build: Build, doc: dict[str, Any]) -> None:
    doc["sections"][1]["questions"] = [q for q in doc["sections"][1]["questions"] if "only" in q]
    younger = build(doc).resolve("younger")  # the only question of section two is teen-only
    assert [q.key for q in younger.questions] == ["feel", "worried", "worry_about", "tell_more"]
    pager = Pager(younger, {"feel": 3})
    assert pager.after_answer("worried", "no") == CHECK
