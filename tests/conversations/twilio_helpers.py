"""Signed Twilio webhook requests, as Twilio sends them, and reading TwiML replies."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

from twilio.request_validator import RequestValidator

from app import create_app
from app.campaigns.service import create_campaign, invite
from app.core.extensions import db
from app.core.phones import normalise, vault
from app.models import Channel, Cohort, Respondent
from surveys import default_registry

AUTH_TOKEN = "test-auth-token-0123456789abcdef"
_sids = itertools.count(1)


def sms_app(database_url):
    """An app on its own database (tables made) that takes webhooks signed with AUTH_TOKEN."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "test-secret",
            "SERVER_NAME": "localhost",
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
        }
    )
    with app.app_context():
        db.create_all()
    return app


def new_sid(prefix: str = "SM") -> str:
    return f"{prefix}{next(_sids):032x}"


def signed_post(
    client, path: str, params: dict, *, token: str = AUTH_TOKEN, url: str | None = None
):
    """POST form params with the X-Twilio-Signature Twilio would compute for `url`."""
    signature = RequestValidator(token).compute_signature(url or f"http://localhost{path}", params)
    return client.post(path, data=params, headers={"X-Twilio-Signature": signature})


def text(client, phone: str, body: str, sid: str | None = None):
    return signed_post(
        client,
        "/sms/inbound",
        {"From": phone, "To": "+447700900999", "Body": body, "MessageSid": sid or new_sid()},
    )


def messages(reply) -> list[str]:
    assert reply.status_code == 200, reply.status_code
    root = ET.fromstring(reply.get_data(as_text=True))
    return [m.text or "" for m in root.iter("Message")]


def sms_respondent(
    app,
    phone: str,
    *,
    survey_key: str = "pledge",
    age_band: str = "13-15",
    cohort: Cohort = Cohort.CLA,
    reference: str = "SMS-1",
    language: str | None = None,
) -> None:
    """A respondent with a phone and an SMS invitation to an open campaign; `language`: the
    one they prefer."""
    definition = default_registry().get(survey_key)
    with app.test_request_context():
        e164 = normalise(phone)
        person = Respondent(
            reference=reference,
            cohort=cohort,
            age_band=age_band,
            phone_encrypted=vault().encrypt(e164),
            phone_hash=vault().hash(e164),
            preferred_channel=Channel.SMS,
            consent_to_contact=True,
            preferred_language=language,
        )
        db.session.add(person)
        campaign = create_campaign(definition, f"sms-{reference}", f"SMS wave {reference}")
        invite(campaign, definition, person, days_valid=30, channel=Channel.SMS)
        db.session.commit()
