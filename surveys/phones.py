"""Phone numbers as surveys by text and voice reach people: E.164, checked. Pure."""

from __future__ import annotations

import re

import phonenumbers

__all__ = ["InvalidPhone", "normalise"]


class InvalidPhone(ValueError):
    """Not a phone number we can text."""


# A UK mobile number already in E.164, as Twilio sends every number: nothing to parse.
_UK_MOBILE_E164 = re.compile(r"\+447[0-9]{9}")


def normalise(raw: str, region: str = "GB") -> str:
    """E.164 form of a phone number, e.g. '07700 900123' -> '+447700900123'."""
    if _UK_MOBILE_E164.fullmatch(raw):
        return raw  # parsing it would cost more than the rest of reading a webhook's form
    return _parsed(raw, region)


def _parsed(raw: str, region: str) -> str:
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone("not a phone number") from exc
    # "Possible", not "valid": Ofcom's drama ranges (07700 900xxx), used in demos and tests,
    # are not valid numbers; a wrong but possible number fails at Twilio and is recorded.
    if not phonenumbers.is_possible_number(number):
        raise InvalidPhone("not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
