"""Question kinds: how each kind of answer is parsed, shown, judged and summarised, and how it
is asked and read on each channel (web field, text message, phone keypad or speech). The
contract is in `base`; one module per family of kinds; the registry of names is here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from surveys.kinds.base import NOT_ANSWERED, Kind, Shown
from surveys.kinds.choice import MultipleChoice, SingleChoice, YesNoNotSure
from surveys.kinds.free_text import DEFAULT_MAX_LENGTH, FreeText
from surveys.kinds.scale import OUT_OF, Scale
from surveys.options import FACE_SETS, YES_NO_NOT_SURE_OPTIONS, Option, ScaleSpec

__all__ = [
    "CHOICE_KINDS",
    "DEFAULT_MAX_LENGTH",
    "FACE_SETS",
    "KINDS",
    "KIND_NAMES",
    "NOT_ANSWERED",
    "OUT_OF",
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

KINDS: Mapping[str, type[Kind]] = MappingProxyType(
    {kind.name: kind for kind in (SingleChoice, MultipleChoice, YesNoNotSure, Scale, FreeText)}
)
KIND_NAMES: tuple[str, ...] = tuple(KINDS)
CHOICE_KINDS: frozenset[str] = frozenset(
    {SingleChoice.name, MultipleChoice.name, YesNoNotSure.name}
)
