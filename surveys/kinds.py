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

from surveys.channel_words import ChannelWords, words_for
from surveys.channels import FieldSpec, VoiceInput
from surveys.errors import AnswerError
from surveys.gsm7 import to_gsm7
from surveys.i18n import N_
from surveys.languages import SOURCE_LANGUAGE
from surveys.options import FACE_SETS, YES_NO_NOT_SURE_OPTIONS, Option, ScaleSpec
from surveys.replies import face_point, match_option, normalise, number

__all__ = [
    "CHOICE_KINDS",
    "FACE_SETS",
    "KINDS",
    "KIND_NAMES",
    "NOT_ANSWERED",
    "YES_NO_NOT_SURE_OPTIONS",
    "FreeText",
    "Kind",
    "MultipleChoice",
    "Option",
    "Scale",
    "ScaleSpec",
    "Shown",
    "SingleChoice",
    "YesNoNotSure",
]
EN = SOURCE_LANGUAGE

NOT_ANSWERED = N_("Not answered")
# A scale point without words of its own: "3 out of 5".
OUT_OF = N_("%(point)s out of %(max)s")

DEFAULT_MAX_LENGTH = 2000

# Control characters (other than tab and newline) are never typed on purpose and break exports.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _one_raw(raw: Any) -> str | None:
    """Reduce a web-form value (str, or a list from getlist) to one stripped string or None."""
    if isinstance(raw, list | tuple):
        values = [v for v in raw if v is not None and str(v).strip() != ""]
        if len(values) > 1:
            raise AnswerError(N_("Choose only one answer"))
        raw = values[0] if values else None
    if raw is None:
        return None
    text = str(raw).strip()
    return text or None


def _numbered(options: Sequence[Option]) -> str:
    return ", ".join(f"{n} {o.label}" for n, o in enumerate(options, 1))


def _counts(options: Sequence[Option]) -> dict[str, int]:
    return {option.value: 0 for option in options}


@dataclass(frozen=True)
class Shown:
    """An answer as a check-your-answers page shows it. `interface`: the words are the
    service's own, N_-marked (a face's word, "3 out of 5"), so the page translates them with
    `params`; otherwise they are the survey's, already in the survey's language."""

    text: str
    params: Mapping[str, Any] = field(default_factory=dict)
    interface: bool = False


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
        """Human words for a stored value, in English, for reports and exports (a respondent's
        check page uses `shown`)."""

    def shown(self, value: Any) -> Shown:
        """A stored value for a respondent's check page, in the page's language: no emoji,
        which some phones draw as empty boxes."""
        if value is None or value == "" or value == []:
            return Shown(NOT_ANSWERED, interface=True)
        return Shown(self.display(value))

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
    # The web's words when nothing was given: plain, and for a skippable question the same
    # kindly pointing to the skip button (its label, "I’d rather not say", word for word).
    empty_words: ClassVar[tuple[str, str]] = (
        N_("Choose one answer"),
        N_("Choose an answer, or choose “I’d rather not say” – that is fine too."),
    )

    @property
    def empty_message(self) -> str:
        """What a page says when nothing was given; never blames, and says how to skip."""
        plain, with_skip = self.empty_words
        return with_skip if self.skippable else plain

    @abstractmethod
    def field_spec(self) -> FieldSpec:
        """The web field that asks this kind of question."""

    # `language`: the conversation's (a code from surveys.languages); its words are in
    # surveys/channel_words, and a reply is read with English's words as well.

    @abstractmethod
    def sms_hint(self, *, required: bool = True, language: str = EN) -> str:
        """How to answer by text, in as few characters as we can."""

    @abstractmethod
    def read_sms(self, text: str, reply: str, words: ChannelWords) -> Any:
        """A normalised reply (`text`; `reply` as sent) as raw input for parse(), or None."""

    def parse_sms(self, reply: str, *, required: bool = True, language: str = EN) -> Any:
        """A text-message reply as the canonical value, or AnswerError in plain words."""
        text = normalise(reply)
        words = words_for(language)
        try:
            raw = self.read_sms(text, reply, words) if text else None
            if raw is None:
                raise AnswerError("no option matches")
            return self.parse(raw, required=required)
        except AnswerError:
            # The web's wording ("Choose one of the answers shown") means nothing in a text.
            hint = self.sms_hint(required=required, language=language)
            raise AnswerError(f"{words.say('sorry')} {hint}".strip()) from None

    @abstractmethod
    def voice_prompt(self, text: str, *, required: bool = True, language: str = EN) -> str:
        """What the voice says for a question worded `text`, with how to answer."""

    @abstractmethod
    def voice_input(self) -> VoiceInput:
        """How the call listens for the answer."""

    def voice_answer(self, digits: str | None, speech: str | None) -> str:
        """The part of what the call heard that answers this kind: keypad digits by default."""
        return digits or ""

    def parse_keypad(self, digits: str, *, required: bool = True, language: str = EN) -> Any:
        """Keypad digits (or speech, for kinds that listen for it) as the canonical value."""
        return self.parse_sms(digits.strip().rstrip("#"), required=required, language=language)

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
                raise AnswerError(self.empty_message)
            return None
        if self.option(value) is None:
            raise AnswerError(N_("Choose one of the answers shown"))
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
        return FieldSpec("radio", self.empty_message)

    def sms_hint(self, *, required: bool = True, language: str = EN) -> str:
        return to_gsm7(words_for(language).say("reply_options", options=_numbered(self.options)))

    def read_sms(self, text: str, reply: str, words: ChannelWords) -> Any:
        return match_option(self.options, text, words)

    def voice_prompt(self, text: str, *, required: bool = True, language: str = EN) -> str:
        words = words_for(language)
        options = ". ".join(
            words.say("voice_press", n=n, label=o.label) for n, o in enumerate(self.options, 1)
        )
        return f"{text} {options}."

    def voice_input(self) -> VoiceInput:
        return VoiceInput(speech=False, single_key=len(self.options) <= 9)

    def sample_answer(self, rng: random.Random, texts: Sequence[str] = ()) -> Any:
        return rng.choice(self.options).value


@dataclass(frozen=True)
class YesNoNotSure(SingleChoice):
    name: ClassVar[str] = "yes_no_not_sure"
    options: tuple[Option, ...] = YES_NO_NOT_SURE_OPTIONS  # type: ignore[assignment]

    def sms_hint(self, *, required: bool = True, language: str = EN) -> str:
        return to_gsm7(words_for(language).say("reply_yes_no"))

    def read_sms(self, text: str, reply: str, words: ChannelWords) -> Any:
        values = {o.value for o in self.options}
        if text in words.not_sure and "not_sure" in values:
            return "not_sure"
        first = text.split(" ")[0]
        if text in words.yes or first in words.yes and first not in words.no:
            return "yes"
        if text in words.no or first in words.no:
            return "no"
        return super().read_sms(text, reply, words)


@dataclass(frozen=True)
class MultipleChoice(Kind):
    name: ClassVar[str] = "multiple_choice"
    options: tuple[Option, ...] = ()  # type: ignore[assignment]
    empty_words: ClassVar[tuple[str, str]] = (
        N_("Choose at least one answer"),
        N_("Choose any answers that fit, or choose “I’d rather not say” – that is fine too."),
    )

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
                raise AnswerError(self.empty_message)
            return []
        known = self._labels()
        if not chosen <= known.keys():
            raise AnswerError(N_("Choose from the answers shown"))
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
        return FieldSpec("checkboxes", self.empty_message)

    def sms_hint(self, *, required: bool = True, language: str = EN) -> str:
        return to_gsm7(words_for(language).say("reply_many", options=_numbered(self.options)))

    def read_sms(self, text: str, reply: str, words: ChannelWords) -> Any:
        parts = [p for p in re.split(r"[\s,、،&]+", text) if p and p not in words.and_words]
        values = [match_option(self.options, part, words) for part in parts]
        if values and all(values):
            return list(dict.fromkeys(values))
        whole = match_option(self.options, text, words)
        return [whole] if whole else None

    def voice_prompt(self, text: str, *, required: bool = True, language: str = EN) -> str:
        words = words_for(language)
        options = ". ".join(
            words.say("voice_many_option", n=n, label=o.label)
            for n, o in enumerate(self.options, 1)
        )
        return f"{text} {words.say('voice_many')} {options}."

    def voice_input(self) -> VoiceInput:
        return VoiceInput(speech=False, single_key=False)

    def parse_keypad(self, digits: str, *, required: bool = True, language: str = EN) -> Any:
        # Each key is one choice: "13#" is options 1 and 3.
        keys = ",".join(digits.strip().rstrip("#"))
        return self.parse_sms(keys, required=required, language=language)

    def sample_answer(self, rng: random.Random, texts: Sequence[str] = ()) -> Any:
        return [o.value for o in self.options if rng.random() < 0.4] or [self.options[0].value]


@dataclass(frozen=True)
class Scale(Kind):
    name: ClassVar[str] = "scale"
    empty_words: ClassVar[tuple[str, str]] = (
        N_("Choose how you feel"),
        N_("Choose how you feel, or choose “I’d rather not say” – that is fine too."),
    )
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
                raise AnswerError(self.empty_message)
            return None
        point = self._point(text) if re.fullmatch(r"[0-9]{1,3}", text) else None
        if point is None:
            raise AnswerError(N_("Choose one of the answers shown"))
        return point

    def display(self, value: Any) -> str:
        point = self._point(value)
        if point is None:
            return NOT_ANSWERED if value in (None, "") else str(value)
        option = self._options[point - self.spec.min]
        if option.face:
            return f"{option.face} {option.label}"
        if option.label == str(point):
            return OUT_OF % {"point": point, "max": self.spec.max}
        return option.label

    def shown(self, value: Any) -> Shown:
        point = self._point(value)
        if point is None:
            return super().shown(value)
        if point in self.spec.labels:  # the survey's own words, translated with it
            return Shown(self.spec.labels[point])
        option = self._options[point - self.spec.min]
        if option.face:  # a face's word from FACE_SETS
            return Shown(option.label, interface=True)
        return Shown(OUT_OF, {"point": point, "max": self.spec.max}, interface=True)

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
        return FieldSpec("radio", self.empty_message)

    def _end_labels(self) -> tuple[str | None, str | None]:
        labels = self.spec.labels
        return labels.get(self.spec.min), labels.get(self.spec.max)

    def sms_hint(self, *, required: bool = True, language: str = EN) -> str:
        spec, words = self.spec, words_for(language)
        low, high = self._end_labels()
        if low and high:
            low, high = low.lower(), high.lower()
            return words.say("reply_scale_labelled", min=spec.min, max=spec.max, low=low, high=high)
        return words.say("reply_scale", min=spec.min, max=spec.max)

    def read_sms(self, text: str, reply: str, words: ChannelWords) -> Any:
        # The scale's own faces first: on a 3-point scale 🙁 is 1, where FACE_POINTS says 2.
        own = next((o.value for o in self._options if o.face and o.face in reply), None)
        if own is not None:
            return own
        # The wider set of faces reads as points only on the 1-5 scale it was written for.
        face = face_point(reply) if (self.spec.min, self.spec.max) == (1, 5) else None
        point = face if face is not None else number(text, words)
        return None if point is None else str(point)

    def voice_prompt(self, text: str, *, required: bool = True, language: str = EN) -> str:
        spec, words = self.spec, words_for(language)
        low, high = self._end_labels()
        ends = (
            words.say(
                "voice_scale_labelled",
                min=spec.min,
                max=spec.max,
                low=low.lower(),
                high=high.lower(),
            )
            if (low and high)
            else ""
        )
        return f"{text} {words.say('voice_scale', min=spec.min, max=spec.max)}{ends}."

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
    empty_words: ClassVar[tuple[str, str]] = (
        N_("Please write your answer in the box"),
        N_("Write your answer in the box, or choose “I’d rather not say” – that is fine too."),
    )
    max_length: int = DEFAULT_MAX_LENGTH

    def parse(self, raw: Any, *, required: bool = True) -> str:
        if isinstance(raw, list | tuple):
            raw = "\n".join(str(item) for item in raw if item is not None)
        text = "" if raw is None else str(raw)
        text = _CONTROL_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
        if not text and required:
            raise AnswerError(self.empty_message)
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
        return FieldSpec("textarea", self.empty_message, self.max_length)

    def sms_hint(self, *, required: bool = True, language: str = EN) -> str:
        return words_for(language).say("reply_skip") if not required else ""

    def read_sms(self, text: str, reply: str, words: ChannelWords) -> Any:
        return "" if text in words.skip else reply.strip()

    def parse_sms(self, reply: str, *, required: bool = True, language: str = EN) -> Any:
        # Skip words leave an optional answer empty; to a required question "no" is the answer.
        words = words_for(language)
        raw = self.read_sms(normalise(reply), reply, words) if not required else reply.strip()
        return self.parse(raw, required=required)

    def voice_prompt(self, text: str, *, required: bool = True, language: str = EN) -> str:
        words = words_for(language)
        skip = f" {words.say('voice_quiet')}" if not required else ""
        return f"{text} {words.say('voice_speak')}{skip}"

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
