"""The free-text kind: an answer in the person's own words, the ones safeguarding reads."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from surveys.channel_words import ChannelWords, words_for
from surveys.channels import FieldSpec, VoiceInput
from surveys.errors import AnswerError
from surveys.i18n import N_
from surveys.kinds.base import EN, NOT_ANSWERED, Kind
from surveys.replies import normalise

DEFAULT_MAX_LENGTH = 2000

# Control characters (other than tab and newline) are never typed on purpose and break exports.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
