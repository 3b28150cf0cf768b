"""Phone numbers as surveys by text and voice reach people: E.164, checked. Pure."""

from __future__ import annotations

import re

import phonenumbers

__all__ = ["InvalidPhone", "is_mobile", "normalise", "uk_mobile"]


class InvalidPhone(ValueError):
    """Not a phone number we can text."""


# A UK mobile number already in E.164, as Twilio sends every number: nothing to parse.
_UK_MOBILE_E164 = re.compile(r"\+447[0-9]{9}")
# UK mobile ranges (Ofcom): 071-075, 077-079 and the Isle of Man's 07624; 070 is personal
# numbering and the rest of 076 pagers, which cannot receive a text.
_UK_MOBILE = re.compile(r"\+447(?:[1-57-9][0-9]{8}|624[0-9]{6})")
_POSSIBLE = phonenumbers.ValidationResult.IS_POSSIBLE
_MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


def normalise(raw: str, region: str = "GB") -> str:
    """E.164 form of a phone number, e.g. '07700 900123' -> '+447700900123'."""
    if _UK_MOBILE_E164.fullmatch(raw):
        return raw  # parsing it would cost more than the rest of reading a webhook's form
    return _parsed(raw, region)


def uk_mobile(raw: str) -> str:
    """E.164 form of a UK mobile number; anything else (a landline, a number abroad written
    with its country code) raises InvalidPhone. The service texts from a UK number to people
    in the council's area: a foreign number typed here is a mistake, or a cost and a leak."""
    e164 = normalise(raw)
    if not _UK_MOBILE.fullmatch(e164):
        raise InvalidPhone("not a UK mobile number")
    return e164


def _parsed(raw: str, region: str) -> str:
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone("not a phone number") from exc
    # "Possible", not "valid": Ofcom's drama ranges (07700 900xxx), used in demos and tests,
    # are not valid numbers; a wrong but possible number fails at Twilio and is recorded.
    # Local-only lengths are short codes ("12345" would become +4412345) and numbers dialled
    # without their area code: no one there can be reached, or replied to, by text.
    if phonenumbers.is_possible_number_with_reason(number) != _POSSIBLE:
        raise InvalidPhone("not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_mobile(e164: str) -> bool:
    """Whether a normalised number is a mobile, the only kind of number that is texted.

    UK numbers by Ofcom's ranges (so the 07700 900xxx drama numbers count, as they are
    mobile-shaped); elsewhere by libphonenumber's metadata, where some countries (the US) do not
    tell mobiles from landlines.
    """
    if e164.startswith("+44"):
        return bool(_UK_MOBILE.fullmatch(e164))
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) in _MOBILE_TYPES
