"""One row of the case-management export: its schema, value by value and across columns.

A date of birth is only used to work out the age band; it is never stored.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, model_validator

from app.core.phones import InvalidPhone, is_mobile, normalise
from app.core.types import Channel
from app.respondents.vocabularies import (
    AGE_BAND_ORDER,
    BAND_OPTIONAL,
    CARE_COHORTS,
    CHANNEL_WORDS,
    COHORT_HINT,
    COHORT_WORDS,
    ETHNICITY_WORDS,
    GENDER_HINT,
    GENDER_WORDS,
    NO_WORDS,
    NOT_OBTAINED,
    YES_WORDS,
    age_on,
    band_for_age,
    bands_for,
    word_key,
)
from surveys.languages import LANGUAGES, SOURCE_LANGUAGE, is_supported, language
from surveys.vocabulary import Cohort

_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")


class RowProblems(ValueError):
    """Problems found across columns of one row: (column, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _cohort(value: Any) -> Cohort:
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text:
        raise ValueError(f"is blank. Use one of {COHORT_HINT}")
    found = COHORT_WORDS.get(word_key(text))
    if found is None:
        raise ValueError(f'"{text[:40]}" is not a cohort we know. Use one of {COHORT_HINT}')
    return found


def _date(value: Any) -> date | None:
    text = _blank_to_none(value)
    if text is None:
        return None
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    # The value may be a date of birth: never repeated back, even on screen.
    raise ValueError("is not a date. Write it as day/month/year, for example 31/01/2012")


_date_of_birth = _date


def _age_band(value: Any) -> str | None:
    text = _blank_to_none(value)
    if text is None:
        return None
    key = word_key(text)
    aliases = {"under1": "under 1", "0": "under 1", "16andover": "16+", "16plus": "16+"}
    if key in aliases:
        return aliases[key]
    for band in AGE_BAND_ORDER:
        if word_key(band).replace("-", "") == key:
            # "1-4" and "14" differ only by the dash: insist on the dash being there.
            if "-" in band and not re.search(r"\d\s*(-|–|—|to)\s*\d", text):
                break
            return band
    raise ValueError(f'"{text[:20]}" is not an age band')


def _ethnicity(value: Any) -> str:
    text = _blank_to_none(value)
    if text is None:
        # The national category for exactly this: nothing recorded yet.
        return NOT_OBTAINED
    found = ETHNICITY_WORDS.get(word_key(text))
    if found is None:
        raise ValueError(
            f'"{text[:40]}" is not one of the national ethnicity categories (use the category '
            'or its code, e.g. "White British" or "WBRI", or "Information not yet obtained")'
        )
    return found


def _gender(value: Any) -> str | None:
    text = _blank_to_none(value)
    if text is None:
        return None
    found = GENDER_WORDS.get(word_key(text))
    if found is None:
        # Not echoed: a wrong value here has been a person's name.
        raise ValueError(f"is not one of the genders we record. Use one of {GENDER_HINT}")
    return found


def _phone(value: Any) -> str | None:
    text = _blank_to_none(value)
    if text is None:
        return None
    if len(text) > 32:
        raise ValueError("is too long to be a phone number")
    try:
        e164 = normalise(text)
    except InvalidPhone:
        # Not echoed: it is (nearly) someone's phone number.
        raise ValueError("is not a phone number we can text") from None
    if not e164.startswith("+44"):
        # Texts and calls go out from the council's UK number, to people in its area.
        raise ValueError("is not a UK number. Give a UK mobile or landline number") from None
    return e164


def _channel(value: Any) -> Channel:
    text = _blank_to_none(value)
    if text is None:
        return Channel.WEB
    found = CHANNEL_WORDS.get(word_key(text))
    if found is None:
        raise ValueError(f'"{text[:20]}" is not a channel. Use web, sms or voice')
    return found


def _language(value: Any) -> str | None:
    """A language code, own name or English name ("pl", "Polski", "Polish"); None is English."""
    text = _blank_to_none(value)
    if text is None:
        return None
    key = word_key(text)
    for lang in LANGUAGES.values():
        if key in (word_key(lang.code), word_key(lang.own_name), word_key(lang.english_name)):
            return None if lang.code == SOURCE_LANGUAGE else lang.code
    if is_supported(text):  # "pl-PL"
        return language(text).code if language(text).code != SOURCE_LANGUAGE else None
    offered = ", ".join(f"{code} ({lang.english_name})" for code, lang in LANGUAGES.items())
    raise ValueError(f'"{text[:20]}" is not a language we offer. Use one of {offered}')


def _yes_no(value: Any) -> bool:
    text = _blank_to_none(value)
    if text is None:
        return False  # no recorded consent is no consent
    if text.lower() in YES_WORDS:
        return True
    if text.lower() in NO_WORDS:
        return False
    raise ValueError(f'"{text[:20]}" is not yes or no')


class ImportRow(BaseModel):
    """One row of the case-management export, as we accept it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reference: Annotated[
        str,
        BeforeValidator(lambda v: (v or "").strip()),
        Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9/._-]*$"),
    ]
    cohort: Annotated[Cohort, BeforeValidator(_cohort)]
    date_of_birth: Annotated[date | None, BeforeValidator(_date_of_birth)] = None
    age_band: Annotated[str | None, BeforeValidator(_age_band)] = None
    gender: Annotated[str | None, BeforeValidator(_gender)] = None
    ethnicity: Annotated[str, BeforeValidator(_ethnicity)] = NOT_OBTAINED
    phone: Annotated[str | None, BeforeValidator(_phone)] = None
    preferred_channel: Annotated[Channel, BeforeValidator(_channel)] = Channel.WEB
    consent_sms: Annotated[bool, BeforeValidator(_yes_no)] = False
    preferred_language: Annotated[str | None, BeforeValidator(_language)] = None
    # Consent to WhatsApp messages, given to staff (WhatsApp's rules ask for it on WhatsApp's
    # own terms, apart from texts); the date they gave it, when known.
    whatsapp_opt_in: Annotated[bool, BeforeValidator(_yes_no)] = False
    whatsapp_opt_in_date: Annotated[date | None, BeforeValidator(_date)] = None

    @model_validator(mode="after")
    def _across_columns(self, info: ValidationInfo) -> ImportRow:
        today: date = (info.context or {}).get("today") or date.today()
        problems: list[tuple[str, str]] = []
        allowed = bands_for(self.cohort)
        label = self.cohort.label.lower()
        if self.age_band is not None and self.age_band not in allowed:
            problems.append(
                (
                    "age_band",
                    f'"{self.age_band}" is not an age band for {label}. '
                    f"Use one of {', '.join(allowed)}",
                )
            )
        if self.date_of_birth is not None:
            derived = self._band_from_birth(today, problems)
            if derived and self.age_band and self.age_band in allowed and derived != self.age_band:
                problems.append(
                    (
                        "age_band",
                        f'says "{self.age_band}" but the date of birth gives "{derived}". '
                        "Correct one of them, or leave age_band blank",
                    )
                )
        elif self.age_band is None and self.cohort not in BAND_OPTIONAL:
            problems.append(("date_of_birth", "and age_band are both blank: give one of them"))
        texted = self.consent_sms or self.preferred_channel != Channel.VOICE
        if texted and self.phone is not None and not is_mobile(self.phone):
            problems.append(("phone", "is not a mobile number, and invitations come by text"))
        if self.consent_sms and self.phone is None:
            problems.append(("phone", "is blank but consent_sms is yes: add the number"))
        if self.whatsapp_opt_in and self.phone is None:
            problems.append(("phone", "is blank but whatsapp_opt_in is yes: add the number"))
        if self.whatsapp_opt_in_date is not None:
            if not self.whatsapp_opt_in:
                problems.append(("whatsapp_opt_in_date", "is given but whatsapp_opt_in is not yes"))
            elif self.whatsapp_opt_in_date > today:
                problems.append(("whatsapp_opt_in_date", "is in the future"))
        if self.preferred_channel != Channel.WEB and self.phone is None:
            problems.append(
                ("phone", f"is blank but the preferred channel is {self.preferred_channel.value}")
            )
        if problems:
            raise RowProblems(problems)
        return self

    def _band_from_birth(self, today: date, problems: list[tuple[str, str]]) -> str | None:
        assert self.date_of_birth is not None
        if self.date_of_birth > today:
            problems.append(
                (
                    "date_of_birth",
                    "is in the future. For an unborn child leave it blank and put "
                    '"unborn" in age_band',
                )
            )
            return None
        age = age_on(self.date_of_birth, today)
        derived = band_for_age(self.cohort, age)
        if derived is None:
            low, high = (8, 25) if self.cohort in CARE_COHORTS else (0, 200)
            if age > 120:
                problems.append(("date_of_birth", "is more than 120 years ago"))
            else:
                problems.append(
                    (
                        "date_of_birth",
                        f"gives an age of {age}: {self.cohort.label.lower()} are surveyed "
                        f"from {low} to {high}. Leave this person out of the file",
                    )
                )
        return derived
