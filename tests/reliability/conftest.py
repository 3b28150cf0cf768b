"""Fixtures for reliability tests (helpers are in reliability_helpers.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from reliability_helpers import FORTY_KEY, forty_yaml
from werkzeug.serving import make_server

from surveys import default_registry, load_text


@pytest.fixture
def forty_survey(monkeypatch: pytest.MonkeyPatch):
    """The 40-question survey, added to the shipped definitions for this test only."""
    definition = load_text(forty_yaml(), "reliability_forty/v1.yaml")
    monkeypatch.setitem(default_registry()._surveys, FORTY_KEY, {1: definition})
    return definition


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """The test's app behind werkzeug's threaded server on 127.0.0.1 (Host: localhost)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
