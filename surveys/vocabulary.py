"""The words the surveys, their forms and the app share about who answers and what is done:
cohorts, child protection conferences and the people at them, and the state of an action taken
on what they said or on a possible disclosure. Pure data and rules: no Flask, no database."""

from __future__ import annotations

import enum
import re

from surveys.i18n import N_

__all__ = [
    "COHORT_LABELS",
    "KIND_LABELS",
    "OUTCOMES",
    "ROLE_HINTS",
    "ROLE_LABELS",
    "ActionStatus",
    "Cohort",
    "ConferenceKind",
    "FlagOutcome",
    "ParticipantRole",
    "reference_problem",
]


class Cohort(enum.StrEnum):
    CLA = "cla"
    CARE_LEAVER = "care_leaver"
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION = "child_protection"
    EARLY_HELP = "early_help"
    PARENT_CARER = "parent_carer"
    PROFESSIONAL = "professional"

    @property
    def label(self) -> str:
        return COHORT_LABELS[self]


COHORT_LABELS = {
    Cohort.CLA: "Children looked after",
    Cohort.CARE_LEAVER: "Care leavers",
    Cohort.CHILD_IN_NEED: "Child in need",
    Cohort.CHILD_PROTECTION: "Child protection",
    Cohort.EARLY_HELP: "Early help",
    Cohort.PARENT_CARER: "Parents and carers",
    Cohort.PROFESSIONAL: "Professionals",
}


class ConferenceKind(enum.StrEnum):
    INITIAL = "initial"
    REVIEW = "review"


class ParticipantRole(enum.StrEnum):
    PARENT_CARER = "parent_carer"
    YOUNG_PERSON = "young_person"
    FAMILY_MEMBER = "family_member"
    PROFESSIONAL = "professional"


ROLE_LABELS: dict[ParticipantRole, str] = {
    ParticipantRole.PARENT_CARER: N_("Parent or carer"),
    ParticipantRole.YOUNG_PERSON: N_("Young person"),
    ParticipantRole.FAMILY_MEMBER: N_("Family member"),
    ParticipantRole.PROFESSIONAL: N_("Professional"),
}
ROLE_HINTS: dict[ParticipantRole, str] = {
    ParticipantRole.PARENT_CARER: N_("A mum, dad or carer of the child"),
    ParticipantRole.YOUNG_PERSON: N_("The meeting was about you or your family"),
    ParticipantRole.FAMILY_MEMBER: N_("For example a grandparent, aunt, uncle or family friend"),
    ParticipantRole.PROFESSIONAL: N_("You came to the conference for your work"),
}
KIND_LABELS: dict[ConferenceKind, str] = {
    ConferenceKind.INITIAL: "Initial conference",
    ConferenceKind.REVIEW: "Review conference",
}


class ActionStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    UNDER_WAY = "under_way"
    COMPLETED = "completed"


class FlagOutcome(enum.StrEnum):
    REFERRED_FRONT_DOOR = "referred_front_door"
    REFERRED_LADO = "referred_lado"
    ALREADY_KNOWN = "already_known"
    FALSE_ALARM = "false_alarm"


# What duty staff did about a possible disclosure: (label, hint).
OUTCOMES: dict[FlagOutcome, tuple[str, str]] = {
    FlagOutcome.REFERRED_FRONT_DOOR: (
        "Referred to duty or the front door",
        "A referral to the duty social work team or the Children's Services front door.",
    ),
    FlagOutcome.REFERRED_LADO: (
        "Referred to the LADO",
        "An allegation about a carer or worker, sent to the Local Authority Designated Officer, "
        "not to the carer's own team.",
    ),
    FlagOutcome.ALREADY_KNOWN: (
        "Already known",
        "The concern is already known to the child's team and being acted on.",
    ),
    FlagOutcome.FALSE_ALARM: (
        "False alarm",
        "The words do not suggest a risk of harm.",
    ),
}


# --- Conference reference codes ---

_REFERENCE_CHARS = re.compile(r"^[A-Z0-9/-]{3,20}$")
_LETTER_RUN = re.compile(r"[A-Z]+")
_TWO_CAPITALISED_WORDS = re.compile(r"\b[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+\b")


def reference_problem(raw: str) -> str | None:
    """Why a conference reference cannot be used, or None. Pure.

    A reference is a case-system code such as CP-2026-014: letters, digits, hyphens or slashes
    with at least three digits and no run of more than four letters, so a child's name (a
    capitalised word, or two) is refused however it is typed.
    """
    text = (raw or "").strip()
    if not text:
        return "Enter the conference reference code"
    if _TWO_CAPITALISED_WORDS.search(text):
        return "That looks like a name. Enter the reference code, never a child's name"
    code = text.upper()
    if not _REFERENCE_CHARS.match(code):
        return (
            "Reference codes use only letters, numbers, hyphens and slashes, "
            "with no spaces, for example CP-2026-014"
        )
    if sum(ch.isdigit() for ch in code) < 3:
        return "Reference codes have at least 3 numbers, for example CP-2026-014"
    if any(len(run) > 4 for run in _LETTER_RUN.findall(code)):
        return "That looks like a name. Enter the reference code, for example CP-2026-014"
    return None
