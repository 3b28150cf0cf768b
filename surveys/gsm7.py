"""GSM-7 helpers: text outside the GSM 03.38 alphabet makes an SMS fall back to UCS-2,
which cuts a single message from 160 to 70 characters and can garble on old handsets."""

from __future__ import annotations

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


SMS_SEGMENT_GSM7 = 160
SMS_SEGMENT_UCS2 = 70

_ASCII_FOR = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "\u00a0": " "}
)


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
