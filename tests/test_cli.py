"""`flask surveys ...` and `flask demo` from the command line."""

from __future__ import annotations

import shutil

import yaml

from surveys import default_registry
from surveys.loader import DEFINITIONS_DIR


def test_surveys_list_names_every_definition(runner):
    result = runner.invoke(args=["surveys", "list"])
    assert result.exit_code == 0
    for definition in default_registry().all():
        assert f"{definition.key} v{definition.version}" in result.output


def test_surveys_validate_passes_on_shipped_definitions(runner):
    result = runner.invoke(args=["surveys", "validate"])
    assert result.exit_code == 0, result.output
    assert "All survey definitions are valid." in result.output


def test_surveys_validate_fails_on_a_missing_translation_unless_allowed(runner, tmp_path):
    folder = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS_DIR, folder)
    catalogue = folder / "pledge" / "translations" / "pl.yaml"
    raw = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
    del raw["texts"]["variants.early_years.label"]
    catalogue.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(args=["surveys", "validate", str(folder)])
    assert result.exit_code == 1
    assert "pledge/translations/pl.yaml" in result.output
    assert "missing: no translation of 'Young children (4–7)'" in result.output
    assert "1 problem(s) found, 1 of them untranslated" in result.output
    result = runner.invoke(args=["surveys", "validate", str(folder), "--allow-untranslated"])
    assert result.exit_code == 0, result.output
    assert "All survey definitions are valid; 1 text(s) still to translate" in result.output


def test_surveys_validate_reports_file_path_and_reason(runner, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "v1.yaml").write_text(
        "schema: 2\nkey: broken\nversion: 1\ntitle: Broken\naudience: young_people\n"
        "sections:\n  - key: one\n    title: One\n    questions:\n"
        "      - {key: q1, kind: slider, text: 'How are you?'}\n"
    )
    result = runner.invoke(args=["surveys", "validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "v1.yaml" in line]
    assert lines, result.output
    assert "sections[0].questions[0]" in lines[0]
    assert "kind" in lines[0] and "slider" in lines[0]
    assert "1 problem(s) found" in result.output


def test_demo_is_refused_in_production(app, runner):
    app.config["ENV_NAME"] = "production"
    result = runner.invoke(args=["demo"])
    assert result.exit_code != 0
    assert "Refusing to seed demo data in production" in result.output


def test_make_run_prints_the_demo_links_after_every_install_line() -> None:
    # Issue 16: the demo links were lost under the install output. `flask demo` prints them, so
    # nothing that installs or migrates may run after it; only the server starts. (Under `make
    # test` this is a nested make, which would print "Entering/Leaving directory" lines.)
    import shutil
    import subprocess
    from pathlib import Path

    make = shutil.which("make")
    assert make, "make is needed to run the demo"
    root = Path(__file__).resolve().parent.parent
    plan = subprocess.run(  # noqa: S603 - fixed arguments
        [make, "--no-print-directory", "-n", "-B", "run"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    commands = [line for line in plan if line.strip()]
    demo = next(i for i, line in enumerate(commands) if line.endswith("flask demo"))
    assert any("pip install" in line for line in commands[:demo])
    assert any("npm ci" in line for line in commands[:demo])
    assert [line.split()[-5:] for line in commands[demo + 1 :]] == [
        ["run", "--host", "127.0.0.1", "--port", "5000"]
    ]
