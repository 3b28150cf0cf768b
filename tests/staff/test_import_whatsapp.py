"""Staff record a WhatsApp opt-in given to them through the CSV import: optional columns
whatsapp_opt_in (yes/no) and whatsapp_opt_in_date, each recording audited, never undoing a
STOP the person sent on WhatsApp, and recorded once however often the file comes back."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from app.conversations.store import set_opt_out
from app.core.extensions import db
from app.core.phones import vault
from app.models import AuditEvent, Channel, Role, WhatsAppContact
from app.outbound.opt_outs import reach_of

from .test_import import import_file, officer, people, problems_on, upload

HEADER = (
    "reference,cohort,age_band,phone,preferred_channel,consent_sms,"
    "whatsapp_opt_in,whatsapp_opt_in_date\n"
)
FILE = (
    HEADER + "WA-1,CLA,13-15,07700 900401,sms,yes,yes,03/11/2026\n"
    "WA-2,CLA,13-15,07700 900402,sms,yes,y,\n"
    "WA-3,CLA,13-15,07700 900403,sms,yes,no,\n"
    "WA-4,CLA,13-15,07700 900404,sms,yes,yes,\n"
).encode()


def _hash(phone: str) -> str:
    return vault().hash(phone)


def _opt_in_events() -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "respondent.whatsapp_opt_in")
            .order_by(AuditEvent.id)
        )
    )


def test_a_whatsapp_opt_in_column_records_each_yes_once_and_audits_it(app, make_user):
    with app.app_context():
        set_opt_out(_hash("+447700900404"), True, Channel.WHATSAPP)  # WA-4 sent STOP there
        db.session.commit()
    client = officer(app, make_user)
    before = datetime.now(UTC)
    import_file(client, FILE)
    with app.app_context():
        held = people()
        reach = {ref: reach_of(held[ref].phone_hash) for ref in ("WA-1", "WA-2", "WA-3", "WA-4")}
        assert reach["WA-1"].may_message(Channel.WHATSAPP)
        assert reach["WA-2"].may_message(Channel.WHATSAPP)
        assert not reach["WA-3"].may_message(Channel.WHATSAPP)  # no: nothing recorded
        assert not reach["WA-4"].may_message(Channel.WHATSAPP)  # their STOP stands
        contact = {c.phone_hash: c for c in db.session.scalars(select(WhatsAppContact))}
        # The day the file says they agreed (midnight in the UK, 0:00 UTC in November).
        assert contact[held["WA-1"].phone_hash].opted_in_at == datetime(2026, 11, 3, tzinfo=UTC)
        assert contact[held["WA-2"].phone_hash].opted_in_at >= before
        assert held["WA-3"].phone_hash not in contact
        assert contact[held["WA-4"].phone_hash].opted_out
        assert contact[held["WA-4"].phone_hash].opted_in_at is None
        events = _opt_in_events()
        assert [e.object_id for e in events] == [str(held["WA-1"].id), str(held["WA-2"].id)]
        assert events[0].detail == {"agreed_at": "2026-11-03T00:00:00+00:00", "source": "import"}
        assert all(e.user_id is not None for e in events)  # who recorded it
        assert "7700" not in str([e.detail for e in events])  # no number in the log
        imported = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "respondents.imported")
        ).one()
        assert imported.detail["whatsapp_opt_ins"] == 2

    # The same file again (next week's export): nothing is recorded twice, dates unchanged.
    import_file(client, FILE)
    with app.app_context():
        assert len(_opt_in_events()) == 2
        contact = db.session.scalar(
            select(WhatsAppContact).where(WhatsAppContact.phone_hash == people()["WA-1"].phone_hash)
        )
        assert contact.opted_in_at == datetime(2026, 11, 3, tzinfo=UTC)


def test_whatsapp_opt_in_problems_are_reported_against_their_columns(app, make_user):
    client = officer(app, make_user, Role.PARTICIPATION_OFFICER)
    bad = (
        HEADER + "WA-5,CLA,13-15,,web,no,yes,\n"  # no number to message
        "WA-6,CLA,13-15,07700 900406,sms,yes,no,01/02/2026\n"  # a date without a yes
        "WA-7,CLA,13-15,07700 900407,sms,yes,yes,01/02/2099\n"  # in the future
        "WA-8,CLA,13-15,07700 900408,sms,yes,perhaps,\n"
    ).encode()
    _review, html = upload(client, bad)
    found = problems_on(html)
    expected = [
        ("Row 2, column phone", "whatsapp_opt_in is yes"),
        ("Row 3, column whatsapp_opt_in_date", "whatsapp_opt_in is not yes"),
        ("Row 4, column whatsapp_opt_in_date", "in the future"),
        ("Row 5, column whatsapp_opt_in", "not yes or no"),
    ]
    assert len(found) == len(expected), found
    for problem, (where, words) in zip(found, expected, strict=True):
        assert problem.startswith(where) and words in problem, problem
