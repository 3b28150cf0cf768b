"""Forms shared by several staff pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf, InputRequired

_USE_THE_BUTTON = "Use the button on the page"


class ConfirmForm(FlaskForm):
    """A button that changes something: the hidden field makes an empty POST do nothing."""

    confirm = HiddenField(
        validators=[InputRequired(_USE_THE_BUTTON), AnyOf(["yes"], message=_USE_THE_BUTTON)]
    )
