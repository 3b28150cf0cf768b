"""Take personal data out of free text before it is quoted to a board, a report or a log.

`redact(text)` swaps each piece for a tag: [name], [phone], [email], [postcode], [date],
[nhs number], [ni number], [handle], [link], [address]. It leans towards over-redacting: in a
county this size one name or street is enough to identify a child. Place names and service names
("Speak Up, Speak Out", "SUSO", "CAMHS", "Childline") are left alone, and so are helpline numbers
such as Childline's 0800 1111, which are too short to be taken for a personal phone number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from .first_names import CAPITALISED_ONLY, FIRST_NAMES, words

__all__ = ["KINDS", "Span", "find_personal_data", "redact", "redact_for_board"]

# Earlier kinds win where two finds overlap: an email holds a domain that looks like a link,
# and a link can hold an @handle.
KINDS: Final[tuple[str, ...]] = (
    "email",
    "link",
    "handle",
    "ni number",
    "phone",
    "nhs number",
    "postcode",
    "date",
    "address",
    "name",
)
_PRIORITY: Final = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A piece of personal data at text[start:end]."""

    start: int
    end: int
    kind: str

    @property
    def tag(self) -> str:
        return f"[{self.kind}]"


# --- patterns --------------------------------------------------------------------------------

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
# "my snap is jake_2009", "insta: xyz": the handle itself, after a platform name.
_PLATFORM_HANDLE: Final = re.compile(
    r"\b(?:snap(?:chat)?|insta(?:gram)?|ig|tik ?tok|twitter|discord|kik|telegram|psn|"
    r"gamertag|gamer tag|facebook|fb|username|user name)\s*(?:name|id|handle)?"
    r"(?P<sep>\s*(?:is|:|-|=)\s*|\s+)(?P<handle>@?[A-Za-z0-9_.]*[A-Za-z0-9_])",
    re.IGNORECASE,
)
# Any two letters, not only issued prefixes: HMRC's own example "QQ 12 34 56 C" should go too.
_NI_NUMBER: Final = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", re.IGNORECASE)
# UK numbers: +44 / 0044 / 0, then 9 or 10 more digits with single spaces, dashes or brackets.
_PHONE: Final = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)(?:\d[ \-)]{0,2}){8,9}\d(?!\d)"
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
_YEAR = r"(?:(?:19|20)\d{2}|'\d{2})"
_DATE: Final = re.compile(
    rf"\b(?:[12]\d|3[01]|0?[1-9])[/.\-](?:[12]\d|3[01]|0?[1-9])[/.\-](?:(?:19|20)\d{{2}}|\d{{2}})\b"
    rf"|\b(?:19|20)\d{{2}}[/.\-](?:1[0-2]|0?[1-9])[/.\-](?:[12]\d|3[01]|0?[1-9])\b"
    rf"|\b(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?![a-z])(?:,?\s+{_YEAR}\b)?"
    rf"|\b{_MONTH}\s+(?:the\s+)?{_DAY}\b(?:,?\s+{_YEAR}\b)?"
    rf"|\b{_MONTH},?\s+(?:19|20)\d{{2}}\b",
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
    r"(?:street|st|road|rd|lane|avenue|ave|crescent|terrace|gardens|gdns|grove|mews|"
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
_ADDRESS_NAMED: Final = re.compile(
    rf"(?<=\b(?i:on|at) )(?:[A-Z][a-z'\-]+\s+){{1,3}}{_WEAK_STREET}\b"
)

# Never a person's name, even when capitalised: family words, services, days, acronyms.
_NEVER_NAMES: Final = words(
    """
    I Im Mum Mam Mom Mummy Dad Daddy Nan Nana Nanna Nanny Gran Granny Grandad Grandma Grandpa
    Auntie Aunt Uncle Sis Bro Mr Mrs Ms Mx Miss Dr Sir Prof Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday January February March April May June July August September October
    November December Christmas Easter Eid Diwali God The A An My Me He She They We You It And
    But So Or If When Then Also Not No Yes Hi Hello Thanks Thank Please Sorry Because
    Childline ChildLine CAMHS SUSO NSPCC NHS IRO IROs PA PAs SW LADO EDT GP CPB CIC SENCO YOT
    Kooth Samaritans Barnardos Ofsted Police School College Speak Up Out Youth Council Board
    Team Service Services Centre Hospital Home OK TV PE UK ID ADHD ASD SEN EHCP PEP LAC CLA CP
    CIN CYPS CYP RAG DBS TA LA FaceTime Snapchat Instagram TikTok Xbox PlayStation YouTube
    Google Facebook WhatsApp Discord Roblox Fortnite Minecraft English Maths Science Red Amber
    Green Independent Advocacy Advocate Corporate Parenting Emergency Duty Social Worker
    Foster Carer Teacher Children Childrens Care Leaver Leavers Shout Mind YoungMinds Brook
    ChatHealth Commissioner Virtual Head Very Really Always Never Sometimes Great Good Nice
    Lovely Amazing Kind Helpful Rubbish Bad Okay Who Is Was Has Had Did Does Will Would Can
    Could Should Never Ever Just Only Muslim Christian Jewish Sikh Hindu British English
    Scottish Welsh Irish Polish Black White Asian Mixed Gay Lesbian Bi Trans Autistic Year
    Nobody Somebody Someone Everybody Everyone Anybody Anyone Noone People Staff Everything
    Nothing Something Anything Maybe Sometimes Today Tomorrow Yesterday Tonight Everytime
    """
)

# Only the role itself: "my (new) social worker Sarah" finds Sarah from "social worker". The
# lookahead on first letters lets the regex skip most words without trying every role.
_ROLE = (
    r"(?=[spicftkwylrmahndgo])"
    r"(?:social\s+worker|sw|s\.w\.|pa|p\.a\.|personal\s+advis[eo]r|iro|i\.r\.o\.?|"
    r"independent\s+reviewing\s+officer|foster\s+(?:carer|carers|mum|mom|mam|dad|parent|"
    r"parents|mother|father)|carers?|teacher|key\s*worker|support\s+worker|youth\s+worker|"
    r"link\s+worker|family\s+support\s+worker|residential\s+worker|care\s+worker|worker|"
    r"mentor|advocate|tutor|therapist|counsell?or|head\s*teacher|manager|nurse|doctor|coach|"
    r"participation\s+officer|officer|psychologist|guardian|senco)"
)
_NAME_WORD = r"[A-Za-z]+(?:['\u2019\-][A-Za-z]+)*"
# A capitalised word straight after a name is taken as a surname; always case-sensitive.
_SURNAME = r"(?P<surname>(?-i:\s+[A-Z][a-z]+(?:['\u2019\-][A-Za-z]+)*))?"
_INITIALS = r"(?:[A-Z]\.\s?[A-Z]\.?(?:\s?[A-Z]\.?)?|[A-Z]{2,3}\b)"
_CANDIDATE = rf"(?P<cand>{_INITIALS}|{_NAME_WORD}){_SURNAME}"

# "my social worker Sarah", "my PA, Jo", "worker JB", "my IRO (KT)".
_ROLE_NAME: Final = re.compile(
    rf"\b(?i:{_ROLE})(?:\s*[,:(\-\u2013]\s*|\s+(?i:is|was|called|named|is called|was called|"
    rf"who is)\s+|\s+){_CANDIDATE}"
)
# "a boy called Jake", "my name is sarah", "she's named Tallulah".
_CALLED_NAME: Final = re.compile(
    rf"\b(?i:called|named|name is|name's|names|call me|known as|i am|i'm|im)\s+{_CANDIDATE}"
)
_TITLE_NAME: Final = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Sir)\.?\s+(?P<cand>[A-Z]{_NAME_WORD}){_SURNAME}"
    rf"|\b(?:mr|mrs|ms|dr)\.?\s+(?P<lower>[a-z]+(?:['\u2019\-][a-z]+)*)"
)
# People a child names by relation: "my sister Lacey", "my best friend is Kacey", "my bf Jas".
# Unlike a worker's role, a relation is only followed by a name when it is Capitalised.
_RELATION = (
    r"(?:my|our|his|her|their|me)\s+(?:(?:little|big|baby|older|younger|twin|step|foster|half|"
    r"best|old|new|other)\s+){0,2}(?:sister|brother|sis|bro|cousin|auntie|aunty|aunt|uncle|"
    r"nan|nanny|nana|gran|granny|grandad|grandma|grandpa|friend|bestie|bff|mate|girlfriend|"
    r"boyfriend|gf|bf|partner|husband|wife|son|daughter|baby|mum|mam|mom|dad|stepdad|stepmum|"
    r"neighbour)s?"
)
_CAPITALISED = r"[A-Z][a-z]+(?:[\-\u2010][A-Z][a-z]+)*"
_RELATION_NAME: Final = re.compile(
    rf"\b(?i:{_RELATION})(?:\s*[,:(\-]\s*|\s+(?i:is|was|called|named|is called)\s+|\s+)"
    rf"(?P<cand>{_CAPITALISED})"
)
# "Auntie Jen", "Uncle Pete", "Nanny Sue": a family title before a name.
_KIN_TITLE_NAME: Final = re.compile(
    rf"\b(?i:auntie|aunty|aunt|uncle|nan|nanny|nana|gran|granny|grandad|grandma|grandpa|"
    rf"cousin)\s+(?P<cand>{_CAPITALISED})"
)
# "me and Tayla", "me, Kian and Bradley".
_WITH_ME_NAME: Final = re.compile(rf"\b(?i:me|i)(?:\s*(?:and|&)\s+|,\s*)(?P<cand>{_CAPITALISED})")
# "Jo from the family support team", "Dee at the youth centre".
_NAME_FROM_SERVICE: Final = re.compile(
    rf"(?P<cand>{_CAPITALISED})\s+(?i:from|at)\s+(?i:the|my|our|his|her)?\s*"
    rf"(?:[A-Za-z]+\s+){{0,3}}(?i:team|service|services|school|college|council|centre|center|"
    rf"charity|project|unit|office|surgery|clinic|hub)\b"
)
# A Capitalised word doing something only people do: "because Sandra makes pancakes".
_PERSON_VERBS = (
    r"said|says|told|tells|asked|asks|rang|rings|texted|texts|shouted|shouts|hugged|hugs|"
    r"helped|helps|makes|made|gave|gives|takes|took|came|comes|keeps|kept|picks|picked|calls|"
    r"called|cooks|cooked|bought|buys|lets|drove|drives|listens|listened|visits|visited|cares"
)
_NAME_DOING: Final = re.compile(rf"\b(?P<cand>{_CAPITALISED})\s+(?:{_PERSON_VERBS})\b")
_SPEECH_VERBS: Final = frozenset(
    {
        "said",
        "says",
        "told",
        "tells",
        "asked",
        "asks",
        "rang",
        "rings",
        "texted",
        "texts",
        "shouted",
        "shouts",
        "hugged",
        "hugs",
    }
)
# Before a Capitalised word, these make it a place, not a person: "from Okehampton".
_PLACE_WORDS: Final = frozenset(
    {
        "in",
        "at",
        "to",
        "from",
        "near",
        "of",
        "on",
        "into",
        "around",
        "outside",
        "through",
        "the",
        "a",
        "an",
        "visit",
        "visiting",
        "via",
    }
)
_LAST_WORD: Final = re.compile(r"([A-Za-z]+)\W*$")
# Names joined to a found name: "Harvey and Josh", "Pat and Steve", "Aisha & Rob".
_JOINED_AFTER: Final = re.compile(rf"\s*(?:,|&|\band\b)\s*(?P<cand>{_CAPITALISED})")
_JOINED_BEFORE: Final = re.compile(rf"\b(?P<cand>{_CAPITALISED})\s*(?:,|&|\band\b)\s*$")
_HYPHEN_TAIL: Final = re.compile(r"[\-\u2010][A-Z][a-z]+")

# Words are looked up in the name lists one by one: far quicker than a 200-way regex.
_WORD: Final = re.compile(r"\b[A-Za-z]+\b")
_SURNAME_AFTER: Final = re.compile(_SURNAME)
# Lower-case words after "called"/"i am" that are not names ("i am tired", "called back").
_STOPWORDS: Final = words(
    """
    a an the me my him her them us you it this that back out up off in on at to and or but so
    not never always just really very happy sad ok okay fine good bad tired scared angry upset
    worried lonely bored alright going being doing getting feeling glad sorry sure from with
    """
)


def _without_possessive(text: str, start: int, end: int) -> int:
    """End a name before a trailing 's: "Sarah's" -> "[name]'s"."""
    word = text[start:end]
    if len(word) > 2 and word[-2] in "'\u2019" and word[-1] in "sS":
        return end - 2
    return end


# Lower-case words taken as names: the common first names that are not also ordinary words.
_LOWER_CASE_NAMES: Final = frozenset(name.lower() for name in FIRST_NAMES - CAPITALISED_ONLY)


def _accept_candidate(word: str) -> bool:
    """Is the word after "my social worker" or "called" a name (or initials)?"""
    bare = word.replace(".", "").replace(" ", "")
    if word in _NEVER_NAMES or bare in _NEVER_NAMES:
        return False
    if word[:1].isupper():
        return True
    return word in _LOWER_CASE_NAMES and word not in _STOPWORDS


def _is_name_word(word: str) -> bool:
    """A Capitalised word that may be a name: not a service, title or everyday word."""
    first = word.split("-")[0].split("\u2010")[0]
    return (
        word not in _NEVER_NAMES
        and first not in _NEVER_NAMES
        and word.lower() not in _STOPWORDS
        and word.upper() != word
    )


def _previous_word(text: str, start: int) -> str:
    match = _LAST_WORD.search(text, 0, start)
    return match.group(1).lower() if match else ""


def _context_name_spans(text: str) -> Iterator[tuple[int, int]]:
    """Names found by what surrounds them, rather than by a list of names."""
    for pattern in (_RELATION_NAME, _KIN_TITLE_NAME, _WITH_ME_NAME, _NAME_FROM_SERVICE):
        for match in pattern.finditer(text):
            if _is_name_word(match.group("cand")):
                yield match.span("cand")
    for match in _NAME_DOING.finditer(text):
        word = match.group("cand")
        start = match.start("cand")
        before = text[:start].rstrip()
        sentence_start = not before or before[-1] in ".!?\n"
        if not _is_name_word(word):
            continue
        verb = text[match.end("cand") :].split(None, 1)[0]
        if sentence_start and verb not in _SPEECH_VERBS:
            continue  # "Football helps me" starts a sentence too
        if not sentence_start and _previous_word(text, start) in _PLACE_WORDS:
            continue
        yield match.span("cand")


def _joined_names(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Capitalised words joined by "and" or a comma to a name already found."""
    seen = set(spans)
    queue = list(spans)
    while queue:
        start, end = queue.pop()
        found = []
        after = _JOINED_AFTER.match(text, end)
        if after and _is_name_word(after.group("cand")):
            found.append(after.span("cand"))
        before = _JOINED_BEFORE.search(text, max(0, start - 40), start)
        if before and _is_name_word(before.group("cand")):
            found.append(before.span("cand"))
        for span in found:
            if span not in seen:
                seen.add(span)
                queue.append(span)
                yield span


def _name_spans(text: str) -> Iterator[tuple[int, int]]:
    spans = list(_listed_and_titled_name_spans(text))
    if text != text.lower():  # names found by context are all Capitalised
        spans += _context_name_spans(text)
        spans += _joined_names(text, spans)
    yield from spans


def _listed_and_titled_name_spans(text: str) -> Iterator[tuple[int, int]]:
    for pattern in (_ROLE_NAME, _CALLED_NAME):
        for match in pattern.finditer(text):
            word = match.group("cand")
            if not _accept_candidate(word):
                continue
            start, end = match.span("cand")
            surname = match.group("surname")
            if surname and surname.strip() not in _NEVER_NAMES and word[:1].isupper():
                end = match.end("surname")
            yield start, _without_possessive(text, start, end)
    for match in _TITLE_NAME.finditer(text):
        if match.group("lower") is not None:
            if match.group("lower") in _STOPWORDS:
                continue
            start, end = match.span("lower")
        else:
            if match.group("cand") in _NEVER_NAMES:
                continue
            start, end = match.span("cand")
            surname = match.group("surname")
            if surname and surname.strip() not in _NEVER_NAMES:
                end = match.end("surname")
        yield start, _without_possessive(text, start, end)
    capitalised = text != text.lower()
    if not capitalised and _LOWER_CASE_NAMES.isdisjoint(_WORD.findall(text)):
        return  # all lower case, and no listed name in it: nothing more to find
    for match in _WORD.finditer(text):
        word = match.group()
        start, end = match.span()
        if word not in CAPITALISED_ONLY and word.lower() not in _LOWER_CASE_NAMES:
            # "Olivers party": a possessive typed without its apostrophe
            stem = word[:-1]
            if not (
                word[:1].isupper()
                and word.endswith("s")
                and (stem in CAPITALISED_ONLY or stem.lower() in _LOWER_CASE_NAMES)
            ):
                continue
        tail = _HYPHEN_TAIL.match(text, end)  # "Ellie-Mae"
        if tail:
            end = tail.end()
        surname = _SURNAME_AFTER.match(text, end)
        if surname and surname.group("surname") and surname.group().strip() not in _NEVER_NAMES:
            end = surname.end()
        yield start, _without_possessive(text, start, end)


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
    for match in _PLATFORM_HANDLE.finditer(text):
        handle = match.group("handle")
        # Without "is" or ":" only take it when it looks like a handle, not the next word.
        explicit = match.group("sep").strip() != ""
        if explicit or re.search(r"[\d_.@]", handle):
            yield match.span("handle")


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
)
_NUMBERED: Final = (
    ("ni number", _NI_NUMBER),
    ("phone", _PHONE),
    ("nhs number", _NHS_NUMBER),
    ("postcode", _POSTCODE),
    ("date", _DATE),
    ("address", _ADDRESS_NUMBERED),
)


def _candidates(text: str) -> Iterator[tuple[str, int, int]]:
    lower = text.lower()
    if "@" in text:
        for match in _EMAIL.finditer(text):
            yield ("email", *match.span())
    if any(hint in lower for hint in _SPELT_EMAIL_HINTS):
        for match in _EMAIL_SPELT.finditer(text):
            yield ("email", *match.span())
    if "." in text:
        for start, end in _link_spans(text):
            yield "link", start, end
    if "@" in text or any(hint in lower for hint in _PLATFORM_HINTS):
        for start, end in _handle_spans(text):
            yield "handle", start, end
    patterns: tuple[tuple[str, re.Pattern[str]], ...] = ()
    if _DIGIT.search(text):
        patterns = _NUMBERED
    if lower != text:  # a capital letter: a named street is possible
        patterns = (*patterns, ("address", _ADDRESS_NAMED))
    for kind, pattern in patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            while end > start and text[end - 1].isspace():
                end -= 1
            yield kind, start, end
    for start, end in _name_spans(text):
        yield "name", start, end


def find_personal_data(text: str) -> list[Span]:
    """Every piece of personal data found, in order, without overlaps."""
    if not text:
        return []
    found = sorted(
        (Span(start, end, kind) for kind, start, end in _candidates(text) if end > start),
        key=lambda span: (_PRIORITY[span.kind], span.start, -(span.end - span.start)),
    )
    kept: list[Span] = []
    for span in found:
        if all(span.end <= other.start or span.start >= other.end for other in kept):
            kept.append(span)
    return sorted(kept)


def redact(text: str) -> str:
    """The text with each piece of personal data replaced by its tag, e.g. "[phone]"."""
    if not text:
        return text
    pieces = []
    position = 0
    for span in find_personal_data(text):
        pieces.append(text[position : span.start])
        pieces.append(span.tag)
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


# Case-system references and other codes mix letters and digits ("REF-1234", "CLA12"); the
# redactor does not know the council's formats, so anything shaped like one goes.
_CODE = re.compile(r"(?<![\w-])(?=[\w/-]*\d)(?=[\w/-]*[A-Za-z])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*")
_NOT_A_CODE = re.compile(r"Q[1-4]|\d+(?:st|nd|rd|th|s)|\d{4}-\d{2}", re.IGNORECASE)


def redact_for_board(text: str) -> str:
    """Personal data and anything shaped like a reference code taken out of staff's words
    (for the board: staff write titles, owners and quotes that may hold either)."""

    def code(match: re.Match[str]) -> str:
        return match.group(0) if _NOT_A_CODE.fullmatch(match.group(0)) else "[reference]"

    return _CODE.sub(code, redact(text))
