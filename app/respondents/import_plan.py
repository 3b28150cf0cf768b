"""What checking an import file found: its clean rows and its problems, kept between the
check and the import (so it serialises to plain data)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from surveys.vocabulary import Cohort


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
    preferred_language: str | None = None  # a code from surveys.languages; None is English
    whatsapp_opt_in: bool = False
    whatsapp_opt_in_date: str | None = None  # ISO date they agreed, when the file gives it


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
