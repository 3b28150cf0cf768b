"""Fuzzing with hypothesis: survey form posts, SMS bodies, CSV imports and survey definitions.
Whatever arrives, no 5xx and no unhandled exception. Example counts are modest so the suite
stays fast; `--hypothesis-seed` reproduces a failure."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.core.extensions import db
from app.models import Answer, SafeguardingFlag
from app.respondents.import_file import parse_csv
from app.respondents.importing import apply_import, check_against_db
from surveys import DEFINITIONS_DIR, DefinitionErrors, default_registry, load_text
from tests.conversations.twilio_helpers import (
    AUTH_TOKEN,
    new_sid,
    signed_post,
    sms_respondent,
    text,
)
from tests.web.helpers import csrf_token, make_invitation

FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same examples every run: CI stays deterministic
    database=None,  # and no .hypothesis folder in the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Text as people (and attackers) send it: any Unicode, control characters included.
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=300)
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\u202e\u0635\u0648\u062a",
        "👍🏽",
        "%00",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "{{7*7}}",
        "x" * 5000,
        "4/5",
        "STOP",
        "help",
        "１２",
        "\r\n\r\n",
        "\ud7ff",
    ]
)
ANSWER = st.one_of(ANY_TEXT, NASTY, st.integers(-10, 10).map(str))


@pytest.fixture
def survey_link(app):
    token = make_invitation(app, "pledge", reference="FUZZ-1")
    client = app.test_client()
    page = client.get(f"/s/{token}/q/health_rating")
    return client, token, csrf_token(page.get_data(as_text=True))


@FUZZ
@given(
    key=st.sampled_from(
        [q.key for q in default_registry().get("pledge").resolve("teen").questions]
        + ["nope", "..", "health_rating%00"]
    ),
    answers=st.lists(ANSWER, max_size=3),
    extra=st.dictionaries(st.sampled_from(["change", "next", "variant"]), ANSWER, max_size=2),
    with_token=st.booleans(),
)
def test_fuzzed_survey_form_posts_never_500(survey_link, key, answers, extra, with_token):
    client, token, csrf = survey_link
    data: dict = {"answer": answers, **extra}
    if with_token:
        data["csrf_token"] = csrf
    reply = client.post(f"/s/{token}/q/{key}", data=data)
    assert reply.status_code < 500, (key, answers, reply.status_code)
    assert client.get(f"/s/{token}/check").status_code < 500


@pytest.fixture
def open_link(app):
    from app.campaigns.service import create_campaign

    # One client sends every example: the rate limit (tests/ratelimits) is not what is fuzzed.
    app.config["OPEN_LINK_RATE_LIMIT"] = "1000 per minute"

    with app.test_request_context():
        campaign = create_campaign(
            default_registry().get("pledge"), "fuzz-open", "Open", open_link=True
        )
        db.session.commit()
        return campaign.open_link_token


@FUZZ
@given(start_key=ANSWER, variant=ANSWER)
def test_fuzzed_open_link_starts_never_500(app, open_link, start_key, variant):
    client = app.test_client()
    page = client.get(f"/o/{open_link}")
    data = {
        "csrf_token": csrf_token(page.get_data(as_text=True)),
        "start_key": start_key,
        "variant": variant,
    }
    assert client.post(f"/o/{open_link}", data=data).status_code < 500


@pytest.fixture
def sms_app(app):
    app.config.update(TWILIO_AUTH_TOKEN=AUTH_TOKEN, TWILIO_ACCOUNT_SID="AC" + "0" * 32)
    sms_respondent(app, "07700 900311", reference="FUZZ-SMS")
    return app


@FUZZ
@given(
    body=st.one_of(ANY_TEXT, NASTY),
    sender=st.one_of(st.just("07700 900311"), st.just("+447700900312"), ANY_TEXT),
    media=st.sampled_from(["0", "1", "x", ""]),
)
def test_fuzzed_sms_bodies_never_500(sms_app, body, sender, media):
    client = sms_app.test_client()
    params = {"From": sender, "To": "+447700900999", "Body": body, "NumMedia": media}
    reply = signed_post(client, "/sms/inbound", {**params, "MessageSid": new_sid()})
    assert reply.status_code == 200, (body, sender, reply.status_code)


def test_nul_characters_in_texts_are_dropped_not_a_500(sms_app):
    """Found by the fuzzing above: PostgreSQL cannot store NUL, so a text holding one was a
    500, and Twilio's retries would never have recorded it (a disclosure included)."""
    client = sms_app.test_client()
    for body in ("hi", "4", "It's ok\x00 at home", "and\x00 school"):
        assert text(client, "07700 900311", body).status_code == 200
    stranger = text(client, "07700 900399", "he hits me\x00 and I am scared")
    assert stranger.status_code == 200
    with sms_app.app_context():
        words = db.session.scalars(select(Answer.value_text).where(Answer.value_text != None))  # noqa: E711
        # "and school" is no full-segment part of a split text, so it is read as the reply to
        # the next question (issue 14.6), not joined to the answer before.
        assert list(words) == ["It's ok at home"]
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        assert flag.text == "he hits me and I am scared"


# --- CSV imports -----------------------------------------------------------------------------

COLUMNS = [
    "reference",
    "cohort",
    "date_of_birth",
    "age_band",
    "gender",
    "ethnicity",
    "phone",
    "preferred_channel",
    "consent_sms",
]
CELL = st.one_of(
    ANY_TEXT,
    NASTY,
    st.sampled_from(
        ["CLA-1", "cla", "Care leaver", "2010-02-30", "2011-05-01", "13-15", "unborn", "WBRI"]
        + ["07700 900123", "+447700900123", "yes", "no", "sms", "web", "=cmd|' /C calc'!A0"]
    ),
)


def _csv(rows: list[list[str]], header: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", errors="surrogatepass")


@FUZZ
@given(
    header=st.one_of(
        st.permutations(COLUMNS).map(lambda c: list(c[:6])),
        st.lists(st.one_of(st.sampled_from(COLUMNS), ANY_TEXT), max_size=10),
    ),
    rows=st.lists(st.lists(CELL, min_size=0, max_size=10), max_size=8),
    raw=st.one_of(st.none(), st.binary(max_size=400)),
)
def test_fuzzed_csv_imports_never_raise(app, header, rows, raw):
    try:
        data = raw if raw is not None else _csv(rows, header)
    except UnicodeEncodeError:
        data = b"reference,cohort\n"
    with app.app_context():
        plan = parse_csv(data, today=date(2026, 6, 1))
        checked = check_against_db(plan)
        if checked.clean_rows:
            try:
                apply_import(checked)
                db.session.flush()
            finally:
                db.session.rollback()
        for problem in checked.problems:
            assert str(problem)  # every problem can be shown to the officer


def test_csv_with_a_nul_byte_or_a_bad_encoding_is_a_problem_not_a_crash(app):
    with app.app_context():
        for data in (b"reference,cohort\x00\nA,cla\n", b"\xff\xfe\x00r\x00e\x00", b"\x00" * 50):
            plan = parse_csv(data, today=date(2026, 6, 1))
            assert plan.problems or plan.total == 0


# --- Survey definitions ----------------------------------------------------------------------

REAL = (DEFINITIONS_DIR / "pledge" / "v1.yaml").read_text(encoding="utf-8")
JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), ANY_TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(ANY_TEXT, inner, max_size=4)
    ),
    max_leaves=12,
)


def _mutate(document: object, path: list[int], value: object) -> object:
    """Replace one node of `document`, chosen by `path`, with `value`."""
    node = document
    for step in path[:-1]:
        children = list(node.values()) if isinstance(node, dict) else node
        if not isinstance(children, list) or not children:
            break
        node = children[step % len(children)]
    if isinstance(node, dict) and node:
        node[list(node)[path[-1] % len(node)]] = value
    elif isinstance(node, list) and node:
        node[path[-1] % len(node)] = value
    return document


@FUZZ
@given(
    text=st.one_of(
        ANY_TEXT,
        JSONISH.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
        st.tuples(st.lists(st.integers(0, 50), min_size=1, max_size=6), JSONISH).map(
            lambda pv: yaml.safe_dump(
                _mutate(yaml.safe_load(REAL), pv[0], pv[1]), allow_unicode=True
            )
        ),
        st.integers(0, len(REAL)).map(lambda cut: REAL[:cut]),
    )
)
def test_fuzzed_survey_definitions_are_loaded_or_explained(text):
    try:
        definition = load_text(text, "fuzz/v1.yaml")
    except DefinitionErrors as problems:
        assert problems.errors and all(str(e) for e in problems.errors)
        return
    for variant in list(definition.variants) or [None]:
        definition.resolve(variant)  # a definition that loads can be used, in every variant
