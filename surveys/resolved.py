"""A survey resolved for one audience variant: plain text, no variant logic left for callers."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from surveys.channels import FieldSpec, VoiceInput
from surveys.kinds import FreeText, Kind, Option, Scale, ScaleSpec, Shown
from surveys.pictures import face_pictures


@dataclass(frozen=True)
class ShowIf:
    """Show a question only when an earlier question's answer is one of `values`."""

    question: str
    values: tuple[str, ...]

    def matches(self, answer: Any) -> bool:
        if answer is None:
            return False
        if isinstance(answer, list | tuple | set | frozenset):
            return any(str(item) in self.values for item in answer)
        return str(answer) in self.values


@dataclass(frozen=True)
class VariantFlags:
    """How a variant's pages behave (surveys/definitions: `read_aloud`, `pictures`, ...)."""

    read_aloud: bool = False
    pictures: bool = False
    one_tap: bool = False
    web_only: bool = False


@dataclass(frozen=True)
class Question:
    """One question as a person in a given variant sees it."""

    key: str
    kind: str
    text: str
    handler: Kind = field(repr=False)
    help: str | None = None
    sms_text: str | None = None
    required: bool = True
    pledge: str | None = None
    show_if: ShowIf | None = None
    section: str = ""
    # Only set in a variant with pictures (checked on load: then every question has one).
    picture: str | None = None

    @property
    def option_pictures(self) -> tuple[str | None, ...]:
        """A picture key for each option when pictures are shown: a faces scale's faces,
        or each option's own picture."""
        if self.picture is None:
            return ()
        spec = self.scale
        if spec is not None and spec.faces:
            faces = face_pictures(len(spec.points))
            if faces is not None:
                return faces
        return tuple(o.picture for o in self.options)

    @property
    def options(self) -> tuple[Option, ...]:
        return self.handler.options

    @property
    def scale(self) -> ScaleSpec | None:
        return self.handler.spec if isinstance(self.handler, Scale) else None

    @property
    def max_length(self) -> int | None:
        return self.handler.max_length if isinstance(self.handler, FreeText) else None

    def parse(self, raw: Any) -> Any:
        return self.handler.parse(raw, required=self.required)

    def display(self, value: Any) -> str:
        return self.handler.display(value)

    def shown(self, value: Any) -> Shown:
        return self.handler.shown(value)

    def is_positive(self, value: Any) -> bool | None:
        return self.handler.is_positive(value)

    def summarise(self, values: Iterable[Any]) -> dict[str, Any]:
        return self.handler.summarise(values)

    # Channels: the kind decides; the question adds its wording and whether it is required.

    @property
    def skipped_value(self) -> Any:
        return self.handler.skipped_value

    @property
    def skippable(self) -> bool:
        return self.handler.skippable

    def shows_help(self, value: Any) -> bool:
        return self.handler.shows_help(value)

    @property
    def own_words(self) -> bool:
        return self.handler.own_words

    def field_spec(self) -> FieldSpec:
        return self.handler.field_spec()

    # `language`: the conversation's, for the reply words and phrasings (surveys.channel_words).

    def sms_hint(self, language: str = "en") -> str:
        return self.handler.sms_hint(required=self.required, language=language)

    def parse_sms(self, reply: str, language: str = "en") -> Any:
        return self.handler.parse_sms(reply, required=self.required, language=language)

    def voice_prompt(self, language: str = "en") -> str:
        return self.handler.voice_prompt(
            self.text.strip(), required=self.required, language=language
        )

    def voice_input(self) -> VoiceInput:
        return self.handler.voice_input()

    def voice_answer(self, digits: str | None, speech: str | None) -> str:
        return self.handler.voice_answer(digits, speech)

    def parse_keypad(self, digits: str, language: str = "en") -> Any:
        return self.handler.parse_keypad(digits, required=self.required, language=language)

    def sample_answer(self, rng: random.Random, texts: Sequence[str] = ()) -> Any:
        return self.handler.sample_answer(rng, texts)


@dataclass(frozen=True)
class ResolvedSection:
    key: str
    title: str
    pledge: str | None
    questions: tuple[Question, ...]


def _is_answered(value: Any) -> bool:
    return value is not None and value != "" and value != []


@dataclass(frozen=True)
class ResolvedSurvey:
    """Answers are a mapping of question key to canonical stored value throughout."""

    key: str
    version: int
    variant: str | None
    title: str
    sections: tuple[ResolvedSection, ...]
    description: str | None = None
    audience: str = ""
    flags: VariantFlags = VariantFlags()
    questions: tuple[Question, ...] = field(init=False)
    _position: Mapping[str, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        questions = tuple(q for section in self.sections for q in section.questions)
        object.__setattr__(self, "questions", questions)
        position = MappingProxyType({q.key: i for i, q in enumerate(questions)})
        object.__setattr__(self, "_position", position)

    def question(self, key: str) -> Question:
        try:
            return self.questions[self._position[key]]
        except KeyError:
            raise KeyError(
                f"survey '{self.key}' v{self.version} has no question '{key}'"
                + (f" for variant '{self.variant}'" if self.variant else "")
            ) from None

    def visible_questions(self, answers: Mapping[str, Any]) -> list[Question]:
        visible: list[Question] = []
        shown: set[str] = set()
        # One pass works because show_if may only point at an earlier question.
        for question in self.questions:
            condition = question.show_if
            if condition is not None and not (
                condition.question in shown
                and condition.question in answers
                and condition.matches(answers[condition.question])
            ):
                continue
            visible.append(question)
            shown.add(question.key)
        return visible

    def is_visible(self, key: str, answers: Mapping[str, Any]) -> bool:
        self.question(key)
        return any(q.key == key for q in self.visible_questions(answers))

    def next_question(
        self, answers: Mapping[str, Any], after: str | None = None
    ) -> Question | None:
        visible = self.visible_questions(answers)
        if after is None:
            return visible[0] if visible else None
        # Compare positions in the full list: `after` may itself be hidden by a changed answer.
        start = self._position[self.question(after).key]
        return next((q for q in visible if self._position[q.key] > start), None)

    def previous_question(self, answers: Mapping[str, Any], before: str) -> Question | None:
        end = self._position[self.question(before).key]
        earlier = [q for q in self.visible_questions(answers) if self._position[q.key] < end]
        return earlier[-1] if earlier else None

    def first_unanswered(self, answers: Mapping[str, Any]) -> Question | None:
        return next((q for q in self.visible_questions(answers) if q.key not in answers), None)

    def is_complete(self, answers: Mapping[str, Any]) -> bool:
        return all(
            _is_answered(answers.get(q.key)) for q in self.visible_questions(answers) if q.required
        )

    def prune(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        keep = {q.key for q in self.visible_questions(answers)}
        return {key: value for key, value in answers.items() if key in keep}
