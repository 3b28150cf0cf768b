"""The SMS help text is chosen by the same audience policy as the web pages (issue 14, 5)."""

from __future__ import annotations

from app.models import Cohort

from .twilio_helpers import messages, sms_respondent, text

PHONE = "07700 900456"


def test_parent_texting_a_disclosure_gets_adult_numbers_not_childline(app, client):
    app.config["SUPPORT_CONTACTS_PARENTS"] = [
        {"name": "Samaritans", "phone": "116 123"},
        {"name": "NHS 111 option 2", "phone": "111"},
    ]
    sms_respondent(app, PHONE, survey_key="parent_feedback", cohort=Cohort.PARENT_CARER)
    text(client, PHONE, "hi")
    joined = " ".join(
        messages(
            text(client, PHONE, "After today I feel like killing myself, they are taking my kids")
        )
    )
    assert joined.startswith("Thank you for telling us")
    assert "116 123" in joined and "NHS 111 option 2" in joined
    assert "0800 1111" not in joined and "Childline" not in joined


def test_child_texting_a_disclosure_still_gets_childline(app, client):
    sms_respondent(app, PHONE)
    text(client, PHONE, "hi")
    joined = " ".join(messages(text(client, PHONE, "my foster carer hits me")))
    assert "0800 1111" in joined and "116 123" not in joined


def test_a_parent_texting_help_mid_survey_gets_adult_numbers(app, client):
    app.config["SUPPORT_CONTACTS_PARENTS"] = [{"name": "Samaritans", "phone": "116 123"}]
    sms_respondent(app, PHONE, survey_key="parent_feedback", cohort=Cohort.PARENT_CARER)
    text(client, PHONE, "hi")
    joined = " ".join(messages(text(client, PHONE, "HELP")))
    assert "Need help now? Samaritans: 116 123" in joined and "0800 1111" not in joined
