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


# --- Inside app/: each domain package imports only the packages it declares, and no module
# imports itself back through others (imports inside functions count too: a lazy import that
# closes a circle is still a circle). Imports under `if TYPE_CHECKING:` are annotations only.

APP = ROOT / "app"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


APP_MODULES = {_module_name(path): path for path in sorted(APP.rglob("*.py"))}


def _type_checking_only(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        getattr(test, "id", None) == "TYPE_CHECKING"
        or getattr(test, "attr", None) == "TYPE_CHECKING"
    )


def _app_imports(name: str, path: Path) -> set[str]:
    """The app modules that module `name` imports (`from app.x import y` names module app.x.y
    when that is a module, else the package app.x)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if _type_checking_only(child):
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parent = package[: len(package) - child.level + 1]
                    base = ".".join(parent + ([child.module] if child.module else []))
                for alias in child.names:
                    full = f"{base}.{alias.name}"
                    found.add(full if full in APP_MODULES else base)
            visit(child)

    visit(ast.parse(path.read_text(), str(path)))
    return {module for module in found if module in APP_MODULES and module != name}


APP_GRAPH = {name: _app_imports(name, path) for name, path in APP_MODULES.items()}


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "app"


# What each room of app/ may import from the others. `core` is the floor everything stands on;
# `staff` holds sign-in and audit, which every staff page needs. Change this map on purpose.
ROOMS = {
    "core": set(),
    "staff": {"core", "safeguarding"},
    "safeguarding": {"core", "outbound", "reading", "respondents", "staff"},
    "responses": {"core", "campaigns", "review", "safeguarding"},
    "review": {"core", "actions", "campaigns", "reading", "respondents", "responses", "staff"},
    "reading": {"core", "campaigns", "responses", "review", "safeguarding", "staff"},
    "campaigns": {"core", "outbound", "respondents", "responses", "staff"},
    "conversations": {"core", "campaigns", "respondents", "responses"},
    "outbound": {
        "core",
        "campaigns",
        "conversations",
        "reading",
        "respondents",
        "responses",
        "safeguarding",
    },
    "respondents": {
        "core",
        "actions",
        "campaigns",
        "conversations",
        "outbound",
        "reporting",
        "responses",
        "review",
        "safeguarding",
        "staff",
    },
    "conferences": {"core", "campaigns", "outbound", "responses", "safeguarding", "staff"},
    "actions": {"core", "conversations", "outbound", "respondents", "review", "staff"},
    "reporting": {
        "core",
        "actions",
        "campaigns",
        "conferences",
        "reading",
        "respondents",
        "responses",
        "review",
        "safeguarding",
        "staff",
    },
    "public": {"core", "campaigns"},
    "demo": {
        *("actions", "campaigns", "conferences", "core", "reporting", "respondents"),
        *("responses", "staff"),
    },
}
# app/__init__.py (create_app) wires every room; app/models.py gathers the models for Alembic.
WIRING = {"app", "models"}


def _room_imports() -> dict[str, set[str]]:
    rooms: dict[str, set[str]] = {}
    for module, targets in APP_GRAPH.items():
        rooms.setdefault(_room(module), set())
        rooms[_room(module)] |= {_room(t) for t in targets if _room(t) != _room(module)}
    return rooms


def test_every_room_is_declared():
    assert set(_room_imports()) - WIRING == set(ROOMS)


@pytest.mark.parametrize("room", sorted(ROOMS))
def test_room_imports_only_what_it_declares(room):
    actual = _room_imports()[room]
    undeclared = sorted(
        f"{module} imports {target}"
        for module, targets in APP_GRAPH.items()
        if _room(module) == room
        for target in targets
        if _room(target) in actual - ROOMS[room] - {room}
    )
    assert not undeclared, f"app/{room} imports rooms it does not declare: {undeclared}"
    # A declaration nothing uses any more would hide the next undeclared import.
    assert ROOMS[room] - actual == set(), f"app/{room} declares rooms it no longer imports"


def test_no_room_imports_the_wiring():
    wrong = {
        f"{module} imports {target}"
        for module, targets in APP_GRAPH.items()
        for target in targets
        if target in WIRING and _room(module) not in WIRING
    }
    assert not wrong, sorted(wrong)


def test_no_import_circle_among_app_modules():
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    circles: list[list[str]] = []

    def walk(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(APP_GRAPH[module]):
            if state.get(target) == 1:
                circles.append(path[path.index(target) :] + [target])
            elif target not in state:
                walk(target, [*path, target])
        state[module] = 2

    for module in sorted(APP_GRAPH):
        if module not in state:
            walk(module, [module])
    assert not circles, [" -> ".join(circle) for circle in circles]


def test_the_graph_sees_imports():
    """The checks above read real edges (a parser that found none would pass them all)."""
    assert "app.core.extensions" in APP_GRAPH["app.staff.models"] | APP_GRAPH["app.staff.audit"]
    assert sum(map(len, APP_GRAPH.values())) > 200
