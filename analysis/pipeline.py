"""Everything we learn from one answer, in the shape stored by the app and written by
`python -m analysis`.

Safeguarding reads the answer as written (a disclosure must never be missed because a word
looked like a name). Everything else reads the redacted answer, so no theme, pledge term or
quote can carry a name, number or address; the text is tokenized once and shared.
"""

from __future__ import annotations

from typing import Any

from .meaning.model import read as read_meaning
from .redaction import redact
from .safeguarding import SafeguardingResult, assess
from .sentiment import sentiment_of_tokens, with_concern
from .themes import themes_of_tokens
from .tokens import normalise_tokens, tokenize

__all__ = ["analyse"]


def analyse(text: str, concern: SafeguardingResult | None = None) -> dict[str, Any]:
    """{"pledges", "sentiment": {"label", "polarity"}, "themes", "safeguarding": {"flag",
    "tier", "category", "score"}, "language", "redacted"} for one free-text answer.

    `concern`: `assess(text)`, when the caller has assessed these words already. An answer not
    in English (`language` set) yields no themes: English theme words would only be noise."""
    text = text if isinstance(text, str) else ""
    redacted = redact(text)
    tokens = normalise_tokens(tokenize(redacted))
    concern = concern if concern is not None else assess(text)
    lexicon_mood = sentiment_of_tokens(tokens)
    meaning = read_meaning(text, tokens, lexicon_mood)
    mood = with_concern(lexicon_mood, concern.tier == "urgent", meaning.sentiment)
    return {
        "pledges": meaning.pledges,
        "sentiment": {"label": mood.label, "polarity": mood.polarity},
        "themes": [] if concern.language else themes_of_tokens(tokens),
        "safeguarding": {
            "flag": concern.flagged,
            "tier": concern.tier,
            "category": concern.category,
            "score": concern.score,
        },
        "language": concern.language,
        "redacted": redacted,
    }
