"""The officers' dashboard and the board's summary: charts drawn on the server, small numbers
suppressed under `analysis.disclosure`, nothing that identifies anyone.

The figures are read by `app/reporting/figures.py` (shared with the board pack, so the board
summary of a wave and the pack of that wave give the same counts); `charts.py` draws them.
Templates receive only text that is already safe to show.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from flask import render_template, request
from sqlalchemy import func, select

from analysis import disclosure
from analysis.disclosure import cell_text, share_text, shown
from app.actions import service as action_svc
from app.campaigns.models import Campaign, Invitation
from app.core.extensions import db
from app.core.small_numbers import threshold
from app.core.times import uk_time
from app.core.types import now_utc
from app.core.working_days import working_days_between
from app.reading import queue as reading
from app.reading.tiers import TIER_LABELS
from app.reporting import breakdowns, figures
from app.reporting.charts import Bar, Series, bar_chart, line_chart
from app.responses.models import Response, ResponseStatus
from app.staff.blueprint import MENU, bp, requires
from app.staff.models import Role
from surveys import PLEDGE_KEYS, PLEDGE_SHORT_TITLES, PLEDGES

MENU.append((60, "staff.dashboard", "Dashboard"))
MENU.append((80, "staff.board_summary", "Board summary"))

TOP_THEMES = 15

_label = figures.wave_label
_campaigns = figures.campaigns_in_order
pledge_scores = figures.pledge_scores


# --- Figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateRow:
    campaign: Campaign
    invited: int
    completed: int
    open_link: int
    t: int

    @property
    def rate(self) -> float | None:
        """Share of invitations answered; None where the policy hides it."""
        if self.invited == 0:
            return None
        return disclosure.share(min(self.completed, self.invited), self.invited, self.t)

    @property
    def cells(self) -> dict[str, str]:
        """The row as printed: invited, completed (protected against invited), rate, open link."""
        return {
            "invited": shown(self.invited, self.t),
            "completed": cell_text(
                disclosure.part_of(self.completed, self.invited, self.t), self.t
            ),
            "rate": share_text(self.rate),
            "open_link": shown(self.open_link, self.t),
        }


def response_rates(campaigns: list[Campaign], t: int) -> list[RateRow]:
    invited = dict(
        db.session.execute(
            select(Invitation.campaign_id, func.count()).group_by(Invitation.campaign_id)
        ).all()
    )
    done = ResponseStatus.COMPLETE
    completed = dict(
        db.session.execute(
            select(Response.campaign_id, func.count())
            .where(Response.status == done, Response.invitation_id.is_not(None))
            .group_by(Response.campaign_id)
        ).all()
    )
    open_link = dict(
        db.session.execute(
            select(Response.campaign_id, func.count())
            .where(Response.status == done, Response.invitation_id.is_(None))
            .group_by(Response.campaign_id)
        ).all()
    )
    return [
        RateRow(c, invited.get(c.id, 0), completed.get(c.id, 0), open_link.get(c.id, 0), t)
        for c in campaigns
    ]


def theme_counts(campaign: Campaign | None = None) -> Counter[str]:
    """Children mentioning each theme in a wave (or every wave), counted as the pack counts."""
    return figures.theme_counts(figures.wave_scope(campaign))


def _score_text(cell: tuple[int, int], t: int) -> str:
    n, pos = cell
    if disclosure.is_small(n, t):
        return f"{disclosure.fewer_than(t)} answers"
    value = disclosure.share(pos, n, t)
    return f"{value:g}% of {n:,}" if value is not None else f"not shown ({n:,} answers)"


# --- Officers' dashboard ---------------------------------------------------------------------


@bp.get("/dashboard")
@requires(Role.PARTICIPATION_OFFICER, Role.CONFERENCE_CHAIR)
def dashboard():
    """Response rates, pledge scores over time and theme counts, as SVG charts and tables."""
    t = threshold()
    campaigns = _campaigns()
    rates = response_rates(campaigns, t)
    rate_chart = bar_chart(
        "chart-rates",
        "Response rate by campaign",
        "Share of people invited who completed the survey, one bar per campaign. "
        f"Rates resting on fewer than {t} people, or leaving fewer than {t} out, are not shown.",
        [Bar(r.campaign.name, r.rate, share_text(r.rate)) for r in rates],
        maximum=100,
    )
    rate_rows = [(r.campaign.name, r.cells) for r in rates]

    scores = pledge_scores([c.id for c in campaigns])
    waves = [c for c in campaigns if c.id in scores]

    def share(cid: int, pledge: str) -> float | None:
        n, pos = scores.get(cid, {}).get(pledge, (0, 0))
        return disclosure.share(pos, n, t)

    pledges_seen = [p for p in PLEDGE_KEYS if any(p in scores[c.id] for c in waves)]
    pledge_chart = line_chart(
        "chart-pledges",
        "Pledge scores over time",
        "Share of children whose answer was positive, for each pledge, in each survey wave. "
        f"A pledge with fewer than {t} children answering in a wave has no point for that wave.",
        [_label(c) for c in waves],
        [Series(PLEDGE_SHORT_TITLES[p], [share(c.id, p) for c in waves]) for p in pledges_seen],
    )

    themes = theme_counts().most_common(TOP_THEMES)
    theme_chart = bar_chart(
        "chart-themes",
        "Most mentioned themes",
        f"How many children mention each of the {len(themes)} most mentioned themes. "
        f"Counts under {t} are not shown.",
        [Bar(name, None if disclosure.is_small(n, t) else n, shown(n, t)) for name, n in themes],
    )
    score_rows = [
        (p, [_score_text(scores[c.id].get(p, (0, 0)), t) for c in waves]) for p in pledges_seen
    ]
    # The read queue's counts are officers' work, exact: they count answers, not children, and
    # the queue itself lists every one of them.
    now = now_utc()
    queue = reading.summary(now)
    return render_template(
        "staff/dashboard.html",
        t=t,
        reading=queue,
        reading_days=reading.service_days(),
        tier_labels=TIER_LABELS,
        oldest_unread=(
            (uk_time(queue.oldest), working_days_between(queue.oldest, now))
            if queue.oldest
            else None
        ),
        rate_rows=rate_rows,
        rate_chart=rate_chart,
        waves=waves,
        score_rows=score_rows,
        pledge_chart=pledge_chart,
        pledge_titles=PLEDGE_SHORT_TITLES,
        themes=[(name, shown(n, t)) for name, n in themes],
        theme_chart=theme_chart,
        who_answered=breakdowns.breakdowns(figures.wave_scope(None), t),
        wave_label=_label,
    )


# --- The board's summary ---------------------------------------------------------------------


def _board_campaign(campaigns: list[Campaign], scores: dict[int, Any]) -> Campaign | None:
    wanted = request.args.get("campaign", "")
    if wanted == "all":
        return None
    by_id = {str(c.id): c for c in campaigns}
    if wanted in by_id:
        return by_id[wanted]
    # By default the latest wave with pledge answers: what the board meets to discuss.
    with_scores = [c for c in campaigns if c.id in scores]
    return with_scores[-1] if with_scores else None


@bp.get("/board")
@requires(Role.BOARD_MEMBER, Role.PARTICIPATION_OFFICER, Role.CONFERENCE_CHAIR)
def board_summary():
    """The board's view: pledge scores, top themes, approved quotes and actions; aggregated,
    suppressed and redacted only."""
    t = threshold()
    campaigns = _campaigns()
    scores = pledge_scores([c.id for c in campaigns])
    campaign = _board_campaign(campaigns, scores)
    chosen = [campaign] if campaign else campaigns

    totals: dict[str, list[int]] = {p: [0, 0] for p in PLEDGE_KEYS}
    for c in chosen:
        for pledge, (n, pos) in scores.get(c.id, {}).items():
            totals[pledge][0] += n
            totals[pledge][1] += pos
    # The board's shares hide the remainder too: 80% of 5 would tell them 1 person said otherwise.
    shares = {p: disclosure.share(pos, n, t) for p, (n, pos) in totals.items()}
    pledge_chart = figures.pledge_share_chart(
        "chart-board-pledges",
        [
            (
                p,
                shares[p],
                share_text(shares[p])
                if shares[p] is not None or not disclosure.is_small(n, t)
                else shown(n, t),
            )
            for p, (n, _pos) in totals.items()
        ],  # fmt: skip
        t,
    )
    pledge_rows = [(p, shown(n, t), share_text(shares[p])) for p, (n, _pos) in totals.items()]

    scope = figures.wave_scope(campaign)
    counts = figures.theme_counts(scope)
    # Only themes at or above the threshold are named: a rare theme may point to one child.
    themes = [(name, n) for name, n in counts.most_common() if not disclosure.is_small(n, t)][:10]
    hidden = sum(1 for n in counts.values() if disclosure.is_small(n, t))
    theme_chart = figures.theme_chart("chart-board-themes", themes, t)
    quotes = figures.approved_quotes(scope, limit=20)

    board = figures.board_actions()
    return render_template(
        "staff/board_summary.html",
        t=t,
        campaigns=campaigns,
        campaign=campaign,
        pledge_rows=pledge_rows,
        pledge_chart=pledge_chart,
        pledge_titles=PLEDGE_SHORT_TITLES,
        pledges=PLEDGES,
        themes=[(name, shown(n, t)) for name, n in themes],
        theme_chart=theme_chart,
        hidden_themes=hidden,
        quotes=quotes,
        actions=board.actions,
        rags=board.rags,
        counts=board.counts,
        due=lambda a: action_svc.format_day(action_svc.due_day(a)),
    )
