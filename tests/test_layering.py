"""The layers import one way: app -> forms -> surveys, app -> analysis; nothing imports app,
and surveys/ and analysis/ stay pure (no Flask, no database)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What each package may not import (top-level package names).
FORBIDDEN = {
    "forms": {"app"},
    "surveys": {"app", "forms", "analysis", "flask", "flask_wtf", "sqlalchemy", "flask_sqlalchemy"},
    "analysis": {"app", "forms", "surveys", "flask", "flask_wtf", "sqlalchemy", "flask_sqlalchemy"},
}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_downwards(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    wrong = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in _imports(path) & FORBIDDEN[package]
    }
    assert not wrong, sorted(wrong)


def test_forms_live_in_forms():
    """Flask-WTF forms are defined in forms/, where views of every audience find them."""
    defined = {
        f"{path.relative_to(ROOT)}: {node.name}"
        for path in sorted((ROOT / "app").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.ClassDef)
        and any(
            getattr(base, "id", getattr(base, "attr", "")) == "FlaskForm" for base in node.bases
        )
    }
    assert not defined, sorted(defined)
