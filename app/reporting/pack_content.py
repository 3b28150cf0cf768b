"""The Corporate Parenting Board pack's content: every figure, aggregated and suppressed under the
one policy of `analysis.disclosure` (counts of children under the threshold read "fewer than 5", a
cell that subtraction would give back reads "not shown", and so do percentages resting on
either), quotes are the approved redacted ones only, and safeguarding appears as counts of
children. The content is a plain JSON-able dict, built from the database while the pack is a
draft and frozen when it is published, so every format (HTML, PDF, CSV) is drawn from exactly the
same figures."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import chain, repeat
from typing import Any

from flask import current_app
from sqlalchemy import Text, cast, func, select

from analysis import disclosure
from analysis.disclosure import NOT_SHOWN, cell_text, share_text, shown
from app.actions import service as action_svc
from app.conferences import quarters as conference_quarters
from app.conferences import responses as conference_responses
from app.conferences import sentences as conference_sentences
from app.core.extensions import db
from app.core.small_numbers import threshold
from app.core.times import uk_day
from app.core.types import now_utc
from app.reading.figures import read_in_time
from app.reporting import breakdowns, figures
from app.reporting.models import BoardPack
from app.reporting.pack_periods import Period, format_day, period_of
from app.respondents.vocabularies import AGE_BAND_ORDER
from app.responses.models import Answer, Response, ResponseStatus
from app.review.models import AnswerAnalysis
from app.safeguarding.models import SafeguardingFlag
from surveys import PLEDGE_KEYS, PLEDGE_SHORT_TITLES, PLEDGES, Question, default_registry
from surveys.vocabulary import (
    COHORT_LABELS,
    KIND_LABELS,
    ROLE_LABELS,
    Cohort,
    ConferenceKind,
    ParticipantRole,
)

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


def _quotes_by_pledge(
    period: Period, children: Mapping[str, int], t: int
) -> dict[str, list[tuple[str, int]]]:
    """Approved quotes, at most one per person in the pack, never from an answer flagged for
    safeguarding, and never for a pledge that fewer than the threshold spoke about; each with
    the analysis it came from, so an erasure can find it in a frozen pack."""
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
    chosen: dict[str, list[tuple[str, int]]] = defaultdict(list)
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
            chosen[pledge].append((action_svc.redact_for_board(quote.quote or ""), quote.id))
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
                "quotes": [text for text, _source in quotes.get(pledge, [])],
                # Never shown: which analysis each quote came from, for erasure (Art. 17).
                "quote_sources": [source for _text, source in quotes.get(pledge, [])],
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


def _reading(period: Period, t: int) -> dict[str, str]:
    """The process figure: "N of N free-text answers were read by a person within 2 working
    days". Counts answers (the service's work), under the same policy: a total under the
    threshold, or a part whose remainder (late or unread) is small, is not printed."""
    figure = read_in_time(period.start, period.end)
    total, part = figure.answers, disclosure.part_of(figure.in_time, figure.answers, t)
    within = f"within {figure.days} working day{'' if figure.days == 1 else 's'}"
    if disclosure.is_small(total, t):
        sentence = (
            f"Fewer than {t} free-text answers were due to be read in this period, so how many "
            f"were read by a person {within} is not shown."
        )
    elif cell_text(part, t) == NOT_SHOWN:
        sentence = (
            f"How many of the {total:,} free-text answers were read by a person {within} is "
            "not shown, to protect confidentiality."
        )
    else:
        count = cell_text(part, t)
        sentence = (
            f"{count[0].upper()}{count[1:]} of {total:,} free-text answers were read by a "
            f"person {within}."
        )
    return {
        "answers": shown(total, t),
        "in_time": cell_text(part, t),
        "days": str(figure.days),
        "sentence": sentence,
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
        return conference_sentences.scale_sentence(question, values, threshold=t)
    if not any(o.positive for o in question.options):
        return None
    phrases = (
        conference_sentences.PARENT_PHRASES.get(question.key)
        if survey_key == "parent_feedback"
        else None
    )
    return conference_sentences.published_sentence(question, values, phrases, threshold=t)


def _rate(invited: int, answered: int, t: int) -> dict[str, str]:
    """Invited, answered and the rate, with those who did not answer protected too."""
    return {
        "invited": shown(invited, t),
        "answered": cell_text(disclosure.part_of(answered, invited, t), t),
        "rate": share_text(disclosure.share(answered, invited, t) if invited else None),
    }


def _conferences(period: Period, t: int) -> dict[str, Any]:
    summary = conference_quarters.quarterly_summary(period)  # type: ignore[arg-type]
    kinds = [
        {"label": f"{label}s", "count": shown(summary.conferences[kind], t)}
        for kind, label in KIND_LABELS.items()
    ]
    rates = []
    for role in ParticipantRole:
        invited = sum(summary.rates[(k, role)].invited for k in ConferenceKind)
        answered = sum(summary.rates[(k, role)].answered for k in ConferenceKind)
        if invited == 0 and answered == 0:
            continue
        answered = min(answered, invited) if invited else answered
        rates.append({"role": ROLE_LABELS[role], **_rate(invited, answered, t)})
    # Every conference feedback form in the period counts, whether or not it was tied to a
    # recorded conference (paper rounds keyed in later are not).
    survey_keys = list(dict.fromkeys(conference_responses.ROLE_SURVEY.values()))
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
                "title": conference_quarters.SURVEY_HEADINGS[survey_key],
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
        "breakdowns": breakdowns.breakdowns(period.scope, t),
        "told_us": _told_us(period, t),
        "safeguarding": _safeguarding(period, t),
        "reading": _reading(period, t),
        "actions": _actions(),
        "conferences": _conferences(period, t),
        "storyboard": _storyboard(pack),
    }
