"""pyproject.toml in the form setuptools reads without a deprecation banner (issue 16)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def test_license_is_an_spdx_string_and_setuptools_reads_it() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    # The table form ({ text = "MIT" }) makes setuptools print a deprecation banner on install.
    assert project["project"]["license"] == "MIT"
    # setuptools reads the SPDX string form from version 77 on.
    [requirement] = [r for r in project["build-system"]["requires"] if r.startswith("setuptools")]
    minimum = re.fullmatch(r"setuptools>=(\d+)(?:\.\d+)*", requirement)
    assert minimum and int(minimum.group(1)) >= 77
