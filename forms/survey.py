"""One form per question page, built from the question's definition: one field kind per kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, RadioField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from surveys import AnswerError, Question


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _parses(question: Question) -> Callable[[Any, Field], None]:
    """Run the definition's own parser, so web, SMS and voice accept the same answers."""

    def check(_form: Any, field: Field) -> None:
        try:
            field.parsed = question.parse(field.data if field.data is not None else "")
        except AnswerError as exc:
            raise ValidationError(str(exc)) from exc

    return check


def _required(question: Question, message: str) -> list[Any]:
    return [InputRequired(message=message)] if question.required else [Optional()]


def _choice_field(question: Question) -> Field:
    message = "Choose one answer" if question.kind != "scale" else "Choose how you feel"
    return RadioField(
        question.text,
        choices=[SelectChoice(o.value, o.label) for o in question.options],
        validators=[*_required(question, message), _parses(question)],
        validate_choice=False,  # the definition's parser is the single judge of valid values
    )


def _multiple_field(question: Question) -> Field:
    return CheckboxesField(
        question.text,
        choices=[SelectChoice(o.value, o.label) for o in question.options],
        validators=[*_required(question, "Choose at least one answer"), _parses(question)],
        validate_choice=False,
    )


def _text_field(question: Question) -> Field:
    limit = question.max_length or 2000
    return TextAreaField(
        question.text,
        validators=[
            *_required(question, "Write your answer, or go back"),
            Length(max=limit, message=f"Please keep your answer under {limit} characters"),
            _parses(question),
        ],
    )


FIELD_BUILDERS: dict[str, Callable[[Question], Field]] = {
    "single_choice": _choice_field,
    "yes_no_not_sure": _choice_field,
    "scale": _choice_field,
    "multiple_choice": _multiple_field,
    "free_text": _text_field,
}


class QuestionForm(FlaskForm):
    """Base for generated question forms; the answer field is always named `answer`."""

    answer: Field

    def parsed_answer(self) -> Any:
        field = self.answer
        return getattr(field, "parsed", "" if field.type == "TextAreaField" else None)


def question_form(question: Question, **kwargs: Any) -> QuestionForm:
    """Build and instantiate the form for one question."""
    form_class = type(
        f"{question.kind.title().replace('_', '')}Form",
        (QuestionForm,),
        {"answer": FIELD_BUILDERS[question.kind](question)},
    )
    return form_class(**kwargs)


class AnonymousStartForm(FlaskForm):
    """Start page of an open link: the idempotency key, and who is answering when it matters."""

    start_key = HiddenField(validators=[InputRequired(), Length(min=16, max=64)])
    variant = RadioField("Which of these best describes you?", validate_choice=False)

    def offer_variants(self, variants: list[tuple[str, str]]) -> None:
        """Ask who is answering only when the survey has audience variants."""
        self.variant.choices = [SelectChoice(key, label) for key, label in variants]
        message = "Choose the answer that fits you best"
        self.variant.validators = (
            [InputRequired(message=message), AnyOf([key for key, _ in variants], message=message)]
            if variants
            else [Optional()]
        )


class SubmitForm(FlaskForm):
    """Check-your-answers submit button (CSRF only)."""
