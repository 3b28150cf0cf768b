"""The known traps from issue 7, each with a test. Those tested elsewhere:

- a logged-out session cookie replayed, and a disabled account's session:
  tests/staff/test_auth.py (test_logged_out_cookie_replayed_is_refused,
  test_disabled_account_loses_its_session);
- SQLite "database is locked" under concurrent read-then-write submissions:
  tests/reliability/test_reliability_concurrent.py (2,000 concurrent answers, none refused);
- a missing X-Twilio-Signature is a 403, not a TypeError's 500: tests/conversations/test_sms.py
  (test_signed_requests_are_accepted_and_others_refused_without_effect);
- pip-audit without --strict: `make audit` (.ci/audit.py);
- MAX_CONTENT_LENGTH: tests/security/test_security_headers.py (413 on every POST route).

Here: the keyed phone hash, and forms over HTTPS when browsers send no Referer.
"""

from __future__ import annotations

import hashlib
import hmac

import pytest
from security_helpers import ADMIN, seed
from sqlalchemy import select

from app.core.config import ConfigError, load_config
from app.core.extensions import db
from app.core.phones import PhoneVault, normalise, vault
from app.models import Respondent
from tests.conversations.twilio_helpers import sms_respondent
from tests.staff.staff_helpers import PASSWORD
from tests.web.helpers import csrf_token

PHONE = "07700 900877"


def test_phone_lookup_hash_is_keyed_not_a_plain_digest(app):
    sms_respondent(app, PHONE, reference="KEYED-1")
    e164 = normalise(PHONE)
    with app.app_context():
        stored = db.session.scalars(select(Respondent.phone_hash)).one()
        key = app.config["PHONE_HASH_KEY"].encode()
        assert stored == hmac.new(key, e164.encode(), hashlib.sha256).hexdigest()
        assert stored == vault().hash(e164)
    # Brute force over UK mobiles hashes every candidate the way an unkeyed scheme would:
    # none of the obvious ways matches what is stored.
    forms = {e164, e164.lstrip("+"), "0" + e164[3:], PHONE, PHONE.replace(" ", "")}
    for form in forms:
        for algorithm in ("sha256", "sha1", "md5", "sha512", "blake2b"):
            assert hashlib.new(algorithm, form.encode()).hexdigest() != stored
    other = PhoneVault(app.config["PHONE_ENCRYPTION_KEY"], "another-key")
    assert other.hash(e164) != stored  # without the key, no match


def test_production_refuses_to_start_without_its_phone_hash_key(tmp_path):
    with pytest.raises(ConfigError, match="PHONE_HASH_KEY"):
        load_config(
            str(tmp_path),
            {
                "GOLDEN_THREAD_ENV": "production",
                "SECRET_KEY": "s" * 64,
                "PHONE_ENCRYPTION_KEY": "k" * 43 + "=",
            },
        )


def test_forms_work_over_https_when_browsers_send_no_referer(app):
    """Referrer-Policy: no-referrer means browsers send no Referer, even to the same site;
    Flask-WTF's HTTPS Referer check would then refuse every form in production."""
    seeded = seed(app)
    https = "https://localhost"
    client = app.test_client()
    page = client.get("/staff/login", base_url=https)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    signed_in = client.post(
        "/staff/login",
        base_url=https,
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "email": ADMIN,
            "password": PASSWORD,
        },
    )
    assert signed_in.status_code == 302, signed_in.get_data(as_text=True)[:500]
    survey = app.test_client()
    url = f"/s/{seeded.values['token']}/q/health_rating"
    question = survey.get(url, base_url=https)
    answered = survey.post(
        url,
        base_url=https,
        data={"csrf_token": csrf_token(question.get_data(as_text=True)), "answer": "4"},
    )
    assert answered.status_code == 302 and "/q/health_more" in answered.headers["Location"]
