"""What the conversation engine says, and the words people text it to stop, start or get help.

What it says is marked for Flask-Babel and lazy: each is rendered when the reply is built, in
the conversation's language (`render`), so one text can be said in any language. Until a
language's message catalogue holds a wording, it is said in English.
"""

from __future__ import annotations

import re
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.core.audiences import Audience, support_contacts
from app.core.types import Channel
from surveys.languages import Language
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

GREETING = _l("Hi! Thanks for helping us.")
WELCOME_BACK = _l("Welcome back. Here's where you left off:")
TO_CARRY_ON = _l("To carry on:")
MOVE_ON = _l("No problem, let's move on.")
ADDED = _l("Thanks, we added that to your last answer.")
THANK_YOU = _l(
    "Thank you, that's everything. Your answers have been sent to the team, without "
    "your name. We'll tell you what we change because of what you said."
)
# By phone.
DIDNT_HEAR = _l("Sorry, I didn't hear anything.")
GOODBYE = _l("Goodbye.")
# Said in English before a call in a language Twilio has no voice for.
NO_VOICE_NOTICE = (
    "We cannot yet ask these questions aloud in %(language)s, so they are in English. "
    "Press the numbers on your keypad to answer, or answer by text message instead."
)


def render(message: Any, language: Language | str | None) -> str:
    """A message (a lazy wording or plain text) as words in `language`, ready to send."""
    code = getattr(language, "code", language) or "en"
    with force_locale(code):
        return str(message)


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


def safety_message(audience: Audience | None = None) -> Any:
    return _l(
        "Thank you for telling us. If you are in danger now call 999. "
        "%(numbers)s. A person from our team will read your message.",
        numbers=support_text(audience),
    )


def low_feeling_message(audience: Audience | None = None) -> Any:
    """After a low "How are you feeling now?" by text or call: the web's help page, in brief."""
    return _l(
        "Thank you for telling us how you feel. It's not your fault. If you'd like to talk "
        "to someone: %(numbers)s. In danger now? Call 999.",
        numbers=support_text(audience),
    )


# What STOP, START and HELP say name the channel they were sent on: a STOP on WhatsApp stops
# WhatsApp messages only, and texts go on (app/outbound/opt_outs.py).


def media_message(audience: Audience | None = None) -> Any:
    """After a picture, video or voice note: we cannot see it here, a person will look."""
    return _l(
        "We can't see pictures, videos or voice notes here. Please write it in words. "
        "A person from our team will look at what you sent. Need help now? %(numbers)s. "
        "In danger now? Call 999.",
        numbers=support_text(audience),
    )


def help_message(audience: Audience | None = None, channel: Channel = Channel.SMS) -> Any:
    variables = {"council": current_app.config["COUNCIL_NAME"], "numbers": support_text(audience)}
    if channel == Channel.WHATSAPP:
        return _l(
            "%(council)s Children's Services survey. Need help now? %(numbers)s. "
            "Reply STOP to stop our WhatsApp messages.",
            **variables,
        )
    return _l(
        "%(council)s Children's Services survey. Need help now? %(numbers)s. "
        "Reply STOP to stop texts.",
        **variables,
    )


def stopped_message(channel: Channel = Channel.SMS) -> Any:
    if channel == Channel.WHATSAPP:
        return _l(
            "You won't get any more WhatsApp messages from us. Reply START if you change "
            "your mind. Need help now? %(numbers)s",
            numbers=support_text(),
        )
    return _l(
        "You won't get any more texts from us. Reply START if you change your mind. "
        "Need help now? %(numbers)s",
        numbers=support_text(),
    )


def started_message(channel: Channel = Channel.SMS) -> Any:
    """After START with no survey to go back to."""
    if channel == Channel.WHATSAPP:
        return _l("Welcome back. You'll get our WhatsApp messages again. Reply STOP to stop.")
    return _l("Welcome back. You'll get our texts again. Reply STOP to stop.")


def no_survey_message() -> Any:
    return _l(
        "Hi, this is %(council)s Children's Services. We don't have a survey for "
        "this number right now. Need help now? %(numbers)s",
        council=current_app.config["COUNCIL_NAME"],
        numbers=support_text(),
    )


def invitation_intro() -> Any:
    """How a text inviting someone to a survey begins."""
    return _l(
        "Hi, it's %(council)s Children's Services.", council=current_app.config["COUNCIL_NAME"]
    )


def switched_message(language: Language) -> Any:
    """Said in the language a texter just chose, named in itself."""
    return _l("OK, we'll text you in %(language)s now.", language=language.own_name)


def not_offered_message(language: Language) -> Any:
    return _l("Sorry, this survey is not in %(language)s yet.", language=language.english_name)


def call_greeting() -> Any:
    return _l(
        "Hello, this is %(council)s Children's Services. Thank you for answering our "
        "questions. Your answers are saved as you go.",
        council=current_app.config["COUNCIL_NAME"],
    )


def call_no_survey() -> Any:
    return _l(
        "Hello, this is %(council)s Children's Services. We do not have a survey for this "
        "number at the moment. If you need help now, %(numbers)s. Goodbye.",
        council=current_app.config["COUNCIL_NAME"],
        numbers=support_text(),
    )
