"""Importing respondents from the case-management system's CSV export, once the file is checked.

Import runs in two steps. `parse_csv` (import_file.py) checks every row against a declarative
schema (pydantic) and the file as a whole (header, duplicates), without touching the database;
`check_against_db` adds what only the database knows (a phone number already held for another
reference) and which rows are new. Only then does `apply_import` write, and only the clean rows.

Merging: the case-management reference is the identity. The same reference again updates that
person. The same phone number on another reference is reported as a problem, never merged: a
carer's phone given for two children, or a recycled number, would otherwise fuse two children's
records into one, and send one child's survey link to another.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select

from app.conversations.channels import record_opt_in
from app.core.extensions import db
from app.core.phones import vault
from app.core.times import UK
from app.core.types import Channel
from app.outbound.opt_outs import reach_among
from app.respondents.import_plan import ImportPlan, Problem
from app.respondents.models import Respondent
from surveys.vocabulary import Cohort


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
    # People whose WhatsApp opt-in this import recorded, with when (for the audit log).
    whatsapp_opt_ins: list[tuple[Respondent, datetime]] = field(default_factory=list)


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
                preferred_language=row.preferred_language,
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
        if "preferred_language" in columns:
            person.preferred_language = row.preferred_language
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
    if "whatsapp_opt_in" in columns:
        _record_whatsapp_opt_ins(rows, result)
    return result


def _record_whatsapp_opt_ins(rows: Sequence[Any], result: ImportResult) -> None:
    """A yes records the opt-in once, on the number held; a no or a blank changes nothing (a
    person withdraws by replying STOP on WhatsApp, which an import never undoes)."""
    wanted = [r for r in rows if r.whatsapp_opt_in]
    people = _existing([r.reference for r in wanted])
    reach = reach_among(p.phone_hash for p in people.values())
    for row in wanted:
        person = people.get(row.reference)
        if person is None or not person.phone_hash:
            continue
        known = reach[person.phone_hash]
        if known.whatsapp_opted_in or Channel.WHATSAPP in known.stopped:
            continue  # already recorded, or stopped since: kept as it is
        at = _agreed_at(row.whatsapp_opt_in_date)
        record_opt_in(person.phone_hash, Channel.WHATSAPP, at)
        result.whatsapp_opt_ins.append((person, at))


def _agreed_at(day: str | None) -> datetime:
    """The start of the (UK) day they agreed; now when the file does not say."""
    if day is None:
        return datetime.now(UTC)
    return datetime.combine(date.fromisoformat(day), time.min, tzinfo=UK).astimezone(UTC)


def _snapshot(person: Respondent) -> tuple[Any, ...]:
    return (
        person.cohort,
        person.age_band,
        person.gender,
        person.ethnicity,
        person.preferred_channel,
        person.consent_to_contact,
        person.phone_hash,
        person.preferred_language,
    )
