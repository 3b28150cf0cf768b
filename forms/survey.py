"""One form per question page, built from the question's definition: one field kind per kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, RadioField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from surveys import AnswerError, Question
from surveys.channels import FieldSpec, Widget
from surveys.kinds import DEFAULT_MAX_LENGTH


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _parses(question: Question) -> Callable[[Any, Field], None]:
    """Run the definition's own parser, so web, SMS and voice accept the same answers."""

    def check(_form: Any, field: Field) -> None:
        try:
            field.parsed = question.parse(field.data if field.data is not None else "")
        except AnswerError as exc:
            raise ValidationError(gettext(str(exc))) from exc  # marked N_ in surveys

    return check


def _required(question: Question, message: str) -> list[Any]:
    return [InputRequired(message=gettext(message))] if question.required else [Optional()]


def _radio_field(question: Question, spec: FieldSpec) -> Field:
    return RadioField(
        question.text,
        choices=[SelectChoice(o.value, o.label) for o in question.options],
        validators=[*_required(question, spec.required_message), _parses(question)],
        validate_choice=False,  # the definition's parser is the single judge of valid values
    )


def _checkboxes_field(question: Question, spec: FieldSpec) -> Field:
    return CheckboxesField(
        question.text,
        choices=[SelectChoice(o.value, o.label) for o in question.options],
        validators=[*_required(question, spec.required_message), _parses(question)],
        validate_choice=False,
    )


def _textarea_field(question: Question, spec: FieldSpec) -> Field:
    limit = spec.max_length or DEFAULT_MAX_LENGTH
    return TextAreaField(
        question.text,
        validators=[
            *_required(question, spec.required_message),
            Length(
                max=limit,
                message=gettext("Please keep your answer under %(limit)s characters", limit=limit),
            ),
            _parses(question),
        ],
    )


# The only place that knows WTForms: one field per widget a kind may ask for.
FIELD_BUILDERS: dict[Widget, Callable[[Question, FieldSpec], Field]] = {
    "radio": _radio_field,
    "checkboxes": _checkboxes_field,
    "textarea": _textarea_field,
}


class QuestionForm(FlaskForm):
    """Base for generated question forms; the answer field is always named `answer`."""

    answer: Field
    skipped_value: Any = None

    def parsed_answer(self) -> Any:
        return getattr(self.answer, "parsed", self.skipped_value)


def question_form(question: Question, **kwargs: Any) -> QuestionForm:
    """Build and instantiate the form for one question."""
    spec = question.field_spec()
    form_class = type(
        f"{question.kind.title().replace('_', '')}Form",
        (QuestionForm,),
        {
            "answer": FIELD_BUILDERS[spec.widget](question, spec),
            "skipped_value": question.skipped_value,
        },
    )
    return form_class(**kwargs)


class AnonymousStartForm(FlaskForm):
    """Start page of an open link: the idempotency key, and who is answering when it matters."""

    start_key = HiddenField(validators=[InputRequired(), Length(min=16, max=64)])
    variant = RadioField(lazy_gettext("Which of these best describes you?"), validate_choice=False)

    def offer_variants(self, variants: list[tuple[str, str]]) -> None:
        """Ask who is answering only when the survey has audience variants."""
        self.variant.choices = [SelectChoice(key, label) for key, label in variants]
        message = gettext("Choose the answer that fits you best")
        self.variant.validators = (
            [InputRequired(message=message), AnyOf([key for key, _ in variants], message=message)]
            if variants
            else [Optional()]
        )


class SubmitForm(FlaskForm):
    """Check-your-answers submit button (CSRF only)."""
