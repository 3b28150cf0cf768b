"""Question kinds: how each kind of answer is parsed, shown, judged and summarised.

Canonical stored values: single choice and yes/no/not sure -> option value (str);
multiple choice -> list[str] in option order; scale -> int; free text -> str ("" when skipped).
An optional choice or scale question that was skipped is stored as None.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

from surveys.errors import AnswerError

NOT_ANSWERED = "Not answered"

# Faces run from the lowest point to the highest; a scale's own labels replace the words.
FACE_SETS: Mapping[int, tuple[tuple[str, str], ...]] = MappingProxyType(
    {
        3: (("🙁", "Sad"), ("😐", "OK"), ("🙂", "Happy")),
        5: (
            ("😢", "Very sad"),
            ("🙁", "Sad"),
            ("😐", "OK"),
            ("🙂", "Happy"),
            ("😀", "Very happy"),
        ),
    }
)

DEFAULT_MAX_LENGTH = 2000

# Control characters (other than tab and newline) are never typed on purpose and break exports.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Option:
    """One answer a person can choose."""

    value: str
    label: str
    positive: bool = False
    face: str | None = None


@dataclass(frozen=True)
class ScaleSpec:
    """A resolved rating scale."""

    min: int
    max: int
    labels: Mapping[int, str] = field(default_factory=dict, hash=False)
    faces: bool = False
    positive_at_least: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", MappingProxyType(dict(self.labels)))

    @property
    def points(self) -> range:
        return range(self.min, self.max + 1)


YES_NO_NOT_SURE_OPTIONS: tuple[Option, ...] = (
    Option("yes", "Yes", positive=True),
    Option("no", "No"),
    Option("not_sure", "Not sure"),
)


def _one_raw(raw: Any) -> str | None:
    """Reduce a web-form value (str, or a list from getlist) to one stripped string or None."""
    if isinstance(raw, list | tuple):
        values = [v for v in raw if v is not None and str(v).strip() != ""]
        if len(values) > 1:
            raise AnswerError("Choose only one answer")
        raw = values[0] if values else None
    if raw is None:
        return None
    text = str(raw).strip()
    return text or None


def _counts(options: Sequence[Option]) -> dict[str, int]:
    return {option.value: 0 for option in options}


class Kind(ABC):
    """Behaviour shared by every question kind."""

    name: ClassVar[str]

    @property
    def options(self) -> tuple[Option, ...]:
        return ()

    @abstractmethod
    def parse(self, raw: Any, *, required: bool = True) -> Any:
        """Turn raw form input into the canonical stored value or raise AnswerError."""

    @abstractmethod
    def display(self, value: Any) -> str:
        """Human words for a stored value, for check-your-answers pages and reports."""

    @abstractmethod
    def is_positive(self, value: Any) -> bool | None:
        """Whether a stored value counts as positive; None when the idea does not apply."""

    @abstractmethod
    def summarise(self, values: Iterable[Any]) -> dict[str, Any]:
        """Counts over many stored values."""


@dataclass(frozen=True)
class SingleChoice(Kind):
    name: ClassVar[str] = "single_choice"
    options: tuple[Option, ...] = ()  # type: ignore[assignment]

    def option(self, value: str) -> Option | None:
        for option in self.options:
            if option.value == value:
                return option
        return None

    @property
    def has_positive(self) -> bool:
        return any(option.positive for option in self.options)

    def parse(self, raw: Any, *, required: bool = True) -> str | None:
        value = _one_raw(raw)
        if value is None:
            if required:
                raise AnswerError("Choose one answer")
            return None
        if self.option(value) is None:
            raise AnswerError("Choose one of the answers shown")
        return value

    def display(self, value: Any) -> str:
        if value is None or value == "":
            return NOT_ANSWERED
        option = self.option(str(value))
        return option.label if option else str(value)

    def is_positive(self, value: Any) -> bool | None:
        if value is None or not self.has_positive:
            return None
        option = self.option(str(value))
        return None if option is None else option.positive

    def summarise(self, values: Iterable[Any]) -> dict[str, Any]:
        counts = _counts(self.options)
        answered = skipped = unrecognised = positive = 0
        for value in values:
            if value is None or value == "":
                skipped += 1
                continue
            option = self.option(str(value))
            if option is None:
                unrecognised += 1
                continue
            answered += 1
            counts[option.value] += 1
            positive += option.positive
        return {
            "kind": self.name,
            "answered": answered,
            "skipped": skipped,
            "unrecognised": unrecognised,
            "counts": counts,
            "positive": positive if self.has_positive else None,
        }


@dataclass(frozen=True)
class YesNoNotSure(SingleChoice):
    name: ClassVar[str] = "yes_no_not_sure"
    options: tuple[Option, ...] = YES_NO_NOT_SURE_OPTIONS  # type: ignore[assignment]


@dataclass(frozen=True)
class MultipleChoice(Kind):
    name: ClassVar[str] = "multiple_choice"
    options: tuple[Option, ...] = ()  # type: ignore[assignment]

    def _labels(self) -> dict[str, Option]:
        return {option.value: option for option in self.options}

    @property
    def has_positive(self) -> bool:
        return any(option.positive for option in self.options)

    def parse(self, raw: Any, *, required: bool = True) -> list[str]:
        items = raw if isinstance(raw, list | tuple | set | frozenset) else [raw]
        chosen = {str(item).strip() for item in items if item is not None and str(item).strip()}
        if not chosen:
            if required:
                raise AnswerError("Choose at least one answer")
            return []
        known = self._labels()
        if not chosen <= known.keys():
            raise AnswerError("Choose from the answers shown")
        # Option order, so stored lists compare equal however the browser ordered them.
        return [option.value for option in self.options if option.value in chosen]

    def display(self, value: Any) -> str:
        if not value:
            return NOT_ANSWERED
        known = self._labels()
        values = value if isinstance(value, list | tuple) else [value]
        return ", ".join(known[v].label if v in known else str(v) for v in values)

    def is_positive(self, value: Any) -> bool | None:
        if not value or not self.has_positive:
            return None
        known = self._labels()
        return any(known[v].positive for v in value if v in known)

    def summarise(self, values: Iterable[Any]) -> dict[str, Any]:
        counts = _counts(self.options)
        known = self._labels()
        answered = skipped = unrecognised = positive = 0
        for value in values:
            if not value:
                skipped += 1
                continue
            answered += 1
            chosen = value if isinstance(value, list | tuple) else [value]
            any_positive = False
            for item in chosen:
                if item in counts:
                    counts[item] += 1
                    any_positive = any_positive or known[item].positive
                else:
                    unrecognised += 1
            positive += any_positive
        return {
            "kind": self.name,
            "answered": answered,
            "skipped": skipped,
            "unrecognised": unrecognised,
            "counts": counts,
            "positive": positive if self.has_positive else None,
        }


@dataclass(frozen=True)
class Scale(Kind):
    name: ClassVar[str] = "scale"
    spec: ScaleSpec = field(default_factory=lambda: ScaleSpec(1, 5))
    _options: tuple[Option, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        spec = self.spec
        faces = FACE_SETS.get(len(spec.points)) if spec.faces else None
        options = []
        for index, point in enumerate(spec.points):
            face, word = faces[index] if faces else (None, str(point))
            options.append(
                Option(
                    value=str(point),
                    label=spec.labels.get(point, word),
                    positive=spec.positive_at_least is not None and point >= spec.positive_at_least,
                    face=face,
                )
            )
        object.__setattr__(self, "_options", tuple(options))

    @property
    def options(self) -> tuple[Option, ...]:
        return self._options

    def _point(self, value: Any) -> int | None:
        if isinstance(value, bool):
            return None
        try:
            point = int(value)
        except (TypeError, ValueError):
            return None
        return point if self.spec.min <= point <= self.spec.max else None

    def parse(self, raw: Any, *, required: bool = True) -> int | None:
        text = _one_raw(raw)
        if text is None:
            if required:
                raise AnswerError("Choose one answer")
            return None
        point = self._point(text) if re.fullmatch(r"[0-9]{1,3}", text) else None
        if point is None:
            raise AnswerError("Choose one of the answers shown")
        return point

    def display(self, value: Any) -> str:
        point = self._point(value)
        if point is None:
            return NOT_ANSWERED if value in (None, "") else str(value)
        option = self._options[point - self.spec.min]
        if option.face:
            return f"{option.face} {option.label}"
        if option.label == str(point):
            return f"{point} out of {self.spec.max}"
        return option.label

    def is_positive(self, value: Any) -> bool | None:
        point = self._point(value)
        if point is None or self.spec.positive_at_least is None:
            return None
        return point >= self.spec.positive_at_least

    def summarise(self, values: Iterable[Any]) -> dict[str, Any]:
        counts = _counts(self._options)
        skipped = unrecognised = positive = 0
        points: list[int] = []
        for value in values:
            if value is None or value == "":
                skipped += 1
                continue
            point = self._point(value)
            if point is None:
                unrecognised += 1
                continue
            points.append(point)
            counts[str(point)] += 1
            positive += bool(self.is_positive(point))
        return {
            "kind": self.name,
            "answered": len(points),
            "skipped": skipped,
            "unrecognised": unrecognised,
            "counts": counts,
            "positive": positive if self.spec.positive_at_least is not None else None,
            "mean": round(sum(points) / len(points), 2) if points else None,
        }


@dataclass(frozen=True)
class FreeText(Kind):
    name: ClassVar[str] = "free_text"
    max_length: int = DEFAULT_MAX_LENGTH

    def parse(self, raw: Any, *, required: bool = True) -> str:
        if isinstance(raw, list | tuple):
            raw = "\n".join(str(item) for item in raw if item is not None)
        text = "" if raw is None else str(raw)
        text = _CONTROL_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
        if not text and required:
            raise AnswerError("Please write your answer in the box")
        if len(text) > self.max_length:
            raise AnswerError(
                f"Your answer is too long – please keep it under {self.max_length} characters"
            )
        return text

    def display(self, value: Any) -> str:
        if value is None or str(value).strip() == "":
            return NOT_ANSWERED
        return str(value)

    def is_positive(self, value: Any) -> bool | None:
        return None

    def summarise(self, values: Iterable[Any]) -> dict[str, Any]:
        answered = skipped = 0
        for value in values:
            if value is None or str(value).strip() == "":
                skipped += 1
            else:
                answered += 1
        return {"kind": self.name, "answered": answered, "skipped": skipped}


KINDS: Mapping[str, type[Kind]] = MappingProxyType(
    {kind.name: kind for kind in (SingleChoice, MultipleChoice, YesNoNotSure, Scale, FreeText)}
)
KIND_NAMES: tuple[str, ...] = tuple(KINDS)
CHOICE_KINDS: frozenset[str] = frozenset(
    {SingleChoice.name, MultipleChoice.name, YesNoNotSure.name}
)
