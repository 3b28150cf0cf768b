"""What every question kind is: the `Kind` contract (parsed, shown, judged, summarised, and
asked and read on each channel), and the words an answer is shown in.

Canonical stored values: single choice and yes/no/not sure -> option value (str);
multiple choice -> list[str] in option order; scale -> int; free text -> str ("" when skipped).
An optional choice or scale question that was skipped is stored as None.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from surveys.channel_words import ChannelWords, words_for
from surveys.channels import FieldSpec, VoiceInput
from surveys.errors import AnswerError
from surveys.i18n import N_
from surveys.languages import SOURCE_LANGUAGE
from surveys.options import Option
from surveys.replies import normalise

EN = SOURCE_LANGUAGE

NOT_ANSWERED = N_("Not answered")


def one_raw(raw: Any) -> str | None:
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


def zero_counts(options: Sequence[Option]) -> dict[str, int]:
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
