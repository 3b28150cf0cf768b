"""Checking an uploaded CSV file, row by row and as a whole (header, duplicates), without
touching the database."""

from __future__ import annotations

import contextlib
import csv
import io
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError

from app.core.phones import InvalidPhone, normalise
from app.respondents.import_plan import CleanRow, ImportPlan, Problem
from app.respondents.import_row import ImportRow, RowProblems
from app.respondents.vocabularies import age_on, band_for_age, word_key

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
    "preferred_language",
    "whatsapp_opt_in",
    "whatsapp_opt_in_date",
)
REQUIRED_COLUMNS = ("reference", "cohort")
_HEADER_WORDS = {word_key(c): c for c in COLUMNS} | {
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
    "language": "preferred_language",
    "whatsapp": "whatsapp_opt_in",
    "whatsappconsent": "whatsapp_opt_in",
}
MAX_ROWS = 10_000


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
        column = _HEADER_WORDS.get(word_key(raw or ""))
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
            preferred_language=row.preferred_language,
            whatsapp_opt_in=row.whatsapp_opt_in,
            whatsapp_opt_in_date=(
                row.whatsapp_opt_in_date.isoformat() if row.whatsapp_opt_in_date else None
            ),
        )
    )
