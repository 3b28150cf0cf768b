"""The words of the case-management export: cohorts, age bands, national ethnicity categories,
channels and yes/no, each with the spellings we also accept."""

from __future__ import annotations

import re
from datetime import date

from app.core.types import Channel
from surveys.vocabulary import Cohort

# --- Vocabularies ------------------------------------------------------------------------------

# The brief's reporting bands. Children looked after and care leavers are surveyed from 8 to 25,
# and from 4 with the pledge survey's early_years variant (issue 16).
CARE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("4-7", 4, 7),
    ("8-12", 8, 12),
    ("13-15", 13, 15),
    ("16-17", 16, 17),
    ("18-21", 18, 21),
    ("22-25", 22, 25),
)
CHILD_BANDS: tuple[tuple[str, int, int], ...] = (
    ("under 1", 0, 0),
    ("1-4", 1, 4),
    ("5-9", 5, 9),
    ("10-15", 10, 15),
    ("16+", 16, 200),
)
UNBORN = "unborn"
CARE_COHORTS = frozenset({Cohort.CLA, Cohort.CARE_LEAVER})
# Adults: an age band is welcome but not required.
BAND_OPTIONAL = frozenset({Cohort.PARENT_CARER, Cohort.PROFESSIONAL})
AGE_BAND_ORDER = (UNBORN, *(b for b, _, _ in CHILD_BANDS), *(b for b, _, _ in CARE_BANDS))


def bands_for(cohort: Cohort) -> tuple[str, ...]:
    if cohort in CARE_COHORTS:
        return tuple(b for b, _, _ in CARE_BANDS)
    return (UNBORN, *(b for b, _, _ in CHILD_BANDS))


def word_key(text: str) -> str:
    """Letters and digits only, lower case: 'Parent / Carer' -> 'parentcarer'."""
    return re.sub(r"[^a-z0-9+]", "", text.lower())


COHORT_WORDS: dict[str, Cohort] = {}
for _cohort, _words in {
    Cohort.CLA: ["cla", "lac", "looked after", "looked after child", "child looked after"],
    Cohort.CARE_LEAVER: ["care leaver", "leaving care"],
    Cohort.CHILD_IN_NEED: ["child in need", "children in need", "cin"],
    Cohort.CHILD_PROTECTION: ["child protection", "cp", "cpp", "child protection plan"],
    Cohort.EARLY_HELP: ["early help", "eh"],
    Cohort.PARENT_CARER: ["parent carer", "parent or carer", "parent", "carer", "parents"],
    Cohort.PROFESSIONAL: ["professional"],
}.items():
    for _word in [_cohort.value, _cohort.label, *_words]:
        COHORT_WORDS[word_key(_word)] = _cohort
COHORT_HINT = (
    "CLA, care leaver, child in need, child protection, early help, parent/carer or professional"
)

# National categories (DfE children's social care returns), by code; stored as the label.
ETHNICITIES: dict[str, str] = {
    "WBRI": "White British",
    "WIRI": "White Irish",
    "WIRT": "Traveller of Irish heritage",
    "WROM": "Gypsy/Roma",
    "WOTH": "Any other White background",
    "MWBC": "Mixed: White and Black Caribbean",
    "MWBA": "Mixed: White and Black African",
    "MWAS": "Mixed: White and Asian",
    "MOTH": "Any other mixed background",
    "AIND": "Asian or Asian British: Indian",
    "APKN": "Asian or Asian British: Pakistani",
    "ABAN": "Asian or Asian British: Bangladeshi",
    "AOTH": "Any other Asian background",
    "BCRB": "Black or Black British: Caribbean",
    "BAFR": "Black or Black British: African",
    "BOTH": "Any other Black background",
    "CHNE": "Chinese",
    "OOTH": "Any other ethnic group",
    "REFU": "Refused",
    "NOBT": "Information not yet obtained",
}
NOT_OBTAINED = ETHNICITIES["NOBT"]
ETHNICITY_WORDS: dict[str, str] = {}
for _code, _label in ETHNICITIES.items():
    ETHNICITY_WORDS[word_key(_code)] = _label
    ETHNICITY_WORDS[word_key(_label)] = _label
    # "Indian" as well as "Asian or Asian British: Indian"; "White and Asian" as well as "Mixed: …"
    if ":" in _label:
        ETHNICITY_WORDS[word_key(_label.split(":", 1)[1])] = _label
for _word, _label in {
    "White: British": "White British",
    "White English": "White British",
    "Irish": "White Irish",
    "Gypsy": "Gypsy/Roma",
    "Roma": "Gypsy/Roma",
    "Other White": "Any other White background",
    "Other mixed": "Any other mixed background",
    "Other Asian": "Any other Asian background",
    "Other Black": "Any other Black background",
    "Other": "Any other ethnic group",
    "Any other": "Any other ethnic group",
    "Declined": "Refused",
    "Not obtained": NOT_OBTAINED,
    "Not yet obtained": NOT_OBTAINED,
    "Unknown": NOT_OBTAINED,
}.items():
    ETHNICITY_WORDS[word_key(_word)] = _label

# Gender as reported to the board: a fixed list, so a name typed into the column (it happened)
# is refused instead of stored and shown in breakdowns.
GENDERS = ("Female", "Male", "Non-binary", "Another gender", "Prefer not to say", "Not known")
GENDER_HINT = ", ".join(GENDERS)
GENDER_WORDS: dict[str, str] = {word_key(g): g for g in GENDERS}
for _word, _label in {
    "F": "Female",
    "Girl": "Female",
    "Woman": "Female",
    "M": "Male",
    "Boy": "Male",
    "Man": "Male",
    "Nonbinary": "Non-binary",
    "Other": "Another gender",
    "Not stated": "Prefer not to say",
    "Unknown": "Not known",
    "Not recorded": "Not known",
}.items():
    GENDER_WORDS[word_key(_word)] = _label

CHANNEL_WORDS = {
    "web": Channel.WEB,
    "online": Channel.WEB,
    "link": Channel.WEB,
    "weblink": Channel.WEB,
    "sms": Channel.SMS,
    "text": Channel.SMS,
    "texts": Channel.SMS,
    "textmessage": Channel.SMS,
    "voice": Channel.VOICE,
    "call": Channel.VOICE,
    "phonecall": Channel.VOICE,
}
YES_WORDS = {"yes", "y", "true", "1"}
NO_WORDS = {"no", "n", "false", "0"}


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def band_for_age(cohort: Cohort, age: int) -> str | None:
    bands = CARE_BANDS if cohort in CARE_COHORTS else CHILD_BANDS
    for band, low, high in bands:
        if low <= age <= high:
            return band
    return None
