"""Moving through a resolved survey: conditions, order, completeness and pruning."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from surveys import Question, ResolvedSurvey, SurveyDefinition, default_registry

Build = Callable[[dict[str, Any]], SurveyDefinition]


@pytest.fixture
def teen(build: Build, doc: dict[str, Any]) -> ResolvedSurvey:
    return build(doc).resolve("teen")


def keys(questions: Sequence[Question]) -> list[str]:
    return [q.key for q in questions]


def test_resolve_applies_only_text_and_overrides(build: Build, doc: dict[str, Any]) -> None:
    definition = build(doc)
    younger, teen = definition.resolve("younger"), definition.resolve("teen")
    assert "colour" not in keys(younger.questions)
    assert "colour" in keys(teen.questions)
    assert younger.question("feel").text == "How do you feel?"
    assert teen.question("feel").text == "How are things?"
    assert younger.sections[0].title == "Your home"
    assert teen.sections[0].title == "Home"
    assert younger.question("feel").scale.faces
    assert not teen.question("feel").scale.faces
    assert younger.question("feel").pledge == "safe_stable_home"
    assert younger.question("anything").pledge is None
    assert younger.question("anything").required is False
    assert younger.question("worried").required is True
    assert definition.resolve("teen") is teen  # cached
    with pytest.raises(KeyError):
        younger.question("colour")


def test_show_if_hides_and_shows(teen: ResolvedSurvey) -> None:
    base = ["feel", "worried", "colour", "anything"]
    assert keys(teen.visible_questions({})) == base
    assert keys(teen.visible_questions({"worried": "no"})) == base
    assert keys(teen.visible_questions({"worried": "yes"})) == [
        "feel",
        "worried",
        "worry_about",
        "colour",
        "anything",
    ]
    chained = {"worried": "not_sure", "worry_about": ["home", "school"]}
    assert "tell_more" in keys(teen.visible_questions(chained))
    assert "tell_more" not in keys(
        teen.visible_questions({"worried": "yes", "worry_about": ["school"]})
    )


def test_condition_on_hidden_question_stays_hidden(teen: ResolvedSurvey) -> None:
    # worry_about still has an old answer, but it is hidden now, so tell_more is too.
    stale = {"worried": "no", "worry_about": ["home"]}
    assert "tell_more" not in keys(teen.visible_questions(stale))
    assert teen.is_visible("worry_about", {"worried": "yes"})
    assert not teen.is_visible("worry_about", {})


def test_prune_drops_hidden_and_unknown_answers(teen: ResolvedSurvey) -> None:
    answers = {
        "feel": 4,
        "worried": "no",
        "worry_about": ["home"],
        "tell_more": "my room",
        "stray": "x",
    }
    assert teen.prune(answers) == {"feel": 4, "worried": "no"}
    kept = {"feel": 4, "worried": "yes", "worry_about": ["home"], "tell_more": "my room"}
    assert teen.prune(kept) == kept


def test_next_and_previous(teen: ResolvedSurvey) -> None:
    assert teen.next_question({}).key == "feel"
    assert teen.next_question({}, None).key == "feel"
    assert teen.next_question({"worried": "no"}, "worried").key == "colour"
    assert teen.next_question({"worried": "yes"}, "worried").key == "worry_about"
    assert teen.next_question({}, "anything") is None
    assert teen.previous_question({"worried": "no"}, "colour").key == "worried"
    assert teen.previous_question({"worried": "yes"}, "colour").key == "worry_about"
    assert teen.previous_question({}, "feel") is None
    # Moving on from a question that an earlier change has just hidden still works.
    assert teen.next_question({"worried": "no"}, "worry_about").key == "colour"
    with pytest.raises(KeyError):
        teen.next_question({}, "nope")


def test_first_unanswered_and_is_complete(teen: ResolvedSurvey) -> None:
    assert teen.first_unanswered({}).key == "feel"
    answers: dict[str, Any] = {"feel": 3, "worried": "yes"}
    assert teen.first_unanswered(answers).key == "worry_about"
    assert not teen.is_complete(answers)
    answers["worry_about"] = ["school"]
    assert teen.first_unanswered(answers).key == "colour"
    answers["colour"] = "red"
    # Optional free text left unasked is not needed for completion...
    assert teen.is_complete(answers)
    assert teen.first_unanswered(answers).key == "anything"
    # ...and a skipped one is stored as "" and counts as answered.
    answers["anything"] = ""
    assert teen.first_unanswered(answers) is None
    assert teen.is_complete(answers)
    assert not teen.is_complete({**answers, "worried": "yes", "worry_about": []})


def test_parent_form_walkthrough() -> None:
    form = default_registry().get("parent_feedback").resolve(None)
    answers: dict[str, Any] = {}
    steps = []
    question = form.first_unanswered(answers)
    replies = {
        "q1_views_taken_into_account": "sometimes",
        "q2_worker_clear": "yes",
        "q3_worker_helped": "not_sure",
        "q4_told_how_to_complain": "no",
        "complaint_route_info": "yes",
        "q5_done_well": "",
        "q6_suggestions": "  More child focus.  ",
    }
    while question is not None:
        steps.append(question.key)
        answers[question.key] = question.parse(replies[question.key])
        question = form.next_question(answers, question.key)
    assert steps == list(replies)
    assert form.is_complete(answers)
    assert answers["q6_suggestions"] == "More child focus."
    assert answers["q5_done_well"] == ""
    answers["q4_told_how_to_complain"] = "yes"
    assert "complaint_route_info" not in form.prune(answers)
