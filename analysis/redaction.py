"""Take personal data out of free text before it is quoted to a board, a report or a log.

`redact(text)` swaps each piece for a tag: [name], [phone], [email], [postcode], [date],
[nhs number], [ni number], [handle], [link], [address], [school], [place] (a children's home,
family centre or club), [car registration]. It leans
towards over-redacting: in a county this size one name, school or street is enough to identify
a child. Place names and service names ("Speak Up, Speak Out", "SUSO", "CAMHS", "Childline"),
job titles ("social worker", "IRO") and ordinary words that are also names ("a bill to pay")
are left alone, and so are helpline numbers such as Childline's 0800 1111, which are too short
to be taken for a personal phone number.

Shapes (numbers, addresses, schools...) are found in `redaction_patterns`, names in
`redaction_names` from the names data set described in `names_data`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from .redaction_names import name_spans
from .redaction_patterns import pattern_spans

__all__ = [
    "KINDS",
    "KIND_WORDS",
    "Span",
    "describe_kinds",
    "find_personal_data",
    "holds_personal_data",
    "personal_data_kinds",
    "redact",
    "redact_for_board",
]

# Earlier kinds win where two finds overlap: an email holds a domain that looks like a link,
# a link can hold an @handle, and a school's name can hold a person's ("St Anne's") or a
# street's ("Hawthorn Vale Academy").
KINDS: Final[tuple[str, ...]] = (
    "email",
    "link",
    "handle",
    "ni number",
    "car registration",
    "phone",
    "nhs number",
    "postcode",
    "date",
    "school",
    "address",
    "place",
    "name",
)
_PRIORITY: Final = {kind: rank for rank, kind in enumerate(KINDS)}
# Each kind as an officer reads it in a message: "Evidence seems to hold a name".
KIND_WORDS: Final = {
    "email": "an email address",
    "link": "a web link",
    "handle": "a social media name",
    "ni number": "a National Insurance number",
    "car registration": "a car registration",
    "phone": "a phone number",
    "nhs number": "an NHS number",
    "postcode": "a postcode",
    "date": "a date",
    "address": "an address",
    "school": "the name of a school or college",
    "place": "the name of a home, centre or club",
    "name": "a name",
}
# In staff's words a date is usually a meeting or a deadline, and a link the council's own
# page: both are still redacted in what the board reads, but they do not stop a publish.
_NOT_REFUSED: Final = frozenset({"date", "link"})


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A piece of personal data at text[start:end]."""

    start: int
    end: int
    kind: str

    @property
    def tag(self) -> str:
        return f"[{self.kind}]"


def _candidates(text: str) -> Iterator[tuple[str, int, int]]:
    yield from pattern_spans(text)
    for start, end in name_spans(text):
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


def holds_personal_data(text: str) -> bool:
    """Would the board or the public see anything `redact_for_board` takes out?"""
    return bool(text) and redact_for_board(text) != text


def personal_data_kinds(text: str) -> list[str]:
    """The kinds of personal data in staff's words that must come out before they are
    published to the board or the public: names first, each kind once."""
    kinds = {span.kind for span in find_personal_data(text or "")} - _NOT_REFUSED
    return sorted(kinds, key=lambda kind: (kind != "name", _PRIORITY[kind]))


def describe_kinds(kinds: list[str]) -> str:
    """ "a name and a phone number", for a message to an officer."""
    words = [KIND_WORDS[kind] for kind in kinds]
    return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]
