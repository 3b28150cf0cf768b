"""Forms for conference feedback: recording a conference, invitees, tablet mode, the PIN."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional, Regexp, ValidationError

from surveys import default_registry
from surveys.phones import InvalidPhone, uk_mobile
from surveys.vocabulary import (
    KIND_LABELS,
    ROLE_HINTS,
    ROLE_LABELS,
    ConferenceKind,
    ParticipantRole,
    reference_problem,
)

ROLE_MESSAGE = lazy_gettext("Choose who you are")
# Six digits at least: with five tries per 15 minutes, guessing succeeds once in 200,000
# lock periods (4 digits: once in 2,000).
PIN_RULE = Regexp(r"^\d{6,8}$", message="The PIN must be 6 to 8 numbers")
# Entering one: a PIN chosen before six were needed still works until its tablet mode ends.
PIN_ENTRY_RULE = Regexp(r"^\d{4,8}$", message="The PIN is 6 to 8 numbers")


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, ROLE_LABELS[role]) for role in ParticipantRole]


def role_hints() -> dict[str, str]:
    return {role.value: ROLE_HINTS[role] for role in ParticipantRole}


def agency_choices() -> list[SelectChoice]:
    """The professional form's own agency list, so invitations and answers line up."""
    survey = default_registry().get("professional_conference_feedback").resolve(None)
    return [SelectChoice(o.value, o.label) for o in survey.question("agency").options]


class ConferenceForm(FlaskForm):
    """A conference: kind, date and reference code (never a child's name)."""

    kind = RadioField(
        "Type of conference",
        choices=[SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()],
        validate_choice=False,
        validators=[
            InputRequired("Select the type of conference"),
            AnyOf([k.value for k in ConferenceKind], message="Select the type of conference"),
        ],
    )
    # Checked together in validate_held_day (no Optional(), which would skip that check).
    held_day = StringField("Day")
    held_month = StringField("Month")
    held_year = StringField("Year")
    reference = StringField(
        "Reference code",
        validators=[InputRequired("Enter the conference reference code"), Length(max=64)],
    )

    def validate_reference(self, field: Any) -> None:
        problem = reference_problem(field.data or "")
        if problem:
            raise ValidationError(problem)

    def validate_held_day(self, field: Any) -> None:
        parts = [self.held_day.data, self.held_month.data, self.held_year.data]
        if not all((p or "").strip() for p in parts):
            raise ValidationError("Enter the date of the conference, with a day, month and year")
        try:
            day, month, year = (int((p or "").strip()) for p in parts)
            if year < 2000 or year > 2100:
                raise ValueError
            self.held_on = date(year, month, day)
        except ValueError:
            raise ValidationError("Enter a real date, for example 27 3 2026") from None

    held_on: date


class InviteeForm(FlaskForm):
    """Someone invited, by role; an optional mobile number for the feedback link."""

    role = RadioField(
        "Role",
        choices=role_choices,
        validate_choice=False,
        validators=[
            InputRequired("Select the person's role"),
            AnyOf([r.value for r in ParticipantRole], message="Select the person's role"),
        ],
    )
    agency = RadioField("Agency", choices=agency_choices, validate_choice=False)
    mobile = StringField(
        "UK mobile number (optional)",
        validators=[Optional(), Length(max=32, message="Enter a UK mobile number")],
    )

    def validate_agency(self, field: Any) -> None:
        if self.role.data != ParticipantRole.PROFESSIONAL.value:
            return
        if field.data not in {choice.value for choice in agency_choices()}:
            raise ValidationError("Select the professional's agency")

    def validate_mobile(self, field: Any) -> None:
        if not field.data:
            return
        try:
            uk_mobile(field.data)
        except InvalidPhone:
            raise ValidationError("Enter a UK mobile number, like 07700 900 982") from None


class TabletStartForm(FlaskForm):
    """The chair picks the PIN that will be needed to leave tablet mode."""

    pin = PasswordField(
        "Choose a PIN for leaving tablet mode",
        validators=[InputRequired("Choose a PIN of 6 to 8 numbers"), PIN_RULE],
    )


class PinForm(FlaskForm):
    """The chair's PIN, to leave tablet mode."""

    pin = PasswordField("PIN", validators=[InputRequired("Enter the PIN"), PIN_ENTRY_RULE])


class ParticipantStartForm(FlaskForm):
    """Who is answering; the start key makes a double tap start one response, not two."""

    start_key = HiddenField(
        validators=[
            InputRequired(),
            Length(min=16, max=64),
            Regexp(r"^[A-Za-z0-9_-]+$"),
        ]
    )
    role = RadioField(
        lazy_gettext("Who are you?"),
        choices=role_choices,
        validate_choice=False,
        validators=[
            InputRequired(ROLE_MESSAGE),
            AnyOf([r.value for r in ParticipantRole], message=ROLE_MESSAGE),
        ],
    )
