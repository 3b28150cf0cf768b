"""Pictures, videos and voice notes sent by WhatsApp or MMS: never read here, never lost.

Twilio lists them as NumMedia, MediaUrl0..n and MediaContentType0..n. Nothing is downloaded:
only the content type and the path of Twilio's copy are kept, on a `today` flag in the duty
officer's inbox, so that a person opens it in Twilio's console.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from analysis import SafeguardingResult
from analysis.safeguarding_rules import NEEDS_READING
from analysis.safeguarding_tiers import TODAY, score_for

MOST = 10  # Twilio sends at most ten media items with one message
_SHORT = 120  # a content type longer than this is not Twilio's
_PATH = 300  # Twilio's media paths are about 160 characters

# Nobody has read it: a person must, today (the same queue as words the rules cannot read).
UNREAD_MEDIA = SafeguardingResult(
    flagged=True,
    category=NEEDS_READING,
    categories=(NEEDS_READING,),
    matches=(),
    tier=TODAY,
    score=score_for(TODAY, 0.5),
    reasons=("attachment",),
)


def attachments(form: Mapping[str, str]) -> list[tuple[str, str]]:
    """(content type, path of Twilio's copy) for each item sent; the path names the item's
    media SID (`.../Media/ME...`) and carries no query string."""
    try:
        count = min(int(form.get("NumMedia") or 0), MOST)
    except ValueError:
        count = 0
    items = []
    for index in range(max(count, 0)):
        kind = (form.get(f"MediaContentType{index}") or "unknown").strip()[:_SHORT]
        path = urlsplit(form.get(f"MediaUrl{index}") or "").path[:_PATH]
        items.append((kind, path))
    return items


def _what(kind: str) -> str:
    if kind.startswith("image/"):
        return "a picture"
    if kind.startswith("audio/"):
        return "a voice note or sound"
    if kind.startswith("video/"):
        return "a video"
    return "a file"


def describe(items: list[tuple[str, str]]) -> str:
    """The flag's text for staff: what was sent and where to find it."""
    listed = "; ".join(
        f"{_what(kind)} ({kind}) at {path or 'no path given'}" for kind, path in items
    )
    return (
        f"Sent {listed}. We cannot read it here: a person should look at it in "
        "Twilio's console (Messaging logs)."
    )
