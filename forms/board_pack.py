"""Staff forms for building a Corporate Parenting Board pack."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from analysis.redaction import describe_kinds, personal_data_kinds

STORYBOARD_MAX = 1200  # characters a heading: the storyboard is one printed page


class PackForm(FlaskForm):
    title = StringField(
        "Title of the pack",
        validators=[
            InputRequired("Enter a title for the pack"),
            Length(max=200, message="Title must be 200 characters or fewer"),
        ],
    )
    covers = RadioField(
        "What the pack covers",
        choices=[SelectChoice("wave", "One survey wave"), SelectChoice("dates", "A date range")],
        validators=[InputRequired("Select what the pack covers")],
    )
    campaign = SelectField("Survey wave", validators=[Optional()])
    first_day = DateField("From", validators=[Optional()])
    last_day = DateField("To (inclusive)", validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:  # type: ignore[override]
        ok = super().validate(extra_validators)
        kinds = personal_data_kinds(self.title.data or "")
        if kinds:
            # The title heads every page the board reads, and cannot be changed later.
            self.title.errors = [
                *self.title.errors,
                f"The title seems to hold {describe_kinds(kinds)}: take it out",
            ]
            ok = False
        if self.covers.data == "wave" and not self.campaign.data:
            self.campaign.errors = [*self.campaign.errors, "Select the survey wave"]
            ok = False
        if self.covers.data == "dates":
            first, last = self.first_day.data, self.last_day.data
            if first is None:
                self.first_day.errors = [*self.first_day.errors, "Enter the first day"]
                ok = False
            if last is None:
                self.last_day.errors = [*self.last_day.errors, "Enter the last day"]
                ok = False
            if first and last and last < first:
                self.last_day.errors = [
                    *self.last_day.errors,
                    "The last day must be the same as or after the first day",
                ]
                ok = False
        return ok


class StoryboardForm(FlaskForm):
    where_we_were = TextAreaField(
        "Where we were", validators=[Optional(), Length(max=STORYBOARD_MAX)]
    )
    what_we_did = TextAreaField(
        "What we have done", validators=[Optional(), Length(max=STORYBOARD_MAX)]
    )
    difference_made = TextAreaField(
        "What difference it made", validators=[Optional(), Length(max=STORYBOARD_MAX)]
    )
    what_next = TextAreaField(
        "What else we need to do", validators=[Optional(), Length(max=STORYBOARD_MAX)]
    )
