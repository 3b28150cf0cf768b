"""The pictures easy-read and early-years questions may show, with where each came from.

Every picture is an OpenMoji emoji (https://openmoji.org/, npm package `openmoji` 17.0.0),
licensed CC BY-SA 4.0, which allows a council to use and share them if it credits OpenMoji
and shares changes alike; we use them unchanged. The SVGs are copied into
app/static/pictures/ so nothing is fetched from node_modules or the internet at run time, and
the hashes below prove each file is the one the package shipped (tests/surveys check them).
A definition names a picture by its key; the loader refuses a name not listed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

SOURCE = "OpenMoji 17.0.0 (npm package openmoji, color/svg)"
LICENCE = "CC BY-SA 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
# Shown wherever the pictures are shown, as the licence asks.
ATTRIBUTION = "Pictures: OpenMoji, the open-source emoji and icon project, licence CC BY-SA 4.0"
STATIC_FOLDER = "pictures"


@dataclass(frozen=True)
class Picture:
    key: str
    hexcode: str  # the OpenMoji file name, without .svg
    alt: str  # what the picture shows, for people who cannot see it
    sha256: str

    @property
    def filename(self) -> str:
        return f"{STATIC_FOLDER}/{self.hexcode}.svg"


_PICTURES = (
    Picture(
        "apple",
        "1F34E",
        "A red apple",
        "b4db458333fa917a803c8d36865ae57ae5ea54d2aa0e1f906518d3f0c9bf2bcb",
    ),
    Picture(
        "cooking",
        "1F373",
        "An egg cooking in a pan",
        "3591c81fda189585742444add6ed17b4377cfeedb87010b447fb61ff48a83585",
    ),
    Picture(
        "house",
        "1F3E0",
        "A house",
        "edfb5e77a7d324526f76295c0b3eb913006fd0424a0ee3dd0f12b0824225568f",
    ),
    Picture(
        "school",
        "1F3EB",
        "A school",
        "0450a151cfbbed8afe1999c0934d5743874ecf578a7e45a4815e81cd6b756820",
    ),
    Picture(
        "ear",
        "1F442",
        "An ear, listening",
        "c4ad1c9687c9d525f67e7a3a58aae854a0ba99884be01c5ba55ec56c7ecf99e4",
    ),
    Picture(
        "family",
        "1F46A",
        "A family: two grown-ups and a child",
        "b39a4cd6ba6b8dc064b969cd3a3b6b98eabcc4bd9ec252fcf52559efa5ee5adc",
    ),
    Picture(
        "speech",
        "1F4AC",
        "A speech bubble",
        "4c27a874ea4eb7d11ae09b2c082d2708c8c027e1f7e666b570eb17436fa9ac19",
    ),
    Picture(
        "hug",
        "1F917",
        "A smiling face giving a hug",
        "8b38bdb684e227fc34a87f4f48bbe5422d13ee68e3fee5b435237de2322487e3",
    ),
    Picture(
        "face_very_happy",
        "1F600",
        "A big smiling face",
        "8cc1ef3952c6405b178e191a74e4498312acef6cc56455fabf087471f0bc9812",
    ),
    Picture(
        "face_ok",
        "1F610",
        "A face that is not happy or sad",
        "c376cc6f2d8c4c55dbb08882778ab28218d85923a56322c06b15c3dd215b2a16",
    ),
    Picture(
        "face_very_sad",
        "1F622",
        "A crying face",
        "7539906580ea9bf17ba129522842262dd8ad5c2d367d517eb4f96544a3c02320",
    ),
    Picture(
        "face_sad",
        "1F641",
        "A sad face",
        "edfd007ed3ae26083b732b1da7487876d007de7d3b4c0a6c61bb9914e82db729",
    ),
    Picture(
        "face_happy",
        "1F642",
        "A smiling face",
        "fb510be7e500cd34bb882ec3126dcde4e91e0deea0f058011d235d7dd1ff76e0",
    ),
)

PICTURES: Mapping[str, Picture] = MappingProxyType({p.key: p for p in _PICTURES})

# A faces scale's points as pictures, lowest first (the same order as kinds.FACE_SETS).
FACE_PICTURES: Mapping[int, tuple[str, ...]] = MappingProxyType(
    {
        3: ("face_sad", "face_ok", "face_happy"),
        5: ("face_very_sad", "face_sad", "face_ok", "face_happy", "face_very_happy"),
    }
)


def face_pictures(points: int) -> tuple[str, ...] | None:
    """The pictures for each point of a faces scale of `points` points, or None."""
    return FACE_PICTURES.get(points)
