"""Forms for the staff pages: signing in, respondents, campaigns and the safeguarding inbox."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional

from surveys.vocabulary import COHORT_LABELS, OUTCOMES, Cohort


class ImportUploadForm(FlaskForm):
    file = FileField(
        "Upload a file",
        validators=[
            FileRequired("Select a CSV file"),
            FileAllowed(["csv"], "The selected file must be a CSV"),
        ],
    )


class ImportConfirmForm(FlaskForm):
    # Which button was pressed: everything (only offered for a clean file) or the clean rows.
    choice = HiddenField(
        validators=[
            InputRequired("Choose what to import"),
            AnyOf(["all", "clean"], message="Choose what to import"),
        ]
    )


class RespondentSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    reference = StringField("Reference", validators=[Optional(), Length(max=64)])
    cohort = SelectField(
        "Cohort",
        choices=[SelectChoice("", "All cohorts")]
        + [SelectChoice(c.value, c.label) for c in Cohort],
        validators=[Optional()],
    )


class PhoneSearchForm(FlaskForm):
    """Finding someone by phone is a POST: a number in a query string lands in access logs,
    browser history and proxies."""

    phone = StringField(
        "Phone number", validators=[DataRequired("Enter a phone number"), Length(max=32)]
    )


class RevealForm(FlaskForm):
    """Only a CSRF token: revealing is a deliberate, recorded act."""


class EraseForm(FlaskForm):
    confirm = BooleanField(
        "I have checked this is the right person and the request to erase their data is valid",
        validators=[DataRequired("Confirm you have checked the request")],
    )


CHANNEL_CHOICES = [
    SelectChoice("preferred", "Each person's preferred way"),
    SelectChoice("web", "A web link by text"),
    SelectChoice("sms", "The questions by text (an SMS conversation)"),
]
CHANNEL_HINTS = {
    "preferred": "People who prefer texts are asked by text; everyone else gets a web link.",
    "web": "One text with a personal link to the survey on their phone.",
    "sms": "The first question arrives by text; they reply to answer.",
}


class CampaignForm(FlaskForm):
    survey = SelectField("Survey", validators=[InputRequired("Select a survey")])
    name = StringField(
        "Name of this wave",
        validators=[
            InputRequired("Enter a name for this wave"),
            Length(max=200, message="Name must be 200 characters or fewer"),
        ],
    )
    cohort = SelectField(
        "Who to ask",
        choices=[SelectChoice("", "Everyone, whatever their cohort")]
        + [SelectChoice(c.value, COHORT_LABELS[c]) for c in Cohort],
        validators=[Optional()],
    )
    opens_on = DateField("Opens on", validators=[Optional()])
    closes_on = DateField("Closes at the end of", validators=[Optional()])
    open_link = BooleanField("Also make an open link for posters (anyone with it can answer)")

    def validate(self, extra_validators=None) -> bool:  # type: ignore[override]
        ok = super().validate(extra_validators)
        opens, closes = self.opens_on.data, self.closes_on.data
        if closes is not None and closes < date.today():
            self.closes_on.errors = [*self.closes_on.errors, "Closing date must be today or later"]
            ok = False
        if opens is not None and closes is not None and closes < opens:
            self.closes_on.errors = [
                *self.closes_on.errors,
                "Closing date must be the same as or after the opening date",
            ]
            ok = False
        return ok


class InviteForm(FlaskForm):
    channel = RadioField(
        "How to invite them",
        choices=CHANNEL_CHOICES,
        validators=[InputRequired("Select how to invite them")],
    )


class LoginForm(FlaskForm):
    email = EmailField("Email address", validators=[InputRequired("Enter your email address")])
    password = PasswordField("Password", validators=[InputRequired("Enter your password")])


class TotpForm(FlaskForm):
    code = StringField(
        "Code from your authenticator app",
        validators=[InputRequired("Enter the 6-digit code"), Length(min=6, max=8)],
    )


class AcknowledgeForm(FlaskForm):
    outcome = RadioField(
        "What did you do?",
        choices=[SelectChoice(o.value, label) for o, (label, _hint) in OUTCOMES.items()],
        validate_choice=False,
        validators=[
            InputRequired("Select what you did"),
            AnyOf([o.value for o in OUTCOMES], message="Select what you did"),
        ],
    )
    note = TextAreaField(
        "Note",
        validators=[
            DataRequired("Enter a note saying what you did and why"),
            Length(max=4000, message="Note must be 4,000 characters or fewer"),
        ],
    )
