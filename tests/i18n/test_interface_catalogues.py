"""The interface translations (Flask-Babel): the committed template holds every marked text,
each language's .po follows it, and every language we offer has Babel locale data."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

from surveys.languages import LANGUAGES, SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "app" / "translations"
POT = TRANSLATIONS / "messages.pot"
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")
# As the Makefile's `translations` target and the README run it.
EXTRACT = [
    *("extract", "-F", "babel.cfg", "--no-location"),
    *("-k", "lazy_gettext", "-k", "_l", "-k", "N_"),
]


def _msgids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {str(message.id) for message in read_po(handle) if message.id}


def test_the_committed_pot_has_every_marked_text(tmp_path):
    fresh = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [str(pybabel), *EXTRACT, "--sort-output", "-o", str(fresh), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    wanted, committed = _msgids(fresh), _msgids(POT)
    missing, unused = sorted(wanted - committed), sorted(committed - wanted)
    assert not missing and not unused, (
        "app/translations/messages.pot is out of date: run `make translations`.\n"
        f"Missing: {missing}\nNo longer used: {unused}"
    )
    assert len(wanted) > 100  # the respondent pages' texts are marked, not a handful


def test_every_language_has_a_po_following_the_template():
    expected = {code for code in LANGUAGES if code != SOURCE_LANGUAGE}
    found = {po.parent.parent.name for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")}
    assert found == expected
    template = _msgids(POT)
    for code in sorted(found):
        po = TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"
        assert _msgids(po) == template, f"{po} differs from the template: run make translations"


def test_babel_knows_every_language_and_its_direction():
    for code, language in LANGUAGES.items():
        locale = Locale.parse(code)  # ckb, ps and ti included: no mapping needed
        assert locale.text_direction == language.direction, code


def test_every_interface_text_is_translated_with_its_placeholders():
    # An empty msgstr shows English inside a Polish or Arabic page (wrong words, and on a
    # right-to-left page misplaced full stops); a lost %(name)s breaks the sentence.
    problems = []
    for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            if not message.id:
                continue
            code = po.parent.parent.name
            if not message.string:
                problems.append(f"{code}: not translated: {message.id!r}")
            elif sorted(_PLACEHOLDER.findall(str(message.id))) != sorted(
                _PLACEHOLDER.findall(str(message.string))
            ):
                problems.append(f"{code}: placeholders differ: {message.id!r}")
    assert not problems, "\n".join(problems)
