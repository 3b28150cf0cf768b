"""Taking one person's words out of board packs when they are erased (UK GDPR Art. 17).

A published pack is frozen against new answers, not against erasure. The quotes taken from the
person's answers are removed, found by the analysis each came from (kept beside the quotes
since packs recorded it) or, in packs frozen before that, by the words themselves; any other
text that repeats their words (an action's evidence, a storyboard heading) has them cut out.
The figures stay: they are aggregated and suppressed, and say nothing about one person.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select

from app.core.extensions import db
from app.reporting.models import BoardPack
from app.reporting.pack_content import STORYBOARD

REMOVED = "[removed]"
# Shorter strings ("yes", "not really") are everyone's words, not one person's.
MIN_LENGTH = 12


def person_words(texts: Collection[str | None]) -> set[str]:
    """The strings worth looking for: distinct, trimmed, and long enough to be theirs."""
    return {t.strip() for t in texts if t and len(t.strip()) >= MIN_LENGTH}


def without_words(text: str, words: Collection[str]) -> str:
    """`text` with every occurrence of any of `words` replaced, longest first."""
    for word in sorted(words, key=len, reverse=True):
        if word in text:
            text = text.replace(word, REMOVED)
    return text


def _quotes_kept(row: dict[str, Any], sources: Collection[int], words: Collection[str]) -> None:
    quotes = row["quotes"]
    ids = row.get("quote_sources") or [None] * len(quotes)
    kept = [
        (quote, source)
        for quote, source in zip(quotes, ids, strict=False)
        if source not in sources and quote.strip() not in words
    ]
    row["quotes"] = [quote for quote, _ in kept]
    if "quote_sources" in row:
        row["quote_sources"] = [source for _, source in kept]


def forget_in_content(node: Any, sources: Collection[int], words: Collection[str]) -> Any:
    """A copy of frozen content without these quotes or words (a copy, so the JSON column is
    seen to change)."""
    if isinstance(node, dict):
        copy = {k: forget_in_content(v, sources, words) for k, v in node.items()}
        if isinstance(copy.get("quotes"), list):
            _quotes_kept(copy, sources, words)
        return copy
    if isinstance(node, list):
        return [forget_in_content(v, sources, words) for v in node]
    if isinstance(node, str):
        return without_words(node, words)
    return node


def forget_in_packs(sources: Collection[int], words: Collection[str]) -> int:
    """Remove the quotes from these analyses, and these words, from every pack. Flushes;
    returns how many packs changed."""
    if not sources and not words:
        return 0
    changed = 0
    for pack in db.session.scalars(select(BoardPack).order_by(BoardPack.id)):
        touched = False
        if pack.content:
            content = forget_in_content(pack.content, sources, words)
            if content != pack.content:
                pack.content = content
                touched = True
        for key, _heading, _hint in STORYBOARD:
            text = getattr(pack, key)
            if text and without_words(text, words) != text:
                setattr(pack, key, without_words(text, words))
                touched = True
        changed += touched
    db.session.flush()
    return changed
