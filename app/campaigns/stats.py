"""Live response rates for one campaign, by cohort and age band, with small numbers suppressed.

Any count under the threshold (5 unless SMALL_NUMBER_THRESHOLD says otherwise) is shown as
"fewer than 5", and so is any rate worked out from such a count. Where a table also shows its
total, one hidden cell in a column could be worked out by subtraction, so the next smallest
cell in that column is hidden too ("not shown").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import case, func, select

from analysis.summaries import suppress as suppress_count
from app.campaigns.models import Campaign, Invitation
from app.core.extensions import db
from app.outbound.models import OutboundMessage
from app.respondents.models import Respondent
from app.respondents.vocabularies import AGE_BAND_ORDER
from app.responses.models import Response, ResponseStatus
from surveys.vocabulary import COHORT_LABELS, Cohort

NOT_SHOWN = "not shown"
METRICS = ("invited", "started", "completed")


def threshold() -> int:
    return int(current_app.config["SMALL_NUMBER_THRESHOLD"])


def suppress(count: int, limit: int | None = None) -> str:
    """A count as it may be shown: "fewer than 5" when under the threshold (the board
    summaries' rule, from analysis.summaries), with thousands separated."""
    shown = suppress_count(count, threshold() if limit is None else limit)
    return shown if isinstance(shown, str) else f"{shown:,}"


@dataclass
class RateRow:
    label: str
    invited: int = 0
    started: int = 0
    completed: int = 0
    # Cells hidden only so that a small one cannot be worked out from the total.
    secondary: set[str] = field(default_factory=set)

    def shown(self, metric: str, limit: int) -> str:
        if metric in self.secondary:
            return NOT_SHOWN
        return suppress(getattr(self, metric), limit)

    def rate(self, limit: int) -> str:
        """Completed as a share of invited; hidden if either count is. (Unlike the board's
        percentages, a small remainder does not hide it: both counts are on show anyway.)"""
        if self.invited < limit or self.completed < limit:
            return f"fewer than {limit}"
        if {"invited", "completed"} & self.secondary:
            return NOT_SHOWN
        return f"{round(100 * self.completed / self.invited)}%"

    def cells(self, limit: int) -> list[str]:
        return [*(self.shown(m, limit) for m in METRICS), self.rate(limit)]


@dataclass
class RateTable:
    title: str
    rows: list[RateRow]
    total: RateRow

    def protect(self, limit: int) -> RateTable:
        """Hide a second cell wherever one small cell could be recovered from the total."""
        for metric in METRICS:
            small = [r for r in self.rows if getattr(r, metric) < limit]
            shown = sorted(
                (r for r in self.rows if getattr(r, metric) >= limit),
                key=lambda r: getattr(r, metric),
            )
            if len(small) == 1 and shown and getattr(self.total, metric) >= limit:
                shown[0].secondary.add(metric)
        return self


@dataclass
class CampaignStats:
    limit: int
    by_cohort: RateTable
    by_age_band: RateTable
    open_link: RateRow
    texts: dict[str, int]
    reminders: int

    @property
    def tables(self) -> list[RateTable]:
        return [self.by_cohort, self.by_age_band]


def _band_order(band: str) -> tuple[int, str]:
    return (AGE_BAND_ORDER.index(band), band) if band in AGE_BAND_ORDER else (99, band)


def campaign_stats(campaign: Campaign) -> CampaignStats:
    """Invited, started and completed by cohort and by age band, as the database says now."""
    limit = threshold()
    completed = func.sum(case((Response.status == ResponseStatus.COMPLETE, 1), else_=0))
    rows = db.session.execute(
        select(
            Respondent.cohort,
            Respondent.age_band,
            func.count(Invitation.id),
            func.count(Response.id),
            completed,
        )
        .select_from(Invitation)
        .join(Respondent, Respondent.id == Invitation.respondent_id)
        .outerjoin(Response, Response.invitation_id == Invitation.id)
        .where(Invitation.campaign_id == campaign.id)
        .group_by(Respondent.cohort, Respondent.age_band)
    ).all()

    cohorts: dict[Cohort, RateRow] = {}
    bands: dict[str, RateRow] = {}
    total = RateRow("All invited")
    for cohort, band, invited, started, done in rows:
        done = int(done or 0)
        band_label = band or "Not recorded"
        for row in (
            cohorts.setdefault(cohort, RateRow(COHORT_LABELS[cohort])),
            bands.setdefault(band_label, RateRow(band_label)),
            total,
        ):
            row.invited += invited
            row.started += started
            row.completed += done

    open_started, open_done = db.session.execute(
        select(func.count(Response.id), completed).where(
            Response.campaign_id == campaign.id, Response.invitation_id.is_(None)
        )
    ).one()
    open_link = RateRow(
        "Open link and unknown numbers", started=open_started, completed=int(open_done or 0)
    )

    texts = Counter(
        {
            status.value: count
            for status, count in db.session.execute(
                select(OutboundMessage.status, func.count(OutboundMessage.id))
                .join(Invitation, Invitation.id == OutboundMessage.invitation_id)
                .where(Invitation.campaign_id == campaign.id, OutboundMessage.purpose == "invite")
                .group_by(OutboundMessage.status)
            )
        }
    )
    reminders = db.session.scalar(
        select(func.count(OutboundMessage.id))
        .join(Invitation, Invitation.id == OutboundMessage.invitation_id)
        .where(Invitation.campaign_id == campaign.id, OutboundMessage.purpose == "remind")
    )
    # Each table gets its own total row: the cells hidden to protect a total differ per table.
    band_total = RateRow(total.label, total.invited, total.started, total.completed)
    by_cohort = RateTable("By cohort", [cohorts[c] for c in Cohort if c in cohorts], total)
    by_band = RateTable(
        "By age band", [bands[b] for b in sorted(bands, key=_band_order)], band_total
    )
    by_cohort.protect(limit)
    by_band.protect(limit)
    return CampaignStats(limit, by_cohort, by_band, open_link, dict(texts), reminders or 0)
