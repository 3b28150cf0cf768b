"""Before a board pack is published: every text it quotes, checked for personal data.

The pack's content is redacted whatever happens (`pack_content`), but a name the redactor
takes out still tells the officer something went wrong, and a name it misses would reach the
board. So a publish is refused while the pack's title, its storyboard, an action's words or an
approved quote still holds a likely name or other personal data, and the officer is told which
field to fix and where (issue 15, point 2).
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.redaction import describe_kinds, personal_data_kinds
from app.reporting import figures
from app.reporting.models import BoardPack
from app.reporting.pack_content import STORYBOARD
from app.reporting.pack_periods import period_of


@dataclass(frozen=True)
class ToFix:
    """One field holding personal data, and the page where the officer can change it."""

    field: str
    kinds: tuple[str, ...]
    endpoint: str
    args: tuple[tuple[str, int], ...]
    fix: str = "take it out"

    @property
    def message(self) -> str:
        return f"{self.field} seems to hold {describe_kinds(list(self.kinds))}: {self.fix}"


def _check(field: str, text: str | None, endpoint: str, fix: str = "", **args: int) -> list[ToFix]:
    kinds = personal_data_kinds(text or "")
    if not kinds:
        return []
    return [ToFix(field, tuple(kinds), endpoint, tuple(args.items()), fix or "take it out")]


def fields_to_fix(pack: BoardPack) -> list[ToFix]:
    """Every field of the pack holding personal data, in the order the pack shows them."""
    # A title cannot be changed once the pack is made (the form refuses names since).
    found = _check(
        "The pack's title", pack.title, "staff.board_pack_new", "start a new pack without it"
    )
    for key, heading, _hint in STORYBOARD:
        found += _check(
            f"The storyboard's “{heading}”",
            getattr(pack, key),
            "staff.board_pack_storyboard",
            pack_id=pack.id,
        )
    for action in figures.board_actions().actions:
        # Named by its number: its title may be the very field that holds a name.
        for label, text in (
            ("title", action.title),
            ("owner", action.owner),
            ("evidence", action.evidence),
            ("“you said”", action.you_said),
            ("“we did”", action.we_did),
        ):
            found += _check(
                f"Action {action.id}'s {label}", text, "staff.action_edit", action_id=action.id
            )
    for quote in figures.approved_quotes(period_of(pack).scope, limit=None):
        found += _check(
            f"Approved quote {quote.id}", quote.quote, "staff.review_answer", analysis_id=quote.id
        )
    return found
