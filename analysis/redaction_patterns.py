"""Personal data found by its shape: contact details, numbers, dates, addresses, schools and
car registrations. `pattern_spans(text)` yields (kind, start, end); names are found apart, in
`redaction_names`, because they are found by the words around them rather than by their shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .first_names import words
from .names_data import fold, name_words
from .redaction_name_words import NEVER_NAMES

__all__ = ["pattern_spans"]

_EMAIL: Final = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# "jake at gmail dot com", typed to dodge filters or by habit.
_EMAIL_SPELT: Final = re.compile(
    r"\b[\w.\-]+\s*(?:\(at\)|\[at\]|\bat\b)\s*(?:gmail|googlemail|hotmail|yahoo|outlook|icloud|"
    r"live|btinternet|aol|sky|me)\s*(?:\.|\(dot\)|\[dot\]|\bdot\b)\s*(?:com|co\s*(?:\.|dot)\s*uk|"
    r"net|org|uk)\b",
    re.IGNORECASE,
)
_LINK: Final = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']+"
    r"|\b(?:[a-z0-9\-]+\.)+(?:com|co\.uk|org\.uk|gov\.uk|ac\.uk|nhs\.uk|org|net|uk|io|ly|me|"
    r"app|tv|gg)\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_TRAILING_PUNCTUATION: Final = ".,;:!?)]}'\""
_HANDLE: Final = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
# A word with an underscore inside is a user name wherever it stands: "jay_b.22", "xX_mo_Xx".
_UNDERSCORED: Final = re.compile(r"(?<![\w@.])[A-Za-z0-9][A-Za-z0-9.]*_[A-Za-z0-9_.]*[A-Za-z0-9_]")
# "my snap is jake_2009", "insta: xyz": the handle itself, after a platform name.
_PLATFORM_HANDLE: Final = re.compile(
    r"\b(?:snap(?:chat)?|sc|insta(?:gram)?|ig|tik ?tok|twitter|discord|kik|telegram|psn|"
    r"gamertag|gamer tag|facebook|fb|username|user name)\s*(?:name|id|handle)?"
    r"(?P<sep>\s*(?:is|:|-|=)\s*|\s+(?:as\s+|it'?s\s+)?)(?P<handle>@?[A-Za-z0-9_.]*[A-Za-z0-9_])",
    re.IGNORECASE,
)
# Words that say something of an account rather than name it.
_SAID_OF_AN_ACCOUNT: Final = words(
    """
    the a an so really my not down broken good bad rubbish great fine ok okay boring blocked
    deleted banned private public hacked gone full dead mad toxic addictive
    """
)
# "add me x.kez.x", "follow me kezzy99": a handle after asking to be added, known by a digit,
# dot or underscore.
_ADD_ME_HANDLE: Final = re.compile(
    r"\b(?:add|follow|dm|message|msg|hmu)\s+(?:me\s+)?(?:on\s+|at\s+)?"
    r"(?P<handle>@?[A-Za-z][A-Za-z0-9_.]*[\d_.][A-Za-z0-9_.]*[A-Za-z0-9_])",
    re.IGNORECASE,
)
# "add me kezzy2009 on snap": a handle before the platform, known by a digit, dot or underscore.
_ON_PLATFORM: Final = re.compile(
    r"\s+on\s+(?:snap(?:chat)?|insta(?:gram)?|ig|tik ?tok|twitter|discord|kik|telegram|psn|"
    r"xbox|facebook|fb|threads|bereal)\b",
    re.IGNORECASE,
)
_HANDLE_BEFORE: Final = re.compile(
    r"(?<![\w@.])(?P<handle>[A-Za-z][A-Za-z0-9_.]*[\d_.][A-Za-z0-9_.]*[A-Za-z0-9_])$"
)
# Any two letters, not only issued prefixes: HMRC's own example "QQ 12 34 56 C" should go too;
# the pairs may be split by spaces, dots or dashes ("AB-12-34-56-D").
_NI_NUMBER: Final = re.compile(
    r"\b[A-Z]{2}[ .\-]?\d{2}[ .\-]?\d{2}[ .\-]?\d{2}[ .\-]?[A-D]\b", re.IGNORECASE
)
# UK numbers: +44 / 0044 / 44 / 0, then 9 or 10 more digits, however they are split (spaces,
# dashes, dots, slashes, brackets, one digit at a time) and with a letter O typed for a nought
# ("077OO 9OO123"): a number written oddly is still a number to call.
_PHONE_DIGIT = r"[\dO]"
_PHONE_GAP = r"[ \-.)/]{0,2}"
_PHONE: Final = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|44(?=7\d{9}(?!\d))|\(?0)"
    rf"{_PHONE_GAP}(?:{_PHONE_DIGIT}{_PHONE_GAP}){{8,9}}{_PHONE_DIGIT}(?![\dO])"
)
# NHS numbers are 10 digits, written 3-3-4; they never start with 0 (that would be a phone).
_NHS_NUMBER: Final = re.compile(r"(?<![\d+])[1-9]\d{2}[ \-]?\d{3}[ \-]?\d{4}(?!\d)")
# Inward codes never use C, I, K, M, O or V, which keeps "b4 2am" out.
_POSTCODE: Final = re.compile(
    r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# A year after a day and month may be written short: "3rd March 09".
_YEAR = r"(?:(?:19|20)\d{2}|'?\d{2})"
_DATE: Final = re.compile(
    rf"\b(?:[12]\d|3[01]|0?[1-9])[/.\-](?:[12]\d|3[01]|0?[1-9])[/.\-](?:(?:19|20)\d{{2}}|\d{{2}})\b"
    rf"|\b(?:19|20)\d{{2}}[/.\-](?:1[0-2]|0?[1-9])[/.\-](?:[12]\d|3[01]|0?[1-9])\b"
    rf"|\b(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?![a-z])(?:,?\s+{_YEAR}\b)?"
    rf"|\b{_MONTH}\s+(?:the\s+)?{_DAY}\b(?:,?\s+{_YEAR}\b)?"
    rf"|\b{_MONTH},?\s+(?:19|20)\d{{2}}\b",
    re.IGNORECASE,
)

# Car registrations: the current style "AB12 CDE" (any case, space or none) and the older
# prefix style "P123 ABC" (capitals only: "a123 abc" is more likely a typo than a car).
_CAR_REGISTRATION: Final = re.compile(
    r"\b(?i:[A-Z]{2}\d{2}\s?[A-Z]{3})\b|\b[A-HJ-PR-Y]\d{1,3}\s?[A-Z]{3}\b"
)

# Schools and colleges by name: "St Anne's RC Primary", "Kirkby College", "Oakfield Academy".
# The name is one to four Capitalised words (or "St Anne's"), then the kind of school; a
# lower-case name counts when its first word is no everyday word ("oakfield academy").
_SCHOOL_KIND = (
    r"(?:(?:RC|R\.C\.|C\s?of\s?E|CofE|CE|Catholic|Church(?:\s+of\s+England)?|Methodist|"
    r"Community|Primary|Junior|Infants?|Nursery|High|Secondary|Grammar|Free|Sixth\s+Form|"
    r"Middle|Special|Comprehensive|Technical|Studio|Girls'?|Boys'?|Upper|Lower|Church\s+of)"
    r"\s+)*(?:School|College|Academy|Primary|Juniors?|Infants|High|Grammar|Sixth\s+Form|"
    r"University|UTC|PRU)\b"
)
_SCHOOL_NAME_WORD = r"(?:St\.?\s|Saint\s|Bishop\s)?[A-Z][A-Za-z\u2019'\-]+"
_SCHOOL: Final = re.compile(
    rf"\b(?:{_SCHOOL_NAME_WORD}\s+){{1,4}}{_SCHOOL_KIND}"
    # "the University of Northbridge", "Northbridge Uni", "St Aidan's" (a school or a church:
    # either tells where a child is).
    r"|\b[A-Z][A-Za-z'\-]+\s+Uni\b"
    r"|\bS(?:ain)?t\.?\s+[A-Z][a-z]+['\u2019]s\b"
    r"|\b(?:st\.?\s|saint\s)?[a-z][a-z'\-]+\s+(?:(?:primary|junior|high|community|catholic|"
    r"grammar)\s+)*(?:school|college|academy|primary|high school)\b"
)
# Capitalised words that start a sentence or a phrase rather than a school's name.
_NOT_SCHOOL_NAME: Final = words(
    """
    the a an my our your his her their this that at in to from i im i'm go went going new old
    local secondary primary high school college academy sixth form special nursery community
    further higher boarding private public state catholic grammar free day night art drama
    music dance cookery driving swimming football sunday bible summer holiday youth virtual
    residential forest hospital home alternative main big little next last same different
    year uni university my own his own and or but at the with for of on
    """
)

# "dob 120309", "born 12032009", "my bday is 14/02": digits after a word that says what they
# are, run together or without the year.
_COMPACT_BIRTH_DATE: Final = re.compile(
    r"\b(?:dob|d\.o\.b\.?|born|birthday|bday|b-day)(?:\s+(?:is|was|on|=))?\W{0,3}"
    r"(?P<date>\d{6}(?:\d{2})?|(?:[12]\d|3[01]|0?[1-9])[/.\-](?:1[0-2]|0?[1-9])"
    # "born 03 03 2009": spaces for slashes, only after a word that says it is a birth date.
    r"|(?:[12]\d|3[01]|0?[1-9]) (?:1[0-2]|0?[1-9]) (?:(?:19|20)\d{2}|\d{2}))(?![/.\-]?\d)",
    re.IGNORECASE,
)

# Words that never start a street name: "3 hours in the park" is not an address.
_NOT_STREET_WORD = (
    r"(?!(?:the|a|an|my|in|on|at|of|to|and|or|for|with|from|our|your|his|her|their|is|was|"
    r"are|were|i|we|you|he|she|they|it|times?|hours?|minutes?|mins?|days?|weeks?|months?|"
    r"years?|miles?|people|kids|friends)\b)"
)
# Street types that are rarely anything else; matched in any case.
_STRONG_STREET = (
    r"(?:street|st|road|rd|lane|avenue|ave|crescent|terrace|gardens|gdns|grove|mews|cl|"
    r"close(?=\s*(?:,|\.|$|\n)))"
)
# Street types that are ordinary words too ("a 10 minute walk"): only after Capitalised Names.
_WEAK_STREET = (
    r"(?:Close|Drive|Way|Walk|View|Green|Park|Rise|Row|Hill|Gate|End|Vale|Meadows?|Fields|"
    r"Court|Place|Square|Parade|Estate|Heights|Gardens|Lane|Road|Street|Avenue|Crescent)"
)
# "Flat 3, 27 Queen Street", "Flat 2b, Victoria Court": the flat number belongs to the address.
_FLAT = r"(?:\b(?i:flat|apartment|apt|unit)\s+\d{1,4}[A-Za-z]?,?\s+)"
# Split in two so the numbered forms only run on answers holding a digit.
_ADDRESS_NUMBERED: Final = re.compile(
    rf"{_FLAT}?\b\d{{1,4}}[A-Za-z]?,?\s+(?:{_NOT_STREET_WORD}[A-Za-z'\-]+\s+){{1,3}}"
    rf"(?i:{_STRONG_STREET})\b"
    rf"|{_FLAT}?\b\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z'\-]+\s+){{1,3}}{_WEAK_STREET}\b"
    rf"|{_FLAT}(?:[A-Z][a-z'\-]+\s+){{1,3}}{_WEAK_STREET}\b"
)
# "4 the crescent", "12 The Green": a street named by its type alone.
_ADDRESS_THE: Final = re.compile(
    rf"\b\d{{1,4}}[A-Za-z]?,?\s+(?i:the)\s+(?i:{_WEAK_STREET}|grove|mews|terrace|crescent|"
    r"avenue|drive|willows|limes|oaks|poplars|laurels|beeches|elms|pines|paddock|orchard|"
    r"spinney|copse|sidings|maltings|coppice|glade|dell|nook|wynd|chase)\b"
)
_ADDRESS_NAMED: Final = re.compile(
    rf"(?<=\b(?i:on|at) )(?:[A-Z][a-z'\-]+\s+){{1,3}}(?:{_WEAK_STREET}|Grove|Mews|Terrace)\b"
)
# "we live on cedar avenue", "moved to fern road": a street named in lower case after a verb
# of living (without one, "on the road" and "down our street" are no address).
# Only street types that are rarely anything else: "moved to a green hill" is no address.
_STREET_TYPES: Final = (
    "street",
    "road",
    "lane",
    "avenue",
    "crescent",
    "terrace",
    "close",
    "drive",
    "grove",
    "gardens",
    "mews",
)
_STREET_TYPE: Final = re.compile(rf"\b(?:{'|'.join(_STREET_TYPES)})s?\b")
# The words before the street type, read backwards from it (cheaper than a pattern run over
# every answer): a verb of living, "on", then one or two words of the street's name.
_LIVED_ON_BEFORE: Final = re.compile(
    r"\b(?:live|lives|living|lived|stay|stays|staying|stayed|moved|moving|house|flat|address)"
    rf"\s+(?:is\s+)?(?:on|in|to|at)\s+(?P<name>(?:{_NOT_STREET_WORD}[a-z'\-]+\s+){{1,2}})$"
)

# Places that tell where a child lives or goes: a children's home ("at Beech Lodge", "from
# Hillcrest"), a family centre, a club ("Kingsway ABC", "Ashton Juniors FC").
_PLACE: Final = re.compile(
    r"\b(?i:at|from|in|to)\s+(?P<place>(?:[A-Z][a-z'\-]+\s+){1,2}"
    r"(?:Lodge|House|Hall|Manor|Farm|Cottages?)\b)"
    r"|(?P<centre>\b(?:[A-Z][a-z'\-]+\s+){1,2}(?:Family|Children'?s|Youth|Community|Contact|"
    r"Resource|Leisure|Sports?)\s+Centre\b)"
    r"|(?P<club>\b(?:[A-Z][a-z'\-]+\s+){1,2}(?:ABC|A?FC|JFC|RFC|Boxing\s+Club|Football\s+Club)\b)"
)
# A one-word home name after "at" or "from": an everyday word and a word of the landscape
# run together ("Hillcrest", "Redbrook", "Oakfield"), as homes and estates are named. Some
# towns are named so too ("from Wakefield" goes: a leak costs more than a lost town); endings
# mostly found in towns ("-ley", "-gate") are left out.
_HOME_NAME: Final = re.compile(
    r"\b(?i:at|from)\s+(?P<home>(?P<stem>[A-Z][a-z]{2,})(?:brook|field|fields|crest|wood|croft|"
    r"lea|dale|hurst|holme|mead|side|view|bank|lands|moor|hill|stone|ridge|haven|lodge|"
    r"leigh|combe|grange)\b)"
)


def _link_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in _LINK.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING_PUNCTUATION:
            end -= 1
        yield start, end


def _handle_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in _HANDLE.finditer(text):
        start, end = match.span()
        yield start, end
    if "_" in text:
        for match in _UNDERSCORED.finditer(text):
            yield match.span()
    for match in _PLATFORM_HANDLE.finditer(text):
        handle = match.group("handle")
        # Without "is" or ":" only take it when it looks like a handle, not the next word.
        explicit = match.group("sep").strip() in ("is", ":", "-", "=")
        # "sc" is Snapchat, but "my sc is late" may be social care: only a handle's shape.
        explicit = explicit and match.group(0)[:2].lower() != "sc"
        if handle.lower() in _SAID_OF_AN_ACCOUNT:
            continue  # "snap is the best app", "my insta is private"
        if explicit or re.search(r"[\d_.@]", handle):
            yield match.span("handle")
    for platform in _ON_PLATFORM.finditer(text):
        before = _HANDLE_BEFORE.search(text, max(0, platform.start() - 40), platform.start())
        if before:
            yield before.span("handle")


# Cheap tests that decide which patterns can possibly match: most answers hold no digit, no
# "@" and no capital letter, and skipping patterns that cannot match keeps redaction quick.
_DIGIT: Final = re.compile(r"\d")
_SPELT_EMAIL_HINTS: Final = (
    "dot",
    "gmail",
    "hotmail",
    "yahoo",
    "outlook",
    "icloud",
    "btinternet",
    "aol",
    "sky.",
    "live.",
    "me.",
)
_PLATFORM_HINTS: Final = (
    "snap",
    "insta",
    "ig",
    "tik",
    "twitter",
    "discord",
    "kik",
    "telegram",
    "psn",
    "gamer",
    "facebook",
    "fb",
    "user",
    "sc ",
    "sc:",
)
_NUMBERED: Final = (
    ("ni number", _NI_NUMBER),
    ("car registration", _CAR_REGISTRATION),
    ("phone", _PHONE),
    ("nhs number", _NHS_NUMBER),
    ("postcode", _POSTCODE),
    ("date", _DATE),
    ("address", _ADDRESS_NUMBERED),
)


# "at st marys catholic high", "i go to st johns": a saint's school in lower case, after "at"
# or "go to", or with the kind of school after it ("from st helens" is a town, "12 high st" a
# street).
_SAINTS_NAME = r"(?:st\.?|saint)\s+[a-z]+['\u2019]?s"
_SAINTS_KIND = (
    r"\s+(?:rc|r\.c\.|c\s?of\s?e|ce|catholic|primary|junior|juniors|infants|high|academy|"
    r"college|school|secondary|grammar)"
)
_SAINTS_SCHOOL_LOWER: Final = re.compile(
    rf"\b(?:at|go\s+to|goes\s+to|going\s+to)\s+(?P<school>{_SAINTS_NAME}(?:{_SAINTS_KIND})*)\b"
    rf"|\b(?P<kind>{_SAINTS_NAME}(?:{_SAINTS_KIND})+)\b"
)
# "year 9 at Brierley", "sixth form at Greenhead": a school by its short name, after the year
# or form a child is in (a town would follow "in", not "at").
_NOT_A_SCHOOL_START = r"(?!(?:My|The|A|An|Our|This|That|Their|His|Her|Your|Home|School)\b)"
_YEAR_AT_SCHOOL: Final = re.compile(
    rf"\b(?i:year|yr)\s?\d{{1,2}}\s+(?i:at)\s+{_NOT_A_SCHOOL_START}"
    r"(?P<school>[A-Z][A-Za-z'\u2019\-]+(?:\s+[A-Z][A-Za-z'\u2019\-]+){0,2})"
    rf"|\b(?i:sixth\s+form|6th\s+form)\s+(?i:at)\s+{_NOT_A_SCHOOL_START}"
    r"(?P<sixth>[A-Z][A-Za-z'\u2019\-]+(?:\s+[A-Z][A-Za-z'\u2019\-]+){0,2})"
)
_UNIVERSITY_OF: Final = re.compile(
    r"\b(?:University|College)\s+of\s+(?:the\s+)?(?:[A-Z][A-Za-z'\-]+\s+)?[A-Z][A-Za-z'\-]+"
)


_NEVER_FOLDED: Final = frozenset(fold(word) for word in NEVER_NAMES)


def _place_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in _PLACE.finditer(text):
        yield match.span(match.lastgroup or 0)
    english = name_words().english
    for match in _HOME_NAME.finditer(text):
        word = match.group("home").lower()
        never = word in _NEVER_FOLDED
        if match.group("stem").lower() in english and word not in english and not never:
            yield match.span("home")


def _school_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in _UNIVERSITY_OF.finditer(text):
        yield match.span()
    for match in _SCHOOL.finditer(text):
        start, end = match.span()
        words = text[start:end].split()
        # Drop leading words that belong to the sentence: "at Kirkby College" -> "Kirkby College".
        while words and words[0].lower().rstrip(".") in _NOT_SCHOOL_NAME:
            start = text.index(words[0], start) + len(words[0])
            while start < end and text[start].isspace():
                start += 1
            words.pop(0)
        saint = words and words[0].lower().rstrip(".") in ("st", "saint")
        if len(words) < 2 or saint and len(words) < 3 and not words[-1].endswith(("'s", "\u2019s")):
            continue  # only the kind of school is left: "the college", "my high school"
        if words[0][0].islower() and words[0].lower() in name_words().english:
            continue
        yield start, end


_LIVING_WORDS: Final = ("live", "stay", "moved", "moving", "house", "flat", "address")
_SPELT_EMAIL_HINT: Final = re.compile("|".join(re.escape(hint) for hint in _SPELT_EMAIL_HINTS))
_PLATFORM_HINT: Final = re.compile("|".join(_PLATFORM_HINTS))
_ADD_ME_HINTS: Final = ("add", "follow", "dm ", "message", "msg", "hmu")
_SCHOOL_HINT: Final = re.compile(
    r"school|college|academy|primary|junior|infants|high|grammar|sixth|universit|utc|pru|uni\b|"
    r"st\.? [A-Z]|saint",
    re.IGNORECASE,
)


def pattern_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) for each piece of personal data found by its shape; may overlap."""
    lower = text.lower()
    if "@" in text:
        for match in _EMAIL.finditer(text):
            yield ("email", *match.span())
    if _SPELT_EMAIL_HINT.search(lower):
        for match in _EMAIL_SPELT.finditer(text):
            yield ("email", *match.span())
    if "." in text:
        for start, end in _link_spans(text):
            yield "link", start, end
    if "@" in text or "_" in text or _PLATFORM_HINT.search(lower):
        for start, end in _handle_spans(text):
            yield "handle", start, end
    if any(word in lower for word in _ADD_ME_HINTS):
        for match in _ADD_ME_HANDLE.finditer(text):
            yield ("handle", *match.span("handle"))
    if _SCHOOL_HINT.search(text):
        for start, end in _school_spans(text):
            yield "school", start, end
    if "year" in lower or "yr" in lower or "6th form" in lower or "sixth form" in lower:
        for match in _YEAR_AT_SCHOOL.finditer(text):
            yield ("school", *match.span(match.lastgroup or 0))
    if " st " in f" {lower}" or " st. " in f" {lower}" or "saint " in lower:
        for match in _SAINTS_SCHOOL_LOWER.finditer(text):
            yield ("school", *match.span(match.lastgroup or 0))
    if lower != text:
        for start, end in _place_spans(text):
            yield "place", start, end
    patterns: tuple[tuple[str, re.Pattern[str]], ...] = ()
    if _DIGIT.search(text):
        patterns = _NUMBERED
    if lower != text:  # a capital letter: a named street is possible
        patterns = (*patterns, ("address", _ADDRESS_NAMED))
    # Substring tests first: most answers name no street, and a pattern costs a pass.
    if any(word in lower for word in _LIVING_WORDS) and any(
        word in lower for word in _STREET_TYPES
    ):
        for street in _STREET_TYPE.finditer(lower):
            lived = _LIVED_ON_BEFORE.search(lower, max(0, street.start() - 60), street.start())
            if lived:
                yield ("address", lived.start("name"), street.end())
    if patterns:
        for match in _COMPACT_BIRTH_DATE.finditer(text):
            yield ("date", *match.span("date"))
    if patterns and " the " in lower:
        patterns = (*patterns, ("address", _ADDRESS_THE))
    for kind, pattern in patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind == "phone" and _DATE.match(text, start):
                continue  # "01.02.2026 10.30" is a meeting, not a number to ring
            while end > start and text[end - 1].isspace():
                end -= 1
            yield kind, start, end
