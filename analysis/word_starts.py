"""Word starts that every match of a safeguarding pattern must contain: a cheap prefilter.

Running every rule over every answer costs most of a millisecond. But any match of, say,
"{HURT} me" must include a word starting "hit", "hurt", "beat"... Checking an answer's word
starts against such a set is a dictionary lookup, so `safeguarding.assess` only runs the rules
whose word starts occur in the answer.

The pattern text is read by the small parser below rather than by the standard library's private
regex parser. It knows only the syntax the rules use:

* literal characters and escaped ones (``\\.``, ``\\n``); ``.``, ``[...]``, ``\\w``, ``\\d``,
  ``\\s`` and the like stand for "some character" (nothing is learnt from them);
* ``\\b`` (a word boundary), ``\\B``, ``^`` and ``$``;
* groups ``(...)``, ``(?:...)``, ``(?P<name>...)`` and lookarounds ``(?=...)``, ``(?!...)``,
  ``(?<=...)``, ``(?<!...)`` (which match no text, so they are stepped over);
* ``|`` and the repeats ``?``, ``*``, ``+``, ``{m}``, ``{m,}``, ``{m,n}`` (lazy or not).

Anything else raises `UnsupportedPattern`, and the caller must then run that rule every time:
a wrong prefilter would silently hide a disclosure, a missing one only costs time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Union

PREFIX_LENGTH: Final = 5  # letters of each word start kept (the caller looks up as many)
_MAX_PIECES: Final = 256  # beyond this many word starts a rule is not worth indexing

# Word starts found in almost every answer: a rule keyed on these would run every time.
COMMON_STARTS: Final = frozenset(
    {
        *("i", "a", "an", "and", "am", "are", "as", "at", "be", "bu", "do", "fo", "go", "ha"),
        *("he", "hi", "in", "is", "it", "ma", "me", "my", "no", "not", "of", "on", "or", "ou"),
        *("out", "so", "th", "the", "to", "un", "up", "wa", "we", "wh", "wi", "yo", "you"),
    }
)


class UnsupportedPattern(ValueError):
    """The pattern uses syntax this parser does not know."""


# --- the parsed form -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Literal:
    char: str


@dataclass(frozen=True, slots=True)
class AnyOf:
    """One character we learn nothing from: ``.``, ``[...]``, ``\\w``, ``\\d``..."""


@dataclass(frozen=True, slots=True)
class Anchor:
    boundary: bool  # True for \b; False for \B, ^ and $


@dataclass(frozen=True, slots=True)
class Lookaround:
    """Matches no text; what it looks at is not needed."""


@dataclass(frozen=True, slots=True)
class Group:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Branch:
    alternatives: tuple[tuple[Node, ...], ...]


@dataclass(frozen=True, slots=True)
class Repeat:
    minimum: int
    items: tuple[Node, ...]


Node = Union[Literal, AnyOf, Anchor, Lookaround, Group, Branch, Repeat]  # noqa: UP007

_CLASS_ESCAPES: Final = frozenset("wWdDsS")
_CHAR_ESCAPES: Final = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}
_REPEATS: Final = "?*+{"


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0

    def fail(self, why: str) -> UnsupportedPattern:
        return UnsupportedPattern(f"{why} at {self.at} in {self.text!r}")

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def alternation(self) -> tuple[Node, ...]:
        alternatives = [self.sequence()]
        while self.peek() == "|":
            self.at += 1
            alternatives.append(self.sequence())
        if len(alternatives) == 1:
            return alternatives[0]
        return (Branch(tuple(alternatives)),)

    def sequence(self) -> tuple[Node, ...]:
        items: list[Node] = []
        while self.peek() not in ("", "|", ")"):
            atom = self.atom()
            repeat = self.repeat_minimum()
            if repeat is not None:
                if isinstance(atom, Anchor | Lookaround):
                    raise self.fail("repeat of a zero-width item")
                atom = Repeat(repeat, (atom,))
            items.append(atom)
        return tuple(items)

    def atom(self) -> Node:
        char = self.peek()
        self.at += 1
        if char == "(":
            return self.group()
        if char == "[":
            self.skip_class()
            return AnyOf()
        if char == "\\":
            return self.escape()
        if char == ".":
            return AnyOf()
        if char in "^$":
            return Anchor(boundary=False)
        if char in _REPEATS:  # never empty here: the caller stops at the end
            raise self.fail("repeat with nothing to repeat")
        return Literal(char)

    def group(self) -> Node:
        zero_width = False
        if self.text.startswith("?:", self.at):
            self.at += 2
        elif self.text.startswith(("?=", "?!"), self.at):
            self.at += 2
            zero_width = True
        elif self.text.startswith(("?<=", "?<!"), self.at):
            self.at += 3
            zero_width = True
        elif self.text.startswith("?P<", self.at):
            self.at = self.text.index(">", self.at) + 1
        elif self.peek() == "?":
            raise self.fail("unknown group kind")
        items = self.alternation()
        if self.peek() != ")":
            raise self.fail("unclosed group")
        self.at += 1
        return Lookaround() if zero_width else Group(items)

    def skip_class(self) -> None:
        # A "]" straight after "[" or "[^" is a member, not the end.
        if self.peek() == "^":
            self.at += 1
        if self.peek() == "]":
            self.at += 1
        while self.peek() not in ("", "]"):
            if self.peek() == "[":
                raise self.fail("nested class")
            self.at += 2 if self.peek() == "\\" else 1
        if self.peek() != "]":
            raise self.fail("unclosed class")
        self.at += 1

    def escape(self) -> Node:
        char = self.peek()
        self.at += 1
        if char == "b":
            return Anchor(boundary=True)
        if char in ("B", "A", "Z"):
            return Anchor(boundary=False)
        if char in _CLASS_ESCAPES:
            return AnyOf()
        if char in _CHAR_ESCAPES:
            return Literal(_CHAR_ESCAPES[char])
        if char and not char.isalnum():
            return Literal(char)
        raise self.fail(f"unknown escape \\{char}")

    def repeat_minimum(self) -> int | None:
        char = self.peek()
        if not char or char not in _REPEATS:
            return None
        if char == "{":
            end = self.text.find("}", self.at)
            counts = self.text[self.at + 1 : end].split(",") if end != -1 else []
            if not counts or len(counts) > 2 or not counts[0].isdigit():
                raise self.fail("a brace that is not a repeat")
            if len(counts) == 2 and counts[1] and not counts[1].isdigit():
                raise self.fail("a brace that is not a repeat")
            minimum = int(counts[0])
            self.at = end + 1
        else:
            minimum = 1 if char == "+" else 0
            self.at += 1
        if self.peek() == "?":  # lazy: matches the same texts
            self.at += 1
        if self.peek() and self.peek() in _REPEATS:
            raise self.fail("repeat of a repeat")
        return minimum


def parse(pattern: str) -> tuple[Node, ...]:
    """The pattern as a sequence of nodes; raises `UnsupportedPattern` on unknown syntax."""
    parser = _Parser(pattern)
    items = parser.alternation()
    if parser.at != len(pattern):
        raise parser.fail("unbalanced )")
    return items


# --- word starts ---------------------------------------------------------------------------


def _leading(items: tuple[Node, ...], limit: int = PREFIX_LENGTH) -> set[str] | None:
    """The word start (up to `limit` letters) every match of `items` begins with, or None.

    `items` must start at the beginning of a word. An empty string in the result means a match
    can end the word there without a letter, so nothing can be relied on.
    """
    if not items or limit == 0:
        return {""}
    first, rest = items[0], items[1:]
    found: set[str] | None
    if isinstance(first, Literal):
        if not first.char.isalnum():
            return {""}  # the word has ended
        tails = _leading(rest, limit - 1)
        found = {first.char} if tails is None else {first.char + tail for tail in tails}
    elif isinstance(first, Branch):
        found = set()
        for alternative in first.alternatives:
            starts = _leading(alternative + rest, limit)
            if starts is None:
                return None
            found |= starts
    elif isinstance(first, Group):
        found = _leading(first.items + rest, limit)
    elif isinstance(first, Anchor | Lookaround):
        found = _leading(rest, limit)
    elif isinstance(first, Repeat) and first.minimum >= 1:
        # What follows the first round is unknown, so the word start stops with the body.
        found = _leading(first.items, limit)
    else:
        return None
    if found is None or len(found) > _MAX_PIECES:
        return None
    return found


def _ends_with_space(items: tuple[Node, ...]) -> bool:
    """Does every match of `items` end with a space or newline (so a word starts next)?"""
    if not items:
        return False
    last = items[-1]
    if isinstance(last, Literal):
        return last.char in " \n"
    if isinstance(last, Branch):
        return all(_ends_with_space(alternative) for alternative in last.alternatives)
    if isinstance(last, Group | Repeat):
        return _ends_with_space(last.items)
    return False


def _minimal(pieces: Iterable[str]) -> frozenset[str]:
    # A piece that extends another adds nothing: a word starting "hits" also starts "hit".
    kept: list[str] = []
    for piece in sorted(pieces, key=len):
        if not any(piece.startswith(shorter) for shorter in kept):
            kept.append(piece)
    return frozenset(kept)


def _score(pieces: frozenset[str]) -> tuple[bool, int, int]:
    # Prefer uncommon word starts, then longer ones (rarer in ordinary text), then fewer.
    common = any(piece in COMMON_STARTS for piece in pieces)
    return not common, min(len(piece) for piece in pieces), -len(pieces)


def _required(items: tuple[Node, ...], at_word_start: bool) -> frozenset[str] | None:
    """Word starts, one of which every match of `items` must include: the rarest set found."""
    best: frozenset[str] | None = None

    def consider(pieces: Iterable[str] | None) -> None:
        nonlocal best
        if pieces is None:
            return
        pieces = set(pieces)
        if not pieces or "" in pieces:
            return
        candidate = _minimal(pieces)
        if best is None or _score(candidate) > _score(best):
            best = candidate

    word_start = at_word_start
    for index, item in enumerate(items):
        if word_start:
            consider(_leading(items[index:]))
        if isinstance(item, Group) or isinstance(item, Repeat) and item.minimum >= 1:
            consider(_required(item.items, word_start))
        elif isinstance(item, Branch):
            per_alternative = [_required(alt, word_start) for alt in item.alternatives]
            if all(pieces is not None for pieces in per_alternative):
                consider(set().union(*per_alternative))  # type: ignore[arg-type]
        # Is the next item at the start of a word?
        if isinstance(item, Anchor):
            word_start = word_start or item.boundary
        elif isinstance(item, Lookaround):
            pass
        elif isinstance(item, Literal):
            word_start = item.char in " \n"
        elif isinstance(item, Repeat) and item.minimum == 0:
            word_start = word_start and _ends_with_space(item.items)
        else:
            word_start = _ends_with_space((item,))
    return best


def required_word_starts(pattern: str) -> frozenset[str] | None:
    """Word starts (each up to `PREFIX_LENGTH` letters), one of which is the start of a word in
    every text the pattern matches; None when no such set can be relied on.

    The text must be in `safeguarding.normalise` form: words of letters and digits separated by
    single spaces and newlines. Raises `UnsupportedPattern` on syntax the parser does not know.
    """
    return _required(parse(pattern), at_word_start=False)
