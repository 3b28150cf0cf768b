"""What the conversation engine says, and the words people text it to stop, start or get help."""

from __future__ import annotations

import re

from flask import current_app

from app.core.audiences import Audience, support_contacts
from surveys.sms import to_gsm7

# Twilio's opt-out keywords (OPTOUT and REVOKE were added for the 2025 carrier rules).
STOP_WORDS = frozenset(
    {"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout", "revoke"}
)
# Words that may sit around an opt-out keyword in a request to stop ("stop texting me",
# "stop please", "unsubscribe me now thanks"). Only these: "make him stop hitting me" has
# other words, so it is what it says, not an opt-out. "it" and "all" are left out on purpose
# ("end it all").
_OPT_OUT_COURTESY = frozenset(
    {
        *("please", "pls", "plz", "now", "thanks", "thank", "you", "ty", "me", "us", "just"),
        *("ok", "okay", "from", "this", "number", "sms", "send", "sending"),
        *("text", "texts", "texting", "txt", "txts", "txting"),
        *("message", "messages", "messaging", "msg", "msgs"),
    }
)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
START_WORDS = frozenset({"start", "unstop"})
HELP_WORDS = frozenset({"help", "info"})

GREETING = "Hi! Thanks for helping us."
WELCOME_BACK = "Welcome back. Here's where you left off:"
WELCOME_BACK_NO_SURVEY = "Welcome back. You'll get our texts again. Reply STOP to stop."
TO_CARRY_ON = "To carry on:"
MOVE_ON = "No problem, let's move on."
ADDED = "Thanks, we added that to your last answer."
THANK_YOU = (
    "Thank you, that's everything. Your answers have been sent to the team, without "
    "your name. We'll tell you what we change because of what you said."
)


def keyword(text: str) -> str:
    return text.strip().strip(".!").lower()


def is_opt_out(text: str) -> bool:
    """A request to stop texts, as Twilio and the carriers read one: an opt-out keyword, alone
    or with only courtesy words around it, whatever the case and punctuation."""
    words = f" {_NOT_WORD.sub(' ', text.lower())} ".replace(" opt out ", " optout ").split()
    return any(word in STOP_WORDS for word in words) and all(
        word in STOP_WORDS or word in _OPT_OUT_COURTESY for word in words
    )


def support_text(audience: Audience | None = None) -> str:
    """The configured help numbers for this reader, short enough for a text message."""
    contacts = support_contacts(audience)
    return to_gsm7("; ".join(f"{c['name']}: {c['phone']}" for c in contacts[:3]))


def safety_message(audience: Audience | None = None) -> str:
    return (
        "Thank you for telling us. If you are in danger now call 999. "
        f"{support_text(audience)}. A person from our team will read your message."
    )


def low_feeling_message(audience: Audience | None = None) -> str:
    """After a low "How are you feeling now?" by text or call: the web's help page, in brief."""
    return to_gsm7(
        "Thank you for telling us how you feel. It's not your fault. If you'd like to talk "
        f"to someone: {support_text(audience)}. In danger now? Call 999."
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
