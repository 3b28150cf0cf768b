"""Sarcasm: praise words said in a way that means the opposite ("oh great another new social
worker"). A model trained on about 1,400 answers sees too few of these to learn them, and reads
the praise word as positive, so a few plain markers turn such a reading to negative.
"""

from __future__ import annotations

import re
from typing import Final

from ..model.features import normalise

__all__ = ["is_sarcastic"]

_PRAISE: Final = r"(great|brilliant|fab|fabulous|lovely|perfect|fantastic|amazing|wonderful|super)"
_MARKERS: Final = re.compile(
    rf"""
    \b(oh|ohh|yeah|yay|wow)\s+{_PRAISE}\b          # "oh great", "yeah brilliant"
    |\b{_PRAISE}[\s,.!]+(another|yet\s+another|more)\b  # "great, another move"
    |\b(yay|woo+|hooray)[\s,.!]+(another|more|again)\b  # "yay another meeting"
    |\bjust\s+what\s+i\s+(need|needed|wanted)\b
    |\bthanks?\s+for\s+nothing\b
    |\bcheers\s+for\s+(that|nothing)\b
    |\b(love|loving)\s+how\b                            # "love how nobody tells me"
    |\bas\s+if\s+(they|anyone|anybody|you)\b
    |\bsure\s+jan\b|\b(not|never)\s+like\s+i\s+(care|matter)\b
    """,
    re.VERBOSE,
)


def is_sarcastic(text: str) -> bool:
    """Whether the answer carries a plain marker of sarcasm."""
    return bool(_MARKERS.search(normalise(text)))
