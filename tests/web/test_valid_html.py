"""Valid HTML on every demo page each role sees: the W3C Nu HTML checker reports no error.

The demo is seeded, then walked through the test client as a respondent (every invitation and
the open link, every question to the thank-you page, the public pages) and crawled as a
participation officer, conference chair and board member. Every page goes to one run of the
checker (npm `vnu-jar`, on Java) for speed. Missing Java or the checker fails the test: it is
part of `make test`, never skipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from app.demo.seed import DEMO_PASSWORD

from .helpers import csrf_token, path_of

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
ROLES = ("officer@shireford.example", "chair@shireford.example", "board@shireford.example")
PUBLIC = ["/", "/help", "/privacy", "/you-said-we-did"]
# Downloads and actions, not pages.
NOT_PAGES = ("/staff/logout", "/assets", "/static", "/govuk")

pytestmark = pytest.mark.xdist_group("vnu")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.fields: dict[str, list[tuple[str, str]]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"])
        if tag in ("input", "textarea") and found.get("name"):
            self.fields.setdefault(found["name"], []).append(
                (
                    found.get("type", "textarea" if tag == "textarea" else "text"),
                    found.get("value", ""),
                )
            )
        if tag == "button" and found.get("name") and found.get("name") != "skip":
            # A one-tap answer (issue 16): each picture is a submit button named like the field.
            self.fields.setdefault(found["name"], []).append(("button", found.get("value", "")))


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def _shape(path: str) -> str:
    """One page of each shape is enough: /staff/review/tags/12 and /13 are the same template."""
    return re.sub(r"/[A-Za-z0-9_-]{16,}|/\d+", "/*", urlparse(path).path)


def _answer(html: str) -> dict[str, object]:
    """A plain answer to whatever the question page asks: the first choice, or a few words."""
    data: dict[str, object] = {"csrf_token": csrf_token(html)}
    for name, inputs in _parse(html).fields.items():
        kinds = {kind for kind, _value in inputs}
        if name == "csrf_token" or kinds <= {"hidden", "submit"}:
            continue
        if kinds & {"radio", "checkbox", "button"}:
            data[name] = inputs[0][1]
        else:
            data[name] = "It was fine, thanks"
    return data


def _walk_respondent(client, start: str, pages: dict[str, str]) -> None:
    """From a survey link to the thank-you page, keeping every page on the way."""
    reply = client.get(start)
    location = start
    for _step in range(60):
        assert reply.status_code in (200, 302), (location, reply.status_code)
        if reply.status_code == 302:
            location = path_of(reply.headers["Location"])
            reply = client.get(location)
            continue
        html = reply.get_data(as_text=True)
        pages.setdefault(location, html)
        if location.startswith("/o/"):
            data = _answer(html)
            data["start_key"] = html.split('name="start_key" type="hidden" value="')[1].split('"')[
                0
            ]
            reply = client.post(location, data=data)
        elif "/q/" in location:
            reply = client.post(location, data=_answer(html))
        elif "/feeling?" in location:  # after a low check-out answer: who can help, then on
            location = location.split("next=", 1)[1]
            reply = client.get(location)
        elif location.endswith("/check"):
            submit = location.removesuffix("/check") + "/submit"
            reply = client.post(submit, data={"csrf_token": csrf_token(html)})
        elif location.startswith("/s/") and "govuk-button--start" in html:
            href = html.split('class="govuk-button govuk-button--start"')[0].rsplit('href="', 1)[1]
            location = path_of(href.split('"')[0])
            reply = client.get(location)
        else:
            return  # the thank-you page
    raise AssertionError(f"survey from {start} did not finish")


def _crawl(client, starts: list[str], pages: dict[str, str], limit: int = 80) -> None:
    seen_shapes: set[str] = set()
    queue = list(starts)
    while queue and len(seen_shapes) < limit:
        path = queue.pop(0)
        shape = _shape(path)
        if shape in seen_shapes or path.startswith(NOT_PAGES):
            continue
        seen_shapes.add(shape)
        reply = client.get(path)
        if reply.status_code != 200 or not reply.content_type.startswith("text/html"):
            continue  # CSV and PDF downloads, and pages a role may not open
        html = reply.get_data(as_text=True)
        pages.setdefault(f"{client.role} {path}", html)
        for href in _parse(html).hrefs:
            target = urljoin(path, href.split("#")[0])
            if target.startswith("/") and not target.startswith("//"):
                queue.append(target)


def _check(pages: dict[str, str], folder: Path) -> list[str]:
    java = shutil.which("java")
    assert java, "Java is needed for the HTML checker (apt-get install default-jre-headless)"
    assert VNU.exists(), "The HTML checker is missing: run `npm ci` (devDependency vnu-jar)"
    names: dict[str, str] = {}
    for n, (where, html) in enumerate(sorted(pages.items())):
        name = f"page-{n:03d}.html"
        (folder / name).write_text(html, encoding="utf-8")
        names[name] = where
    result = subprocess.run(  # noqa: S603 - fixed arguments, files this test wrote
        [java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    problems = []
    for message in report["messages"]:
        name = Path(urlparse(message.get("url", "")).path).name
        problems.append(
            f"{names.get(name, name)} line {message.get('lastLine')}: {message.get('message')}"
        )
    return problems


def test_every_demo_page_is_valid_html(app, runner, tmp_path):
    seeded = runner.invoke(args=["demo"])
    assert seeded.exit_code == 0, seeded.output
    links = [line.split(": ", 1)[1] for line in seeded.output.splitlines()[1:]]
    pages: dict[str, str] = {}

    for link in links:
        if "/staff/" not in link:
            _walk_respondent(app.test_client(), path_of(link), pages)
    public = app.test_client()
    public.role = "public"
    _crawl(public, PUBLIC, pages, limit=10)

    for email in ROLES:
        staff = app.test_client()
        staff.role = email.split("@")[0]
        form = staff.get("/staff/login").get_data(as_text=True)
        signed_in = staff.post(
            "/staff/login",
            data={"csrf_token": csrf_token(form), "email": email, "password": DEMO_PASSWORD},
        )
        assert signed_in.status_code == 302, email
        _crawl(staff, ["/staff/"], pages)

    # Every role's pages are in: the respondent's questions, and each role's own lists.
    assert sum("/q/" in where for where in pages) >= 30
    for role, page in (("chair", "/staff/conferences"), ("board", "/staff/board-packs")):
        assert f"{role} {page}" in pages, sorted(pages)
    folder = tmp_path / "pages"
    folder.mkdir()
    problems = _check(pages, folder)
    assert not problems, f"{len(problems)} HTML errors in {len(pages)} pages:\n" + "\n".join(
        problems
    )
