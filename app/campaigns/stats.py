"""Live response rates for one campaign, by cohort and age band, with small numbers suppressed.

The rule is `analysis.disclosure`'s: any count under the threshold (SMALL_NUMBER_THRESHOLD, 5
by default) reads "fewer than 5", and so does a rate worked out from one. A table shows its
total and each row shows how many were invited, so a cell that subtraction would give back
(from the column's total, or from the row's invited: "5 of 6 finished" tells that 1 did not) is
"not shown" too, and so is a rate resting on a hidden cell or a small remainder.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from analysis import disclosure
from app.campaigns.models import Campaign, Invitation
from app.core.extensions import db
from app.core.small_numbers import threshold
from app.outbound.models import OutboundMessage
from app.respondents.models import Respondent
from app.respondents.vocabularies import AGE_BAND_ORDER
from app.responses.models import Response, ResponseStatus
from surveys.vocabulary import COHORT_LABELS, Cohort

NOT_SHOWN = disclosure.NOT_SHOWN
METRICS = ("invited", "started", "completed")


def suppress(count: int, limit: int | None = None) -> str:
    """A count that stands alone, as it may be shown (`analysis.disclosure.shown`)."""
    return disclosure.shown(count, threshold() if limit is None else limit)


@dataclass
class RateRow:
    label: str
    invited: int = 0
    started: int = 0
    completed: int = 0
    # Cells hidden only so that a small one cannot be worked out from a total.
    secondary: set[str] = field(default_factory=set)

    def shown(self, metric: str, limit: int) -> str:
        if metric in self.secondary:
            return NOT_SHOWN
        return disclosure.shown(getattr(self, metric), limit)

    def rate(self, limit: int) -> str:
        """Completed as a share of invited: "fewer than 5" when either count is small, "not
        shown" when either is hidden or the policy hides the share (a small remainder)."""
        if disclosure.is_small(self.invited, limit) or disclosure.is_small(self.completed, limit):
            return disclosure.fewer_than(limit)
        value = disclosure.share(min(self.completed, self.invited), self.invited, limit)
        if {"invited", "completed"} & self.secondary or value is None:
            return NOT_SHOWN
        return f"{round(value)}%"

    def cells(self, limit: int) -> list[str]:
        return [*(self.shown(m, limit) for m in METRICS), self.rate(limit)]

    def hidden(self, metric: str, limit: int) -> bool:
        return metric in self.secondary or disclosure.is_small(getattr(self, metric), limit)

    def protect_within(self, limit: int) -> bool:
        """Hide started or completed where invited minus it is small. True if anything changed."""
        if not self.invited:
            return False
        changed = False
        for metric in ("started", "completed"):
            cell = disclosure.part_of(getattr(self, metric), self.invited, limit)
            if cell.hidden == disclosure.SECONDARY and metric not in self.secondary:
                self.secondary.add(metric)
                changed = True
        return changed


@dataclass
class RateTable:
    title: str
    rows: list[RateRow]
    total: RateRow

    def protect(self, limit: int) -> RateTable:
        """Hide more cells wherever a hidden one could be recovered from the column's total
        or from its row's invited, until neither gives anything back."""
        changed = True
        while changed:
            changed = False
            for row in self.rows:
                changed |= row.protect_within(limit)
            if disclosure.is_small(self.total.invited, limit):
                continue  # no total to subtract from
            for metric in METRICS:
                counts = {n: getattr(r, metric) for n, r in enumerate(self.rows)}
                already = [n for n, r in enumerate(self.rows) if metric in r.secondary]
                cells = disclosure.protect(counts, limit, unprinted=already)
                for n, cell in cells.items():
                    if cell.hidden == disclosure.SECONDARY and n not in already:
                        self.rows[n].secondary.add(metric)
                        changed = True
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
