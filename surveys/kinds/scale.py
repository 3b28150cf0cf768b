"""The scale kind: a point from min to max, in numbers, words or faces."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from surveys.channel_words import ChannelWords, words_for
from surveys.channels import FieldSpec, VoiceInput
from surveys.errors import AnswerError
from surveys.i18n import N_
from surveys.kinds.base import EN, NOT_ANSWERED, Kind, Shown, one_raw, zero_counts
from surveys.options import FACE_SETS, Option, ScaleSpec
from surveys.replies import face_point, number

# A scale point without words of its own: "3 out of 5".
OUT_OF = N_("%(point)s out of %(max)s")


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
        text = one_raw(raw)
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
        counts = zero_counts(self._options)
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
