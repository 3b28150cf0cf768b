"""gunicorn, as deployed (gunicorn.conf.py read from the working directory), does not name
itself or its version in a Server header (issue 15, point 12)."""

from __future__ import annotations

import requests

from tests.reliability.reliability_helpers import GunicornServer, production_env


def test_gunicorn_sends_no_server_header(app, database_url, tmp_path):
    server = GunicornServer(production_env(database_url, tmp_path), tmp_path / "gunicorn.log", 1)
    server.start(timeout=90)
    try:
        for path in ("/help", "/staff/login", "/no-such-page", "/static/app.css"):
            reply = requests.get(f"{server.url}{path}", timeout=30)
            assert reply.status_code in (200, 404), (path, reply.status_code)
            assert "Server" not in reply.headers, (path, reply.headers["Server"])
    finally:
        server.kill(15)
