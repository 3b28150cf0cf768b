"""Invitations by SMS in the respondent's preferred language, when the survey has been
translated into it; the conversation they open goes on in that language."""

from __future__ import annotations

from sqlalchemy import select

from app.core.extensions import db
from app.models import Channel, Invitation, Response
from app.outbound.invitation_rows import invitation_for
from app.outbound.invitations import send_invitations
from app.responses.service import Access, start_for_invitation
from surveys import default_registry

from .conftest import make_campaign, make_person


def _first_question(code: str) -> str:
    registry = default_registry()
    definition = registry.get("pledge")
    if code != "en":
        definition = registry.in_language(definition, code)
    first = definition.resolve("teen").questions[0]
    return (first.sms_text or first.text).strip()


def test_sms_invitations_are_in_each_persons_language(app, twilio_front):
    with app.app_context():
        campaign = make_campaign()
        polish = make_person(channel=Channel.SMS)
        polish.preferred_language = "pl"
        welsh = make_person(channel=Channel.SMS)
        welsh.preferred_language = "cy"
        unknown = make_person(channel=Channel.SMS)
        unknown.preferred_language = "de"  # no catalogue for German: English
        english = make_person(channel=Channel.SMS)
        summary = send_invitations(campaign, [polish, welsh, unknown, english])
        db.session.commit()
        bodies = {}
        for message in summary.messages:
            invitation = db.session.get(Invitation, message.invitation_id)
            bodies[invitation.respondent_id] = message.body
        languages = {
            r.respondent_id: r.language for r in db.session.scalars(select(Response)).all()
        }
        assert languages == {polish.id: "pl", welsh.id: "cy", unknown.id: "en", english.id: "en"}
        assert _first_question("pl")[:30] in bodies[polish.id]
        assert _first_question("cy")[:30] in bodies[welsh.id]
        assert _first_question("en")[:30] in bodies[unknown.id]
        assert _first_question("en")[:30] in bodies[english.id]
        sent = {seen.form["Body"] for seen in twilio_front.seen}
    assert sent == set(bodies.values())  # what Twilio (Prism) was sent


def test_an_invitation_to_a_started_response_opens_it_in_the_preferred_language(app, twilio_front):
    with app.app_context():
        campaign = make_campaign()
        person = make_person(channel=Channel.SMS)
        person.preferred_language = "ro"
        own = invitation_for(campaign, person, Channel.SMS, 0)
        start_for_invitation(Access(campaign, own, None), Channel.SMS)  # one by one from here
        summary = send_invitations(campaign, [person])
        db.session.commit()
        assert _first_question("ro")[:30] in summary.messages[0].body
        assert db.session.scalars(select(Response)).one().language == "ro"
    assert len(twilio_front.seen) == 1
