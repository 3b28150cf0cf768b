"""Who is reading: children, care leavers, parents and carers, or professionals.

The one place that decides a survey's reader and the help numbers they are shown, on the web
pages and in text messages alike (issue 14: a parent must not be sent to Childline).
"""

from __future__ import annotations

import enum
from typing import Any, Protocol

from flask import current_app, g, request


class Audience(enum.StrEnum):
    CHILDREN = "children"
    CARE_LEAVERS = "care_leavers"
    PARENTS = "parents"
    PROFESSIONALS = "professionals"

    @property
    def adult(self) -> bool:
        """Pages speak to an adult about a child, not to the child."""
        return self in (Audience.PARENTS, Audience.PROFESSIONALS)


# Each audience's help numbers: a setting of its own, like SUPPORT_CONTACTS (children's).
CONTACT_SETTINGS: dict[Audience, str] = {
    Audience.CHILDREN: "SUPPORT_CONTACTS",
    Audience.CARE_LEAVERS: "SUPPORT_CONTACTS_CARE_LEAVERS",
    Audience.PARENTS: "SUPPORT_CONTACTS_PARENTS",
    Audience.PROFESSIONALS: "SUPPORT_CONTACTS_PROFESSIONALS",
}

# A survey definition's `audience` (surveys.model.Audience) to the reader it speaks to.
_BY_SURVEY_AUDIENCE: dict[str, Audience] = {
    "young_people": Audience.CHILDREN,
    "parents": Audience.PARENTS,
    "professionals": Audience.PROFESSIONALS,
    "staff": Audience.PROFESSIONALS,
}
# Variants of a young people's survey written for care leavers (16-25).
_CARE_LEAVER_VARIANTS = frozenset({"care_leaver"})


class SurveyLike(Protocol):
    audience: str
    variant: str | None


def audience_of(survey: SurveyLike | None) -> Audience:
    """The reader of a resolved survey (its definition's audience and variant).

    Without a survey (a text from an unknown number) the reader may be a child: children's help.
    """
    if survey is None:
        return Audience.CHILDREN
    return audience_for(survey.audience, survey.variant)


def audience_for(survey_audience: str, variant: str | None = None) -> Audience:
    """The reader of a survey definition's `audience`, in one of its variants."""
    audience = _BY_SURVEY_AUDIENCE.get(survey_audience, Audience.CHILDREN)
    if audience is Audience.CHILDREN and variant in _CARE_LEAVER_VARIANTS:
        return Audience.CARE_LEAVERS
    return audience


def support_contacts(audience: Audience | None = None) -> list[dict[str, Any]]:
    """The configured help numbers for this reader (children's when not known)."""
    return current_app.config[CONTACT_SETTINGS[audience or Audience.CHILDREN]]


def use_audience(audience: Audience) -> Audience:
    """Word this request's pages for `audience`: the layout's help and privacy links carry it."""
    g.audience = audience
    return audience


def current_audience() -> Audience | None:
    """The reader this request's page speaks to, when a view said (`use_audience`)."""
    return g.get("audience")


def requested_audience() -> Audience:
    """The reader a public page (help, privacy) was linked for: `?who=parents`.

    The survey pages link with it, so a parent's "Get help now" shows adults' numbers. It
    names a group, never a person, so it is safe in an address.
    """
    try:
        return Audience(request.args.get("who", ""))
    except ValueError:
        return Audience.CHILDREN
