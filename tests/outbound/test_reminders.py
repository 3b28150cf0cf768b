"""Reminders: at most two, each after its own wait, never to a finished survey."""

from __future__ import annotations

import re
from datetime import timedelta

from app.core.extensions import db
from app.models import (
    Channel,
    Cohort,
    Invitation,
    OutboundStatus,
    Response,
    ResponseStatus,
    SmsContact,
    now_utc,
)
from app.outbound.delivery import deliver
from app.outbound.invitations import send_invitations
from app.outbound.reminders import queue_reminders
from surveys import gsm7_length

from .conftest import make_campaign, make_person, messages_keyed


def _invite(app, **person_args):
    campaign = make_campaign()
    person = make_person(**person_args)
    send_invitations(campaign, [person])
    db.session.commit()
    message = messages_keyed("invite:")[0]
    assert message.status == OutboundStatus.SENT
    return person, message


def test_at_most_two_reminders_each_after_its_own_wait(app, twilio_front):
    with app.app_context():
        _person, invite = _invite(app)
        sent_at = invite.sent_at
        assert queue_reminders(sent_at + timedelta(days=2)) == 0
        assert queue_reminders(sent_at + timedelta(days=3, minutes=1)) == 1
        db.session.commit()
        assert queue_reminders(sent_at + timedelta(days=3, minutes=2)) == 0
        assert queue_reminders(sent_at + timedelta(days=7, minutes=1)) == 1
        db.session.commit()
        assert queue_reminders(sent_at + timedelta(days=30)) == 0
        reminders = messages_keyed("remind:")
        assert [m.idempotency_key for m in reminders] == [
            f"remind:{invite.invitation_id}:1",
            f"remind:{invite.invitation_id}:2",
        ]
        assert all(m.status == OutboundStatus.SENT for m in reminders)
        # The reminder carries the invitation's own link.
        link = re.search(r"https://\S+/s/\S+", invite.body).group(0)
        assert link in reminders[0].body and reminders[0].body.startswith("Reminder")
        assert all(gsm7_length(m.body) <= 160 for m in reminders)
    assert len(twilio_front.seen) == 3


def test_a_late_tick_does_not_send_both_reminders_at_once(app, twilio_front):
    with app.app_context():
        _person, invite = _invite(app)
        late = invite.sent_at + timedelta(days=10)
        assert queue_reminders(late) == 1
        db.session.commit()
        assert queue_reminders(late + timedelta(days=1)) == 0
        assert queue_reminders(late + timedelta(days=4)) == 1


def _finish_on_the_web(person, invitation_id: int) -> None:
    """The person completes the invitation's survey by its link."""
    invitation = db.session.get(Invitation, invitation_id)
    db.session.add(
        Response(
            campaign_id=invitation.campaign_id,
            invitation_id=invitation.id,
            respondent_id=person.id,
            survey_key="pledge",
            survey_version=invitation.campaign.survey_version,
            channel=Channel.WEB,
            status=ResponseStatus.COMPLETE,
            completed_at=now_utc(),
        )
    )
    db.session.commit()


def test_no_reminder_for_a_finished_survey_or_an_opted_out_number(app, twilio_front):
    with app.app_context():
        person, invite = _invite(app)
        _finish_on_the_web(person, invite.invitation_id)
        assert queue_reminders(invite.sent_at + timedelta(days=4)) == 0

        other_person = make_person()
        campaign = make_campaign("second-wave", Cohort.CLA)
        send_invitations(campaign, [other_person])
        db.session.commit()
        db.session.add(SmsContact(phone_hash=other_person.phone_hash, opted_out=True))
        db.session.commit()
        assert queue_reminders(now_utc() + timedelta(days=4)) == 0
        assert messages_keyed("remind:") == []


def test_reminder_queued_then_survey_finished_is_cancelled_at_send_time(app, twilio_front):

    with app.app_context():
        person, invite = _invite(app)
        assert queue_reminders(invite.sent_at + timedelta(days=4)) == 1
        db.session.info.pop("gt_after_commit", None)  # the worker has not got to it yet
        _finish_on_the_web(person, invite.invitation_id)
        reminder = messages_keyed("remind:")[0]
        assert deliver(reminder.id).status == OutboundStatus.CANCELLED
    assert len(twilio_front.seen) == 1  # the invitation only
