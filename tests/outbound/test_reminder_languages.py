"""Reminders and check-ins in the respondent's preferred language when the survey has been
translated into it, as the invitation is (`language_for`); sent through Twilio (Prism)."""

from __future__ import annotations

from datetime import timedelta

from app.core.extensions import db
from app.models import Channel, Invitation, OutboundStatus, now_utc
from app.outbound.checkins import create_schedule
from app.outbound.invitations import send_invitations
from app.outbound.periodic import tick
from app.outbound.reminders import queue_reminders
from surveys import default_registry, gsm7_length
from tests.catalogues import with_catalogue

from .conftest import make_campaign, make_person, messages_keyed

REMINDER = "Reminder from %(council)s: there's still time to have your say: %(link)s"
CHECKIN = "%(council)s: time for your check-in. How are things going? %(link)s"
# Each wording of a reminder and a check-in, longest first (the first that fits one segment
# is sent), in a test catalogue: the committed ones are still being translated.
POLISH = {
    REMINDER: "Przypomnienie od %(council)s: wciąż możesz się wypowiedzieć: %(link)s",
    "Reminder: have your say: %(link)s": "Przypomnienie: wypowiedz się: %(link)s",
    "Reminder: %(link)s": "Przypomnienie: %(link)s",
    CHECKIN: "%(council)s: czas na rozmowę. Jak się masz? %(link)s",
    "Time for your check-in: %(link)s": "Czas na rozmowę: %(link)s",
    "Check-in: %(link)s": "Rozmowa: %(link)s",
}


def _first_question(code: str) -> str:
    registry = default_registry()
    definition = registry.get("pledge")
    if code != "en":
        definition = registry.in_language(definition, code)
    first = definition.resolve("teen").questions[0]
    return (first.sms_text or first.text).strip()


def _people(channel: Channel) -> dict[str, object]:
    """One person preferring each: Polish, German (no catalogue: English) and none."""
    people = {}
    for code in ("pl", "de", None):
        person = make_person(channel=channel)
        person.preferred_language = code
        people[code] = person
    return people


def _bodies(prefix: str) -> dict[int, str]:
    bodies = {}
    for message in messages_keyed(prefix):
        assert message.status == OutboundStatus.SENT
        invitation = db.session.get(Invitation, message.invitation_id)
        bodies[invitation.respondent_id] = message.body
    return bodies


def test_sms_reminders_ask_in_each_persons_language(app, twilio_front):
    with app.app_context():
        people = _people(Channel.SMS)
        send_invitations(make_campaign(), list(people.values()))
        db.session.commit()
        sent_at = messages_keyed("invite:")[0].sent_at
        assert queue_reminders(sent_at + timedelta(days=3, minutes=1)) == 3
        db.session.commit()
        bodies = _bodies("remind:")
        assert _first_question("pl")[:30] in bodies[people["pl"].id]
        assert _first_question("en")[:30] in bodies[people["de"].id]
        assert _first_question("en")[:30] in bodies[people[None].id]
        sent = [seen.form["Body"] for seen in twilio_front.seen]
    assert set(bodies.values()) <= set(sent)  # what Twilio (Prism) was sent


def test_web_reminders_are_worded_in_each_persons_language(app, twilio_front, tmp_path):
    domain = with_catalogue(app, tmp_path, "pl", POLISH)
    with app.app_context():
        domain.as_default()
        people = _people(Channel.WEB)
        send_invitations(make_campaign(), list(people.values()))
        db.session.commit()
        sent_at = messages_keyed("invite:")[0].sent_at
        assert queue_reminders(sent_at + timedelta(days=3, minutes=1)) == 3
        db.session.commit()
        bodies = _bodies("remind:")
        assert bodies[people["pl"].id].startswith("Przypomnienie")
        for english in (people["de"], people[None]):
            assert bodies[english.id].startswith("Reminder")
        assert all(gsm7_length(body) <= 160 for body in bodies.values())
        sent = [seen.form["Body"] for seen in twilio_front.seen]
    assert set(bodies.values()) <= set(sent)


def test_web_checkins_are_worded_in_each_persons_language(app, twilio_front, tmp_path):
    domain = with_catalogue(app, tmp_path, "pl", POLISH)
    with app.app_context():
        domain.as_default()
        now = now_utc()
        campaign = make_campaign()
        people = _people(Channel.WEB)
        for person in people.values():
            create_schedule(person, campaign, start=now - timedelta(days=8), every_weeks=1)
        db.session.commit()
        assert tick(now).checkins == 3
        db.session.commit()
        bodies = _bodies("checkin:")
        polish = bodies[people["pl"].id].lower()
        assert "rozmow" in polish and "check-in" not in polish  # the one that fits, in Polish
        for english in (people["de"], people[None]):
            assert "check-in" in bodies[english.id].lower()
        sent = [seen.form["Body"] for seen in twilio_front.seen]
    assert set(bodies.values()) <= set(sent)


def test_sms_checkins_ask_in_the_persons_language(app, twilio_front):
    with app.app_context():
        now = now_utc()
        campaign = make_campaign()
        people = _people(Channel.SMS)
        for person in people.values():
            create_schedule(person, campaign, start=now - timedelta(days=8), every_weeks=1)
        db.session.commit()
        assert tick(now).checkins == 3
        db.session.commit()
        bodies = _bodies("checkin:")
        assert _first_question("pl")[:30] in bodies[people["pl"].id]
        assert _first_question("en")[:30] in bodies[people["de"].id]
        sent = [seen.form["Body"] for seen in twilio_front.seen]
    assert set(bodies.values()) <= set(sent)
