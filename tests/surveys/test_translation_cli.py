"""`flask surveys translation`, `review` and `skeleton`: a translation's state, and a
qualified translator's review recorded on the texts that are current (issue 16)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from surveys.loader import DEFINITIONS_DIR, Registry
from surveys.translations import status


@pytest.fixture
def definitions(app, tmp_path: Path) -> Path:
    """A copy of the pledge survey and its catalogues, for the commands to read and write."""
    folder = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS_DIR / "pledge", folder / "pledge")
    app.config["SURVEY_DEFINITIONS_DIR"] = str(folder)
    return folder


def _stale_one(folder: Path) -> str:
    """Change the English of the title, as an officer editing the survey would."""
    survey = folder / "pledge"
    for file in survey.glob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        doc = yaml.safe_load(text)
        if doc.get("key") == "pledge":
            file.write_text(
                text.replace(doc["title"], "How are we doing? Our six promises"), encoding="utf-8"
            )
    return "title"


def test_translation_shows_counts_and_each_problem_with_its_place(runner, definitions):
    _stale_one(definitions)
    result = runner.invoke(args=["surveys", "translation", "pledge", "pl"])
    assert result.exit_code == 0, result.output
    assert "pledge v" in result.output and "in Polish" in result.output
    assert "stale (the English changed since): 1" in result.output
    assert "missing: 0" in result.output
    registry = Registry.for_translators(definitions)
    expected = status(registry.get("pledge"), registry.catalogue("pledge", "pl"))
    assert f"not yet reviewed by a qualified translator: {expected.unreviewed}" in result.output
    assert expected.unreviewed == expected.current > 100  # the drafts ship unreviewed
    assert "title: stale: the English is now 'How are we doing? Our six promises'" in result.output


def test_translation_of_a_language_without_a_catalogue_says_which_exist(runner, definitions):
    result = runner.invoke(args=["surveys", "translation", "pledge", "de"])
    assert result.exit_code != 0
    assert "pledge has no 'de' catalogue (it has: ar, ckb, cy, pl" in result.output


def test_review_records_the_reviewer_on_current_texts_only(runner, definitions):
    _stale_one(definitions)
    result = runner.invoke(
        args=[
            "surveys",
            "review",
            "pledge",
            "pl",
            "--by",
            "A. Nowak, CIOL member",
            "--on",
            "2027-01-10",
        ]
    )
    assert result.exit_code == 0, result.output
    registry = Registry.for_translators(definitions)
    catalogue = registry.catalogue("pledge", "pl")
    assert catalogue is not None
    after = status(registry.get("pledge"), catalogue)
    assert after.unreviewed == 0 and after.stale == 1
    assert f"review of {after.current} texts on 2027-01-10" in result.output
    assert "1 stale" in result.output
    title = catalogue.entries["title"]  # stale: the reviewer did not read the new English
    assert not title.reviewed
    question = next(e for path, e in catalogue.entries.items() if path != "title")
    assert question.reviewed_by == "A. Nowak, CIOL member"
    assert question.reviewed_on.isoformat() == "2027-01-10"
    # The other languages are untouched.
    arabic = registry.catalogue("pledge", "ar")
    assert arabic is not None and not any(e.reviewed for e in arabic.entries.values())
    shown = runner.invoke(args=["surveys", "translation", "pledge", "pl"])
    assert "not yet reviewed by a qualified translator: 0" in shown.output


def test_review_needs_a_name(runner, definitions):
    result = runner.invoke(args=["surveys", "review", "pledge", "pl", "--by", "  "])
    assert result.exit_code != 0 and "reviewer's name" in result.output


def test_skeleton_writes_a_new_language_and_keeps_existing_translations(runner, definitions):
    result = runner.invoke(args=["surveys", "skeleton", "pledge", "pl"])
    assert result.exit_code == 0, result.output
    registry = Registry.for_translators(definitions)
    state = status(registry.get("pledge"), registry.catalogue("pledge", "pl"))
    assert state.missing == 0 and state.current == state.total
    (definitions / "pledge" / "translations" / "ro.yaml").unlink()
    result = runner.invoke(args=["surveys", "skeleton", "pledge", "ro"])
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load((definitions / "pledge" / "translations" / "ro.yaml").read_text())
    assert doc["language"] == "ro" and all(item["text"] == "" for item in doc["texts"].values())
    refused = runner.invoke(args=["surveys", "skeleton", "pledge", "de"])
    assert refused.exit_code != 0 and "surveys/languages.py" in refused.output
