"""Invitations, check-in schedules and reminders."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.models import (
    Channel,
    CheckinSchedule,
    Cohort,
    Conversation,
    Invitation,
    OutboundMessage,
    OutboundStatus,
    Response,
    ResponseStatus,
    SmsContact,
    now_utc,
)
from app.outbound import invitations
from app.outbound.checkins import add_months, create_schedule, due_at
from app.outbound.delivery import deliver
from app.outbound.invitation_rows import invitation_for
from app.outbound.invitations import send_invitations
from app.outbound.periodic import tick
from app.outbound.reminders import queue_reminders
from app.outbound.texts import STOP_HINT, fit
from app.responses.service import Access, resolve_link, start_for_invitation
from surveys import gsm7_length

from .conftest import PUBLIC_BASE, make_campaign, make_person

UK_10AM_WINTER = datetime.fromisoformat("2026-01-31T10:00:00+00:00")


def _schedule(**rule) -> CheckinSchedule:
    """An unsaved schedule: due dates are pure arithmetic."""
    return CheckinSchedule(start_date=rule.pop("start", UK_10AM_WINTER), **rule)


def _dates(schedule: CheckinSchedule, count: int) -> list[str]:
    found = []
    for n in range(1, count + 1):
        due = due_at(schedule, n)
        found.append(due.isoformat() if due else None)
    return found


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), 11, date(2027, 2, 28)),
        (date(2026, 5, 31), -3, date(2026, 2, 28)),
        (date(2026, 1, 15), 36, date(2029, 1, 15)),
    ],
)
def test_add_months_keeps_inside_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_every_n_weeks_keeps_uk_wall_clock_time_across_summer_time():
    start = datetime.fromisoformat("2026-03-16T10:00:00+00:00")  # 10:00 GMT
    dates = _dates(_schedule(rule="weeks", interval=2, start=start), 3)
    assert dates == [
        "2026-03-30T09:00:00+00:00",  # 10:00 BST
        "2026-04-13T09:00:00+00:00",
        "2026-04-27T09:00:00+00:00",
    ]


def test_every_n_months_from_a_month_end_does_not_drift():
    dates = _dates(_schedule(rule="months", interval=1), 4)
    assert dates == [
        "2026-02-28T10:00:00+00:00",
        "2026-03-31T09:00:00+00:00",  # 10:00 BST
        "2026-04-30T09:00:00+00:00",
        "2026-05-31T09:00:00+00:00",
    ]
    quarterly = _dates(_schedule(rule="months", interval=3), 2)
    assert quarterly == ["2026-04-30T09:00:00+00:00", "2026-07-31T09:00:00+00:00"]


def test_adoption_style_offsets_6_to_36_months_then_stop():
    schedule = _schedule(rule="offsets", offsets_months=[6, 12, 18, 24, 30, 36])
    assert _dates(schedule, 7) == [
        "2026-07-31T09:00:00+00:00",
        "2027-01-31T10:00:00+00:00",
        "2027-07-31T09:00:00+00:00",
        "2028-01-31T10:00:00+00:00",
        "2028-07-31T09:00:00+00:00",
        "2029-01-31T10:00:00+00:00",
        None,
    ]
    from_august = _schedule(
        rule="offsets",
        offsets_months=[6, 18],
        start=datetime.fromisoformat("2027-08-31T09:00:00+00:00"),
    )
    assert _dates(from_august, 2) == [
        "2028-02-29T10:00:00+00:00",  # leap-year February, 10:00 GMT
        "2029-02-28T10:00:00+00:00",
    ]


def test_bad_schedules_are_refused(app):
    with app.app_context():
        person, campaign = make_person(), make_campaign()
        with pytest.raises(ValueError, match="exactly one"):
            create_schedule(person, campaign, start=UK_10AM_WINTER)
        with pytest.raises(ValueError, match="exactly one"):
            create_schedule(person, campaign, start=UK_10AM_WINTER, every_weeks=2, every_months=1)
        with pytest.raises(ValueError, match="1 or more"):
            create_schedule(person, campaign, start=UK_10AM_WINTER, offsets_months=[0])
        with pytest.raises(ValueError, match="time zone"):
            create_schedule(person, campaign, start=datetime(2026, 1, 1), every_weeks=1)
    with pytest.raises(ValueError, match="interval"):
        due_at(_schedule(rule="weeks", interval=0), 1)


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _messages(prefix: str) -> list[OutboundMessage]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.idempotency_key.like(f"{prefix}%"))
            .order_by(OutboundMessage.id)
        )
    )


def test_web_invitation_carries_a_working_link(app, twilio_front):
    with app.app_context():
        campaign = make_campaign()
        person = make_person()
        summary = send_invitations(campaign, [person], Channel.WEB)
        db.session.commit()
        body = summary.messages[0].body
        assert gsm7_length(body) <= 160
        token = re.search(rf"{re.escape(PUBLIC_BASE)}/s/(\S+)", body).group(1)
        access = resolve_link(token)
        assert access.invitation is not None and access.invitation.respondent_id == person.id
    assert twilio_front.seen[0].form["Body"] == body


def test_sms_invitation_opens_the_conversation_with_the_first_question(app, twilio_front):
    with app.app_context():
        campaign = make_campaign()
        person = make_person(channel=Channel.SMS)
        summary = send_invitations(campaign, [person])  # preferred channel: SMS
        db.session.commit()
        body = summary.messages[0].body
        invitation = db.session.get(Invitation, summary.messages[0].invitation_id)
        assert invitation.channel == Channel.SMS
        assert body.startswith("Hi, it's Shireford County Council")
        assert gsm7_length(body) is not None
        assert _count(Conversation, Conversation.phone_hash == person.phone_hash) == 1
        assert _messages("invite:")[0].status == OutboundStatus.SENT
    assert len(twilio_front.seen) == 1


def test_invitations_skip_people_without_consent_or_phone(app, twilio_front):
    with app.app_context():
        campaign = make_campaign()
        people = [make_person(), make_person(consent=False), make_person(with_phone=False)]
        summary = send_invitations(campaign, people)
        db.session.commit()
        assert (summary.queued, summary.no_consent, summary.no_phone) == (1, 1, 1)
        assert _count(Invitation) == 1
    assert len(twilio_front.seen) == 1


def test_invitations_in_batches_treat_everyone_as_one_by_one_would(app, twilio_front, monkeypatch):
    from app.conversations.engine import open_for_invitation
    from app.models import ConversationStatus

    monkeypatch.setattr(invitations, "BATCH", 3)  # seven people: batches of three, the last short
    with app.app_context():
        campaign = make_campaign()
        web = [make_person(), make_person()]
        by_sms = [make_person(channel=Channel.SMS) for _ in range(3)]
        opted_out = make_person(phone="07700 900 999")
        db.session.add(SmsContact(phone_hash=opted_out.phone_hash, opted_out=True))
        # Someone whose SMS response was already started (say by a text to our number).
        started = make_person(channel=Channel.SMS)
        own = invitation_for(campaign, started, Channel.SMS, 0)
        begun = start_for_invitation(Access(campaign, own, None), Channel.SMS)
        # One person already talking to us by text about something else: that conversation
        # gives way to the invitation's, as it would one by one.
        earlier = open_for_invitation(
            invitation_for(make_campaign("older-wave"), by_sms[0], Channel.SMS, 0)
        )
        assert earlier.startswith("Hi, it's")
        people = [*web, by_sms[0], started, by_sms[1], web[0], opted_out, by_sms[2]]
        summary = send_invitations(campaign, people)
        db.session.commit()
        assert (summary.queued, summary.already_invited, summary.opted_out) == (6, 1, 1)
        sms_people = [by_sms[0], started, by_sms[1], by_sms[2]]
        assert [m.respondent_id for m in summary.messages] == [
            p.id for p in [*web, by_sms[0], started, by_sms[1], by_sms[2]]
        ]
        bodies = {m.respondent_id: m.body for m in summary.messages}
        # Every SMS invitation opens with the same first question, batch or one by one.
        assert len({bodies[p.id] for p in sms_people}) == 1
        assert bodies[by_sms[0].id] == fit(earlier + STOP_HINT, earlier)
        for person in sms_people:
            active = db.session.scalars(
                select(Conversation).where(
                    Conversation.phone_hash == person.phone_hash,
                    Conversation.status == ConversationStatus.ACTIVE,
                )
            ).one()
            assert active.response.invitation.campaign_id == campaign.id
        assert _count(Response, Response.invitation_id == own.id) == 1
        only = select(Conversation).where(Conversation.phone_hash == started.phone_hash)
        assert db.session.scalars(only).one().response_id == begun.id
        replaced = (
            Conversation.phone_hash == by_sms[0].phone_hash,
            Conversation.status == ConversationStatus.TIMED_OUT,
        )
        assert _count(Conversation, *replaced) == 1
        for person in web:
            token = re.search(rf"{re.escape(PUBLIC_BASE)}/s/(\S+)", bodies[person.id]).group(1)
            assert resolve_link(token).invitation.respondent_id == person.id
        assert {m.status for m in _messages("invite:")} == {OutboundStatus.SENT}

        again = send_invitations(campaign, people)
        db.session.commit()
        assert (again.queued, again.already_invited, again.messages) == (0, 7, [])
        assert _count(Conversation, Conversation.status == ConversationStatus.ACTIVE) == 4
    assert sorted(s.form["Body"] for s in twilio_front.seen) == sorted(bodies.values())


def test_closed_campaign_is_refused(app):
    from app.models import CampaignStatus

    with app.app_context():
        campaign = make_campaign()
        campaign.status = CampaignStatus.CLOSED
        with pytest.raises(ValueError, match="not open"):
            send_invitations(campaign, [make_person()])


def test_checkins_go_when_due_once_and_skip_missed_rounds(app, twilio_front):
    with app.app_context():
        now = now_utc()
        person, campaign = make_person(), make_campaign()
        monthly = create_schedule(person, campaign, start=now - timedelta(days=100), every_months=1)
        future = create_schedule(
            make_person(), campaign, start=now + timedelta(days=90), every_weeks=1
        )
        db.session.commit()

        summary = tick(now)
        db.session.commit()
        assert summary.checkins == 1
        sent = _messages("checkin:")
        # Rounds 1 and 2 were missed (nothing ran); only round 3 goes, not a burst of three.
        assert [m.idempotency_key for m in sent] == [f"checkin:{monthly.id}:3"]
        assert sent[0].status == OutboundStatus.SENT
        invitation = db.session.get(Invitation, sent[0].invitation_id)
        assert invitation.checkin_round == 3
        db.session.refresh(monthly)
        assert monthly.sent_count == 3
        assert monthly.next_due_at == due_at(monthly, 4) > now

        # Ticking again sends nothing more; the future schedule is untouched.
        assert tick(now + timedelta(minutes=1)).checkins == 0
        db.session.commit()
        db.session.refresh(future)
        assert future.sent_count == 0

        # The next round makes a new invitation (the same survey again, a fresh response).
        assert tick(monthly.next_due_at).checkins == 1
        db.session.commit()
        keys = [m.idempotency_key for m in _messages("checkin:")]
        assert keys == [f"checkin:{monthly.id}:3", f"checkin:{monthly.id}:4"]
        assert _count(Invitation, Invitation.respondent_id == person.id) == 2
    assert len(twilio_front.seen) == 2


def test_offset_schedule_ends_after_its_last_check_in(app, twilio_front):
    with app.app_context():
        start = now_utc() - timedelta(days=400)
        schedule = create_schedule(
            make_person(), make_campaign(), start=start, offsets_months=[6, 12]
        )
        db.session.commit()
        tick()
        db.session.commit()
        db.session.refresh(schedule)
        assert (schedule.sent_count, schedule.active, schedule.next_due_at) == (2, False, None)
        assert [m.idempotency_key for m in _messages("checkin:")] == [f"checkin:{schedule.id}:2"]


def test_checkins_skip_opted_out_and_unconsenting_people_but_keep_the_schedule(app, twilio_front):
    with app.app_context():
        start = now_utc() - timedelta(days=8)
        opted, unconsenting = make_person(), make_person(consent=False)
        db.session.add(SmsContact(phone_hash=opted.phone_hash, opted_out=True))
        campaign = make_campaign()
        one = create_schedule(opted, campaign, start=start, every_weeks=1)
        two = create_schedule(unconsenting, campaign, start=start, every_weeks=1)
        db.session.commit()
        assert tick().checkins == 0
        db.session.commit()
        for schedule in (one, two):
            db.session.refresh(schedule)
            assert schedule.sent_count == 1 and schedule.active
        assert _messages("checkin:") == []
    assert twilio_front.seen == []


def _invite(app, **person_args):
    campaign = make_campaign()
    person = make_person(**person_args)
    send_invitations(campaign, [person])
    db.session.commit()
    message = _messages("invite:")[0]
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
        reminders = _messages("remind:")
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
        assert _messages("remind:") == []


def test_reminder_queued_then_survey_finished_is_cancelled_at_send_time(app, twilio_front):

    with app.app_context():
        person, invite = _invite(app)
        assert queue_reminders(invite.sent_at + timedelta(days=4)) == 1
        db.session.info.pop("gt_after_commit", None)  # the worker has not got to it yet
        _finish_on_the_web(person, invite.invitation_id)
        reminder = _messages("remind:")[0]
        assert deliver(reminder.id).status == OutboundStatus.CANCELLED
    assert len(twilio_front.seen) == 1  # the invitation only
