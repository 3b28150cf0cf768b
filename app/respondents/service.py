"""Respondents: CSV import from the case-management system, erasure and subject-access export.

Import runs in two steps. `parse_csv` checks every row against a declarative schema (pydantic)
and the file as a whole (header, duplicates), without touching the database; `check_against_db`
adds what only the database knows (a phone number already held for another reference) and which
rows are new. Only then does `apply_import` write, and only the clean rows.

Merging: the case-management reference is the identity. The same reference again updates that
person. The same phone number on another reference is reported as a problem, never merged: a
carer's phone given for two children, or a recycled number, would otherwise fuse two children's
records into one, and send one child's survey link to another.

A date of birth is only used to work out the age band; it is never stored.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Annotated, Any

import phonenumbers
from flask import current_app
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from sqlalchemy import delete, or_, select

from app.actions.models import ActionQuote
from app.campaigns.models import Campaign, Invitation
from app.conversations.models import Conversation, InboundMessage, SmsContact
from app.core.extensions import db
from app.core.phones import InvalidPhone, normalise, vault
from app.core.types import Channel, now_utc
from app.outbound.models import CheckinSchedule, OutboundMessage
from app.respondents.models import Respondent
from app.responses.models import Answer, Response
from app.review.models import AnswerAnalysis
from app.safeguarding.models import SafeguardingFlag
from surveys import default_registry
from surveys.vocabulary import Cohort

# --- Vocabularies ------------------------------------------------------------------------------

# The brief's reporting bands. Children looked after and care leavers are surveyed from 8 to 25.
CARE_BANDS: tuple[tuple[str, int, int], ...] = (
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


def _key(text: str) -> str:
    """Letters and digits only, lower case: 'Parent / Carer' -> 'parentcarer'."""
    return re.sub(r"[^a-z0-9+]", "", text.lower())


_COHORT_WORDS: dict[str, Cohort] = {}
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
        _COHORT_WORDS[_key(_word)] = _cohort
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
_ETHNICITY_WORDS: dict[str, str] = {}
for _code, _label in ETHNICITIES.items():
    _ETHNICITY_WORDS[_key(_code)] = _label
    _ETHNICITY_WORDS[_key(_label)] = _label
    # "Indian" as well as "Asian or Asian British: Indian"; "White and Asian" as well as "Mixed: …"
    if ":" in _label:
        _ETHNICITY_WORDS[_key(_label.split(":", 1)[1])] = _label
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
    _ETHNICITY_WORDS[_key(_word)] = _label

_CHANNEL_WORDS = {
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
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}

# Columns, as the case-management export names them, and the spellings we also accept.
COLUMNS = (
    "reference",
    "cohort",
    "date_of_birth",
    "age_band",
    "gender",
    "ethnicity",
    "phone",
    "preferred_channel",
    "consent_sms",
)
REQUIRED_COLUMNS = ("reference", "cohort")
_HEADER_WORDS = {_key(c): c for c in COLUMNS} | {
    "dob": "date_of_birth",
    "birthdate": "date_of_birth",
    "ageband": "age_band",
    "sex": "gender",
    "mobile": "phone",
    "phonenumber": "phone",
    "mobilenumber": "phone",
    "channel": "preferred_channel",
    "consent": "consent_sms",
    "consenttosms": "consent_sms",
    "smsconsent": "consent_sms",
}
MAX_ROWS = 10_000
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")


# --- One row: the schema -----------------------------------------------------------------------


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
    found = _COHORT_WORDS.get(_key(text))
    if found is None:
        raise ValueError(f'"{text[:40]}" is not a cohort we know. Use one of {COHORT_HINT}')
    return found


def _date_of_birth(value: Any) -> date | None:
    text = _blank_to_none(value)
    if text is None:
        return None
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    # The value is a date of birth: never repeated back, even on screen.
    raise ValueError("is not a date. Write it as day/month/year, for example 31/01/2012")


def _age_band(value: Any) -> str | None:
    text = _blank_to_none(value)
    if text is None:
        return None
    key = _key(text)
    aliases = {"under1": "under 1", "0": "under 1", "16andover": "16+", "16plus": "16+"}
    if key in aliases:
        return aliases[key]
    for band in AGE_BAND_ORDER:
        if _key(band).replace("-", "") == key:
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
    found = _ETHNICITY_WORDS.get(_key(text))
    if found is None:
        raise ValueError(
            f'"{text[:40]}" is not one of the national ethnicity categories (use the category '
            'or its code, e.g. "White British" or "WBRI", or "Information not yet obtained")'
        )
    return found


def _phone(value: Any) -> str | None:
    text = _blank_to_none(value)
    if text is None:
        return None
    if len(text) > 32:
        raise ValueError("is too long to be a phone number")
    try:
        return normalise(text)
    except InvalidPhone:
        # Not echoed: it is (nearly) someone's phone number.
        raise ValueError("is not a phone number we can text") from None


def _channel(value: Any) -> Channel:
    text = _blank_to_none(value)
    if text is None:
        return Channel.WEB
    found = _CHANNEL_WORDS.get(_key(text))
    if found is None:
        raise ValueError(f'"{text[:20]}" is not a channel. Use web, sms or voice')
    return found


def _yes_no(value: Any) -> bool:
    text = _blank_to_none(value)
    if text is None:
        return False  # no recorded consent is no consent
    if text.lower() in _YES:
        return True
    if text.lower() in _NO:
        return False
    raise ValueError(f'"{text[:20]}" is not yes or no')


def _can_be_mobile(e164: str) -> bool:
    number = phonenumbers.parse(e164)
    return phonenumbers.is_possible_number_for_type(number, phonenumbers.PhoneNumberType.MOBILE)


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def band_for_age(cohort: Cohort, age: int) -> str | None:
    bands = CARE_BANDS if cohort in CARE_COHORTS else CHILD_BANDS
    for band, low, high in bands:
        if low <= age <= high:
            return band
    return None


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
    gender: Annotated[
        Annotated[str, Field(max_length=32)] | None, BeforeValidator(_blank_to_none)
    ] = None
    ethnicity: Annotated[str, BeforeValidator(_ethnicity)] = NOT_OBTAINED
    phone: Annotated[str | None, BeforeValidator(_phone)] = None
    preferred_channel: Annotated[Channel, BeforeValidator(_channel)] = Channel.WEB
    consent_sms: Annotated[bool, BeforeValidator(_yes_no)] = False

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
        if texted and self.phone is not None and not _can_be_mobile(self.phone):
            problems.append(("phone", "is not a mobile number, and invitations come by text"))
        if self.consent_sms and self.phone is None:
            problems.append(("phone", "is blank but consent_sms is yes: add the number"))
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


# --- The file ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}, column {self.column}" if self.column else f"Row {self.row}"
        return f"{where}: {self.message}"


@dataclass
class CleanRow:
    """A row that passed every check, reduced to what we keep (no date of birth)."""

    row: int
    reference: str
    cohort: str
    age_band: str | None
    gender: str | None
    ethnicity: str
    phone: str | None  # E.164
    preferred_channel: str
    consent_sms: bool
    new: bool = True


@dataclass
class ImportPlan:
    total: int = 0
    columns: list[str] = field(default_factory=list)
    rows: list[CleanRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def clean_rows(self) -> list[CleanRow]:
        bad = {p.row for p in self.problems}
        return [r for r in self.rows if r.row not in bad]

    @property
    def bad_row_count(self) -> int:
        return len({p.row for p in self.problems if p.row > 1})

    @property
    def header_ok(self) -> bool:
        return not any(p.row == 1 for p in self.problems)

    def by_cohort(self) -> list[tuple[str, int, int]]:
        """(cohort label, new, updated) for the clean rows, in the cohorts' order."""
        new: Counter[str] = Counter()
        updated: Counter[str] = Counter()
        for r in self.clean_rows:
            (new if r.new else updated)[r.cohort] += 1
        return [
            (c.label, new[c.value], updated[c.value])
            for c in Cohort
            if new[c.value] or updated[c.value]
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "columns": self.columns,
            "rows": [asdict(r) for r in self.rows],
            "problems": [asdict(p) for p in self.problems],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportPlan:
        return cls(
            total=data["total"],
            columns=list(data["columns"]),
            rows=[CleanRow(**r) for r in data["rows"]],
            problems=[Problem(**p) for p in data["problems"]],
        )


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in Windows-1252.
        return data.decode("cp1252", errors="replace")


def _header(names: Sequence[str]) -> tuple[list[str | None], list[Problem]]:
    problems: list[Problem] = []
    mapped: list[str | None] = []
    seen: set[str] = set()
    for raw in names:
        column = _HEADER_WORDS.get(_key(raw or ""))
        if column is None:
            if (raw or "").strip():
                problems.append(
                    Problem(
                        1,
                        (raw or "").strip()[:40],
                        "is not a column we import. Remove it (names, addresses and notes are "
                        f"never imported). The columns are: {', '.join(COLUMNS)}",
                    )
                )
            mapped.append(None)
            continue
        if column in seen:
            problems.append(Problem(1, column, "appears twice in the header"))
        seen.add(column)
        mapped.append(column)
    for column in REQUIRED_COLUMNS:
        if column not in seen:
            problems.append(Problem(1, column, "is missing from the header row"))
    if "date_of_birth" not in seen and "age_band" not in seen:
        problems.append(
            Problem(1, "date_of_birth", "and age_band are both missing: include one of them")
        )
    return mapped, problems


def _translate(error: dict[str, Any]) -> list[tuple[str, str]]:
    """Pydantic's error, in plain words, against the column it is about."""
    column = str(error["loc"][0]) if error["loc"] else ""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        cause = ctx.get("error")
        if isinstance(cause, RowProblems):
            return cause.problems
        return [(column, str(cause))]
    if kind in ("string_too_short", "too_short", "missing"):
        return [(column, "is blank")]
    if kind in ("string_too_long", "too_long"):
        return [(column, f"is too long: at most {ctx.get('max_length')} characters")]
    if kind == "string_pattern_mismatch":
        return [(column, "can only use letters, numbers and the characters - _ . /")]
    return [(column, str(error["msg"]))]


def parse_csv(data: bytes, today: date | None = None) -> ImportPlan:
    """Check every row of an uploaded file; touches no database."""
    today = today or date.today()
    plan = ImportPlan()
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        plan.problems.append(Problem(1, "", "The file is empty"))
        return plan
    except csv.Error:
        plan.problems.append(Problem(1, "", "The file cannot be read as CSV"))
        return plan
    columns, problems = _header(header)
    plan.columns = [c for c in columns if c]
    if problems:
        plan.problems = problems
        return plan

    references: dict[str, list[int]] = defaultdict(list)
    phones: dict[str, list[int]] = defaultdict(list)
    try:
        for line, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # blank lines, e.g. at the end of the file
            plan.total += 1
            if plan.total > MAX_ROWS:
                plan.problems.append(
                    Problem(line, "", f"The file has more than {MAX_ROWS} rows: split it")
                )
                break
            if len(cells) != len(columns):
                plan.problems.append(
                    Problem(
                        line,
                        "",
                        f"has {len(cells)} cells but the header has {len(columns)} columns",
                    )
                )
                continue
            raw = {c: v for c, v in zip(columns, cells, strict=True) if c is not None}
            if raw.get("reference", "").strip():
                references[raw["reference"].strip().upper()].append(line)
            with contextlib.suppress(InvalidPhone):
                phones[normalise(raw.get("phone", "") or "")].append(line)
            _validate_row(plan, line, raw, today)
    except csv.Error:
        plan.problems.append(Problem(plan.total + 2, "", "The file cannot be read as CSV here"))

    for lines in references.values():
        for line in lines if len(lines) > 1 else []:
            others = ", ".join(str(n) for n in lines if n != line)
            plan.problems.append(
                Problem(line, "reference", f"is the same as on row {others}: each person once")
            )
    for lines in phones.values():
        for line in lines if len(lines) > 1 else []:
            others = ", ".join(str(n) for n in lines if n != line)
            plan.problems.append(Problem(line, "phone", f"is the same number as on row {others}"))
    plan.problems.sort(
        key=lambda p: (p.row, COLUMNS.index(p.column) if p.column in COLUMNS else -1)
    )
    return plan


def _validate_row(plan: ImportPlan, line: int, raw: dict[str, str], today: date) -> None:
    try:
        row = ImportRow.model_validate(raw, context={"today": today})
    except ValidationError as exc:
        for error in exc.errors():
            for column, message in _translate(error):
                plan.problems.append(Problem(line, column, message))
        return
    age_band = row.age_band
    if age_band is None and row.date_of_birth is not None:
        age_band = band_for_age(row.cohort, age_on(row.date_of_birth, today))
    plan.rows.append(
        CleanRow(
            row=line,
            reference=row.reference,
            cohort=row.cohort.value,
            age_band=age_band,
            gender=row.gender,
            ethnicity=row.ethnicity,
            phone=row.phone,
            preferred_channel=row.preferred_channel.value,
            consent_sms=row.consent_sms,
        )
    )


# --- Against the database ----------------------------------------------------------------------


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing(references: Sequence[str]) -> dict[str, Respondent]:
    found: dict[str, Respondent] = {}
    for chunk in _chunks(list(references)):
        for person in db.session.scalars(select(Respondent).where(Respondent.reference.in_(chunk))):
            found[person.reference] = person
    return found


def check_against_db(plan: ImportPlan) -> ImportPlan:
    """Mark new rows, and report phone numbers already held for another reference."""
    if not plan.header_ok:
        return plan
    clean = plan.clean_rows
    existing = _existing([r.reference for r in clean])
    in_file = {r.reference: r for r in clean}
    hashes = {vault().hash(r.phone): r for r in clean if r.phone}
    holders: dict[str, Respondent] = {}
    for chunk in _chunks(list(hashes)):
        for person in db.session.scalars(
            select(Respondent).where(Respondent.phone_hash.in_(chunk))
        ):
            assert person.phone_hash is not None
            holders[person.phone_hash] = person
    extra: list[Problem] = []
    phone_column = "phone" in plan.columns
    for phone_hash, row in hashes.items():
        holder = holders.get(phone_hash)
        if holder is None or holder.reference == row.reference:
            continue
        moving = in_file.get(holder.reference)
        if moving is not None and phone_column and moving.phone != row.phone:
            continue  # the file also gives that person another number (or none): a move
        extra.append(
            Problem(
                row.row,
                "phone",
                f"is already held for another person (reference {holder.reference}). "
                "Check the number; one phone cannot belong to two people here",
            )
        )
    for row in plan.rows:
        row.new = row.reference not in existing
    plan.problems = sorted(plan.problems + extra, key=lambda p: p.row)
    return plan


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


def apply_import(plan: ImportPlan) -> ImportResult:
    """Create or update one respondent per clean row. Flushes.

    Only the columns the file has are written: a file without a phone column keeps the numbers
    held; a blank phone in a file that has the column removes the number held.
    """
    columns = set(plan.columns)
    rows = plan.clean_rows
    result = ImportResult(skipped=plan.bad_row_count)
    existing = _existing([r.reference for r in rows])
    before = {ref: _snapshot(person) for ref, person in existing.items()}
    v = vault()
    wanted = {r.reference: (v.hash(r.phone) if r.phone else None) for r in rows}

    # Numbers moving between people: free them all first, so the unique hash never clashes.
    if "phone" in columns:
        for ref, person in existing.items():
            if person.phone_hash != wanted[ref]:
                person.phone_hash = None
                person.phone_encrypted = None
        db.session.flush()

    for row in rows:
        person = existing.get(row.reference)
        if person is None:
            person = Respondent(
                reference=row.reference,
                cohort=Cohort(row.cohort),
                preferred_channel=Channel(row.preferred_channel),
                consent_to_contact=row.consent_sms,
            )
            db.session.add(person)
        person.cohort = Cohort(row.cohort)
        if columns & {"date_of_birth", "age_band"}:
            person.age_band = row.age_band
        if "gender" in columns:
            person.gender = row.gender
        if "ethnicity" in columns:
            person.ethnicity = row.ethnicity
        if "preferred_channel" in columns:
            person.preferred_channel = Channel(row.preferred_channel)
        if "consent_sms" in columns:
            person.consent_to_contact = row.consent_sms
        if "phone" in columns and person.phone_hash != wanted[row.reference]:
            person.phone_hash = wanted[row.reference]
            person.phone_encrypted = v.encrypt(row.phone) if row.phone else None
        if row.reference not in before:
            result.created += 1
        elif _snapshot(person) == before[row.reference]:
            result.unchanged += 1
        else:
            result.updated += 1
    db.session.flush()
    return result


def _snapshot(person: Respondent) -> tuple[Any, ...]:
    return (
        person.cohort,
        person.age_band,
        person.gender,
        person.ethnicity,
        person.preferred_channel,
        person.consent_to_contact,
        person.phone_hash,
    )


def find_by_phone(raw: str) -> Respondent | None:
    """The respondent with this phone number, found by its keyed hash."""
    try:
        e164 = normalise(raw)
    except InvalidPhone:
        return None
    return db.session.scalar(select(Respondent).where(Respondent.phone_hash == vault().hash(e164)))


# --- Everything held about one person ----------------------------------------------------------


def _response_ids(person: Respondent) -> list[int]:
    """Their responses: by respondent, by their invitations, and by conversations from their
    phone (an open-link survey answered by text is theirs too)."""
    invitation_ids = select(Invitation.id).where(Invitation.respondent_id == person.id)
    conditions = [Response.respondent_id == person.id, Response.invitation_id.in_(invitation_ids)]
    if person.phone_hash:
        conditions.append(
            Response.id.in_(
                select(Conversation.response_id).where(Conversation.phone_hash == person.phone_hash)
            )
        )
    return list(db.session.scalars(select(Response.id).where(or_(*conditions))))


def _flags_of(person: Respondent, response_ids: Sequence[int]) -> list[SafeguardingFlag]:
    conditions = [SafeguardingFlag.response_id.in_(response_ids)]
    if person.phone_hash:
        conditions.append(SafeguardingFlag.phone_hash == person.phone_hash)
    return list(
        db.session.scalars(
            select(SafeguardingFlag).where(or_(*conditions)).order_by(SafeguardingFlag.created_at)
        )
    )


def _messages_of(person: Respondent) -> list[OutboundMessage]:
    conditions = [OutboundMessage.respondent_id == person.id]
    if person.phone_hash:
        conditions.append(OutboundMessage.phone_hash == person.phone_hash)
    return list(
        db.session.scalars(
            select(OutboundMessage).where(or_(*conditions)).order_by(OutboundMessage.created_at)
        )
    )


@dataclass
class AnswerView:
    question_key: str
    question: str
    value: Any
    shown: str
    free_text: bool
    answered_at: datetime
    analysis: AnswerAnalysis | None


@dataclass
class ResponseView:
    response: Response
    campaign: Campaign
    answers: list[AnswerView]


@dataclass
class Holdings:
    """Everything held about one respondent, for their page and their subject-access export."""

    person: Respondent
    invitations: list[Invitation]
    responses: list[ResponseView]
    messages: list[OutboundMessage]
    inbound: list[InboundMessage]
    flags: list[SafeguardingFlag]
    schedules: list[CheckinSchedule]
    conversations: list[Conversation]
    sms_contact: SmsContact | None


def _answer_views(response: Response) -> list[AnswerView]:
    try:
        survey = default_registry().get(response.survey_key, response.survey_version)
        resolved = survey.resolve(response.variant)
    except (KeyError, ValueError):
        resolved = None
    analyses = {
        a.answer_id: a
        for a in db.session.scalars(
            select(AnswerAnalysis).where(
                AnswerAnalysis.answer_id.in_(
                    select(Answer.id).where(Answer.response_id == response.id)
                )
            )
        )
    }
    views = []
    for answer in response.answers:
        question = None
        if resolved is not None:
            try:
                question = resolved.question(answer.question_key)
            except KeyError:
                question = None
        try:
            shown = question.display(answer.value) if question else str(answer.value)
        except Exception:  # a value an older version allowed: show it as stored
            shown = str(answer.value)
        views.append(
            AnswerView(
                question_key=answer.question_key,
                question=question.text if question else answer.question_key,
                value=answer.value,
                shown=shown,
                free_text=(question.kind == "free_text")
                if question
                else answer.value_text is not None,
                answered_at=answer.answered_at,
                analysis=analyses.get(answer.id),
            )
        )
    return views


def holdings(person: Respondent) -> Holdings:
    response_ids = _response_ids(person)
    responses = list(
        db.session.scalars(
            select(Response).where(Response.id.in_(response_ids)).order_by(Response.started_at)
        )
    )
    phone_hash = person.phone_hash
    return Holdings(
        person=person,
        invitations=list(
            db.session.scalars(
                select(Invitation)
                .where(Invitation.respondent_id == person.id)
                .order_by(Invitation.created_at)
            )
        ),
        responses=[ResponseView(r, r.campaign, _answer_views(r)) for r in responses],
        messages=_messages_of(person),
        inbound=list(
            db.session.scalars(
                select(InboundMessage)
                .where(InboundMessage.phone_hash == phone_hash)
                .order_by(InboundMessage.received_at)
            )
        )
        if phone_hash
        else [],
        flags=_flags_of(person, response_ids),
        schedules=list(
            db.session.scalars(
                select(CheckinSchedule).where(CheckinSchedule.respondent_id == person.id)
            )
        ),
        conversations=list(
            db.session.scalars(
                select(Conversation).where(
                    or_(
                        Conversation.response_id.in_(response_ids),
                        Conversation.phone_hash == (phone_hash or ""),
                    )
                )
            )
        ),
        sms_contact=db.session.scalar(select(SmsContact).where(SmsContact.phone_hash == phone_hash))
        if phone_hash
        else None,
    )


_LINK = re.compile(r"https?://\S+")


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


def subject_access(person: Respondent) -> dict[str, Any]:
    """Everything held about one respondent, as plain data for a JSON download."""
    held = holdings(person)
    phone = vault().decrypt(person.phone_encrypted) if person.phone_encrypted else None
    return {
        "about": "Everything Golden Thread holds about one person, for a subject access request.",
        "generated_at": now_utc().isoformat(),
        "controller": current_app.config["COUNCIL_NAME"],
        "person": {
            "reference": person.reference,
            "cohort": person.cohort.label,
            "age_band": person.age_band,
            "gender": person.gender,
            "ethnicity": person.ethnicity,
            "phone": phone,
            "preferred_channel": person.preferred_channel.value,
            "consent_to_sms": person.consent_to_contact,
            "added_at": _iso(person.created_at),
        },
        "texts_stopped": bool(held.sms_contact and held.sms_contact.opted_out),
        "invitations": [
            {
                "campaign": i.campaign.name,
                "channel": i.channel.value,
                "created_at": _iso(i.created_at),
                "expires_at": _iso(i.expires_at),
                "check_in_round": i.checkin_round,
            }
            for i in held.invitations
        ],
        "responses": [
            {
                "campaign": view.campaign.name,
                "survey": view.response.survey_key,
                "survey_version": view.response.survey_version,
                "channel": view.response.channel.value,
                "status": view.response.status.value,
                "started_at": _iso(view.response.started_at),
                "completed_at": _iso(view.response.completed_at),
                "answers": [
                    {
                        "question": a.question,
                        "answer": a.value,
                        "answered_at": _iso(a.answered_at),
                        **(
                            {
                                "themes_found": a.analysis.final_themes,
                                "pledges_found": a.analysis.final_pledges,
                                "sentiment": a.analysis.sentiment,
                            }
                            if a.analysis
                            else {}
                        ),
                    }
                    for a in view.answers
                ],
            }
            for view in held.responses
        ],
        "texts_sent": [
            {
                "purpose": m.purpose,
                "status": m.status.value,
                "created_at": _iso(m.created_at),
                "sent_at": _iso(m.sent_at),
                # A survey link still works: whoever holds this file could answer as them.
                "text": _LINK.sub("[link removed]", m.body),
            }
            for m in held.messages
        ],
        "texts_and_calls_received": [
            {"channel": m.channel.value, "received_at": _iso(m.received_at)} for m in held.inbound
        ],
        "safeguarding": [
            {
                "recorded_at": _iso(f.created_at),
                "channel": f.channel.value,
                "category": f.category,
                "words": f.text,
            }
            for f in held.flags
        ],
        "check_ins": [
            {
                "campaign_id": s.campaign_id,
                "rule": s.rule,
                "every": s.interval,
                "months_after_start": s.offsets_months,
                "start": _iso(s.start_date),
                "sent": s.sent_count,
                "next_due_at": _iso(s.next_due_at),
                "active": s.active,
            }
            for s in held.schedules
        ],
    }


# --- Erasure -----------------------------------------------------------------------------------


class ErasureRefused(Exception):
    """Erasure must wait (a safeguarding flag not yet acknowledged)."""


@dataclass
class ErasureResult:
    responses: int = 0
    answers: int = 0
    invitations: int = 0
    messages: int = 0
    flags_detached: int = 0
    quotes_removed: int = 0

    def as_detail(self) -> dict[str, int]:
        return asdict(self)


def open_flags(person: Respondent) -> list[SafeguardingFlag]:
    return [f for f in _flags_of(person, _response_ids(person)) if f.acknowledged_at is None]


def erase(person: Respondent) -> ErasureResult:
    """Remove one respondent and everything that identifies them or is theirs. Flushes.

    Deleted: the person, invitations, responses and answers (with their analysis and any board
    quote taken from them), texts sent and received, conversations and check-in schedules.
    Kept: safeguarding flags and their trail, detached from the person (no response, no phone
    hash), because the safeguarding record must survive an erasure request; an SMS opt-out
    (only a keyed hash of the number), so a STOP is still honoured if the number comes back.
    Refused while a flag is waiting for the duty officer: a disclosure must be acted on first.
    """
    if open_flags(person):
        raise ErasureRefused(
            "A safeguarding flag for this person is waiting for the duty officer. It must be "
            "acknowledged before the person can be erased."
        )
    result = ErasureResult()
    response_ids = _response_ids(person)
    invitation_ids = list(
        db.session.scalars(select(Invitation.id).where(Invitation.respondent_id == person.id))
    )
    answer_ids = list(
        db.session.scalars(select(Answer.id).where(Answer.response_id.in_(response_ids)))
    )
    analysis_ids = list(
        db.session.scalars(
            select(AnswerAnalysis.id).where(AnswerAnalysis.answer_id.in_(answer_ids))
        )
    )
    for flag in _flags_of(person, response_ids):
        flag.response_id = None
        flag.phone_hash = None
        # "response:12:q3" would point back to the response: keep it unique, point nowhere.
        flag.source_key = f"erased:{flag.id}"
        result.flags_detached += 1
    db.session.flush()

    gone = {"synchronize_session": False}
    result.quotes_removed = db.session.execute(
        delete(ActionQuote).where(ActionQuote.analysis_id.in_(analysis_ids)), execution_options=gone
    ).rowcount
    db.session.execute(
        delete(AnswerAnalysis).where(AnswerAnalysis.id.in_(analysis_ids)), execution_options=gone
    )
    result.answers = db.session.execute(
        delete(Answer).where(Answer.id.in_(answer_ids)), execution_options=gone
    ).rowcount
    conversation = Conversation.response_id.in_(response_ids)
    messages = OutboundMessage.respondent_id == person.id
    messages = or_(messages, OutboundMessage.invitation_id.in_(invitation_ids))
    if person.phone_hash:
        conversation = or_(conversation, Conversation.phone_hash == person.phone_hash)
        messages = or_(messages, OutboundMessage.phone_hash == person.phone_hash)
        db.session.execute(
            delete(InboundMessage).where(InboundMessage.phone_hash == person.phone_hash),
            execution_options=gone,
        )
    db.session.execute(delete(Conversation).where(conversation), execution_options=gone)
    result.messages = db.session.execute(
        delete(OutboundMessage).where(messages), execution_options=gone
    ).rowcount
    result.responses = db.session.execute(
        delete(Response).where(Response.id.in_(response_ids)), execution_options=gone
    ).rowcount
    db.session.execute(
        delete(CheckinSchedule).where(CheckinSchedule.respondent_id == person.id),
        execution_options=gone,
    )
    result.invitations = db.session.execute(
        delete(Invitation).where(Invitation.id.in_(invitation_ids)), execution_options=gone
    ).rowcount
    db.session.execute(delete(Respondent).where(Respondent.id == person.id), execution_options=gone)
    db.session.expunge(person)
    db.session.expire_all()
    return result
