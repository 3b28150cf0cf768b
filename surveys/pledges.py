"""The council's six pledges to children looked after and care leavers."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# Official wording from the pledge document; pledge 2's source typo "staying out" is corrected.
PLEDGES: Mapping[str, str] = MappingProxyType(
    {
        "health_wellbeing": (
            "Children Looked After and Care Leavers are happy and have good Health and Well Being"
        ),
        "safe_stable_home": (
            "Children Looked After and Care Leavers are safe and have stable accommodation "
            "(including staying put options)"
        ),
        "education_work": (
            "Children Looked After and Care Leavers achieve their potential and have access to "
            "good education, training and/or employment"
        ),
        "listened_to": (
            "Children Looked After and Care Leavers are listened to and participate in society"
        ),
        "relationships": "Children Looked After and Care Leavers build positive relationships",
        "independence": "Young People are prepared to become independent and successful adults",
    }
)

PLEDGE_KEYS: tuple[str, ...] = tuple(PLEDGES)

# Short headings for scorecards where the full wording will not fit.
PLEDGE_SHORT_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "health_wellbeing": "Health and well-being",
        "safe_stable_home": "Safe and stable home",
        "education_work": "Education, training and work",
        "listened_to": "Listened to and taking part",
        "relationships": "Positive relationships",
        "independence": "Ready for independence",
    }
)
