"""The answers a question offers: options, rating scales and the faces that stand for points.
Pure data, shared by the kinds (surveys.kinds) and whatever builds or shows a question."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from surveys.i18n import N_

# Faces run from the lowest point to the highest; a scale's own labels replace the words.
FACE_SETS: Mapping[int, tuple[tuple[str, str], ...]] = MappingProxyType(
    {
        3: (("🙁", N_("Sad")), ("😐", N_("OK")), ("🙂", N_("Happy"))),
        5: (
            ("😢", N_("Very sad")),
            ("🙁", N_("Sad")),
            ("😐", N_("OK")),
            ("🙂", N_("Happy")),
            ("😀", N_("Very happy")),
        ),
    }
)


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
