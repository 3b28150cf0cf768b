"""Reviewing free-text answers: redacted by default, originals shown only on request (audited),
officers' pledge and theme tags (which win over the machine's), and quotes approved for the board.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select

from analysis import redact
from analysis.names_data import name_words
from analysis.redaction import (
    KIND_WORDS,
    describe_kinds,
    find_personal_data,
    personal_data_kinds,
)
from app.actions.models import ActionQuote
from app.actions.service import redact_for_board
from app.campaigns.models import Campaign
from app.core.extensions import db
from app.responses.models import Answer, Response
from app.review import analysis_store
from app.review.models import AnswerAnalysis
from app.staff.audit import record
from app.staff.models import User
from surveys import PLEDGE_KEYS, default_registry
from surveys.vocabulary import Cohort

PAGE_SIZE = 20
MAX_THEMES = 10
MAX_THEME_LENGTH = 60
MAX_QUOTE_LENGTH = 600


class ReviewError(ValueError):
    """Something an officer entered that cannot be saved; the message says why."""


@dataclass(frozen=True)
class Filters:
    campaign_id: int | None = None
    pledge: str | None = None
    theme: str | None = None
    flagged_only: bool = False
    # For roles the safeguarding inbox refuses: flagged answers are not theirs to read.
    without_flagged: bool = False

    @property
    def active(self) -> bool:
        return bool(self.campaign_id or self.pledge or self.theme or self.flagged_only)


@dataclass(frozen=True)
class ReviewItem:
    analysis: AnswerAnalysis
    answer: Answer
    response: Response
    campaign: Campaign
    question: str | None

    @property
    def flagged(self) -> bool:
        return self.analysis.safeguarding_category is not None

    @property
    def cohort(self) -> Cohort | None:
        return answer_cohort(self.response, self.campaign)


def answer_cohort(response: Response, campaign: Campaign) -> Cohort | None:
    """The cohort an answer speaks for: the person's, else the campaign's."""
    if response.respondent_id is not None:
        from app.respondents.models import Respondent

        person = db.session.get(Respondent, response.respondent_id)
        if person is not None:
            return person.cohort
    return campaign.cohort


def final_pledges(pledges: list[str] | None, corrected: list[str] | None) -> list[str]:
    return list(corrected if corrected is not None else pledges or [])


def final_themes(themes: list[str] | None, corrected: list[str] | None) -> list[str]:
    return list(corrected if corrected is not None else themes or [])


def matching_ids(filters: Filters) -> list[int]:
    """Ids of analyses matching the filters, newest answer first.

    Tags are JSON lists, and an officer's correction replaces the machine's, so the tag filters
    run here rather than in SQL (the same on SQLite and PostgreSQL).
    """
    query = (
        select(
            AnswerAnalysis.id,
            AnswerAnalysis.pledges,
            AnswerAnalysis.corrected_pledges,
            AnswerAnalysis.themes,
            AnswerAnalysis.corrected_themes,
        )
        .join(Answer, Answer.id == AnswerAnalysis.answer_id)
        .join(Response, Response.id == Answer.response_id)
        .order_by(Answer.answered_at.desc(), AnswerAnalysis.id.desc())
    )
    if filters.campaign_id:
        query = query.where(Response.campaign_id == filters.campaign_id)
    if filters.flagged_only:
        query = query.where(AnswerAnalysis.safeguarding_category.is_not(None))
    if filters.without_flagged:
        query = query.where(AnswerAnalysis.safeguarding_category.is_(None))
    theme = normalise_theme(filters.theme) if filters.theme else None
    ids = []
    for analysis_id, pledges, c_pledges, themes, c_themes in db.session.execute(query):
        if filters.pledge and filters.pledge not in final_pledges(pledges, c_pledges):
            continue
        if theme and theme not in final_themes(themes, c_themes):
            continue
        ids.append(analysis_id)
    return ids


@lru_cache(maxsize=256)
def question_text(survey_key: str, version: int, variant: str | None, key: str) -> str | None:
    try:
        return default_registry().get(survey_key, version).resolve(variant).question(key).text
    except (KeyError, ValueError):
        return None


def load_items(ids: list[int]) -> list[ReviewItem]:
    """Full rows for one page of ids, in the order given."""
    if not ids:
        return []
    rows = db.session.execute(
        select(AnswerAnalysis, Answer, Response, Campaign)
        .join(Answer, Answer.id == AnswerAnalysis.answer_id)
        .join(Response, Response.id == Answer.response_id)
        .join(Campaign, Campaign.id == Response.campaign_id)
        .where(AnswerAnalysis.id.in_(ids))
    ).all()
    by_id = {
        analysis.id: ReviewItem(
            analysis,
            answer,
            response,
            campaign,
            question_text(
                response.survey_key, response.survey_version, response.variant, answer.question_key
            ),
        )
        for analysis, answer, response, campaign in rows
    }
    return [by_id[i] for i in ids if i in by_id]


def item(analysis_id: int) -> ReviewItem | None:
    found = load_items([analysis_id])
    return found[0] if found else None


def reveal(found: ReviewItem) -> str:
    """The original words. Every showing goes on the audit log; the words never do."""
    record(
        "answer.revealed",
        found.answer,
        detail={"analysis_id": found.analysis.id, "campaign_id": found.campaign.id},
    )
    return found.answer.value_text or ""


# --- Tags ------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def normalise_theme(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" \t.,;:!?-").lower()


def _personal_kinds(theme: str) -> list[str]:
    """What personal data a theme seems to hold, in an officer's words ("a name").

    Officers type themes in lower case, so the theme is also read capitalised ("oakfield
    academy" is a school). A find only the capitalised reading makes counts when its first
    word is no everyday word, the redactor's own rule for lower-case names: "Extra Help At
    School" and "Called Names" are ordinary words, "St Annes Academy" is a school.
    """
    kinds = personal_data_kinds(theme)
    if redact_for_board(theme) != redact(theme) or (not kinds and redact_for_board(theme) != theme):
        kinds = [*kinds, "reference"]
    titled = theme.title()
    everyday = name_words().english
    for span in find_personal_data(titled):
        words = titled[span.start : span.end].lower().split()
        if len(words) > 1 and words[0].rstrip(".") in ("st", "saint"):
            words = words[1:]
        if words and words[0] not in everyday and span.kind not in kinds:
            kinds.append(span.kind)
    return kinds


def parse_themes(raw: str) -> list[str]:
    """Themes typed one a line (or separated by commas): short, distinct, no personal data.

    Themes are counted and shown to the board, so one that names a person is refused, with
    the line and the reason, so the officer knows which to change.
    """
    themes: list[str] = []
    for number, line in enumerate((raw or "").splitlines(), start=1):
        for piece in re.split(r"[,;]", line):
            theme = normalise_theme(piece)
            if not theme or theme in themes:
                continue
            if len(theme) > MAX_THEME_LENGTH:
                raise ReviewError(
                    f"Line {number} (\u201c{theme[:MAX_THEME_LENGTH]}\u2026\u201d) is too long: "
                    f"each theme must be {MAX_THEME_LENGTH} characters or fewer"
                )
            kinds = _personal_kinds(theme)
            if kinds:
                what = describe_kinds([k for k in kinds if k in KIND_WORDS]) or "a reference code"
                if "reference" in kinds and what != "a reference code":
                    what += " and a reference code"
                raise ReviewError(
                    f"Line {number} (\u201c{theme}\u201d) seems to hold {what}. Themes are "
                    "shown to the board, so they must not contain names, schools, phone numbers "
                    "or other personal details"
                )
            themes.append(theme)
    if len(themes) > MAX_THEMES:
        raise ReviewError(f"Enter {MAX_THEMES} themes or fewer")
    return themes


def correct_tags(found: ReviewItem, user: User, pledges: list[str], themes: list[str]) -> bool:
    """Save an officer's tags (both lists, so they replace the machine's). False if unchanged."""
    unknown = [p for p in pledges if p not in PLEDGE_KEYS]
    if unknown:
        raise ReviewError("Select pledges from the list")
    pledges = [p for p in PLEDGE_KEYS if p in pledges]  # pledge order, no repeats
    analysis = found.analysis
    if pledges == analysis.final_pledges and themes == analysis.final_themes:
        return False
    # Always both lists, never None: None would be stored as JSON null and read as "corrected".
    analysis_store.correct(analysis, user, pledges, themes)
    return True


# --- Quotes ----------------------------------------------------------------------------------


def approve(found: ReviewItem, user: User, text: str) -> str:
    """Approve a quote for the board. Whatever was typed is redacted again before it is kept."""
    if found.flagged:
        raise ReviewError("Words that may disclose harm cannot be quoted to the board")
    text = " ".join((text or "").split())
    if not text:
        raise ReviewError("Enter the words to quote")
    if len(text) > MAX_QUOTE_LENGTH:
        raise ReviewError(f"A quote must be {MAX_QUOTE_LENGTH} characters or fewer")
    return analysis_store.approve_quote(found.analysis, user, text)


def withdraw_quote(found: ReviewItem) -> None:
    """Stop quoting these words to the board, and unlink them from any action."""
    analysis = found.analysis
    analysis.quote = None
    analysis.quote_approved_by = None
    analysis.quote_approved_at = None
    db.session.execute(ActionQuote.__table__.delete().where(ActionQuote.analysis_id == analysis.id))
    record("analysis.quote_withdrawn", analysis)
    db.session.flush()
