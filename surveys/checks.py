"""Cross-field checks on a definition document.

These run on the plain upgraded document rather than the pydantic model so that every
problem in a file is reported at once, even when another part of it fails type validation.
Anything not the expected shape is skipped here: the pydantic model reports it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from surveys.kinds import CHOICE_KINDS, FACE_SETS, YES_NO_NOT_SURE_OPTIONS
from surveys.migrations import CURRENT_SCHEMA
from surveys.pictures import PICTURES, face_pictures
from surveys.pledges import PLEDGES
from surveys.sms import gsm7_length, non_gsm7_characters

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# Kinds answered by choosing exactly one thing, so one tap on a picture can send the answer.
ONE_TAP_KINDS = frozenset({"scale", "single_choice", "yes_no_not_sure"})
SMS_TEXT_MAX = 120
MAX_SCALE_POINTS = 11
DEFAULT_TEXT_KEY = "default"

Problem = tuple[str, str]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _as_int(value: Any) -> int | None:
    if _is_int(value):
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


class _Checker:
    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        raw_variants = doc.get("variants")
        self.variants: list[str] = (
            [name for name in raw_variants if isinstance(name, str)]
            if isinstance(raw_variants, Mapping)
            else []
        )
        # (path, question dict, section dict) in document order.
        self.questions: list[tuple[str, Mapping[str, Any], Mapping[str, Any]]] = []

    def err(self, path: str, reason: str) -> None:
        self.problems.append((path, reason))

    # -- helpers -----------------------------------------------------------------------------

    def appears_in(self, question: Mapping[str, Any]) -> list[str]:
        only = question.get("only")
        if isinstance(only, list):
            return [v for v in self.variants if v in only]
        return list(self.variants)

    def option_values(self, question: Mapping[str, Any], variant: str | None) -> list[str] | None:
        """The answer values a question offers in a variant; None if it has no fixed set."""
        kind = question.get("kind")
        override: Any = None
        overrides = question.get("variant_overrides")
        if variant is not None and isinstance(overrides, Mapping):
            override = overrides.get(variant)
        override = override if isinstance(override, Mapping) else {}
        if kind in CHOICE_KINDS:
            options = override.get("options", question.get("options"))
            if options is None and kind == "yes_no_not_sure":
                return [option.value for option in YES_NO_NOT_SURE_OPTIONS]
            if not isinstance(options, list):
                return None
            return [str(o["value"]) for o in options if isinstance(o, Mapping) and "value" in o]
        if kind == "scale":
            scale = override.get("scale", question.get("scale"))
            if not isinstance(scale, Mapping):
                return None
            low, high = _as_int(scale.get("min")), _as_int(scale.get("max"))
            if low is None or high is None:
                return None
            return [str(point) for point in range(low, high + 1)]
        return None

    # -- checks ------------------------------------------------------------------------------

    def run(self) -> list[Problem]:
        doc = self.doc
        schema = doc.get("schema")
        if _is_int(schema) and schema != CURRENT_SCHEMA:
            self.err("schema", f"must be {CURRENT_SCHEMA} after upgrading, not {schema}")
        self.check_variants()
        sections = doc.get("sections")
        if not isinstance(sections, list):
            return self.problems
        if not sections:
            self.err("sections", "a survey needs at least one section")
        section_keys: dict[str, str] = {}
        for s_index, section in enumerate(sections):
            path = f"sections[{s_index}]"
            if not isinstance(section, Mapping):
                continue
            key = section.get("key")
            if isinstance(key, str):
                if key in section_keys:
                    self.err(
                        f"{path}.key",
                        f"duplicate section key '{key}' (also used at {section_keys[key]})",
                    )
                else:
                    section_keys[key] = path
            self.check_pledge(f"{path}.pledge", section.get("pledge"))
            questions = section.get("questions")
            if not isinstance(questions, list):
                continue
            if not questions:
                self.err(f"{path}.questions", "a section needs at least one question")
            for q_index, question in enumerate(questions):
                if isinstance(question, Mapping):
                    self.questions.append((f"{path}.questions[{q_index}]", question, section))
        for s_index, section in enumerate(sections):
            if isinstance(section, Mapping) and "title" in section:
                needed: set[str] = set()
                for _, question, owner in self.questions:
                    if owner is section:
                        needed.update(self.appears_in(question))
                self.check_text(f"sections[{s_index}].title", section["title"], needed)
        self.check_questions()
        for variant in self.variants:
            if not any(variant in self.appears_in(q) for _, q, _ in self.questions):
                self.err(f"variants.{variant}", "no question is asked in this variant")
        self.check_flags()
        return self.problems

    def flag(self, variant: str, name: str) -> bool:
        raw = self.doc.get("variants")
        settings = raw.get(variant) if isinstance(raw, Mapping) else None
        return isinstance(settings, Mapping) and settings.get(name) is True

    def scale_in(self, question: Mapping[str, Any], variant: str) -> Mapping[str, Any] | None:
        overrides = question.get("variant_overrides")
        override = overrides.get(variant) if isinstance(overrides, Mapping) else None
        if isinstance(override, Mapping) and isinstance(override.get("scale"), Mapping):
            return override["scale"]
        scale = question.get("scale")
        return scale if isinstance(scale, Mapping) else None

    def options_in(self, question: Mapping[str, Any], variant: str) -> list[Any]:
        overrides = question.get("variant_overrides")
        override = overrides.get(variant) if isinstance(overrides, Mapping) else None
        if isinstance(override, Mapping) and isinstance(override.get("options"), list):
            return list(override["options"])
        options = question.get("options")
        return list(options) if isinstance(options, list) else []

    def check_flags(self) -> None:
        """Variant flags promise something of every question the variant asks: check it."""
        for path, question, _ in self.questions:
            picture = question.get("picture")
            if isinstance(picture, str) and picture not in PICTURES:
                self.err(f"{path}.picture", f"unknown picture '{picture}'; {self.known_pictures()}")
            for index, option in enumerate(question.get("options") or []):
                chosen = option.get("picture") if isinstance(option, Mapping) else None
                if isinstance(chosen, str) and chosen not in PICTURES:
                    self.err(
                        f"{path}.options[{index}].picture",
                        f"unknown picture '{chosen}'; {self.known_pictures()}",
                    )
            for variant in self.appears_in(question):
                kind = question.get("kind")
                if self.flag(variant, "one_tap") and kind not in ONE_TAP_KINDS:
                    self.err(
                        f"{path}.only",
                        f"variant '{variant}' is one_tap, so every question it asks must take "
                        f"one answer ({', '.join(sorted(ONE_TAP_KINDS))}), not {kind}",
                    )
                if self.flag(variant, "pictures"):
                    self.check_pictures(path, question, variant)

    def check_pictures(self, path: str, question: Mapping[str, Any], variant: str) -> None:
        if question.get("picture") is None:
            self.err(
                f"{path}.picture",
                f"variant '{variant}' shows pictures, so this question needs a picture",
            )
        kind = question.get("kind")
        if kind == "scale":
            scale = self.scale_in(question, variant)
            if scale is None:
                return
            low, high = _as_int(scale.get("min")), _as_int(scale.get("max"))
            points = (high - low + 1) if low is not None and high is not None else 0
            if scale.get("faces") is not True or face_pictures(points) is None:
                self.err(
                    f"{path}.scale",
                    f"variant '{variant}' shows pictures, so its scale must be faces "
                    "(3 or 5 points)",
                )
        elif kind in CHOICE_KINDS:
            options = self.options_in(question, variant)
            if not options or any(
                not isinstance(o, Mapping) or o.get("picture") is None for o in options
            ):
                self.err(
                    f"{path}.options",
                    f"variant '{variant}' shows pictures, so every option needs a picture",
                )

    @staticmethod
    def known_pictures() -> str:
        return f"use one of: {', '.join(sorted(PICTURES))}"

    def check_variants(self) -> None:
        raw = self.doc.get("variants")
        if not isinstance(raw, Mapping):
            return
        for name, variant in raw.items():
            path = f"variants.{name}"
            if name == DEFAULT_TEXT_KEY:
                self.err(path, "'default' is reserved for text shared by every variant")
            elif not isinstance(name, str) or not KEY_PATTERN.match(name):
                self.err(
                    path,
                    "variant names must be lower-case letters, digits and underscores, "
                    "starting with a letter",
                )
            if isinstance(variant, Mapping):
                low, high = variant.get("min_age"), variant.get("max_age")
                if _is_int(low) and _is_int(high) and low > high:
                    self.err(path, f"min_age ({low}) is more than max_age ({high})")

    def check_pledge(self, path: str, pledge: Any) -> None:
        if pledge is not None and isinstance(pledge, str) and pledge not in PLEDGES:
            self.err(path, f"unknown pledge '{pledge}'; use one of: {', '.join(PLEDGES)}")

    def check_text(
        self, path: str, value: Any, needed: set[str] | list[str], partial: bool = False
    ) -> None:
        """A str, or a mapping of variant -> str with an optional 'default'.

        `partial` allows a mapping to leave variants out (help text that only some need).
        """
        if not isinstance(value, Mapping):
            return
        for name in value:
            if name == DEFAULT_TEXT_KEY or name in self.variants:
                continue
            if self.variants:
                self.err(
                    path,
                    f"names unknown variant '{name}'; this survey's variants are: "
                    f"{', '.join(self.variants)}",
                )
            else:
                self.err(
                    path,
                    f"names variant '{name}' but this survey has no variants; "
                    "use plain text or 'default'",
                )
        if DEFAULT_TEXT_KEY in value or (partial and self.variants):
            return
        if not self.variants:
            self.err(path, "a text mapping in a survey without variants needs a 'default'")
            return
        missing = [v for v in self.variants if v in needed and v not in value]
        if missing:
            self.err(
                path,
                f"has no text for variant {', '.join(missing)} and no 'default' to fall back on",
            )

    def check_sms_text(self, path: str, value: Any) -> None:
        texts = value.values() if isinstance(value, Mapping) else [value]
        for text in texts:
            if not isinstance(text, str):
                continue
            length = gsm7_length(text)
            if length is None:
                bad = " ".join(non_gsm7_characters(text))
                self.err(
                    path,
                    f"uses characters an ordinary text message cannot send ({bad}); "
                    "use plain letters, digits and straight quotes",
                )
            elif length > SMS_TEXT_MAX:
                self.err(path, f"is {length} characters long; keep it to {SMS_TEXT_MAX} or fewer")

    def check_options(self, path: str, options: Any, kind: str) -> None:
        if not isinstance(options, list):
            return
        minimum = 2 if kind != "multiple_choice" else 1
        if len(options) < minimum:
            self.err(path, f"a {kind} question needs at least {minimum} options")
        seen: set[str] = set()
        for option in options:
            if not isinstance(option, Mapping) or "value" not in option:
                continue
            value = str(option["value"])
            if value in seen:
                self.err(path, f"duplicate option value '{value}'")
            seen.add(value)

    def check_scale(self, path: str, scale: Any) -> None:
        if not isinstance(scale, Mapping):
            return
        low, high = scale.get("min"), scale.get("max")
        if not (_is_int(low) and _is_int(high)):
            return
        if low >= high:
            self.err(path, f"min ({low}) must be less than max ({high})")
            return
        points = high - low + 1
        if points > MAX_SCALE_POINTS:
            self.err(path, f"a scale can have at most {MAX_SCALE_POINTS} points, not {points}")
        labels = scale.get("labels")
        if isinstance(labels, Mapping):
            for point in labels:
                number = _as_int(point)
                if number is not None and not low <= number <= high:
                    self.err(
                        f"{path}.labels", f"label for {point} is outside the scale {low}–{high}"
                    )
        if scale.get("faces") is True and points not in FACE_SETS:
            sizes = " or ".join(str(n) for n in FACE_SETS)
            self.err(f"{path}.faces", f"a faces scale must have {sizes} points, not {points}")
        for name in ("positive_at_least", "help_at_most"):
            threshold = scale.get(name)
            if _is_int(threshold) and not low <= threshold <= high:
                self.err(f"{path}.{name}", f"{threshold} is outside the scale {low}–{high}")

    def check_kind_fields(self, path: str, question: Mapping[str, Any]) -> None:
        kind = question.get("kind")
        has_options = question.get("options") is not None
        has_scale = question.get("scale") is not None
        if kind in CHOICE_KINDS:
            if not has_options and kind != "yes_no_not_sure":
                self.err(f"{path}.options", f"a {kind} question needs options")
            self.check_options(f"{path}.options", question.get("options"), str(kind))
            if has_scale:
                self.err(f"{path}.scale", "only a scale question can have a scale")
        elif kind == "scale":
            if not has_scale:
                self.err(f"{path}.scale", "a scale question needs a scale (min and max)")
            self.check_scale(f"{path}.scale", question.get("scale"))
            if has_options:
                self.err(
                    f"{path}.options",
                    "a scale question makes its options from the scale; remove options",
                )
        elif kind == "free_text":
            if has_options:
                self.err(f"{path}.options", "a free_text question cannot have options")
            if has_scale:
                self.err(f"{path}.scale", "a free_text question cannot have a scale")
        if question.get("max_length") is not None and kind != "free_text":
            self.err(f"{path}.max_length", "only a free_text question can have max_length")
        overrides = question.get("variant_overrides")
        if not isinstance(overrides, Mapping):
            return
        shown_in = self.appears_in(question)
        for variant, override in overrides.items():
            o_path = f"{path}.variant_overrides.{variant}"
            if variant not in self.variants:
                self.err(o_path, f"unknown variant '{variant}'")
            elif variant not in shown_in:
                self.err(o_path, f"this question is not asked in variant '{variant}'")
            if not isinstance(override, Mapping):
                continue
            if override.get("scale") is not None:
                if kind != "scale":
                    self.err(f"{o_path}.scale", "only a scale question can override its scale")
                self.check_scale(f"{o_path}.scale", override["scale"])
            if override.get("options") is not None:
                if kind not in CHOICE_KINDS:
                    self.err(f"{o_path}.options", "only a choice question can override its options")
                else:
                    self.check_options(f"{o_path}.options", override["options"], str(kind))

    def check_only(self, path: str, only: Any) -> None:
        if not isinstance(only, list):
            return
        if not self.variants:
            self.err(path, "this survey has no variants")
            return
        if not only:
            self.err(path, "must name at least one variant")
        for name in only:
            if name not in self.variants:
                self.err(
                    path,
                    f"names unknown variant '{name}'; this survey's variants are: "
                    f"{', '.join(self.variants)}",
                )

    def check_show_if(
        self, path: str, question: Mapping[str, Any], position: int, keys: dict[str, int]
    ) -> None:
        condition = question.get("show_if")
        if not isinstance(condition, Mapping):
            return
        has_equals, has_in = "equals" in condition, "in" in condition
        if has_equals == has_in:
            self.err(path, "give exactly one of 'equals' or 'in'")
        source_key = condition.get("question")
        if not isinstance(source_key, str):
            return
        if source_key not in keys:
            self.err(f"{path}.question", f"refers to unknown question '{source_key}'")
            return
        if keys[source_key] == position:
            self.err(f"{path}.question", "a question cannot depend on itself")
            return
        if keys[source_key] > position:
            self.err(
                f"{path}.question",
                f"refers to '{source_key}', which comes later; "
                "show_if can only depend on an earlier question",
            )
            return
        source = self.questions[keys[source_key]][1]
        if source.get("kind") == "free_text":
            self.err(f"{path}.question", f"cannot depend on free-text question '{source_key}'")
            return
        source_variants = set(self.appears_in(source))
        shown_in = self.appears_in(question)
        for variant in shown_in:
            if variant not in source_variants:
                self.err(
                    f"{path}.question",
                    f"'{source_key}' is not asked in variant '{variant}', "
                    "so this question could never be shown there",
                )
        wanted: list[Any] = []
        if has_equals:
            wanted.append(condition.get("equals"))
        in_values = condition.get("in")
        if isinstance(in_values, list):
            wanted.extend(in_values)
        value_path = f"{path}.equals" if has_equals else f"{path}.in"
        contexts: list[str | None] = [v for v in shown_in if v in source_variants] or [None]
        allowed_by_variant = {
            variant: allowed
            for variant in contexts
            if (allowed := self.option_values(source, variant)) is not None
        }
        for value in dict.fromkeys(str(v) for v in wanted):
            missing = [v for v, allowed in allowed_by_variant.items() if value not in allowed]
            if not missing:
                continue
            if len(missing) == len(allowed_by_variant):
                answers = next(iter(allowed_by_variant.values()))
                self.err(
                    value_path,
                    f"'{value}' is not an answer to '{source_key}'; "
                    f"its answers are: {', '.join(answers)}",
                )
            else:
                self.err(
                    value_path,
                    f"'{value}' is not an answer to '{source_key}' in variant "
                    f"{', '.join(str(v) for v in missing)}",
                )

    def check_questions(self) -> None:
        keys: dict[str, int] = {}
        key_paths: dict[str, str] = {}
        for position, (path, question, _) in enumerate(self.questions):
            key = question.get("key")
            if isinstance(key, str):
                if key in keys:
                    self.err(
                        f"{path}.key",
                        f"duplicate question key '{key}' (also used at {key_paths[key]})",
                    )
                else:
                    keys[key] = position
                    key_paths[key] = path
        for position, (path, question, _) in enumerate(self.questions):
            needed = self.appears_in(question)
            # A web-only variant is never texted or called, so needs no SMS wording.
            texted = [v for v in needed if not self.flag(v, "web_only")]
            for name in ("text", "help", "sms_text"):
                if question.get(name) is not None:
                    self.check_text(
                        f"{path}.{name}",
                        question[name],
                        texted if name == "sms_text" else needed,
                        partial=name == "help",
                    )
            if question.get("sms_text") is not None:
                self.check_sms_text(f"{path}.sms_text", question["sms_text"])
            self.check_only(f"{path}.only", question.get("only"))
            self.check_pledge(f"{path}.pledge", question.get("pledge"))
            self.check_kind_fields(path, question)
            self.check_show_if(f"{path}.show_if", question, position, keys)


def check_document(doc: Mapping[str, Any]) -> list[Problem]:
    """(path, reason) for every cross-field problem in an upgraded definition document."""
    return _Checker(doc).run()
