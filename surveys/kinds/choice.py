"""The kinds answered by choosing among options: one (single choice, yes/no/not sure) or any
number (multiple choice)."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from surveys.channel_words import ChannelWords, words_for
from surveys.channels import FieldSpec, VoiceInput
from surveys.errors import AnswerError
from surveys.gsm7 import to_gsm7
from surveys.i18n import N_
from surveys.kinds.base import EN, NOT_ANSWERED, Kind, one_raw, zero_counts
from surveys.options import YES_NO_NOT_SURE_OPTIONS, Option
from surveys.replies import match_option


def _numbered(options: Sequence[Option]) -> str:
    return ", ".join(f"{n} {o.label}" for n, o in enumerate(options, 1))


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
        value = one_raw(raw)
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
        counts = zero_counts(self.options)
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
        return _summary(self, answered, skipped, unrecognised, counts, positive)

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
        counts = zero_counts(self.options)
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
        return _summary(self, answered, skipped, unrecognised, counts, positive)

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


def _summary(
    kind: Any, answered: int, skipped: int, unrecognised: int, counts: dict, positive: int
) -> dict[str, Any]:
    """A choice question's tally, the same shape for one choice and for many."""
    return {
        "kind": kind.name,
        "answered": answered,
        "skipped": skipped,
        "unrecognised": unrecognised,
        "counts": counts,
        "positive": positive if kind.has_positive else None,
    }
