"""Settings are read in one place: every default lives in the config loader, and the rest of
app/ reads config["X"], so a setting cannot have two defaults that drift apart."""

from __future__ import annotations

import ast
from pathlib import Path

from flask import Flask

from app.core.config import load_config

APP = Path(__file__).resolve().parents[1] / "app"
LOADER = APP / "core" / "config.py"


def _is_config(node: ast.expr) -> bool:
    """`config`, or anything's `.config` (app.config, current_app.config)."""
    return (isinstance(node, ast.Name) and node.id == "config") or (
        isinstance(node, ast.Attribute) and node.attr == "config"
    )


def _reads(tree: ast.AST) -> tuple[set[str], list[tuple[int, str]]]:
    """The keys read as config["X"], and every config.get/setdefault call (line, source)."""
    keys: set[str] = set()
    defaults: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and _is_config(node.value)
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            keys.add(node.slice.value)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get", "setdefault")
            and _is_config(node.func.value)
        ):
            defaults.append((node.lineno, ast.unparse(node)))
    return keys, defaults


def _app_modules() -> list[Path]:
    return [path for path in sorted(APP.rglob("*.py")) if path != LOADER]


def test_no_setting_is_read_with_a_local_default():
    found = {}
    for path in _app_modules():
        _keys, defaults = _reads(ast.parse(path.read_text(encoding="utf-8")))
        if defaults:
            found[str(path.relative_to(APP))] = defaults
    assert found == {}


def test_every_setting_read_has_its_default_in_the_loader(tmp_path):
    loaded = load_config(str(tmp_path), {"GOLDEN_THREAD_ENV": "testing"})
    production = load_config(
        str(tmp_path),
        {
            "GOLDEN_THREAD_ENV": "production",
            "SECRET_KEY": "s" * 32,
            "PHONE_ENCRYPTION_KEY": "k",
            "PHONE_HASH_KEY": "h",
        },
    )
    assert loaded.keys() == production.keys()  # no setting exists in one environment only
    # Flask's and its extensions' own settings have their defaults in Flask.
    known = loaded.keys() | Flask.default_config.keys()
    read: dict[str, list[str]] = {}
    for path in _app_modules():
        keys, _defaults = _reads(ast.parse(path.read_text(encoding="utf-8")))
        for key in keys:
            read.setdefault(key, []).append(str(path.relative_to(APP)))
    assert "TABLET_IDLE_SECONDS" in read  # the walk does find the reads
    missing = {key: where for key, where in read.items() if key not in known}
    assert missing == {}


def test_only_the_loader_reads_the_environment():
    readers = []
    for path in _app_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv")) and (
                isinstance(node.value, ast.Name) and node.value.id == "os"
            ):
                readers.append(f"{path.relative_to(APP)}:{node.lineno}")
    assert readers == []
