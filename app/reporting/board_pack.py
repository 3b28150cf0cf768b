"""The Corporate Parenting Board pack: one survey wave or a date range, put in front of the
corporate parents as a full pack, a two-page summary, a young people's version and large print,
in HTML, PDF and CSV.

Everything in a pack is aggregated and suppressed under the one policy of
`analysis.disclosure` (counts of children under the threshold read "fewer than 5", a cell that
subtraction would give back reads "not shown", and so do percentages resting on either), quotes
are the approved redacted ones only, and safeguarding appears as counts of children. A pack's
content is a plain JSON-able dict, built from the database while the pack is a draft and frozen
when it is published, so every format is drawn from exactly the same figures.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import chain, repeat
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from markupsafe import Markup, escape
from sqlalchemy import Text, cast, func, select

from analysis import disclosure
from analysis.disclosure import NOT_SHOWN, cell_text, share_text, shown
from app.actions import service as action_svc
from app.campaigns.models import Campaign
from app.conferences import service as conference_svc
from app.core.extensions import db
from app.core.small_numbers import threshold
from app.core.types import now_utc
from app.reporting import figures
from app.reporting.models import BoardPack, BoardPackStatus
from app.respondents.service import AGE_BAND_ORDER
from app.responses.models import Answer, Response, ResponseStatus
from app.review.models import AnswerAnalysis
from app.safeguarding.models import SafeguardingFlag
from app.staff.audit import record
from app.staff.models import User
from forms.board_pack import STORYBOARD_MAX
from surveys import PLEDGE_KEYS, PLEDGE_SHORT_TITLES, PLEDGES, Question, default_registry
from surveys.vocabulary import COHORT_LABELS, Cohort, ConferenceKind, ParticipantRole

UK = ZoneInfo("Europe/London")
CONTENT_VERSION = 1

VERSIONS: dict[str, str] = {
    "full": "Full pack",
    "summary": "Two-page summary",
    "young": "Young people’s version",
    "large": "Large print",
}
STORYBOARD: tuple[tuple[str, str, str], ...] = (
    ("where_we_were", "Where we were", "What children and young people told us before."),
    ("what_we_did", "What we have done", "What we changed because of what they said."),
    ("difference_made", "What difference it made", "What is better now, and how we know."),
    ("what_next", "What else we need to do", "What still needs to change, and who will do it."),
)
TOP_THEMES = 5
QUOTES_PER_PLEDGE = 2
SENTIMENT_WORDS = {"pos": "Positive", "neu": "Neutral", "mixed": "Mixed", "neg": "Negative"}
NOT_RECORDED = "Not recorded"


# --- Periods ----------------------------------------------------------------------------------


def uk_midnight(day: date) -> datetime:
    """The start of a UK calendar day, in UTC (GMT or BST as that day has it)."""
    return datetime.combine(day, time(0), tzinfo=UK).astimezone(UTC)


def uk_day(at: datetime) -> date:
    return at.astimezone(UK).date()


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
    return uk_midnight(conference_svc.Quarter.of(uk_day(start)).end.date())


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


# --- Making, editing and publishing -------------------------------------------------------------


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


def publish(pack: BoardPack, user: User) -> None:
    """Freeze the figures as they are now and show the pack to the board. Flushes."""
    if pack.status == BoardPackStatus.PUBLISHED:
        raise AlreadyPublished("This pack has already been published")
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


# --- The figures ------------------------------------------------------------------------------


def _change(now: float | None, before: float | None, had_before: bool) -> str:
    if not had_before:
        return "no earlier figure"
    if now is None or before is None:
        return NOT_SHOWN
    points = round(now - before, 1)
    if points == 0:
        return "no change"
    return f"{'+' if points > 0 else '−'}{abs(points):.1f} points"


def _cohort_label(key: str | None) -> str:
    return COHORT_LABELS[Cohort(key)] if key else NOT_RECORDED


def _cohort_order(key: str | None) -> int:
    return list(Cohort).index(Cohort(key)) if key else 99


def _band_order(band: str | None) -> tuple[int, str]:
    if band in AGE_BAND_ORDER:
        return (AGE_BAND_ORDER.index(band), band or "")
    return (98 if band else 99, band or "")


def _breakdown(
    now: Mapping[Any, list[int]],
    before: Mapping[Any, list[int]],
    had_before: bool,
    label: Any,
    order: Any,
    t: int,
) -> list[dict[str, str]]:
    """Rows of one breakdown (by cohort or by age band) of one pledge."""
    keys = sorted(now, key=order)
    # The pledge's total is shown: no hidden cell may be worked out from it.
    answered = disclosure.protect({k: now[k][0] for k in keys}, t)
    rows = []
    for key in keys:
        n, pos = now[key]
        cell = answered[key]
        share = disclosure.share(pos, n, t) if cell.visible else None
        prev_n, prev_pos = before.get(key, [0, 0])
        previous = disclosure.share(prev_pos, prev_n, t)
        rows.append(
            {
                "label": label(key),
                "answered": cell_text(cell, t),
                "share": share_text(share),
                "change": _change(share, previous, had_before and prev_n > 0),
            }
        )
    return rows


def _scorecard(period: Period, t: int) -> dict[str, Any]:
    now = figures.pledge_tallies(period.scope)
    before = figures.pledge_tallies(period.previous) if period.previous else []
    had_before = period.previous is not None

    def group(tallies: Iterable[figures.Tally], key: Any) -> dict[str, dict[Any, list[int]]]:
        out: dict[str, dict[Any, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        for tally in tallies:
            cell = out[tally.pledge][key(tally)]
            cell[0] += tally.answered
            cell[1] += tally.positive
        return out

    overall_now, overall_before = group(now, lambda _t: "all"), group(before, lambda _t: "all")
    cohort_now, cohort_before = group(now, lambda x: x.cohort), group(before, lambda x: x.cohort)
    band_now, band_before = group(now, lambda x: x.age_band), group(before, lambda x: x.age_band)
    rows = []
    for pledge in PLEDGE_KEYS:
        n, pos = overall_now.get(pledge, {}).get("all", [0, 0])
        prev_n, prev_pos = overall_before.get(pledge, {}).get("all", [0, 0])
        share = disclosure.share(pos, n, t)
        previous = disclosure.share(prev_pos, prev_n, t)
        rows.append(
            {
                "pledge": pledge,
                "title": PLEDGE_SHORT_TITLES[pledge],
                "wording": PLEDGES[pledge],
                "answered": shown(n, t),
                "share": share_text(share),
                "share_value": share,
                "tenths": None if share is None else round(share / 10),
                "change": _change(share, previous, had_before and prev_n > 0),
                "by_cohort": _breakdown(
                    cohort_now.get(pledge, {}),
                    cohort_before.get(pledge, {}),
                    had_before,
                    _cohort_label,
                    _cohort_order,
                    t,
                ),
                "by_age_band": _breakdown(
                    band_now.get(pledge, {}),
                    band_before.get(pledge, {}),
                    had_before,
                    lambda b: b or NOT_RECORDED,
                    _band_order,
                    t,
                ),
            }
        )
    return {"rows": rows, "compared_with": period.previous_label}


def _quotes_by_pledge(period: Period, children: Mapping[str, int], t: int) -> dict[str, list[str]]:
    """Approved quotes, at most one per person in the pack, never from an answer flagged for
    safeguarding, and never for a pledge that fewer than the threshold spoke about."""
    approved = figures.approved_quotes(period.scope, limit=None)
    ids = [q.id for q in approved]
    owners: dict[int, Any] = {}
    if ids:
        for analysis_id, respondent_id, response_id in db.session.execute(
            select(AnswerAnalysis.id, Response.respondent_id, Response.id)
            .join(Answer, Answer.id == AnswerAnalysis.answer_id)
            .join(Response, Response.id == Answer.response_id)
            .where(AnswerAnalysis.id.in_(ids))
        ):
            # Anonymous answers have no person to tell apart: each response counts as one.
            owners[analysis_id] = respondent_id or f"response-{response_id}"
    used: set[Any] = set()
    chosen: dict[str, list[str]] = defaultdict(list)
    for pledge in PLEDGE_KEYS:
        if disclosure.is_small(children.get(pledge, 0), t):
            continue
        for quote in approved:
            if len(chosen[pledge]) >= QUOTES_PER_PLEDGE:
                break
            who = owners.get(quote.id, f"analysis-{quote.id}")
            if quote.safeguarding_category or who in used or pledge not in quote.final_pledges:
                continue
            used.add(who)
            # Redacted when approved; redacted again in case the rules have grown since.
            chosen[pledge].append(action_svc.redact_for_board(quote.quote or ""))
    return dict(chosen)


def _told_us(period: Period, t: int) -> dict[str, Any]:
    """What the free text was about. Every figure counts children, not answers."""
    said = figures.free_text(period.scope)
    themes, sentiment, total = said.pledge_themes, said.pledge_sentiment, said.themes
    children = {p: sentiment.get(p, Counter())["children"] for p in PLEDGE_KEYS}
    quotes = _quotes_by_pledge(period, children, t)
    rows = []
    for pledge in PLEDGE_KEYS:
        n = children[pledge]
        enough = not disclosure.is_small(n, t)
        mix = sentiment.get(pledge, Counter())
        cells = disclosure.protect({label: mix[label] for label in SENTIMENT_WORDS}, t)
        # A child can write with more than one feeling: the chart's shares are of the feelings.
        felt = sum(mix[label] for label in SENTIMENT_WORDS)
        top = [
            (name, c) for name, c in themes.get(pledge, Counter()).most_common()
            if not disclosure.is_small(c, t)
        ]  # fmt: skip
        rows.append(
            {
                "pledge": pledge,
                "title": PLEDGE_SHORT_TITLES[pledge],
                "answers": shown(n, t),
                "enough": enough,
                # Only themes at or above the threshold are named: a rare one may point to a child.
                "themes": [{"theme": name, "count": shown(c, t)} for name, c in top[:TOP_THEMES]]
                if enough
                else [],
                "sentiment": [
                    {
                        "key": label,
                        "label": SENTIMENT_WORDS[label],
                        "count": cell_text(cells[label], t) if enough else shown(0, t),
                        # For the chart: a share only where the count itself is shown.
                        "share": round(100 * mix[label] / felt, 1)
                        if enough and cells[label].visible and felt
                        else None,
                    }
                    for label in SENTIMENT_WORDS
                ],
                "quotes": quotes.get(pledge, []),
            }
        )
    top_overall = [(name, c) for name, c in total.most_common() if not disclosure.is_small(c, t)]
    return {
        "answers": shown(said.children, t),
        "pledges": rows,
        "top_themes": [{"theme": name, "count": shown(c, t)} for name, c in top_overall[:10]],
    }


def _flag_person(respondent_id: Any, response_id: Any, phone_hash: Any, flag_id: int) -> str:
    """Whom an alert is about: the child of its response, else the phone it came from."""
    if response_id is not None:
        return disclosure.person_key(respondent_id, response_id)
    return f"phone-{phone_hash}" if phone_hash else f"flag-{flag_id}"


def _safeguarding(period: Period, t: int) -> dict[str, Any]:
    """Children with an alert, not alerts: one child's six messages are one child."""
    rows = db.session.execute(
        select(
            SafeguardingFlag.id,
            SafeguardingFlag.category,
            SafeguardingFlag.acknowledged_at.is_not(None),
            Response.respondent_id,
            SafeguardingFlag.response_id,
            SafeguardingFlag.phone_hash,
        )
        .outerjoin(Response, Response.id == SafeguardingFlag.response_id)
        .where(
            SafeguardingFlag.created_at >= period.start, SafeguardingFlag.created_at < period.end
        )
    ).all()
    everyone: set[str] = set()
    acknowledged: set[str] = set()
    pairs = []
    for flag_id, category, done, respondent_id, response_id, phone_hash in rows:
        who = _flag_person(respondent_id, response_id, phone_hash, flag_id)
        everyone.add(who)
        if done:
            acknowledged.add(who)
        pairs.append((category, who))
    by_category = disclosure.children_per_item(pairs)
    # With the total shown, one hidden category could be worked out: hide another too.
    cells = disclosure.protect(by_category, t)
    return {
        "alerts": shown(len(everyone), t),
        "acknowledged": shown(len(acknowledged), t),
        "by_category": [
            {
                "category": (category or "other").replace("_", " ").capitalize(),
                "count": cell_text(cell, t),
            }
            for category, cell in sorted(
                cells.items(), key=lambda kv: (-by_category[kv[0]], kv[0] or "")
            )
        ]
        if not disclosure.is_small(len(everyone), t)
        else [],
    }


def _actions() -> dict[str, Any]:
    board = figures.board_actions()
    rows = []
    for action in board.actions:
        rag = board.rags[action.id]
        rows.append(
            {
                "title": action_svc.redact_for_board(action.title),
                "pledge": PLEDGE_SHORT_TITLES.get(action.pledge or "", "None"),
                "owner": action_svc.redact_for_board(action.owner),
                "due": action_svc.format_day(action_svc.due_day(action)),
                "status": action_svc.STATUS_LABELS[action.status],
                "rag": rag.value,
                "rag_label": rag.label,
                "evidence": action_svc.evidence_summary(action.evidence),
                "you_said": action_svc.redact_for_board(action.you_said or ""),
                "we_did": action_svc.redact_for_board(action.we_did or ""),
            }
        )
    return {"rows": rows}


def _conference_sentence(
    survey_key: str, question: Question, values: list[Any], t: int
) -> str | None:
    if question.scale is not None:
        return conference_svc.scale_sentence(question, values, threshold=t)
    if not any(o.positive for o in question.options):
        return None
    phrases = (
        conference_svc.PARENT_PHRASES.get(question.key) if survey_key == "parent_feedback" else None
    )
    return conference_svc.published_sentence(question, values, phrases, threshold=t)


def _rate(invited: int, answered: int, t: int) -> dict[str, str]:
    """Invited, answered and the rate, with those who did not answer protected too."""
    return {
        "invited": shown(invited, t),
        "answered": cell_text(disclosure.part_of(answered, invited, t), t),
        "rate": share_text(disclosure.share(answered, invited, t) if invited else None),
    }


def _conferences(period: Period, t: int) -> dict[str, Any]:
    summary = conference_svc.quarterly_summary(period)  # type: ignore[arg-type]
    kinds = [
        {"label": f"{label}s", "count": shown(summary.conferences[kind], t)}
        for kind, label in conference_svc.KIND_LABELS.items()
    ]
    rates = []
    for role in ParticipantRole:
        invited = sum(summary.rates[(k, role)].invited for k in ConferenceKind)
        answered = sum(summary.rates[(k, role)].answered for k in ConferenceKind)
        if invited == 0 and answered == 0:
            continue
        answered = min(answered, invited) if invited else answered
        rates.append({"role": conference_svc.ROLE_LABELS[role], **_rate(invited, answered, t)})
    # Every conference feedback form in the period counts, whether or not it was tied to a
    # recorded conference (paper rounds keyed in later are not).
    survey_keys = list(dict.fromkeys(conference_svc.ROLE_SURVEY.values()))
    value = cast(Answer.value, Text)
    rows = db.session.execute(
        select(Response.survey_key, Answer.question_key, value, func.count())
        .select_from(Response)
        .join(Answer, Answer.response_id == Response.id)
        .where(
            Response.survey_key.in_(survey_keys),
            Response.status == ResponseStatus.COMPLETE,
            Response.completed_at >= period.start,
            Response.completed_at < period.end,
        )
        .group_by(Response.survey_key, Answer.question_key, value)
    )
    values: dict[tuple[str, str], list[tuple[Any, int]]] = defaultdict(list)
    for survey_key, question_key, raw, n in rows:
        values[(survey_key, question_key)].append((json.loads(raw) if raw else None, n))
    responses = dict(
        db.session.execute(
            select(Response.survey_key, func.count(Response.id))
            .where(
                Response.survey_key.in_(survey_keys),
                Response.status == ResponseStatus.COMPLETE,
                Response.completed_at >= period.start,
                Response.completed_at < period.end,
            )
            .group_by(Response.survey_key)
        ).all()
    )
    surveys = []
    for survey_key in survey_keys:
        survey = default_registry().get(survey_key).resolve(None)
        results = []
        for question in survey.questions:
            counted = values.get((survey_key, question.key))
            if not counted:
                continue
            expanded = list(chain.from_iterable(repeat(v, n) for v, n in counted))
            sentence = _conference_sentence(survey_key, question, expanded, t)
            if sentence:
                results.append({"question": question.text, "result": sentence})
        surveys.append(
            {
                "title": conference_svc.SURVEY_HEADINGS[survey_key],
                "responses": shown(responses.get(survey_key, 0), t),
                "results": results,
            }
        )
    return {"kinds": kinds, "rates": rates, "surveys": surveys}


def _storyboard(pack: BoardPack) -> list[dict[str, str | None]]:
    return [
        {
            "key": key,
            "heading": heading,
            "hint": hint,
            # Staff's words, redacted like action evidence: the board never sees a name.
            "text": action_svc.redact_for_board(getattr(pack, key)) if getattr(pack, key) else None,
        }
        for key, heading, hint in STORYBOARD
    ]


def build_content(pack: BoardPack) -> dict[str, Any]:
    """Every figure in the pack, aggregated and suppressed, as plain JSON-able data."""
    t = threshold()
    period = period_of(pack)
    generated = now_utc()
    return {
        "version": CONTENT_VERSION,
        "title": pack.title,
        "council": current_app.config["COUNCIL_NAME"],
        "period": period.label,
        "dates": period.dates_label,
        "wave": period.campaign.name if period.campaign else None,
        "threshold": t,
        "generated": format_day(uk_day(generated)),
        "scorecard": _scorecard(period, t),
        "told_us": _told_us(period, t),
        "safeguarding": _safeguarding(period, t),
        "actions": _actions(),
        "conferences": _conferences(period, t),
        "storyboard": _storyboard(pack),
    }


# --- CSV: every figure ---------------------------------------------------------------------------

CSV_COLUMNS = ("section", "subject", "breakdown", "group", "measure", "kind", "value")


def figure_rows(content: Mapping[str, Any]) -> list[tuple[str, ...]]:
    """One row per figure in the pack. `kind` says what the value is (count, percent, change,
    status or sentence), so a reader, or a test, knows which values count people."""
    rows: list[tuple[str, ...]] = []

    def add(section: str, subject: str, breakdown: str, group: str, *figure: str) -> None:
        rows.append((section, subject, breakdown, group, *figure))

    score = "Pledge scorecard"
    for p in content["scorecard"]["rows"]:
        add(score, p["title"], "All", "All", "Answers", "count", p["answered"])
        add(score, p["title"], "All", "All", "Positive", "percent", p["share"])
        add(score, p["title"], "All", "All", "Change", "change", p["change"])
        for breakdown, key in (("Cohort", "by_cohort"), ("Age band", "by_age_band")):
            for r in p[key]:
                add(score, p["title"], breakdown, r["label"], "Answers", "count", r["answered"])
                add(score, p["title"], breakdown, r["label"], "Positive", "percent", r["share"])
                add(score, p["title"], breakdown, r["label"], "Change", "change", r["change"])
    told, heard = content["told_us"], "What children told us"
    # Free text and alerts count children (analysis.disclosure), the scorecard answers.
    add(heard, "All", "All", "All", "Children", "count", told["answers"])
    for theme in told["top_themes"]:
        add(heard, "All", "Theme", theme["theme"], "Children", "count", theme["count"])
    for p in told["pledges"]:
        add(heard, p["title"], "All", "All", "Children", "count", p["answers"])
        for theme in p["themes"]:
            add(heard, p["title"], "Theme", theme["theme"], "Children", "count", theme["count"])
        for s in p["sentiment"]:
            add(heard, p["title"], "Sentiment", s["label"], "Children", "count", s["count"])
    safe, alerts = content["safeguarding"], "Safeguarding alerts"
    add(alerts, "All", "All", "All", "Children", "count", safe["alerts"])
    add(alerts, "All", "All", "All", "Acknowledged", "count", safe["acknowledged"])
    for c in safe["by_category"]:
        add(alerts, "All", "Category", c["category"], "Children", "count", c["count"])
    for a in content["actions"]["rows"]:
        add("You said, we did", a["title"], "Pledge", a["pledge"], "RAG", "status", a["rag_label"])
        add("You said, we did", a["title"], "Pledge", a["pledge"], "Status", "status", a["status"])
    conf, feedback = content["conferences"], "Conference feedback"
    for k in conf["kinds"]:
        add(feedback, k["label"], "All", "All", "Held", "count", k["count"])
    for r in conf["rates"]:
        add(feedback, "Response rate", "Role", r["role"], "Invited", "count", r["invited"])
        add(feedback, "Response rate", "Role", r["role"], "Answered", "count", r["answered"])
        add(feedback, "Response rate", "Role", r["role"], "Rate", "percent", r["rate"])
    for s in conf["surveys"]:
        add(feedback, s["title"], "All", "All", "Responses", "count", s["responses"])
        for result in s["results"]:
            add(feedback, s["title"], "Question", result["question"], "Result", "sentence",
                result["result"])  # fmt: skip
    return rows


def csv_text(content: Mapping[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in figure_rows(content):
        # A leading = + - @ would be run as a formula by a spreadsheet.
        writer.writerow(["'" + v if v[:1] in "=+-@" else v for v in row])
    return out.getvalue()


# --- Charts ------------------------------------------------------------------------------------

# Black-and-white safe: each sentiment has its own fill pattern as well as its own shade, and
# every segment's meaning is also in the legend and the table beside the chart.
_PATTERNS = {
    "pos": ("#0b0c0c", None),
    "neu": ("#ffffff", "dots"),
    "mixed": ("#ffffff", "hatch"),
    "neg": ("#6f777b", "cross"),
    "hidden": ("#ffffff", None),
}


def _pattern_defs(chart_id: str) -> str:
    e = escape(chart_id)
    return (
        "<defs>"
        f'<pattern id="{e}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.3" fill="#0b0c0c"/>'
        "</pattern>"
        f'<pattern id="{e}-hatch" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#ffffff"/>'
        '<path d="M0,6 L6,0" stroke="#0b0c0c" stroke-width="1.5"/></pattern>'
        f'<pattern id="{e}-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#6f777b"/>'
        '<path d="M0,0 L6,6 M6,0 L0,6" stroke="#ffffff" stroke-width="1"/></pattern>'
        "</defs>"
    )


def _fill(chart_id: str, key: str) -> str:
    colour, pattern = _PATTERNS[key]
    return f"url(#{escape(chart_id)}-{pattern})" if pattern else colour


def sentiment_chart(chart_id: str, told: Mapping[str, Any], t: int) -> Markup:
    """How each pledge's free text felt: one stacked bar a pledge, patterned for print."""
    width, left, bar_h, row = 640, 0, 20, 50
    pledges = told["pledges"]
    legend_y = 8 + row * len(pledges) + 16
    height = legend_y + 30
    e = escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gt-chart" id="{e(chart_id)}" role="img" '
        f'aria-labelledby="{e(chart_id)}-title {e(chart_id)}-desc" viewBox="0 0 {width} {height}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" font-family="arial, sans-serif" '
        'fill="#0b0c0c">',
        f'<title id="{e(chart_id)}-title">How the free text felt, by pledge</title>',
        f'<desc id="{e(chart_id)}-desc">For each pledge, the share of free-text answers that were '
        f"positive, neutral, mixed or negative. Pledges with fewer than {t} answers have no bar; "
        f"feelings named by fewer than {t} answers are merged as not shown.</desc>",
        _pattern_defs(chart_id),
    ]
    for n, p in enumerate(pledges):
        y = 8 + n * row
        parts.append(f'<text x="0" y="{y + 14}" font-size="15">{e(p["title"])}</text>')
        bar_y = y + 20
        if not p["enough"]:
            parts.append(
                f'<text x="0" y="{bar_y + 15}" font-size="14" font-style="italic">'
                f"fewer than {t} answers</text>"
            )
            continue
        x = float(left)
        shown_total = 0.0
        for s in p["sentiment"]:
            if s["share"] is None:
                continue
            w = (width - 2) * s["share"] / 100
            parts.append(
                f'<rect x="{x:.1f}" y="{bar_y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{_fill(chart_id, s["key"])}" stroke="#0b0c0c" stroke-width="1"/>'
            )
            x += w
            shown_total += s["share"]
        rest = (width - 2) * max(0.0, 100 - shown_total) / 100
        if rest > 0.5:
            parts.append(
                f'<rect x="{x:.1f}" y="{bar_y}" width="{rest:.1f}" height="{bar_h}" '
                'fill="#ffffff" stroke="#0b0c0c" stroke-width="1" stroke-dasharray="3,2"/>'
            )
    lx = 0
    for key, label in (*SENTIMENT_WORDS.items(), ("hidden", "Not shown")):
        dash = ' stroke-dasharray="3,2"' if key == "hidden" else ""
        parts.append(
            f'<rect x="{lx}" y="{legend_y}" width="18" height="14" fill="{_fill(chart_id, key)}" '
            f'stroke="#0b0c0c" stroke-width="1"{dash}/>'
            f'<text x="{lx + 24}" y="{legend_y + 12}" font-size="14">{e(label)}</text>'
        )
        lx += 24 + 9 * len(label) + 24
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece of text above is escaped


def charts(content: Mapping[str, Any]) -> dict[str, Markup]:
    t = content["threshold"]
    rows = content["scorecard"]["rows"]
    told = content["told_us"]
    top = [(x["theme"], int(x["count"].replace(",", ""))) for x in told["top_themes"]]
    return {
        "scorecard": figures.pledge_share_chart(
            "pack-pledges",
            [
                (
                    r["pledge"],
                    r["share_value"],
                    r["share"] if r["share_value"] is not None else f"{r['answered']} answers",
                )
                for r in rows
            ],
            t,
        ),
        "themes": figures.theme_chart("pack-themes", top, t),
        "sentiment": sentiment_chart("pack-sentiment", told, t),
    }


# --- PDF ---------------------------------------------------------------------------------------


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    """The print HTML as a PDF. WeasyPrint needs Debian's pango: if it is missing this raises,
    loudly, rather than handing the board something else."""
    from weasyprint import HTML  # heavy, and only needed here

    return HTML(string=html, base_url=base_url).write_pdf()
