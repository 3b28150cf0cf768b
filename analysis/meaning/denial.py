"""Denials of harm: "nobody hurts me here" is reassurance, not a complaint.

A lexicon reads the harm word ("hurts", "bullied", "scared") and a model trained on about 1,700
answers has seen too few denials to learn that a negation before it turns it round, so both lean
negative on answers their writers called positive or neutral. This finds the clauses that deny
harm, so the model can read how the rest of the answer feels ("not bullied, just hate maths" is
still negative; "no ones hurting me. just skint" is about money).
"""

from __future__ import annotations

import re
from typing import Final

from ..model.features import normalise

__all__ = ["denial_clauses", "without_denials"]

# A negation, then up to four words, then a word of harm, inside one clause.
_DENIAL: Final = re.compile(
    r"""
    \b(nobody|no\s?one|no1|noone|nothing|never|not|dont|doesnt|didnt|isnt|arent|aint|wont
      |havent|hasnt|no)\b
    (\s+\S+){0,4}?\s+
    (hurt\w*|hit|hits|hitting|beat\w*|shout\w*|scream\w*|yell\w*|bull(y|ied|ies|ying|yed)\w*
      |touch\w*|mean|scared|frightened|afraid|abus\w*|harm\w*|drugs?|drink\w*|fight\w*
      |suicidal|depressed|unsafe|nasty|bad|laid\s+a\s+finger|dieting|smack\w*)\b
    """,
    re.VERBOSE,
)
_CLAUSE: Final = re.compile(
    r"[.;:!?\n]+|,\s*|\s+(?:but|just|though|although|and|so|cos|because|coz)\s+"
)


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(normalise(text)) if c and c.strip()]


def denial_clauses(text: str) -> list[str]:
    """The clauses of `text` that deny harm ("no one is mean at my school")."""
    return [c for c in _clauses(text) if _DENIAL.search(f" {c}")]


def without_denials(text: str) -> str | None:
    """`text` without its denials of harm (normalised), or None when it denies nothing."""
    clauses = _clauses(text)
    kept = [c for c in clauses if not _DENIAL.search(f" {c}")]
    return None if len(kept) == len(clauses) else ". ".join(kept)
