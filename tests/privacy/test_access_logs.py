"""Issue 15 point 6: no phone number, survey token, open-link token or tablet participant id in
an access log line, from werkzeug's server or from gunicorn; phone search is a POST."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from werkzeug.serving import make_server

from app.core.access_log import scrub_request_line
from tests.reliability.reliability_helpers import REPO, free_port, production_env

SECRETS = ("SURVEYTOKEN0123456789", "OPENTOKEN0123456789", "PID0123456789", "CONFTOK0123456789")
PHONE = "07700900456"
PATHS = (
    f"/s/{SECRETS[0]}",
    f"/s/{SECRETS[0]}/q/how_safe",
    f"/o/{SECRETS[1]}",
    f"/tablet/ABCD/p/{SECRETS[2]}/q/how_safe",
    f"/c/ABCD/{SECRETS[3]}",
    f"/staff/respondents?phone={PHONE}&reference=x",
)


def _assert_clean(log: str) -> None:
    for secret in (*SECRETS, PHONE, "7700900456"):
        assert secret not in log, secret
    # The lines are there, with their shape: this is what makes the check above mean something.
    for shape in ("/s/[token]/q/how_safe", "/o/[token]", "/tablet/ABCD/p/[id]", "/c/ABCD/[token]"):
        assert shape in log, shape
    assert "/staff/respondents?phone=[removed]&reference=[removed]" in log


def test_scrubbing_keeps_the_method_and_protocol():
    line = f"GET /s/{SECRETS[0]}/q/a?x={PHONE} HTTP/1.1"
    assert scrub_request_line(line) == "GET /s/[token]/q/a?x=[removed] HTTP/1.1"
    coloured = f"\x1b[1m{line}\x1b[0m"
    assert scrub_request_line(coloured) == "\x1b[1mGET /s/[token]/q/a?x=[removed] HTTP/1.1\x1b[0m"


def test_werkzeug_access_log_has_no_secrets(app, caplog):
    caplog.set_level(logging.INFO, logger="werkzeug")
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for path in PATHS:
            requests.get(f"http://127.0.0.1:{server.port}{path}", timeout=10)
    finally:
        server.shutdown()
        thread.join(timeout=10)
    _assert_clean(caplog.text)


def test_gunicorn_access_log_has_no_secrets(app, database_url, tmp_path):
    access = tmp_path / "access.log"
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(access),
            "app:create_app()",
        ],
        cwd=REPO,  # where gunicorn.conf.py is read from
        env={**os.environ, **production_env(database_url, tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, "gunicorn stopped"
            try:
                if requests.get(f"http://127.0.0.1:{port}/help", timeout=5).ok:
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        for path in PATHS:
            requests.get(
                f"http://127.0.0.1:{port}{path}",
                headers={"Referer": f"http://example.org/s/{SECRETS[0]}"},
                timeout=10,
            )
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
    _assert_clean(access.read_text())


@pytest.mark.parametrize("raw", [PHONE, "07700 900 456"])
def test_phone_search_is_a_post_and_a_get_ignores_the_number(app, make_user, raw):
    from app.core.extensions import db
    from app.core.phones import normalise, vault
    from app.models import Cohort, Respondent, Role
    from tests.staff.staff_helpers import sign_in
    from tests.web.helpers import csrf_token

    with app.app_context():
        e164 = normalise(PHONE)
        db.session.add_all(
            [
                Respondent(
                    reference="FIND-ME",
                    cohort=Cohort.CLA,
                    age_band="13-15",
                    phone_encrypted=vault().encrypt(e164),
                    phone_hash=vault().hash(e164),
                ),
                Respondent(reference="NOT-ME", cohort=Cohort.CLA, age_band="13-15"),
            ]
        )
        db.session.commit()
    _id, email = make_user(Role.PARTICIPATION_OFFICER)
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    page = client.get("/staff/respondents").get_data(as_text=True)
    assert 'method="post"' in page and 'name="phone"' in page
    found = client.post("/staff/respondents", data={"csrf_token": csrf_token(page), "phone": raw})
    assert found.status_code == 200
    assert "FIND-ME" in found.get_data(as_text=True)
    assert "NOT-ME" not in found.get_data(as_text=True)
    # A number in the query string finds nobody: it is not a way to search.
    listed = client.get(f"/staff/respondents?phone={raw}").get_data(as_text=True)
    assert "NOT-ME" in listed
    assert client.post("/staff/respondents", data={"phone": raw}).status_code == 400  # no CSRF
