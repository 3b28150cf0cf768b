"""Staff forms for reviewing answers and for "you said, we did" actions."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional

from analysis import redact_for_board
from analysis.redaction import describe_kinds, personal_data_kinds
from surveys import PLEDGE_KEYS, PLEDGE_SHORT_TITLES
from surveys.vocabulary import ActionStatus, Cohort

PLEDGE_CHOICES = [SelectChoice(key, PLEDGE_SHORT_TITLES[key]) for key in PLEDGE_KEYS]
COHORT_CHOICES = [SelectChoice(c.value, c.label) for c in Cohort]
STATUS_CHOICES = [
    SelectChoice(ActionStatus.NOT_STARTED.value, "Not started"),
    SelectChoice(ActionStatus.UNDER_WAY.value, "Under way"),
    SelectChoice(ActionStatus.COMPLETED.value, "Completed"),
]


def has_personal_data(text: str) -> bool:
    """Names, contact details or reference codes: none may reach the board or the public."""
    return redact_for_board(text) != text


def found_in(text: str) -> str:
    """What was found, for the message: "a name", "a name and a phone number"."""
    return describe_kinds(personal_data_kinds(text)) or "a date or a reference code"


class TagsForm(FlaskForm):
    # Sent by the page itself, so a bare POST can never wipe an answer's tags.
    form_name = HiddenField(
        validators=[InputRequired("Use the form on the page"), AnyOf(["tags"])], default="tags"
    )
    pledges = SelectMultipleField("Pledges", choices=PLEDGE_CHOICES, validate_choice=True)
    themes = TextAreaField("Themes", validators=[Length(max=1000)])


class QuoteForm(FlaskForm):
    quote = TextAreaField(
        "Words to quote",
        validators=[
            DataRequired("Enter the words to quote"),
            Length(max=600, message="A quote must be 600 characters or fewer"),
        ],
    )


class ActionForm(FlaskForm):
    title = StringField(
        "Title",
        validators=[
            DataRequired("Enter a title"),
            Length(max=200, message="Title must be 200 characters or fewer"),
        ],
    )
    description = TextAreaField(
        "What will be done",
        validators=[Optional(), Length(max=4000, message="Enter 4,000 characters or fewer")],
    )
    pledge = SelectField(
        "Pledge", choices=[SelectChoice("", "Not linked to a pledge"), *PLEDGE_CHOICES], default=""
    )
    theme = StringField(
        "Theme",
        validators=[Optional(), Length(max=60, message="Theme must be 60 characters or fewer")],
    )
    cohort = SelectField(
        "Who raised it", choices=[SelectChoice("", "Everyone"), *COHORT_CHOICES], default=""
    )
    owner = StringField(
        "Owner",
        validators=[
            DataRequired("Enter the role or team that owns the action"),
            Length(max=120, message="Owner must be 120 characters or fewer"),
        ],
    )
    due_day = StringField("Day")
    due_month = StringField("Month")
    due_year = StringField("Year")
    status = RadioField(
        "Status",
        choices=STATUS_CHOICES,
        validators=[InputRequired("Select the status")],
        default=ActionStatus.NOT_STARTED.value,
    )
    at_risk = BooleanField("There is a risk it will not be done on time")
    evidence = TextAreaField(
        "Evidence",
        validators=[Optional(), Length(max=4000, message="Enter 4,000 characters or fewer")],
    )
    quotes = SelectMultipleField("Approved quotes", coerce=int, choices=[], validate_choice=False)

    due: date | None = None

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        self.due = self._due_date()
        if self.due is None:
            ok = False
        if self.title.data and has_personal_data(self.title.data):
            self.title.errors.append(
                f"Title seems to hold {found_in(self.title.data)}: it must not contain "
                "names, phone numbers or other personal details"
            )
            ok = False
        if self.theme.data and has_personal_data(self.theme.data):
            self.theme.errors.append(
                f"Theme seems to hold {found_in(self.theme.data)}: it must not contain "
                "names, phone numbers or other personal details"
            )
            ok = False
        if self.owner.data and has_personal_data(self.owner.data):
            # The board sees the owner: a role or team, not a person's name.
            self.owner.errors.append("Enter a role or team, not a person's name")
            ok = False
        if (
            self.status.data == ActionStatus.COMPLETED.value
            and not (self.evidence.data or "").strip()
        ):
            self.evidence.errors.append("Enter the evidence that the action is complete")
            ok = False
        return ok

    def _due_date(self) -> date | None:
        parts = {
            "day": (self.due_day.data or "").strip(),
            "month": (self.due_month.data or "").strip(),
            "year": (self.due_year.data or "").strip(),
        }
        missing = [name for name, value in parts.items() if not value]
        if len(missing) == 3:
            self.due_day.errors.append("Enter the due date")
            return None
        if missing:
            self.due_day.errors.append(f"Due date must include a {' and '.join(missing)}")
            return None
        try:
            day = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            self.due_day.errors.append("Due date must be a real date")
            return None
        if not 2000 <= day.year <= 2100:
            self.due_day.errors.append("Due date must be a real date")
            return None
        return day


class PublishForm(FlaskForm):
    you_said = TextAreaField(
        "You said",
        validators=[
            DataRequired("Enter what young people or families told us"),
            Length(max=160, message="You said must be 160 characters or fewer"),
        ],
    )
    we_did = TextAreaField(
        "We did",
        validators=[
            DataRequired("Enter what we did about it"),
            Length(max=300, message="We did must be 300 characters or fewer"),
        ],
    )
    send_sms = BooleanField("Also send it by text message")

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        for field in (self.you_said, self.we_did):
            if field.data and has_personal_data(field.data):
                # It goes on a public web page and to many phones.
                field.errors.append(
                    f"{field.label.text} seems to hold {found_in(field.data)}: it must not "
                    "contain names, phone numbers or other personal details"
                )
                ok = False
        return ok
