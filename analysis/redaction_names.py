"""People's names in free text: found from a maintained names list and from the words around them.

A word is a name when:
- it is a first name in `names_data` (about 15,000, see there) that is not also an everyday
  word ("Priya", "kacper", "Jane"), in any case;
- it is a first name that is also an everyday word ("Bill", "Grace", "Will") written with a
  capital in the middle of a sentence, not after "a" or "the", or followed by a surname;
- a word that introduces a person stands before it: a role or its abbreviation ("my SW
  Kerry", "PA called Mo", "IRO Deborah", "foster carer Lin"), a title ("Miss Okafor"), a verb
  of telling ("told Bob", "asked Priya"), a relation ("my cousin Ade"), "called" or "my name
  is"; after a role, a title or a relation a listed name counts in lower case too;
- it is Capitalised and does what people do ("Sandra makes pancakes"), or is joined by "and" to
  a name already found.
A Capitalised word after a name is taken as its surname ("Jane Smith"). Places, services, days,
months, faiths and nationalities are never names. When capitals carry no meaning (all lower
case, all capitals, or Every Word Capitalised) only listed names, roles and the places only a
person stands in ("me and zhyar", `redaction_names_unlisted`) count. The patterns of the words
around a name are in `redaction_name_patterns`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .first_names import words
from .names_data import NameWords, fold, name_words
from .redaction_name_patterns import (
    _ADDRESSED_NAME,
    _ARABIC_SCRIPT,
    _CALLED_NAME,
    _CAPITALISED_TOKEN,
    _JOINED_AFTER,
    _JOINED_BEFORE,
    _KIN_TITLE_LOWER,
    _KIN_TITLE_NAME,
    _KIN_WORDS,
    _LOWER_WORD,
    _MISS_TEACHER_AFTER,
    _MONTH_NAMES,
    _NAME_AND_PERSON,
    _NAME_DOING,
    _NAME_FROM_SERVICE,
    _NAME_POSSESSIVE_RELATION,
    _NAME_THEN_RESPECT,
    _NAME_THEN_WHO,
    _OBJECT_AFTER,
    _PIECE,
    _RELATION_NAME,
    _ROLE_NAME,
    _SURNAME_AFTER,
    _TELL_NAME,
    _TITLE_LEADS,
    _TITLE_NAME,
    _TITLE_WORD,
    _TRIGGERS,
    _UNLISTED_DOING,
    _WITH_ME_NAME,
    _WORD_NAME_DOING_TO_US,
)
from .redaction_name_text import (
    CAPITALISED as _CAPITALISED,
)
from .redaction_name_text import (
    LAST_WORD as _LAST_WORD,
)
from .redaction_name_text import (
    TOKEN as _TOKEN,
)
from .redaction_name_text import (
    capitals_mean_something as _capitals_mean_something,
)
from .redaction_name_text import (
    key as _key,
)
from .redaction_name_text import (
    possessive_end as _possessive_end,
)
from .redaction_name_text import (
    previous_word as _previous_word,
)
from .redaction_name_text import (
    sentence_start as _sentence_start,
)
from .redaction_name_words import (
    ABSTRACT_WORDS as _ABSTRACT_WORDS,
)
from .redaction_name_words import (
    DETERMINERS as _DETERMINERS,
)
from .redaction_name_words import (
    NAMES_IN_PERSON_CONTEXT as _NAMES_IN_PERSON_CONTEXT,
)
from .redaction_name_words import (
    NEVER_FOLDED as _NEVER_FOLDED,
)
from .redaction_name_words import (
    NEVER_NAMES,
    PLACES_ALSO_NAMES,
)
from .redaction_name_words import (
    PLACE_WORDS as _PLACE_WORDS,
)
from .redaction_name_words import (
    SPEECH_VERBS as _SPEECH_VERBS,
)
from .redaction_name_words import (
    STOPWORDS as _STOPWORDS,
)
from .redaction_name_words import (
    VERB_LIKE as _VERB_LIKE,
)
from .redaction_names_unlisted import arabic_script_named, lower_case_positions, unlisted_word

__all__ = ["NEVER_NAMES", "name_spans"]


_PHRASE_ENDS: Final = re.compile(
    r"\s*(?:$|[.,!?;:)\n]|(?:about|that|what|everything|anything|if|and|but|to|so|because|"
    r"cos|coz|how|why|when|where|i|he|she|we|they|it|me|him|her|them|at|in|on|yesterday|"
    r"today|tonight|last|the|my|his|our|all|too|again|already|before|after)\b)"
)


def _never(word: str) -> bool:
    return word in NEVER_NAMES or _key(word) in _NEVER_FOLDED


def _lower_case_name(key: str, listed: NameWords) -> bool:
    """A listed first name that is no everyday word: a name even in lower case."""
    return (
        key in listed.names
        and key not in listed.also_words
        and key not in listed.not_names
        and key not in _STOPWORDS
        and key not in _NEVER_FOLDED
    )


def _accept_candidate(
    word: str, listed: NameWords, capitals: bool, person: bool = False, unlisted: bool = True
) -> bool:
    """Is the word after a role, "called" or a verb of telling a name (or initials)?
    `person`: the words before say a person follows ("my carer", "is called"), so a name that
    is also a word counts too ("my carer sue", "called Sky")."""
    if person and capitals and word in _NAMES_IN_PERSON_CONTEXT:
        return True
    bare = word.replace(".", "").replace(" ", "")
    if _never(word) or bare in NEVER_NAMES:
        return False
    if capitals and word[:1].isupper():
        return True
    return _lower_case_name(_key(word), listed) or (
        person and (_word_name(_key(word), listed) or unlisted and unlisted_word(word, listed))
    )


def _word_name(key: str, listed: NameWords) -> bool:
    """A listed name that is also an everyday word but no verb that could follow a person
    ("my brother rob", "my carer sue"; not "my carer will", "my mum drew")."""
    return (
        key in listed.also_words
        and key not in _VERB_LIKE
        and key not in listed.not_names
        and key not in _STOPWORDS
        and key not in _NEVER_FOLDED
        and key not in _TRIGGERS[0][1]  # "my mums friend": a role or relation is no name
        and key not in _TRIGGERS[5][1]
    )


def _everyday_word(word: str) -> bool:
    """An English word (or text-speak) that no names list holds: "Whatever", "Ive"."""
    listed = name_words()
    key = _key(word)
    if key.endswith("ly") and key[:-2] in listed.english:
        return True  # "Thirdly", "Proudly": an adverb the lexicon lacks
    return key in listed.not_names or key in listed.english and key not in listed.names


def _is_name_word(word: str) -> bool:
    """A Capitalised word that may be a name: not a service, title or everyday word."""
    first = word.split("-")[0].split("\u2010")[0]
    return (
        not _never(word)
        and first not in NEVER_NAMES
        and word.lower() not in _STOPWORDS
        and word.upper() != word
    )


def _in_a_title(text: str, start: int) -> bool:
    """After a Capitalised word that is no name: "The Lion King", "Alton Towers"."""
    match = _LAST_WORD.search(text, max(0, start - 40), start)
    if not match or not match.group(1)[0].isupper() or text[match.end(1) : start].strip():
        return False
    return _key(match.group(1)) not in name_words().names


def _with_surname(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in up to two Capitalised words after a name: "Jane Smith", "Nguyen Van Minh"."""
    for _ in range(2):
        match = _SURNAME_AFTER.match(text, end)
        if not match or not _is_name_word(match.group("surname")):
            break
        end = _possessive_end(text, match.start("surname"), match.end())
    return start, end


def _context_name_spans(
    text: str, listed: NameWords, capitals: bool, present: frozenset[str]
) -> Iterator[tuple[int, int]]:
    """Names found by what surrounds them, rather than by a list of names."""
    lower = text.lower()
    patterns = [
        pattern
        for pattern, triggers in _TRIGGERS
        if not triggers.isdisjoint(present) or (pattern is _ROLE_NAME and "." in lower)
    ]
    for pattern in patterns:
        if pattern in (_TITLE_NAME, _RELATION_NAME):
            continue
        for match in pattern.finditer(text):
            word = match.group("cand")
            person = (
                pattern is _ROLE_NAME
                or (pattern is _CALLED_NAME and match.group(0)[:1].lower() not in "i")
                or (
                    pattern is _TELL_NAME
                    and not match.group(0)[:4].lower().startswith("miss")
                    # "told mark about it", but "ask young people": a word that is also a
                    # name must end the phrase, not describe what follows.
                    and (
                        _key(word) not in listed.also_words
                        or _PHRASE_ENDS.match(text, match.end("cand")) is not None
                    )
                )
                or pattern is _ADDRESSED_NAME
            )
            if not _accept_candidate(word, listed, capitals, person):
                continue
            if pattern in (_TELL_NAME, _ADDRESSED_NAME) and word[:1].isupper():
                key = _key(word)
                # "spoke to Leeds council": after telling, only listed or unknown words.
                if key in listed.english and key not in listed.names:
                    continue
            start, end = match.span("cand")
            surname = match.group("surname")
            if surname and _is_name_word(surname.strip()) and capitals and word[:1].isupper():
                end = match.end("surname")
            yield start, _possessive_end(text, start, end)
    for match in _TITLE_NAME.finditer(text) if _TITLE_NAME in patterns else ():
        if match.group("lower") is not None:
            if match.group("lower") in _STOPWORDS:
                continue
            # "i miss home": after "miss" only where a role or a verb of telling comes first
            # ("my teacher miss rose", "told miss jones").
            if match.group("ltitle") == "miss" and (
                _previous_word(text, match.start()) not in _TITLE_LEADS
                and not _MISS_TEACHER_AFTER.match(text, match.end("lower"))
                or match.group("lower") in listed.english
                and match.group("lower") not in listed.names
                and not _MISS_TEACHER_AFTER.match(text, match.end("lower"))
            ):
                continue
            start, end = match.span("lower")
        else:
            title = match.group("title")
            if _never(match.group("cand")) or (title.isupper() and len(title) > 2):
                continue  # "DNA Test" is no title
            start, end = match.span("cand")
            surname = match.group("surname")
            if surname and _is_name_word(surname.strip()):
                end = match.end("surname")
        yield start, _possessive_end(text, start, end)
    if not _KIN_WORDS.isdisjoint(present):
        for match in _KIN_TITLE_LOWER.finditer(text):
            word = match.group("cand")
            if (word.islower() or not capitals) and (
                _lower_case_name(_key(word), listed) or unlisted_word(word, listed)
            ):
                yield match.span("cand")
    for match in _RELATION_NAME.finditer(text) if _RELATION_NAME in patterns else ():
        word = match.group("cand")
        capitalised = capitals and word[:1].isupper() and _is_name_word(word)
        # "my dog is lucky": after "is" a word that is also a name is more likely the word.
        described = re.search(r"\s(?:is|was)\s", match.group(0)) is not None
        # A word no list holds is a name after "my cousin", but not after "my mates" ("my
        # mates floor") nor before "me" ("his dad strangle me"): a possession or a verb.
        relation = _LAST_WORD.search(text, match.start(), match.start("cand"))
        plural = relation is not None and relation.group(1).lower() not in ("is", "was", "sis")
        plural = plural and relation is not None and relation.group(1).lower().endswith("s")
        unlisted = not plural and not _OBJECT_AFTER.match(text, match.end("cand"))
        # After "my mates" a word that is also a name is their thing: "my mates floor".
        person = not described and not plural
        if capitalised or _accept_candidate(word, listed, capitals, person, unlisted=unlisted):
            yield _with_surname(text, *match.span("cand"))


def _capitalised_context_spans(text: str) -> Iterator[tuple[int, int]]:
    """Capitalised words that stand where a person stands."""
    for pattern in (
        _KIN_TITLE_NAME,
        _WITH_ME_NAME,
        _NAME_FROM_SERVICE,
        _NAME_THEN_WHO,
        _NAME_AND_PERSON,
        _NAME_POSSESSIVE_RELATION,
        _NAME_THEN_RESPECT,
    ):
        for match in pattern.finditer(text):
            word = match.group("cand")
            # "Amber is my sister", but "in May my mum got a job".
            strong = (
                pattern is _NAME_THEN_WHO
                and word in _NAMES_IN_PERSON_CONTEXT
                and _previous_word(text, match.start("cand")) not in _PLACE_WORDS
            )
            if pattern is _NAME_AND_PERSON and (
                _previous_word(text, match.start()) in _PLACE_WORDS
                or _in_a_title(text, match.start())
            ):
                continue  # "in care in Rochdale and I", "he supports Leeds Rhinos and I"
            if pattern is _NAME_THEN_WHO and not strong and _everyday_word(word):
                continue  # "Whatever the school nurse thinks", "Thirdly, the social worker"
            if strong or _is_name_word(word):
                # "Seren's the best carer": the 's of "is" stays, as a possessive's does.
                yield match.start("cand"), _possessive_end(text, *match.span("cand"))
    for match in _NAME_DOING.finditer(text):
        word = match.group("cand")
        start = match.start("cand")
        if not _is_name_word(word) or _key(word) in name_words().not_names:
            continue  # "Ive told the SW"
        verb = text[match.end("cand") :].split(None, 1)[0]
        if _sentence_start(text, start):
            if verb not in _SPEECH_VERBS:
                continue  # "Football helps me" starts a sentence too
        elif _previous_word(text, start) in _PLACE_WORDS:
            continue
        yield match.span("cand")


def _listed_name_spans(text: str, listed: NameWords, capitals: bool) -> Iterator[tuple[int, int]]:
    """Words in the names list, judged by whether they are also everyday words."""
    names = listed.names
    # Most answers hold no listed name at all: one set intersection says so.
    lower = text.lower()
    pieces = set(_PIECE.findall(lower if lower.isascii() else fold(lower)))
    if capitals:
        pieces.update([piece[:-1] for piece in pieces if piece.endswith("s")])
    hits = names.intersection(pieces)
    if not hits or (not capitals and hits <= listed.also_words):
        return
    for match in _TOKEN.finditer(text):
        word = match.group()
        key = word.lower() if word.isascii() else fold(word)
        start, end = match.span()
        if key not in names:
            if key[-2:] in ("'s", "\u2019s"):
                key, end = key[:-2], end - 2  # "Sarah's" -> "[name]'s"
            elif "-" in key:
                key = key.split("-", 1)[0]  # "Kerry-Ann", "Ellie-Mae": judged by the first part
            elif capitals and key.endswith("s") and word[0].isupper():
                key = key[:-1]  # "Olivers party": a possessive typed without its apostrophe
                if key in listed.also_words:
                    continue
            if key not in names:
                continue
        word = text[start:end]
        if key in listed.not_names or key in _NEVER_FOLDED or word in NEVER_NAMES:
            continue
        if word in PLACES_ALSO_NAMES and _previous_word(text, start) in _PLACE_WORDS:
            continue  # "flew to Jordan", "in Sydney"
        capital = capitals and word[0].isupper()
        if key in listed.also_words:
            # "Bill" is a name in "I told Bill" or "Bill Jones", a word in "a bill to pay".
            if not capital or word.isupper():
                continue
            surname = _SURNAME_AFTER.match(text, end)
            followed = surname is not None and _is_name_word(surname.group("surname"))
            before = _previous_word(text, start)
            quiet = (
                _sentence_start(text, start) or before in _DETERMINERS or _in_a_title(text, start)
            )
            if quiet and not followed:
                continue
        elif not capital and (len(key) < 3 or key in _STOPWORDS):
            continue  # "jo", "al": too short to call a name without a capital
        if capital or key not in listed.also_words:
            yield _with_surname(text, start, end) if capitals else (start, end)


def _joined_names(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Capitalised words joined by "and" or a comma to a name already found."""
    seen = set(spans)
    queue = list(spans)
    while queue:
        start, end = queue.pop()
        found = []
        after = _JOINED_AFTER.match(text, end)
        if after and _is_name_word(after.group("cand")):
            found.append(after.span("cand"))
        before = _JOINED_BEFORE.search(text, max(0, start - 40), start)
        if before and _is_name_word(before.group("cand")):
            found.append(before.span("cand"))
        for span in found:
            if span not in seen:
                seen.add(span)
                queue.append(span)
                yield span


def _unlisted_name_spans(text: str, listed: NameWords) -> Iterator[tuple[int, int]]:
    """Capitalised words that no names list or dictionary holds, where a person may stand
    ("trips with Arben", "Taylan gets", "Bayo helped"): names of every origin, not only the
    listed ones. Not after a place word ("in Dewsbury"), unless a possessive says a person
    ("at Maisie's"); at the start of a sentence only before a verb of doing."""
    for match in _CAPITALISED_TOKEN.finditer(text):
        start, end = match.start(), _possessive_end(text, *match.span())
        word = text[start:end]
        key = _key(word)
        if (
            len(key) < 3
            or key in listed.english
            or key in listed.names
            or key in listed.not_names
            or not _is_name_word(word)
            or _in_a_title(text, start)
        ):
            continue
        if _sentence_start(text, start):
            if not _UNLISTED_DOING.match(text, end):
                continue
        elif end == match.end() and _after_a_place_word(text, start):
            continue
        yield _with_surname(text, start, end)


# Before "from" or "to", these say a person follows: "a text from Dilnoza", "close to Ife".
_FROM_A_PERSON: Final = words(
    """
    text texts message messages letter letters call calls card cards present presents gift gifts
    visit visits hug hugs note notes email emails snap snaps dm dms next close kind mean nice
    rude married engaged help support
    """
)
_LISTED_BEFORE: Final = re.compile(rf"\b{_CAPITALISED}\s*(?:,|&|\band\b|\bor\b)\s*$")


def _after_a_place_word(text: str, start: int) -> bool:
    """ "in Dewsbury", and the places listed after it: "to Plymouth and Exeter"; but not "a
    text from Dilnoza", "next to Tesfalem": what only comes from or sits by a person."""
    previous = _LAST_WORD.search(text, max(0, start - 40), start)
    if previous and previous.group(1).lower() in _PLACE_WORDS:
        return _previous_word(text, previous.start(1)) not in _FROM_A_PERSON
    listed = _LISTED_BEFORE.search(text, max(0, start - 40), start)
    return listed is not None and _previous_word(text, listed.start()) in _PLACE_WORDS


def _repeated_names(
    text: str, spans: list[tuple[int, int]], listed: NameWords
) -> Iterator[tuple[int, int]]:
    """Once a word is found to be a name, it is one wherever else it stands: "my carers Gill
    and Trevor ... Gill makes the best lasagne"."""
    found = set()
    for start, _end in spans:
        first = _TOKEN.match(text, start)
        if first:
            found.add(text[start : _possessive_end(text, *first.span())])
    # A lower-case word is carried on only if it cannot be an everyday word ("my carer said").
    found = {
        word
        for word in found - NEVER_NAMES
        if word[0].isupper() or _lower_case_name(_key(word), listed)
    }
    if not found:
        return
    # Only the found words are looked for (str.find), not every word of the answer.
    for name in found:
        forms = [name]
        if name.lower() not in listed.english:
            forms.append(name.lower())
        for form in forms:
            start = text.find(form)
            while start >= 0:
                end = start + len(form)
                before = text[start - 1] if start else " "
                after = text[end] if end < len(text) else " "
                if not (
                    before.isalnum() or before in "'\u2019-" or after.isalnum() or after in "-"
                ):
                    yield start, end
                start = text.find(form, end)


def _word_names_doing(text: str, listed: NameWords, capitals: bool) -> Iterator[tuple[int, int]]:
    """A name that is also a word, doing something to the writer: "Pat got us a pool table"
    (at the start of a sentence), "dean takes us fishing" (where capitals mean nothing)."""
    for match in _WORD_NAME_DOING_TO_US.finditer(text):
        word = match.group("cand")
        key = _key(word)
        if capitals and word in _MONTH_NAMES and _previous_word(text, match.start()) != "in":
            yield match.span("cand")  # "April helped me": no month helps anyone
            continue
        if not _word_name(key, listed):
            continue
        start = match.start("cand")
        if capitals:
            if word[:1].isupper() and _sentence_start(text, start):
                yield match.span("cand")
        elif key not in _ABSTRACT_WORDS:
            yield match.span("cand")


def _with_forename(text: str, start: int, end: int, listed: NameWords) -> tuple[int, int]:
    """Take in a Capitalised word no dictionary holds just before a name: "Xiao Ming"."""
    match = _LAST_WORD.search(text, max(0, start - 30), start)
    if match and match.end(1) == start - 1 and text[start - 1] == " ":
        word = match.group(1)
        title = _TITLE_WORD.fullmatch(word) is not None
        if word[:1].isupper() and _is_name_word(word) and _key(word) not in listed.english:
            return (start, end) if title else (match.start(1), end)
    return start, end


def name_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each name found; spans may overlap (the caller keeps the widest)."""
    listed = name_words()
    capitals = _capitals_mean_something(text)
    present = frozenset(_LOWER_WORD.findall(text.lower()))
    spans = list(_listed_name_spans(text, listed, capitals))
    spans += _context_name_spans(text, listed, capitals, present)
    if capitals:
        spans += _capitalised_context_spans(text)
        spans += _unlisted_name_spans(text, listed)
        spans += _joined_names(text, spans)
        spans = [_with_forename(text, start, end, listed) for start, end in spans]
    else:
        spans += lower_case_positions(text, listed, present)
    if "us" in present or "me" in present or "my" in present or "him" in present:
        spans += _word_names_doing(text, listed, capitals)
    if not text.isascii() and _ARABIC_SCRIPT.search(text):
        spans += arabic_script_named(text)
    spans += _repeated_names(text, spans, listed)
    yield from spans
