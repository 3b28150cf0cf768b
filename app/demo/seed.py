"""A fictional small county for demos: respondents, one quarter of answers, links to try."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import url_for
from sqlalchemy import select

from app.campaigns.models import Campaign
from app.campaigns.service import create_campaign, invite
from app.core.extensions import db
from app.core.types import Channel
from app.respondents.models import Respondent
from app.responses import service as svc
from surveys import Question, ResolvedSurvey, default_registry
from surveys.vocabulary import Cohort

PLEDGE_SLUG = "pledge-2026-27-q3"
PARENT_SLUG = "parent-feedback-2026-27-q3"
QUARTER_START = datetime(2026, 10, 1, tzinfo=UTC)
QUARTER_END = datetime(2027, 1, 1, tzinfo=UTC)

# Fictional, but written the way children in care and care leavers write.
FREE_TEXT: dict[str, list[str]] = {
    "health_wellbeing": [
        "I get really anxious at night and the CAMHS waiting list is so long",
        "my carer takes me swimming every week and I love it",
        "been feeling a bit low since moving but my PA checks in",
        "dentist was fine, my foster mum came with me",
        "I wish I could talk to someone about my feelings without waiting months",
        "happy most of the time, school is stressful tho",
    ],
    "safe_stable_home": [
        "I've moved 3 times this year and I just want to stay somewhere",
        "I feel safe where I live now, my carers are kind",
        "the flat is damp and the landlord never fixes anything",
        "I want to stay put with my carers after I turn 18",
        "my room is mine and nobody goes in it, that matters",
    ],
    "education_work": [
        "I got a place on the mechanics course at college!!",
        "my teacher helps me with maths at lunch",
        "I need help getting a job, I don't know where to start",
        "got excluded twice and nobody asked my side",
        "the bursary really helped me buy my laptop",
    ],
    "listened_to": [
        "my social worker keeps changing and I have to tell my story again",
        "my IRO actually listened at my review",
        "they decide things at meetings and tell me after",
        "Speak Up Speak Out is the best thing, we got the pocket money changed",
        "nobody rings me back when I leave a message",
    ],
    "relationships": [
        "I want to see my little brother more, contact keeps getting cancelled",
        "family time is too short and it's always in the same room",
        "my foster family treat me like their own",
        "I miss my nan",
        "my mentor is sound, we go fishing",
    ],
    "independence": [
        "I don't know how to budget, my money runs out after a week",
        "my PA helped me set up my bank account",
        "cooking sessions at the centre were really good",
        "scared about leaving care at 18, it's too soon",
        "I want to learn to drive but lessons cost too much",
    ],
}

PARENT_ROWS = [
    # (q1 views, q2 clear, q3 helped, q4 told how to complain): the brief's published round of 11.
    ("always", "yes", "yes", "yes"),
    ("always", "yes", "yes", "yes"),
    ("always", "yes", "yes", "yes"),
    ("always", "yes", "yes", "no"),
    ("always", "yes", "yes", "yes"),
    ("sometimes", "yes", "yes", "no"),
    ("sometimes", "yes", "yes", "yes"),
    ("sometimes", "yes", "no", "yes"),
    ("sometimes", "no", "yes", "not_sure"),
    ("never", "no", "no", "no"),
    ("never", "not_sure", "no", "no"),
]
PARENT_TEXT = [
    ("The chair explained everything and the boards made the risks clear.", ""),
    ("", "Too adult focused. Lack of child focus."),
    ("Our worker JB was really helpful and always rang back.", ""),
    ("", "Send the reports earlier so we can read them before the meeting."),
]


def _age_band_respondents(rng: random.Random) -> list[Respondent]:
    plan = [
        (Cohort.CLA, "4-7", 6),
        (Cohort.CLA, "8-12", 18),
        (Cohort.CLA, "13-15", 20),
        (Cohort.CLA, "16-17", 12),
        (Cohort.CARE_LEAVER, "18-21", 22),
        (Cohort.CARE_LEAVER, "22-25", 8),
        (Cohort.PARENT_CARER, None, 14),
    ]
    genders = ["Female", "Male", "Male", "Female", "Prefer not to say", "Non-binary"]
    ethnicities = [
        "White British",
        "White British",
        "White British",
        "Mixed: White and Black Caribbean",
        "Any other White background",
        "Information not yet obtained",
    ]
    people = []
    for cohort, band, count in plan:
        for n in range(1, count + 1):
            people.append(
                Respondent(
                    reference=f"DEMO-{cohort.value.upper()}-{band or 'ADULT'}-{n:03d}",
                    cohort=cohort,
                    age_band=band,
                    gender=rng.choice(genders),
                    ethnicity=rng.choice(ethnicities),
                    preferred_channel=rng.choice([Channel.WEB, Channel.SMS, Channel.SMS]),
                    consent_to_contact=rng.random() < 0.8,
                )
            )
    db.session.add_all(people)
    db.session.flush()
    return people


def _value_for(question: Question, rng: random.Random) -> Any:
    # The kind invents the answer; only free-text answers use the pledge's example texts.
    return question.sample_answer(rng, FREE_TEXT.get(question.pledge or "", []))


def _answer_all(
    response: Any,
    survey: ResolvedSurvey,
    fixed: dict[str, Any],
    rng: random.Random,
    stop_after: int | None = None,
) -> None:
    answers: dict[str, Any] = {}
    question = survey.first_unanswered(answers)
    count = 0
    while question is not None and (stop_after is None or count < stop_after):
        value = fixed.get(question.key)
        if value is None:
            value = _value_for(question, rng)
        svc.save_answer(response, question, value)
        answers[question.key] = value
        count += 1
        question = survey.next_question(answers, question.key)


def _spread(response: Any, rng: random.Random, complete: bool) -> None:
    started = QUARTER_START + timedelta(minutes=rng.randrange(0, 60 * 24 * 50))
    response.started_at = started
    response.updated_at = started + timedelta(minutes=rng.randrange(3, 25))
    if complete:
        response.completed_at = response.updated_at


def seed_demo(instance_path: Path, reset: bool = False) -> list[tuple[str, str]]:
    """Seed once; a second run only returns the saved links. Caller commits."""
    links_file = instance_path / "demo-links.json"
    if reset:
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
    elif db.session.scalar(select(Campaign).where(Campaign.slug == PLEDGE_SLUG)) is not None:
        if links_file.exists():
            return [tuple(pair) for pair in json.loads(links_file.read_text())]
        raise RuntimeError("Demo data exists but its links file is gone: run `flask demo --reset`.")

    rng = random.Random(2026)  # noqa: S311 - repeatable fictional data, not security
    registry = default_registry()
    pledge = registry.get("pledge")
    parent = registry.get("parent_feedback")
    people = _age_band_respondents(rng)
    young = [p for p in people if p.cohort != Cohort.PARENT_CARER]
    parents = [p for p in people if p.cohort == Cohort.PARENT_CARER]

    pledge_campaign = create_campaign(
        pledge,
        PLEDGE_SLUG,
        "Pledge survey 2026-27 Q3",
        opens_at=QUARTER_START,
        closes_at=QUARTER_END,
        open_link=True,
    )
    parent_campaign = create_campaign(
        parent,
        PARENT_SLUG,
        "Conference feedback from parents and carers 2026-27 Q3",
        cohort=Cohort.PARENT_CARER,
        opens_at=QUARTER_START,
        closes_at=QUARTER_END,
    )
    links: list[tuple[str, str]] = [
        (
            "Pledge survey open link (QR code or poster)",
            url_for("respond.open_start", open_token=pledge_campaign.open_link_token),
        ),
    ]
    untried: dict[str, str] = {}
    for person in young:
        invitation, token = invite(pledge_campaign, pledge, person, days_valid=90)
        roll = rng.random()
        if roll < 0.55 or (roll < 0.7 and invitation.variant in untried):
            survey = pledge.resolve(invitation.variant)
            access = svc.Access(pledge_campaign, invitation, None)
            response = svc.start_for_invitation(access, Channel.WEB)
            complete = roll < 0.55
            _answer_all(response, survey, {}, rng, stop_after=None if complete else 4)
            if complete:
                svc.submit(response, survey)
            _spread(response, rng, complete)
        elif invitation.variant and invitation.variant not in untried:
            untried[invitation.variant] = token
    for variant, token in untried.items():
        links.append(
            (
                f"Pledge survey invitation ({pledge.variants[variant].label})",
                url_for("respond.start", token=token),
            )
        )

    survey = parent.resolve(None)
    keys = [
        "q1_views_taken_into_account",
        "q2_worker_clear",
        "q3_worker_helped",
        "q4_told_how_to_complain",
    ]
    for n, (person, row) in enumerate(zip(parents, PARENT_ROWS, strict=False)):
        invitation, _token = invite(parent_campaign, parent, person, days_valid=90)
        response = svc.start_for_invitation(
            svc.Access(parent_campaign, invitation, None), Channel.KIOSK
        )
        fixed: dict[str, Any] = dict(zip(keys, row, strict=True))
        done_well, suggestion = PARENT_TEXT[n] if n < len(PARENT_TEXT) else ("", "")
        fixed.update(q5_done_well=done_well, q6_suggestions=suggestion)
        _answer_all(response, survey, fixed, rng)
        svc.submit(response, survey)
        _spread(response, rng, True)
    spare = parents[len(PARENT_ROWS)]
    _invitation, token = invite(parent_campaign, parent, spare, days_valid=90)
    links.append(
        ("Parent/carer conference feedback invitation", url_for("respond.start", token=token))
    )

    links.extend(_staff_accounts())
    _board_and_conferences(pledge_campaign)
    links_file.write_text(json.dumps(links, indent=1))
    return links


DEMO_PASSWORD = "demo-password-only"  # noqa: S105 - fictional accounts in a demo database


def _staff_accounts() -> list[tuple[str, str]]:
    """One fictional account per role, so every part of the staff workspace can be tried."""
    from app.staff.auth import create_user
    from app.staff.models import Role

    people = {
        Role.ADMIN: ("admin@shireford.example", "Robin Admin"),
        Role.PARTICIPATION_OFFICER: ("officer@shireford.example", "Priya Participation"),
        Role.CONFERENCE_CHAIR: ("chair@shireford.example", "Chris Chair"),
        Role.DUTY_OFFICER: ("duty@shireford.example", "Dana Duty"),
        Role.BOARD_MEMBER: ("board@shireford.example", "Councillor Bea Board"),
    }
    rows = []
    for role, (email, name) in people.items():
        user = create_user(email, name, role, DEMO_PASSWORD)
        user.on_duty = role == Role.DUTY_OFFICER
        rows.append(
            (
                f"Staff sign-in as {role.label.lower()} ({email}, password {DEMO_PASSWORD})",
                url_for("staff.login"),
            )
        )
    return rows


def _board_and_conferences(pledge_campaign: Campaign) -> None:
    """A conference for the chair, an action and a published pack for the board, so every
    role trying the demo finds something on its first page."""
    from app.actions.service import ActionData, save_action
    from app.conferences.service import create_conference
    from app.reporting.pack_publishing import create_pack, publish, save_storyboard
    from app.staff.models import User
    from surveys.vocabulary import ActionStatus, ConferenceKind

    def user(email: str) -> User:
        found = db.session.scalar(select(User).where(User.email == email))
        assert found is not None
        return found

    chair, officer = user("chair@shireford.example"), user("officer@shireford.example")
    today = datetime.now(UTC).date()
    create_conference(
        reference="CP-2026-014", kind=ConferenceKind.INITIAL, held_on=today, chair=chair
    )
    create_conference(
        reference="CP-2026-009",
        kind=ConferenceKind.REVIEW,
        held_on=today - timedelta(days=7),
        chair=chair,
    )
    save_action(
        None,
        ActionData(
            title="Pocket money paid on the same day in every placement",
            description="Young people said pocket money arrives late or differs between homes.",
            pledge="independence",
            theme="money",
            cohort=Cohort.CLA,
            owner="Head of Corporate Parenting",
            due=today + timedelta(days=60),
            status=ActionStatus.UNDER_WAY,
            at_risk=False,
            evidence=None,
            quote_ids=[],
        ),
        officer,
    )
    pack = create_pack(
        "Corporate Parenting Board, December 2026", campaign=pledge_campaign, user=officer
    )
    save_storyboard(
        pack,
        {
            "where_we_were": "Young people told us pocket money was late in some homes.",
            "what_we_did": "We asked every placement to pay on the same day each week.",
            "difference_made": "Fewer young people mention money worries this quarter.",
            "what_next": "Check with Speak Up, Speak Out that the change has stuck.",
        },
    )
    publish(pack, officer)
