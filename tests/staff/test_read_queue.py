"""Every free-text answer read by a person, in order of risk (issue 14): the queue's order, marking
read (who, when, audited), the working-day clock across a bank holiday weekend with a frozen
clock, escalation to the participation lead by email, the dashboard and the board pack figure.
Through the real pages and the signed SMS webhook, on SQLite and PostgreSQL."""

# ruff: noqa: F811 - the fixtures imported from test_safeguarding_inbox are parameters here

from __future__ import annotations

import time_machine
from sqlalchemy import select

from app.core.extensions import db
from app.models import AuditEvent, Role
from app.reading.models import AnswerReading
from tests.web.helpers import answer_current, csrf_token, path_of

from .reading_helpers import (
    FREE,
    analysis_id_of,
    answer_id_of,
    detector_with_tiers,
    mark,
    queue_rows,
    sms_answer,
    uk,
    web_answer,
    web_child,
)
from .staff_helpers import sign_in
from .test_safeguarding_inbox import app, mailbox, smtp_server  # noqa: F401 - fixtures

LEAD = "participation.lead@shireford.example"
DUTY = "duty.officer@shireford.example"
# Words and the tier and score the detector (with tiers) gives them.
HITS = "he hits me when nobody is home"
DIE = "i want to die"
SHOUTS = "i feel lonely most nights"
TRIPS = "more trips out please"
SMS_WORDS = "school is ok i guess"
TIERS = {
    HITS: ("urgent", 0.95),
    DIE: ("urgent", 0.7),
    SHOUTS: ("today", 0.6),
    TRIPS: ("routine", 0.2),
}


def signed_in(app, email: str):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def readings(app) -> dict[int, AnswerReading]:
    with app.app_context():
        rows = db.session.scalars(select(AnswerReading)).all()
        db.session.expunge_all()
        return {row.answer_id: row for row in rows}


def audit_reads(app) -> list[tuple[str, int | None]]:
    with app.app_context():
        return [
            (e.object_id, e.user_id)
            for e in db.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "answer.read").order_by(AuditEvent.id)
            )
        ]


def test_queue_is_ordered_by_tier_then_score_and_marking_read_records_who_and_when(
    app, client, make_user, monkeypatch
):
    detector_with_tiers(monkeypatch, TIERS)
    officer_id, officer_email = make_user(Role.PARTICIPATION_OFFICER)
    duty_id, duty_email = make_user(Role.DUTY_OFFICER, DUTY)
    _board, board_email = make_user(Role.BOARD_MEMBER, "board@shireford.example")
    now = uk(2026, 6, 2, 11, 0)
    with time_machine.travel(now, tick=False):
        ids = {words: web_answer(app, words) for words in (TRIPS, SHOUTS, DIE, HITS)}
        ids[SMS_WORDS] = sms_answer(app, client, "07700 900611", SMS_WORDS)

        officer = signed_in(app, officer_email)
        page = officer.get("/staff/reading").get_data(as_text=True)
        assert queue_rows(page) == [
            (ids[HITS], "urgent"),
            (ids[DIE], "urgent"),
            (ids[SHOUTS], "today"),
            (ids[TRIPS], "routine"),
            (ids[SMS_WORDS], "routine"),  # the SMS answer, routine with score 0
        ]
        assert "Text message" in page and "end of Thursday 4 June 2026" in page
        assert "5 answers not read yet" in page

        # One row's own button, as the participation officer.
        reply = mark(officer, only=ids[HITS])
        assert reply.status_code == 302 and "marked=1" in reply.headers["Location"]
        # Two ticked, as the duty officer.
        duty = signed_in(app, duty_email)
        reply = mark(duty, ids[DIE], ids[SHOUTS])
        assert "marked=2" in reply.headers["Location"]
        assert "2 answers marked as read" in duty.get(path_of(reply.headers["Location"])).get_data(
            as_text=True
        )
        # Already read: nobody's record is overwritten, nothing more is audited.
        assert "marked=0" in mark(duty, ids[HITS]).headers["Location"]

        found = readings(app)
        assert {a: (r.read_by, r.read_at) for a, r in found.items()} == {
            ids[HITS]: (officer_id, now),
            ids[DIE]: (duty_id, now),
            ids[SHOUTS]: (duty_id, now),
        }
        assert sorted(audit_reads(app)) == sorted(
            [(str(ids[HITS]), officer_id), (str(ids[DIE]), duty_id), (str(ids[SHOUTS]), duty_id)]
        )
        page = officer.get("/staff/reading").get_data(as_text=True)
        assert [a for a, _tier in queue_rows(page)] == [ids[TRIPS], ids[SMS_WORDS]]
        today = duty.get("/staff/reading?tier=routine").get_data(as_text=True)
        assert [a for a, _tier in queue_rows(today)] == [ids[TRIPS], ids[SMS_WORDS]]

        # From the answer's own page.
        analysis_id = analysis_id_of(app, ids[TRIPS])
        answer_page = officer.get(f"/staff/review/{analysis_id}").get_data(as_text=True)
        assert "Not read yet" in answer_page
        reply = officer.post(
            f"/staff/reading/read/{ids[TRIPS]}",
            data={
                "csrf_token": csrf_token(answer_page),
                "confirm": "yes",
                "analysis_id": analysis_id,
            },
        )
        assert path_of(reply.headers["Location"]) == f"/staff/review/{analysis_id}?saved=read"
        answer_page = officer.get(path_of(reply.headers["Location"])).get_data(as_text=True)
        assert "Marked as read." in answer_page and "Read by Alex Officer on" in answer_page
        assert readings(app)[ids[TRIPS]].read_by == officer_id
        assert (str(ids[TRIPS]), officer_id) in audit_reads(app)

        # The board does not see the queue.
        board = signed_in(app, board_email)
        assert board.get("/staff/reading").status_code == 403
        assert mark(officer, ids[SMS_WORDS]).status_code == 302
        csrf = csrf_token(board.get("/staff/login").get_data(as_text=True))
        refused = board.post("/staff/reading/read", data={"csrf_token": csrf, "confirm": "yes"})
        assert refused.status_code == 403


def test_words_changed_after_reading_are_unread_again(app, make_user):
    """The child goes back and changes the answer (the survey is not finished): the new words
    have not been read by anyone."""
    _id, email = make_user(Role.PARTICIPATION_OFFICER)
    with time_machine.travel(uk(2026, 6, 2, 11, 0), tick=False) as clock:
        answer_id, child, question_page = web_child(app, TRIPS)
        officer = signed_in(app, email)
        assert "marked=1" in mark(officer, answer_id).headers["Location"]
        assert queue_rows(officer.get("/staff/reading").get_data(as_text=True)) == []
        clock.move_to(uk(2026, 6, 2, 11, 5))
        changed = "more trips out please, and a later curfew"
        reply = answer_current(child, question_page, FREE, changed)
        assert reply.status_code == 302
        assert answer_id_of(app, changed) == answer_id  # the same answer, new words
        page = officer.get("/staff/reading").get_data(as_text=True)
        assert [a for a, _t in queue_rows(page)] == [answer_id]
        assert "later curfew" in page


def test_the_working_day_clock_skips_the_bank_holiday_weekend_and_escalates_once(
    app, runner, mailbox, make_user
):
    """An answer on the Friday before the late-May bank holiday is due by the end of
    Wednesday; the participation lead hears of it once, just after."""
    app.config["PARTICIPATION_LEAD_EMAIL"] = LEAD
    _id, email = make_user(Role.PARTICIPATION_OFFICER)
    with time_machine.travel(uk(2026, 5, 22, 14, 0), tick=False) as clock:
        first = web_answer(app, TRIPS)
        second = web_answer(app, "the food is nice")
        officer = signed_in(app, email)
        page = officer.get("/staff/reading").get_data(as_text=True)
        assert page.count("end of Wednesday 27 May 2026") == 2
        dashboard = officer.get("/staff/dashboard").get_data(as_text=True)
        assert 'id="reading-unread">2<' in dashboard
        assert 'id="reading-overdue">0<' in dashboard
        assert "0 working days (received 22 May 2026 at 2:00pm)" in dashboard

        clock.move_to(uk(2026, 5, 27, 23, 59))  # the last minute of Wednesday
        result = runner.invoke(args=["reading", "tick"])
        assert result.exit_code == 0, result.output
        assert "0 late answer(s) escalated" in result.output
        assert mailbox.messages == []

        clock.move_to(uk(2026, 5, 28, 0, 1))  # Thursday
        app.config["READ_WITHIN_WORKING_DAYS"] = 3  # a longer service level: not late yet
        assert "0 late" in runner.invoke(args=["reading", "tick"]).output
        app.config["READ_WITHIN_WORKING_DAYS"] = 2
        assert "2 late answer(s) escalated" in runner.invoke(args=["reading", "tick"]).output
        assert "0 late" in runner.invoke(args=["reading", "tick"]).output  # once per answer
        assert len(mailbox.messages) == 1
        rcpts, content = mailbox.messages[0]
        assert rcpts == [LEAD]
        assert "2 free-text answers have not been read by a person within 2 working days" in (
            content
        )
        assert "http://localhost/staff/reading" in content
        assert "trips" not in content and "food" not in content  # never the words

        found = readings(app)
        assert {a: (r.read_at, r.escalated_at) for a, r in found.items()} == {
            first: (None, uk(2026, 5, 28, 0, 1)),
            second: (None, uk(2026, 5, 28, 0, 1)),
        }
        officer = signed_in(app, email)
        page = officer.get("/staff/reading").get_data(as_text=True)
        assert page.count("Late</strong>") == 2 and page.count("Lead told") == 2
        dashboard = officer.get("/staff/dashboard").get_data(as_text=True)
        assert 'id="reading-overdue">2<' in dashboard
        assert "3 working days (received 22 May 2026 at 2:00pm)" in dashboard

        # Read late: recorded as read, and as late in the audit trail.
        assert "marked=1" in mark(officer, first).headers["Location"]
        assert readings(app)[first].due_at == uk(2026, 5, 28, 0, 0)
        with app.app_context():
            event = db.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "answer.read")
            ).one()
            assert event.detail == {"tier": "routine", "late": True}
        dashboard = officer.get("/staff/dashboard").get_data(as_text=True)
        assert 'id="reading-unread">1<' in dashboard and 'id="reading-overdue">1<' in dashboard


def test_read_today_goes_to_the_duty_inbox_apart_from_urgent_alerts(app, make_user, monkeypatch):
    detector_with_tiers(monkeypatch, TIERS)
    _id, email = make_user(Role.DUTY_OFFICER, DUTY)
    web_answer(app, SHOUTS)
    web_answer(app, HITS)
    duty = signed_in(app, email)
    inbox = duty.get("/staff/safeguarding").get_data(as_text=True)
    read_today = inbox.split('id="read-today"')[1]
    assert "1 to read today" in read_today and "lonely most nights" in read_today
    assert "hits me" not in read_today  # the urgent one is an alert, waiting above
    assert "1 waiting for review" in inbox.split('id="read-today"')[0]
    queue = duty.get("/staff/reading?tier=today").get_data(as_text=True)
    assert [tier for _a, tier in queue_rows(queue)] == ["today"]


def _start_pack(client, first_day: str, last_day: str) -> int:
    page = client.get("/staff/board-packs/new")
    reply = client.post(
        "/staff/board-packs/new",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "title": "Read in time",
            "covers": "dates",
            "first_day": first_day,
            "last_day": last_day,
        },
    )
    assert reply.status_code == 302, reply.get_data(as_text=True)[:2000]
    return int(path_of(reply.headers["Location"]).rsplit("/", 1)[1])


def test_board_pack_says_how_many_answers_were_read_within_two_working_days(app, make_user):
    _id, email = make_user(Role.PARTICIPATION_OFFICER)
    with time_machine.travel(uk(2026, 6, 1, 10, 0), tick=False) as clock:  # a Monday
        on_time = [web_answer(app, f"the garden is lovely {n}") for n in range(3)]
        late = web_answer(app, "the wifi is slow")
        web_answer(app, "the bus is late")  # never read: late by the pack's day
        clock.move_to(uk(2026, 6, 3, 16, 0))  # Wednesday: the last day for Monday's answers
        assert "marked=3" in mark(signed_in(app, email), *on_time).headers["Location"]
        clock.move_to(uk(2026, 6, 5, 9, 0))  # Friday
        web_answer(app, "the sofa is comfy")  # not due yet: neither late nor on time
        officer = signed_in(app, email)
        assert "marked=1" in mark(officer, late).headers["Location"]
        clock.move_to(uk(2026, 6, 5, 12, 0))
        officer = signed_in(app, email)
        pack_id = _start_pack(officer, "2026-06-01", "2026-06-05")

        app.config["SMALL_NUMBER_THRESHOLD"] = 1
        page = officer.get(f"/staff/board-packs/{pack_id}").get_data(as_text=True)
        assert "3 of 5 free-text answers were read by a person within 2 working days." in page
        csv = officer.get(f"/staff/board-packs/csv/{pack_id}").get_data(as_text=True)
        assert "Read by a person within 2 working days" in csv

        app.config["SMALL_NUMBER_THRESHOLD"] = 5  # the usual policy: 3 is a small number
        page = officer.get(f"/staff/board-packs/{pack_id}").get_data(as_text=True)
        assert (
            "Fewer than 5 of 5 free-text answers were read by a person within 2 working days."
            in page
        )
        app.config["SMALL_NUMBER_THRESHOLD"] = 10
        page = officer.get(f"/staff/board-packs/{pack_id}").get_data(as_text=True)
        assert "Fewer than 10 free-text answers were due to be read in this period" in page


def test_the_same_words_sent_again_stay_read(app, make_user):
    """The child goes back and presses Continue without changing anything (or a double tap
    re-sends the page): nothing new to read, so the answer stays read."""
    _id, email = make_user(Role.PARTICIPATION_OFFICER)
    with time_machine.travel(uk(2026, 6, 2, 11, 0), tick=False) as clock:
        answer_id, child, question_page = web_child(app, TRIPS)
        officer = signed_in(app, email)
        assert "marked=1" in mark(officer, answer_id).headers["Location"]
        clock.move_to(uk(2026, 6, 2, 11, 5))
        reply = answer_current(child, question_page, FREE, TRIPS)
        assert reply.status_code == 302
        assert queue_rows(officer.get("/staff/reading").get_data(as_text=True)) == []


def test_an_answer_sent_on_whatsapp_is_in_the_queue_labelled_whatsapp(app, client, make_user):
    from tests.conversations.test_whatsapp import whatsapp
    from tests.conversations.twilio_helpers import sms_respondent

    officer_id, officer_email = make_user(Role.PARTICIPATION_OFFICER)
    phone = "+447700900612"
    sms_respondent(app, phone, reference="WA-READ-1")
    for words in ("hi", "2", "School is fine but I miss my brother"):
        whatsapp(client, words, phone=phone).close()
    page = signed_in(app, officer_email).get("/staff/reading")
    assert page.status_code == 200
    assert "WhatsApp" in page.get_data(as_text=True)
