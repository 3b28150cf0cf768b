"""Pure text analysis for Golden Thread: what children and families tell us, made usable.

Safeguarding checks, redaction of personal data, sentiment, themes, pledge mapping, board
summaries and the batch pipeline. No web framework, database or network here, so it runs
anywhere (web, SMS, batch reports). TextBlob is only imported when sentiment or themes are
first needed, so `import analysis` stays light.
"""

from __future__ import annotations

from .pipeline import analyse
from .pledges import PLEDGE_KEYS, PledgeMapper, map_pledges
from .redaction import Span, find_personal_data, redact, redact_for_board
from .safeguarding import CATEGORIES, SEVERITY, SafeguardingResult, assess
from .sentiment import Sentiment, sentiment
from .summaries import summarise_answers, suppress, suppressed_percentage
from .themes import rank_themes, themes

__all__ = [
    "CATEGORIES",
    "PLEDGE_KEYS",
    "SEVERITY",
    "PledgeMapper",
    "SafeguardingResult",
    "Sentiment",
    "Span",
    "analyse",
    "assess",
    "find_personal_data",
    "map_pledges",
    "rank_themes",
    "redact",
    "redact_for_board",
    "sentiment",
    "summarise_answers",
    "suppress",
    "suppressed_percentage",
    "themes",
]
