"""What the conversation engine says, and the words people text it to stop, start or get help."""

from __future__ import annotations

from flask import current_app

from app.core.audiences import Audience, support_contacts
from surveys.sms import to_gsm7

STOP_WORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit"})
START_WORDS = frozenset({"start", "unstop"})
HELP_WORDS = frozenset({"help", "info"})

GREETING = "Hi! Thanks for helping us."
WELCOME_BACK = "Welcome back. Here's where you left off:"
WELCOME_BACK_NO_SURVEY = "Welcome back. You'll get our texts again. Reply STOP to stop."
TO_CARRY_ON = "To carry on:"
MOVE_ON = "No problem, let's move on."
THANK_YOU = (
    "Thank you, that's everything. Your answers have been sent to the team, without "
    "your name. We'll tell you what we change because of what you said."
)


def keyword(text: str) -> str:
    return text.strip().strip(".!").lower()


def support_text(audience: Audience | None = None) -> str:
    """The configured help numbers for this reader, short enough for a text message."""
    contacts = support_contacts(audience)
    return to_gsm7("; ".join(f"{c['name']}: {c['phone']}" for c in contacts[:3]))


def safety_message(audience: Audience | None = None) -> str:
    return (
        "Thank you for telling us. If you are in danger now call 999. "
        f"{support_text(audience)}. A person from our team will read your message."
    )


def help_message(audience: Audience | None = None) -> str:
    council = current_app.config["COUNCIL_NAME"]
    return to_gsm7(
        f"{council} Children's Services survey. Need help now? {support_text(audience)}. "
        "Reply STOP to stop texts."
    )


def stopped_message() -> str:
    return (
        "You won't get any more texts from us. Reply START if you change your mind. "
        f"Need help now? {support_text()}"
    )


def no_survey_message() -> str:
    council = current_app.config["COUNCIL_NAME"]
    return to_gsm7(
        f"Hi, this is {council} Children's Services. We don't have a survey for "
        f"this number right now. Need help now? {support_text()}"
    )


def invitation_intro() -> str:
    """How a text inviting someone to a survey begins."""
    return to_gsm7(f"Hi, it's {current_app.config['COUNCIL_NAME']} Children's Services.")
