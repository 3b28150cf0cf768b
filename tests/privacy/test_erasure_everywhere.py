"""Issue 15 points 1 and 10: erasing a child takes their words out of published board packs
(HTML, print, PDF and CSV) and out of every table and every frozen JSON column; what a
safeguarding flag keeps afterwards is its words and trail, never the number or whose it was."""

from __future__ import annotations

import json
import re

from sqlalchemy import JSON, select

from app.core.extensions import db
from app.core.phones import normalise, vault
from app.models import (
    Action,
    ActionStatus,
    AuditEvent,
    Channel,
    FlagEvent,
    Role,
    SafeguardingFlag,
    now_utc,
)
from app.review import analysis_store
from tests.staff.staff_helpers import sign_in
from tests.staff.test_board_pack import VERSIONS, pdf_text, publish, start_pack, write_storyboard
from tests.staff.test_review_actions import make_campaign, person, seed_answer
from tests.web.helpers import csrf_token

QUOTE = "The food at my placement is always cold at night"
FLAG_WORDS = "my carer hits me when I come home late"
PHONE = "07700 900654"
REFERENCE = "ERASE-ME-77"


def _client(app, make_user, role: Role, email: str):
    _id, email = make_user(role, email=email)
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    client.user_id = _id
    return client


def _seed(app, officer_id: int) -> dict[str, int]:
    """Six children on one pledge (enough for quotes to show); the one to erase has an
    approved quote, a text to the duty inbox from their phone, and is quoted by staff."""
    from app.models import User

    with app.app_context():
        campaign = make_campaign("wave-erase", "Pledge wave erase")
        child = person(REFERENCE, phone=normalise(PHONE))
        quoted = seed_answer(
            QUOTE, campaign=campaign, respondent=child, themes=["food"], pledges=["independence"]
        )
        for n in range(6):
            seed_answer(
                f"I would like more help with money number {n}",
                campaign=campaign,
                themes=["food"],
                pledges=["independence"],
            )
        analysis_store.approve_quote(quoted, db.session.get(User, officer_id), QUOTE)
        e164 = normalise(PHONE)
        flag = SafeguardingFlag(
            response_id=None,
            phone_hash=vault().hash(e164),
            phone_encrypted=vault().encrypt(e164),
            source_key="sms:SM0000erase",
            channel=Channel.SMS,
            category="abuse",
            categories=["abuse"],
            rules=["test"],
            text=FLAG_WORDS,
            text_hash="e".ljust(64, "0"),
        )
        db.session.add(flag)
        db.session.add(
            Action(
                title="Hot meals in placements",
                owner="Head of Service",
                due_date=now_utc(),
                status=ActionStatus.COMPLETED,
                completed_at=now_utc(),
                evidence=f"A young person told us: {QUOTE}. We checked every placement.",
                you_said=QUOTE,
                we_did="Every placement now serves a hot meal.",
                pledge="independence",
            )
        )
        db.session.commit()
        return {"campaign": campaign.id, "child": child.id, "flag": flag.id}


def _board_reads(board, pack_id: int, tmp_path) -> dict[str, str]:
    seen = {"html": board.get(f"/staff/board-packs/{pack_id}").get_data(as_text=True)}
    for version in VERSIONS:
        seen[f"print {version}"] = board.get(
            f"/staff/board-packs/print/{version}/{pack_id}"
        ).get_data(as_text=True)
        pdf = board.get(f"/staff/board-packs/pdf/{version}/{pack_id}")
        assert pdf.status_code == 200
        seen[f"pdf {version}"] = " ".join(pdf_text(pdf.data, tmp_path).split())
    seen["csv"] = board.get(f"/staff/board-packs/csv/{pack_id}").get_data(as_text=True)
    seen["actions"] = board.get("/staff/actions").get_data(as_text=True)
    return seen


def _ack(duty, flag_id: int) -> None:
    url = f"/staff/safeguarding/{flag_id}"
    page = duty.get(url).get_data(as_text=True)
    reply = duty.post(
        url,
        data={"csrf_token": csrf_token(page), "outcome": "referred_front_door", "note": "Done"},
    )
    assert reply.status_code == 302


def _every_row(app) -> dict[str, list[str]]:
    """Every row of every table as text, and every JSON column's value as its JSON."""
    found: dict[str, list[str]] = {}
    with app.app_context():
        for table in db.metadata.sorted_tables:
            json_columns = [c for c in table.columns if isinstance(c.type, JSON)]
            for row in db.session.execute(select(table)).mappings():
                found.setdefault(table.name, []).append(" ".join(str(v) for v in row.values()))
                for column in json_columns:
                    frozen = json.dumps(row[column.name], ensure_ascii=False)
                    found.setdefault(f"{table.name}.{column.name}", []).append(frozen)
    return found


def test_erasure_removes_the_childs_words_from_published_packs_and_every_table(
    app, make_user, tmp_path
):
    officer = _client(app, make_user, Role.PARTICIPATION_OFFICER, "officer@shireford.example")
    duty = _client(app, make_user, Role.DUTY_OFFICER, "duty@shireford.example")
    board = _client(app, make_user, Role.BOARD_MEMBER, "board@shireford.example")
    ids = _seed(app, officer.user_id)
    pack_id = start_pack(officer, title="Board pack", covers="wave", campaign=str(ids["campaign"]))
    write_storyboard(
        officer,
        pack_id,
        where_we_were=f"One young person said: {QUOTE}",
        what_we_did="Placements changed their menus.",
        difference_made="",
        what_next="",
    )
    publish(officer, pack_id)

    # Before: the board reads the quote in every format that shows quotes (the check below
    # can fail), and the duty officer sees the number the text came from.
    before = _board_reads(board, pack_id, tmp_path)
    for name in ("html", "print full", "pdf full", "print young", "actions"):
        assert QUOTE in before[name], name
    flag_page = duty.get(f"/staff/safeguarding/{ids['flag']}").get_data(as_text=True)
    assert "+447700900654" in flag_page
    _ack(duty, ids["flag"])

    url = f"/staff/respondents/erase/{ids['child']}"
    page = officer.get(url).get_data(as_text=True)
    done = officer.post(url, data={"csrf_token": csrf_token(page), "confirm": "y"})
    assert done.status_code == 200 and "Respondent erased" in done.get_data(as_text=True)

    after = _board_reads(board, pack_id, tmp_path)
    for name, text in after.items():
        assert QUOTE not in text, name
        assert REFERENCE not in text, name
    # The pack is still whole: its figures and the other children's themes are there.
    assert "Every placement now serves a hot meal" in after["pdf full"]
    assert "food" in after["pdf full"]

    e164 = normalise(PHONE)
    with app.app_context():
        secrets = (QUOTE, REFERENCE, e164, "7700900654", vault().hash(e164))
    for where, rows in _every_row(app).items():
        for row in rows:
            for secret in secrets:
                assert secret not in row, (where, secret)
            # The disclosure's words stay only on the safeguarding record itself.
            if FLAG_WORDS in row:
                assert where == "safeguarding_flag", where

    with app.app_context():
        flag = db.session.get(SafeguardingFlag, ids["flag"])
        assert flag.text == FLAG_WORDS and flag.outcome is not None
        assert flag.phone_encrypted is None and flag.phone_hash is None
        assert flag.source_key == f"erased:{flag.id}"
        kinds = db.session.scalars(select(FlagEvent.kind).where(FlagEvent.flag_id == flag.id)).all()
        assert "erased" in kinds and "acknowledged" in kinds
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "respondent.erased")
        ).one()
        assert event.detail["packs_changed"] == 1 and event.detail["actions_changed"] == 1

    # The duty officer still has the record, but not the number or the person.
    flag_page = duty.get(f"/staff/safeguarding/{ids['flag']}").get_data(as_text=True)
    assert FLAG_WORDS in flag_page
    assert "+447700900654" not in flag_page and not re.search(r"tel:\+44", flag_page)
    assert "erased on request" in flag_page
