"""Keeps analysis/ results for every free-text answer, and officers' corrections, which win."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from flask import current_app
from sqlalchemy import bindparam, delete, func, select

from analysis import SafeguardingResult, assess, redact
from analysis.pipeline import analyse
from analysis.pledges import PledgeMapper
from app.core.extensions import db
from app.core.sql import run, typed_text
from app.core.types import now_utc
from app.reading.tiers import tier_and_score
from app.responses.models import Answer
from app.review.models import AnswerAnalysis, without_repeats
from app.staff.audit import record
from app.staff.models import User


def _corrections() -> Iterator[tuple[str, list[str]]]:
    rows = db.session.execute(
        select(Answer.value_text, AnswerAnalysis.corrected_pledges)
        .join(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
        .where(AnswerAnalysis.corrected_pledges.is_not(None))
    )
    for text, pledges in rows:
        if text:
            yield text, list(pledges)


# Looking for new corrections scans answer_analysis, and every free-text answer (web, SMS,
# voice) needs the mapper: look at most this often per process. A correction made in this
# process is seen at once; one made in another worker within this many seconds.
MAPPER_RECHECK_SECONDS = 30.0


def pledge_mapper() -> PledgeMapper:
    """The lexicon plus what officers' corrections have taught it, rebuilt when they change."""
    cached = current_app.extensions.get("pledge_mapper")
    now = time.monotonic()
    if cached is not None and now - cached[2] < MAPPER_RECHECK_SECONDS:
        return cached[1]
    stamp = tuple(
        db.session.execute(
            select(func.count(), func.max(AnswerAnalysis.corrected_at)).where(
                AnswerAnalysis.corrected_pledges.is_not(None)
            )
        ).one()
    )
    mapper = cached[1] if cached is not None and cached[0] == stamp else None
    if mapper is None:
        mapper = PledgeMapper(list(_corrections()))
    current_app.extensions["pledge_mapper"] = (stamp, mapper, now)
    return mapper


def _upsert_statement(_dialect: str) -> Any:
    return typed_text(
        AnswerAnalysis.__table__,
        "INSERT INTO answer_analysis (answer_id, response_id, pledges, themes, sentiment, "
        "polarity, redacted, safeguarding_category, tier, score, analysed_at) VALUES "
        "(:answer_id, :response_id, :pledges, :themes, :sentiment, :polarity, :redacted, "
        ":safeguarding_category, :tier, :score, :analysed_at) "
        "ON CONFLICT (answer_id) DO UPDATE SET pledges = excluded.pledges, "
        "themes = excluded.themes, sentiment = excluded.sentiment, "
        "polarity = excluded.polarity, redacted = excluded.redacted, "
        "safeguarding_category = excluded.safeguarding_category, "
        "tier = excluded.tier, score = excluded.score, "
        "analysed_at = excluded.analysed_at",
    )


def _delete_statement(_dialect: str) -> Any:
    table = AnswerAnalysis.__table__
    return delete(table).where(table.c.answer_id == bindparam("answer_id"))


def analysis_of(
    text: str, question_pledge: str | None = None, concern: SafeguardingResult | None = None
) -> dict[str, Any]:
    """What analysis/ makes of some words, as answer_analysis values (but the answer's id).

    `concern`: the safeguarding result for these words, when the caller has it already."""
    concern = concern if concern is not None else assess(text)
    tier, score = tier_and_score(concern)
    result = analyse(text, concern)
    mapper = pledge_mapper()
    pledges = mapper.map(text) if mapper.corrections_used else list(result["pledges"])
    if not pledges and question_pledge:
        # Nothing in the words names a pledge: the question it answered still does.
        pledges = [question_pledge]
    return {
        "pledges": without_repeats(pledges),
        "themes": without_repeats(result["themes"]),
        "sentiment": result["sentiment"]["label"],
        "polarity": float(result["sentiment"]["polarity"]),
        "redacted": result["redacted"],
        "safeguarding_category": result["safeguarding"]["category"],
        "tier": tier,
        "score": score,
        "analysed_at": now_utc(),
    }


def analyse_answer(
    answer_id: int,
    response_id: int,
    text: str,
    question_pledge: str | None = None,
    analysis: dict[str, Any] | None = None,
) -> None:
    """Analyse one free-text answer now and keep the result (replacing an older one).

    `analysis`: `analysis_of` these words, when the caller has it already.
    """
    if not text:
        run(_delete_statement, {"answer_id": answer_id})
        return
    values = analysis if analysis is not None else analysis_of(text, question_pledge)
    run(
        _upsert_statement,
        {"answer_id": answer_id, "response_id": response_id, **values},
    )


def rebuild(progress: Callable[[int], None] | None = None, batch: int = 500) -> int:
    """Re-analyse every stored free-text answer; corrections and approved quotes are kept."""
    from app.responses.models import Response
    from surveys import default_registry

    done = 0
    last_id = 0
    registry = default_registry()
    while True:
        rows = db.session.execute(
            select(
                Answer.id,
                Answer.response_id,
                Answer.value_text,
                Answer.question_key,
                Response.survey_key,
                Response.survey_version,
                Response.variant,
            )
            .join(Response, Response.id == Answer.response_id)
            .where(Answer.id > last_id, Answer.value_text.is_not(None), Answer.value_text != "")
            .order_by(Answer.id)
            .limit(batch)
        ).all()
        if not rows:
            return done
        for answer_id, response_id, text, key, survey_key, version, variant in rows:
            survey = registry.get(survey_key, version).resolve(variant)
            pledge = (
                survey.question(key).pledge if key in {q.key for q in survey.questions} else None
            )
            analyse_answer(answer_id, response_id, text, pledge)
            last_id = answer_id
        db.session.flush()
        done += len(rows)
        if progress:
            progress(len(rows))


def correct(
    analysis: AnswerAnalysis, user: User, pledges: list[str] | None, themes: list[str] | None
) -> None:
    """An officer's tags replace the machine's from now on, and teach the pledge mapper."""
    analysis.corrected_pledges = pledges
    analysis.corrected_themes = themes
    analysis.corrected_by = user.id
    analysis.corrected_at = now_utc()
    record("analysis.corrected", analysis, detail={"pledges": pledges, "themes": themes})
    db.session.flush()
    current_app.extensions.pop("pledge_mapper", None)  # this process learns from it at once


def approve_quote(analysis: AnswerAnalysis, user: User, text: str | None = None) -> str:
    """Approve words for the board; whatever an officer typed is redacted again."""
    quote = redact((text or analysis.redacted).strip())
    analysis.quote = quote
    analysis.quote_approved_by = user.id
    analysis.quote_approved_at = now_utc()
    record("analysis.quote_approved", analysis)
    db.session.flush()
    return quote
