"""Pydantic models of a survey definition document (the current schema) and resolution."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    ValidationInfo,
    model_validator,
)

from surveys.checks import DEFAULT_TEXT_KEY, KEY_PATTERN, check_document
from surveys.kinds import (
    DEFAULT_MAX_LENGTH,
    FreeText,
    Kind,
    MultipleChoice,
    Option,
    Scale,
    ScaleSpec,
    SingleChoice,
    YesNoNotSure,
)
from surveys.resolved import Question, ResolvedSection, ResolvedSurvey, ShowIf, VariantFlags

Audience = Literal["young_people", "parents", "professionals", "staff"]
KindName = Literal["single_choice", "multiple_choice", "yes_no_not_sure", "scale", "free_text"]

# Option values are stored with answers and used in reports, so keep them plain and stable.
OPTION_VALUE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")

# Passed as validation context by the loader, which has already run check_document on the
# raw document (so problems are reported alongside type errors rather than after them).
CROSS_CHECKED = "cross_checked"


def _key(value: str) -> str:
    if not KEY_PATTERN.match(value):
        raise ValueError(
            f"'{value}' must be lower-case letters, digits and underscores, starting with a letter"
        )
    return value


def _option_value(value: str) -> str:
    if not OPTION_VALUE_PATTERN.match(value):
        raise ValueError(f"'{value}' must be lower-case letters, digits and underscores")
    return value


def _non_empty(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    return value


def _number_to_str(value: Any) -> Any:
    # `equals: 4` for a scale, or `value: 1` for an option, means the same as the text "4".
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _local_text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        return _non_empty(value)
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    ):
        stripped = {k: v.strip() for k, v in value.items()}
        if any(not v for v in stripped.values()):
            raise ValueError("text for a variant must not be empty")
        return stripped
    raise ValueError("must be text, or a mapping of variant name (or 'default') to text")


Key = Annotated[str, AfterValidator(_key)]
NonEmptyStr = Annotated[str, AfterValidator(_non_empty)]
OptionValue = Annotated[str, BeforeValidator(_number_to_str), AfterValidator(_option_value)]
ConditionValue = Annotated[str, BeforeValidator(_number_to_str)]
LocalText = Annotated[str | dict[str, str], PlainValidator(_local_text)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Variant(_Model):
    label: NonEmptyStr
    min_age: Annotated[int, Field(ge=0, le=30)] | None = None
    max_age: Annotated[int, Field(ge=0, le=30)] | None = None
    # How the variant is shown (issue 16), as data so a council can change it without code:
    # read each page aloud once the child first taps; show a picture with every question and
    # answer; answer by one tap on a picture; and web only (no SMS or voice wording).
    read_aloud: bool = False
    pictures: bool = False
    one_tap: bool = False
    web_only: bool = False

    @property
    def flags(self) -> VariantFlags:
        return VariantFlags(self.read_aloud, self.pictures, self.one_tap, self.web_only)


class OptionDef(_Model):
    value: OptionValue
    label: NonEmptyStr
    positive: bool = False
    picture: str | None = None


class ScaleDef(_Model):
    min: int
    max: int
    labels: dict[int, NonEmptyStr] = Field(default_factory=dict)
    faces: bool = False
    positive_at_least: int | None = None
    help_at_most: int | None = None


class ShowIfDef(_Model):
    question: Key
    equals: ConditionValue | None = None
    in_: list[ConditionValue] | None = Field(default=None, alias="in")

    @property
    def values(self) -> tuple[str, ...]:
        return (self.equals,) if self.equals is not None else tuple(self.in_ or ())


class VariantOverride(_Model):
    scale: ScaleDef | None = None
    options: list[OptionDef] | None = None


class QuestionDef(_Model):
    key: Key
    kind: KindName
    text: LocalText
    help: LocalText | None = None
    sms_text: LocalText | None = None
    required: bool | None = None
    only: list[str] | None = None
    show_if: ShowIfDef | None = None
    options: list[OptionDef] | None = None
    scale: ScaleDef | None = None
    variant_overrides: dict[str, VariantOverride] = Field(default_factory=dict)
    max_length: Annotated[int, Field(ge=1, le=20000)] | None = None
    pledge: str | None = None
    # A picture key from surveys/pictures.py, shown in variants with `pictures: true`.
    picture: str | None = None


class SectionDef(_Model):
    key: Key
    title: LocalText
    pledge: str | None = None
    questions: list[QuestionDef]


def _text(value: str | dict[str, str] | None, variant: str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if variant is not None and variant in value:
        return value[variant]
    # Only help may leave a variant out (checked on load); that variant then gets no help.
    return value.get(DEFAULT_TEXT_KEY)


def _options(options: list[OptionDef]) -> tuple[Option, ...]:
    return tuple(Option(o.value, o.label, o.positive, picture=o.picture) for o in options)


def _handler(question: QuestionDef, variant: str | None) -> Kind:
    override = question.variant_overrides.get(variant) if variant else None
    options = question.options
    scale = question.scale
    if override is not None:
        options = override.options if override.options is not None else options
        scale = override.scale if override.scale is not None else scale
    if question.kind == "scale":
        assert scale is not None  # guaranteed by check_document
        return Scale(
            ScaleSpec(
                scale.min,
                scale.max,
                scale.labels,
                scale.faces,
                scale.positive_at_least,
                scale.help_at_most,
            )
        )
    if question.kind == "free_text":
        return FreeText(question.max_length or DEFAULT_MAX_LENGTH)
    if question.kind == "yes_no_not_sure":
        return YesNoNotSure(_options(options)) if options else YesNoNotSure()
    if question.kind == "multiple_choice":
        return MultipleChoice(_options(options or []))
    return SingleChoice(_options(options or []))


def _question(
    question: QuestionDef, section: SectionDef, variant: str | None, flags: VariantFlags
) -> Question:
    handler = _handler(question, variant)
    required = question.required
    return Question(
        key=question.key,
        kind=question.kind,
        text=_text(question.text, variant) or "",
        handler=handler,
        help=_text(question.help, variant),
        sms_text=_text(question.sms_text, variant),
        # Unless the definition says, the kind decides (free text may be left empty).
        required=handler.required_by_default if required is None else required,
        pledge=question.pledge or section.pledge,
        show_if=ShowIf(question.show_if.question, question.show_if.values)
        if question.show_if
        else None,
        section=section.key,
        picture=question.picture if flags.pictures else None,
    )


class SurveyDefinition(_Model):
    """One version of one survey, exactly as written in its YAML file."""

    schema_version: int = Field(alias="schema")
    key: Key
    version: Annotated[int, Field(ge=1)]
    title: NonEmptyStr
    description: NonEmptyStr | None = None
    audience: Audience
    variants: dict[str, Variant] = Field(default_factory=dict)
    sections: list[SectionDef]

    _resolved: dict[str | None, ResolvedSurvey] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _cross_check(self, info: ValidationInfo) -> SurveyDefinition:
        if info.context and info.context.get(CROSS_CHECKED):
            return self
        problems = check_document(self.model_dump(by_alias=True, exclude_none=True))
        if problems:
            raise ValueError("; ".join(f"{path}: {reason}" for path, reason in problems))
        return self

    @property
    def question_count(self) -> int:
        return sum(len(section.questions) for section in self.sections)

    def resolve(self, variant: str | None = None) -> ResolvedSurvey:
        """The survey as seen by one variant; ValueError for an unknown or missing variant."""
        if self.variants:
            if variant is None:
                raise ValueError(
                    f"survey '{self.key}' v{self.version} has variants "
                    f"({', '.join(self.variants)}); choose one"
                )
            if variant not in self.variants:
                raise ValueError(
                    f"survey '{self.key}' v{self.version} has no variant '{variant}'; "
                    f"choose one of: {', '.join(self.variants)}"
                )
        elif variant is not None:
            raise ValueError(f"survey '{self.key}' v{self.version} has no variants")
        cached = self._resolved.get(variant)
        if cached is None:
            cached = self._resolve(variant)
            self._resolved[variant] = cached
        return cached

    def _resolve(self, variant: str | None) -> ResolvedSurvey:
        sections: list[ResolvedSection] = []
        flags = self.variants[variant].flags if variant is not None else VariantFlags()
        for section in self.sections:
            questions = tuple(
                _question(q, section, variant, flags)
                for q in section.questions
                if q.only is None or variant in q.only
            )
            if questions:
                sections.append(
                    ResolvedSection(
                        key=section.key,
                        title=_text(section.title, variant) or "",
                        pledge=section.pledge,
                        questions=questions,
                    )
                )
        return ResolvedSurvey(
            key=self.key,
            version=self.version,
            variant=variant,
            title=self.title,
            sections=tuple(sections),
            description=self.description,
            audience=self.audience,
            flags=flags,
        )
