"""What a board pack covers: one survey wave or a UK date range, and what it is compared with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from app.campaigns.models import Campaign
from app.conferences.quarters import Quarter
from app.core.extensions import db
from app.core.times import uk_day, uk_midnight
from app.reporting import figures
from app.reporting.models import BoardPack


def format_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Period:
    """What a pack covers. `start`/`end` also have the names conferences' quarters use, so the
    conference service's quarterly summary reads any period."""

    start: datetime
    end: datetime  # exclusive
    scope: figures.Scope
    previous: figures.Scope | None
    previous_label: str | None
    campaign: Campaign | None

    @property
    def dates_label(self) -> str:
        last = uk_day(self.end - timedelta(seconds=1))
        return f"{format_day(uk_day(self.start))} to {format_day(last)}"

    @property
    def label(self) -> str:
        if self.campaign is not None:
            return f"{self.campaign.name} ({self.dates_label})"
        return self.dates_label


def _wave_end(campaign: Campaign, start: datetime) -> datetime:
    if campaign.closes_at is not None and campaign.closes_at > start:
        return campaign.closes_at
    # An open-ended wave is read as its financial quarter, the board's rhythm.
    return uk_midnight(Quarter.of(uk_day(start)).end.date())


def _previous_wave(campaign: Campaign) -> Campaign | None:
    started = func.coalesce(Campaign.opens_at, Campaign.created_at)
    mine = campaign.opens_at or campaign.created_at
    return db.session.scalar(
        select(Campaign)
        .where(
            Campaign.survey_key == campaign.survey_key,
            Campaign.id != campaign.id,
            started < mine,
        )
        .order_by(started.desc(), Campaign.id.desc())
        .limit(1)
    )


def period_of(pack: BoardPack) -> Period:
    """The wave or date range a pack covers, and what it is compared with."""
    campaign = pack.campaign
    if campaign is not None:
        start = campaign.opens_at or campaign.created_at
        before = _previous_wave(campaign)
        return Period(
            start,
            _wave_end(campaign, start),
            figures.wave_scope(campaign),
            figures.wave_scope(before) if before else None,
            before.name if before else None,
            campaign,
        )
    assert pack.starts_at is not None and pack.ends_at is not None
    start, end = pack.starts_at, pack.ends_at
    length = end - start
    previous = Period(start - length, start, figures.Scope(), None, None, None)
    return Period(
        start,
        end,
        figures.Scope(start=start, end=end),
        figures.Scope(start=start - length, end=start),
        previous.dates_label,
        None,
    )
