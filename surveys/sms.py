"""GSM-7 helpers: text outside the GSM 03.38 alphabet makes an SMS fall back to UCS-2,
which cuts a single message from 160 to 70 characters and can garble on old handsets."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from surveys.errors import AnswerError

if TYPE_CHECKING:
    from surveys.resolved import Question

GSM7_BASIC: frozenset[str] = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Extension characters are sent as an escape plus a character, so each costs two.
GSM7_EXTENSION: frozenset[str] = frozenset("^{}\\[~]|€\f")


def gsm7_length(text: str) -> int | None:
    """Length of `text` in GSM-7 septets, or None if it cannot be sent as GSM-7."""
    length = 0
    for char in text:
        if char in GSM7_BASIC:
            length += 1
        elif char in GSM7_EXTENSION:
            length += 2
        else:
            return None
    return length


def non_gsm7_characters(text: str) -> list[str]:
    """Characters in `text` that are not in the GSM-7 alphabet, in order of first appearance."""
    found: list[str] = []
    for char in text:
        if char not in GSM7_BASIC and char not in GSM7_EXTENSION and char not in found:
            found.append(char)
    return found


# --- Conversations by text message and keypad: prompts and forgiving replies -----------------

SMS_SEGMENT_GSM7 = 160
SMS_SEGMENT_UCS2 = 70

_ASCII_FOR = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "\u00a0": " "}
)

YES_WORDS = frozenset(
    [
        "y",
        "yes",
        "yeah",
        "yea",
        "yep",
        "yup",
        "ya",
        "ye",
        "yh",
        "aye",
        "sure",
        "ok",
        "okay",
        "definitely",
        "deffo",
        "defo",
        "course",
        "👍",
        "✅",
    ]
)
NO_WORDS = frozenset(["n", "no", "nah", "nope", "na", "naw", "not", "never", "👎", "❌"])
NOT_SURE_WORDS = frozenset(
    [
        "not sure",
        "notsure",
        "unsure",
        "dunno",
        "idk",
        "dont know",
        "don't know",
        "do not know",
        "maybe",
        "ns",
        "?",
        "not really sure",
        "no idea",
        "🤷",
    ]
)
SKIP_WORDS = frozenset(
    [
        "skip",
        "no",
        "nope",
        "nah",
        "nothing",
        "none",
        "n/a",
        "na",
        "no thanks",
        "no thank you",
        "not really",
        "nothing else",
        "pass",
    ]
)
NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
}
# Faces a child may send instead of a number on a 1-5 feelings scale.
FACE_POINTS = {
    "😢": 1,
    "😭": 1,
    "😞": 2,
    "🙁": 2,
    "☹️": 2,
    "😐": 3,
    "😶": 3,
    "🙂": 4,
    "😊": 4,
    "😀": 5,
    "😁": 5,
    "😃": 5,
    "😄": 5,
    "🥰": 5,
}


def to_gsm7(text: str) -> str:
    """Typographic punctuation swapped for GSM-7 look-alikes, so one SMS holds 160, not 70."""
    return text.translate(_ASCII_FOR)


def sms_segments(text: str) -> int:
    """How many SMS segments Twilio will bill `text` as."""
    septets = gsm7_length(text)
    if septets is not None:
        return 1 if septets <= SMS_SEGMENT_GSM7 else -(-septets // 153)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= SMS_SEGMENT_UCS2 else -(-units // 67)


def _question_text(question: Question) -> str:
    return to_gsm7(question.sms_text or question.text).strip()


def reply_hint(question: Question) -> str:
    """How to answer, in as few characters as we can."""
    kind = question.kind
    if kind == "yes_no_not_sure":
        return "Reply YES, NO or NOT SURE"
    if kind == "scale":
        spec = question.scale
        low = spec.labels.get(spec.min) if spec.labels else None
        high = spec.labels.get(spec.max) if spec.labels else None
        if low and high:
            return f"Reply {spec.min} ({low.lower()}) to {spec.max} ({high.lower()})"
        return f"Reply a number from {spec.min} to {spec.max}"
    if kind in ("single_choice", "multiple_choice"):
        numbered = ", ".join(f"{n} {o.label}" for n, o in enumerate(question.options, 1))
        lead = (
            "Reply with the numbers that fit, e.g. 1,3:" if kind == "multiple_choice" else "Reply"
        )
        return to_gsm7(f"{lead} {numbered}")
    return "Or reply SKIP" if not question.required else ""


def sms_prompt(question: Question, position: int | None = None, total: int | None = None) -> str:
    """One question as one text message."""
    text = _question_text(question)
    hint = "" if "reply" in text.lower() else reply_hint(question)
    counter = f"Q{position}/{total}: " if position and total else ""
    return " ".join(part for part in (counter + text, hint) if part)


def _normalise(reply: str) -> str:
    text = _CLEAN_SPACE.sub(" ", reply.strip().lower())
    return text.strip(" .!,;:\"'")


_CLEAN_SPACE = re.compile(r"\s+")


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    match = re.fullmatch(r"(\d+)\s*(?:/\s*\d+)?(?:\s+\w+)?", text)  # "4", "4/5", "4 please"
    return int(match.group(1)) if match else None


def _match_option(question: Question, text: str) -> str | None:
    number = _number(text)
    if number is not None and 1 <= number <= len(question.options):
        return question.options[number - 1].value
    for option in question.options:
        if text in (option.value.replace("_", " "), option.label.lower()):
            return option.value
    return None


def parse_reply(question: Question, reply: str) -> Any:
    """A text-message reply as the question's canonical value, or AnswerError (kind words)."""
    if question.kind == "free_text":
        return _parse_free_text(question, reply)
    try:
        return _parse_choice(question, _normalise(reply), reply)
    except AnswerError:
        # The web's wording ("Choose one of the answers shown") means nothing in a text.
        raise AnswerError(f"Sorry, I didn't get that. {reply_hint(question)}") from None


def _parse_free_text(question: Question, reply: str) -> Any:
    if _normalise(reply) in SKIP_WORDS:
        return question.parse("") if not question.required else question.parse(reply)
    return question.parse(reply.strip())


def _parse_choice(question: Question, text: str, reply: str) -> Any:
    kind = question.kind
    if not text:
        raise AnswerError("empty reply")
    if kind == "yes_no_not_sure":
        values = {o.value for o in question.options}
        if text in NOT_SURE_WORDS and "not_sure" in values:
            return question.parse("not_sure")
        first = text.split(" ")[0]
        if text in YES_WORDS or first in YES_WORDS and first not in NO_WORDS:
            return question.parse("yes")
        if text in NO_WORDS or first in NO_WORDS:
            return question.parse("no")
    if kind == "scale":
        face = next((point for char, point in FACE_POINTS.items() if char in reply), None)
        number = face if face is not None else _number(text)
        if number is not None:
            return question.parse(str(number))
    if kind in ("single_choice", "yes_no_not_sure"):
        value = _match_option(question, text)
        if value is not None:
            return question.parse(value)
    if kind == "multiple_choice":
        parts = [p for p in re.split(r"\s*(?:,|\band\b|&|\s)\s*", text) if p]
        values = [_match_option(question, part) for part in parts]
        if values and all(values):
            return question.parse(list(dict.fromkeys(values)))
        whole = _match_option(question, text)
        if whole:
            return question.parse([whole])
    raise AnswerError("no option matches")


# --- Voice: the same questions read aloud, answered on the keypad or by speaking ---------------


def voice_prompt(question: Question) -> str:
    """What the voice says for one question, with keypad instructions."""
    text = question.text.strip()
    kind = question.kind
    if kind == "scale":
        spec = question.scale
        low = spec.labels.get(spec.min) if spec.labels else None
        high = spec.labels.get(spec.max) if spec.labels else None
        words = (
            f", where {spec.min} means {low.lower()} and {spec.max} means {high.lower()}"
            if (low and high)
            else ""
        )
        return f"{text} Press a number from {spec.min} to {spec.max}{words}."
    if kind in ("single_choice", "yes_no_not_sure"):
        options = ". ".join(f"Press {n} for {o.label}" for n, o in enumerate(question.options, 1))
        return f"{text} {options}."
    if kind == "multiple_choice":
        options = ". ".join(f"{n} for {o.label}" for n, o in enumerate(question.options, 1))
        return f"{text} Press the numbers for all that apply, then the hash key. {options}."
    skip = " If you would rather not say, just stay quiet." if not question.required else ""
    return f"{text} Please say your answer after this message, then stop talking.{skip}"


def parse_keypad(question: Question, digits: str) -> Any:
    """Keypad digits as the question's canonical value, or AnswerError."""
    digits = digits.strip().rstrip("#")
    if question.kind == "multiple_choice":
        return parse_reply(question, ",".join(digits))
    return parse_reply(question, digits)
