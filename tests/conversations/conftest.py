import pytest

from .twilio_helpers import AUTH_TOKEN


@pytest.fixture
def app(app):
    app.config.update(
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_ACCOUNT_SID="AC" + "0" * 32,
        SUPPORT_CONTACTS=[
            {"name": "Childline", "phone": "0800 1111"},
            {"name": "Emergency Duty Team", "phone": "01632 960 001"},
        ],
    )
    return app
