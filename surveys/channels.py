"""What a question kind tells each channel it is asked on, as plain data.

The kinds decide; the channels (WTForms in forms/, TwiML in the voice webhook) only render.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# One web widget per way of answering; forms/survey.py maps each to one WTForms field.
Widget = Literal["radio", "checkboxes", "textarea"]


@dataclass(frozen=True)
class FieldSpec:
    """The web field for a question: its widget and the words when nothing was chosen."""

    widget: Widget
    required_message: str
    max_length: int | None = None


@dataclass(frozen=True)
class VoiceInput:
    """How a phone call listens for the answer: speech, or keypad digits."""

    speech: bool
    # One key ends the answer (no need to press hash); None lets several keys be pressed.
    single_key: bool = False
