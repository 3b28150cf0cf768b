"""Making a board pack, editing its storyboard and publishing it (which freezes its content)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from app.campaigns.models import Campaign
from app.core.extensions import db
from app.core.times import uk_midnight
from app.core.types import now_utc
from app.reporting.models import BoardPack, BoardPackStatus
from app.reporting.pack_check import ToFix, fields_to_fix
from app.reporting.pack_content import STORYBOARD, build_content
from app.staff.audit import record
from app.staff.models import User
from forms.board_pack import STORYBOARD_MAX


def create_pack(
    title: str,
    *,
    campaign: Campaign | None = None,
    first_day: date | None = None,
    last_day: date | None = None,
    user: User | None = None,
) -> BoardPack:
    """A draft pack for one wave, or for the UK days first_day to last_day inclusive. Flushes."""
    if campaign is None and (first_day is None or last_day is None or last_day < first_day):
        raise ValueError("a pack needs a survey wave or a date range")
    pack = BoardPack(
        title=title.strip(),
        campaign_id=campaign.id if campaign else None,
        starts_at=None if campaign else uk_midnight(first_day),  # type: ignore[arg-type]
        ends_at=None if campaign else uk_midnight(last_day + timedelta(days=1)),  # type: ignore[operator]
        created_by=user.id if user else None,
    )
    db.session.add(pack)
    db.session.flush()
    record("board_pack.created", pack, detail={"wave": bool(campaign)})
    return pack


class AlreadyPublished(ValueError):
    """A published pack is a record of what the board was given: it is not edited."""


def save_storyboard(pack: BoardPack, text: Mapping[str, str | None]) -> None:
    """Keep the officer's four storyboard headings. Flushes."""
    if pack.status == BoardPackStatus.PUBLISHED:
        raise AlreadyPublished("This pack has been published and can no longer be changed")
    for key, _heading, _hint in STORYBOARD:
        words = (text.get(key) or "").strip()
        setattr(pack, key, words[:STORYBOARD_MAX] or None)
    # Only which headings are filled in: the words may name people.
    filled = [key for key, _h, _x in STORYBOARD if getattr(pack, key)]
    record("board_pack.storyboard_saved", pack, detail={"headings": filled})
    db.session.flush()


class HoldsPersonalData(ValueError):
    """Words the pack would show still hold a name or other personal data (issue 15 point 2)."""

    def __init__(self, fields: list[ToFix]) -> None:
        super().__init__("; ".join(field.message for field in fields))
        self.fields = fields


def publish(pack: BoardPack, user: User) -> None:
    """Freeze the figures as they are now and show the pack to the board. Flushes.

    Refused while any text the pack shows still holds personal data: the officer fixes it."""
    if pack.status == BoardPackStatus.PUBLISHED:
        raise AlreadyPublished("This pack has already been published")
    fields = fields_to_fix(pack)
    if fields:
        # Which fields only: their words may name people.
        record("board_pack.publish_refused", pack, detail={"fields": [f.field for f in fields]})
        raise HoldsPersonalData(fields)
    pack.content = build_content(pack)
    pack.status = BoardPackStatus.PUBLISHED
    pack.published_at = now_utc()
    pack.published_by = user.id
    record("board_pack.published", pack)
    db.session.flush()


def content_of(pack: BoardPack) -> dict[str, Any]:
    """What every format of the pack shows: frozen once published, worked out afresh before."""
    if pack.status == BoardPackStatus.PUBLISHED and pack.content:
        return pack.content
    return build_content(pack)
