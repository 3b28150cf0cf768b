"""Question kinds: how each kind of answer is parsed, shown, judged and summarised, and how it
is asked and read on each channel (web field, text message, phone keypad or speech).

Canonical stored values: single choice and yes/no/not sure -> option value (str);
multiple choice -> list[str] in option order; scale -> int; free text -> str ("" when skipped).
An optional choice or scale question that was skipped is stored as None.
"""

from __future__ import annotations

import random
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

from surveys.channels import FieldSpec, VoiceInput
from surveys.errors import AnswerError
from surveys.gsm7 import to_gsm7
from surveys.replies import (
    NO_WORDS,
    NOT_SURE_WORDS,
    SKIP_WORDS,
    YES_WORDS,
    face_point,
    match_option,
    normalise,
    number,
)

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
    # A picture key (surveys/pictures.py) for easy-read and early-years pages.
    picture: str | None = None


@dataclass(frozen=True)
class ScaleSpec:
    """A resolved rating scale."""

    min: int
    max: int
    labels: Mapping[int, str] = field(default_factory=dict, hash=False)
    faces: bool = False
    positive_at_least: int | None = None
    # A check-out question ("How are you feeling now?"): at or below this, show who can help.
    help_at_most: int | None = None

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


def _numbered(options: Sequence[Option]) -> str:
    return ", ".join(f"{n} {o.label}" for n, o in enumerate(options, 1))


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

    def shows_help(self, value: Any) -> bool:
        """Whether this answer should be followed by the page of people who can help."""
        return False

    # --- Channels: every kind must say how it is asked and read on each ----------------------

    # The stored value of a question left unanswered on purpose.
    skipped_value: ClassVar[Any] = None
    # Trauma-aware pages: any question can be passed over without pressure, so a child never
    # has to answer to go on. A consent kind (none yet) would set this False.
    skippable: ClassVar[bool] = True
    # Answers in the person's own words: the ones safeguarding reads.
    own_words: ClassVar[bool] = False
    # Whether a question must be answered when its definition does not say.
    required_by_default: ClassVar[bool] = True

    @abstractmethod
    def field_spec(self) -> FieldSpec:
        """The web field that asks this kind of question."""

    @abstractmethod
    def sms_hint(self, *, required: bool = True) -> str:
        """How to answer by text, in as few characters as we can."""

    @abstractmethod
    def read_sms(self, text: str, reply: str) -> Any:
        """A normalised reply (`text`; `reply` as sent) as raw input for parse(), or None."""

    def parse_sms(self, reply: str, *, required: bool = True) -> Any:
        """A text-message reply as the canonical value, or AnswerError in plain words."""
        text = normalise(reply)
        try:
            raw = self.read_sms(text, reply) if text else None
            if raw is None:
                raise AnswerError("no option matches")
            return self.parse(raw, required=required)
        except AnswerError:
            # The web's wording ("Choose one of the answers shown") means nothing in a text.
            hint = self.sms_hint(required=required)
            raise AnswerError(f"Sorry, I didn't get that. {hint}") from None

    @abstractmethod
    def voice_prompt(self, text: str, *, required: bool = True) -> str:
        """What the voice says for a question worded `text`, with how to answer."""

    @abstractmethod
    def voice_input(self) -> VoiceInput:
        """How the call listens for the answer."""

    def voice_answer(self, digits: str | None, speech: str | None) -> str:
        """The part of what the call heard that answers this kind: keypad digits by default."""
        return digits or ""

    def parse_keypad(self, digits: str, *, required: bool = True) -> Any:
        """Keypad digits (or speech, for kinds that listen for it) as the canonical value."""
        return self.parse_sms(digits.strip().rstrip("#"), required=required)

    @abstractmethod
    def sample_answer(self, rng: random.Random, texts: Sequence[str] = ()) -> Any:
        """A plausible stored answer for demo data; `texts` are example free-text answers."""


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

    def field_spec(self) -> FieldSpec:
        return FieldSpec("radio", "Choose one answer")

    def sms_hint(self, *, required: bool = True) -> str:
        return to_gsm7(f"Reply {_numbered(self.options)}")

    def read_sms(self, text: str, reply: str) -> Any:
        return match_option(self.options, text)

    def voice_prompt(self, text: str, *, required: bool = True) -> str:
        options = ". ".join(f"Press {n} for {o.label}" for n, o in enumerate(self.options, 1))
        return f"{text} {options}."

    def voice_input(self) -> VoiceInput:
        return VoiceInput(speech=False, single_key=len(self.options) <= 9)

    def sample_answer(self, rng: random.Random, texts: Sequence[str] = ()) -> Any:
        return rng.choice(self.options).value


@dataclass(frozen=True)
class YesNoNotSure(SingleChoice):
    name: ClassVar[str] = "yes_no_not_sure"
    options: tuple[Option, ...] = YES_NO_NOT_SURE_OPTIONS  # type: ignore[assignment]

    def sms_hint(self, *, required: bool = True) -> str:
        return "Reply YES, NO or NOT SURE"

    def read_sms(self, text: str, reply: str) -> Any:
        values = {o.value for o in self.options}
        if text in NOT_SURE_WORDS and "not_sure" in values:
            return "not_sure"
        first = text.split(" ")[0]
        if text in YES_WORDS or first in YES_WORDS and first not in NO_WORDS:
            return "yes"
        if text in NO_WORDS or first in NO_WORDS:
            return "no"
        return super().read_sms(text, reply)


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

    def field_spec(self) -> FieldSpec:
        return FieldSpec("checkboxes", "Choose at least one answer")

    def sms_hint(self, *, required: bool = True) -> str:
        return to_gsm7(f"Reply with the numbers that fit, e.g. 1,3: {_numbered(self.options)}")

    def read_sms(self, text: str, reply: str) -> Any:
        parts = [p for p in re.split(r"\s*(?:,|\band\b|&|\s)\s*", text) if p]
        values = [match_option(self.options, part) for part in parts]
        if values and all(values):
            return list(dict.fromkeys(values))
        whole = match_option(self.options, text)
        return [whole] if whole else None

    def voice_prompt(self, text: str, *, required: bool = True) -> str:
        options = ". ".join(f"{n} for {o.label}" for n, o in enumerate(self.options, 1))
        return f"{text} Press the numbers for all that apply, then the hash key. {options}."

    def voice_input(self) -> VoiceInput:
        return VoiceInput(speech=False, single_key=False)

    def parse_keypad(self, digits: str, *, required: bool = True) -> Any:
        # Each key is one choice: "13#" is options 1 and 3.
        return self.parse_sms(",".join(digits.strip().rstrip("#")), required=required)

    def sample_answer(self, rng: random.Random, texts: Sequence[str] = ()) -> Any:
        return [o.value for o in self.options if rng.random() < 0.4] or [self.options[0].value]


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

    def shows_help(self, value: Any) -> bool:
        point = self._point(value)
        return (
            point is not None
            and self.spec.help_at_most is not None
            and (point <= self.spec.help_at_most)
        )

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

    def field_spec(self) -> FieldSpec:
        return FieldSpec("radio", "Choose how you feel")

    def _end_labels(self) -> tuple[str | None, str | None]:
        labels = self.spec.labels
        return labels.get(self.spec.min), labels.get(self.spec.max)

    def sms_hint(self, *, required: bool = True) -> str:
        spec = self.spec
        low, high = self._end_labels()
        if low and high:
            return f"Reply {spec.min} ({low.lower()}) to {spec.max} ({high.lower()})"
        return f"Reply a number from {spec.min} to {spec.max}"

    def read_sms(self, text: str, reply: str) -> Any:
        # The scale's own faces first: on a 3-point scale 🙁 is 1, where FACE_POINTS says 2.
        own = next((o.value for o in self._options if o.face and o.face in reply), None)
        if own is not None:
            return own
        # The wider set of faces reads as points only on the 1-5 scale it was written for.
        face = face_point(reply) if (self.spec.min, self.spec.max) == (1, 5) else None
        point = face if face is not None else number(text)
        return None if point is None else str(point)

    def voice_prompt(self, text: str, *, required: bool = True) -> str:
        spec = self.spec
        low, high = self._end_labels()
        words = (
            f", where {spec.min} means {low.lower()} and {spec.max} means {high.lower()}"
            if (low and high)
            else ""
        )
        return f"{text} Press a number from {spec.min} to {spec.max}{words}."

    def voice_input(self) -> VoiceInput:
        return VoiceInput(speech=False, single_key=len(self._options) <= 9)

    def sample_answer(self, rng: random.Random, texts: Sequence[str] = ()) -> Any:
        # Mostly content, with a tail: what a real quarter looks like.
        values = [int(o.value) for o in self._options]
        weights = [1, 2, 4, 6, 5][: len(values)] + [3] * max(0, len(values) - 5)
        return rng.choices(values, weights=weights)[0]


@dataclass(frozen=True)
class FreeText(Kind):
    name: ClassVar[str] = "free_text"
    skipped_value: ClassVar[Any] = ""
    own_words: ClassVar[bool] = True
    required_by_default: ClassVar[bool] = False
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

    def field_spec(self) -> FieldSpec:
        return FieldSpec("textarea", "Write your answer, or go back", self.max_length)

    def sms_hint(self, *, required: bool = True) -> str:
        return "Or reply SKIP" if not required else ""

    def read_sms(self, text: str, reply: str) -> Any:
        return "" if text in SKIP_WORDS else reply.strip()

    def parse_sms(self, reply: str, *, required: bool = True) -> Any:
        # Skip words leave an optional answer empty; to a required question "no" is the answer.
        raw = self.read_sms(normalise(reply), reply) if not required else reply.strip()
        return self.parse(raw, required=required)

    def voice_prompt(self, text: str, *, required: bool = True) -> str:
        skip = " If you would rather not say, just stay quiet." if not required else ""
        return f"{text} Please say your answer after this message, then stop talking.{skip}"

    def voice_input(self) -> VoiceInput:
        return VoiceInput(speech=True)

    def voice_answer(self, digits: str | None, speech: str | None) -> str:
        return (speech or "").strip()

    def sample_answer(self, rng: random.Random, texts: Sequence[str] = ()) -> Any:
        return rng.choice(texts) if texts and rng.random() < 0.45 else ""


KINDS: Mapping[str, type[Kind]] = MappingProxyType(
    {kind.name: kind for kind in (SingleChoice, MultipleChoice, YesNoNotSure, Scale, FreeText)}
)
KIND_NAMES: tuple[str, ...] = tuple(KINDS)
CHOICE_KINDS: frozenset[str] = frozenset(
    {SingleChoice.name, MultipleChoice.name, YesNoNotSure.name}
)
