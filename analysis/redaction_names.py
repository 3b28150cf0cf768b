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
case, all capitals, or Every Word Capitalised) only listed names and roles count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .first_names import words
from .names_data import NameWords, fold, name_words
from .redaction_name_text import (
    CAPITALISED as _CAPITALISED,
)
from .redaction_name_text import (
    LAST_WORD as _LAST_WORD,
)
from .redaction_name_text import (
    LETTERS as _LETTERS,
)
from .redaction_name_text import (
    NAME_WORD as _NAME_WORD,
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


# Only the role itself: "my (new) social worker Sarah" finds Sarah from "social worker". The
# lookahead on first letters lets the regex skip most words without trying every role.
_ROLE = (
    r"(?=[spicftkwylrmahndgoe])"
    r"(?:social\s+worker|sw|s\.w\.|pa|p\.a\.|personal\s+advis[eo]r|iro|i\.r\.o\.?|"
    r"independent\s+reviewing\s+officer|reviewing\s+officer|foster\s+(?:carer|carers|mum|mom|"
    r"mam|dad|parent|parents|mother|father)|fc|carers?|teacher|key\s*worker|kw|"
    r"support\s+worker|youth\s+worker|link\s+worker|family\s+support\s+worker|"
    r"residential\s+worker|care\s+worker|case\s+worker|caseworker|worker|mentor|advocate|tutor|"
    r"therapist|counsell?or|head\s*teacher|manager|nurse|doctor|coach|interpreter|"
    r"participation\s+officer|officer|psychologist|guardian|senco|chair)"
)
# A capitalised word straight after a name is taken as a surname; always case-sensitive.
_SURNAME = rf"(?P<surname>(?-i:[ \t]+{_CAPITALISED}))?"
_INITIALS = r"(?-i:[A-Z]\.\s?[A-Z]\.?(?:\s?[A-Z]\.?)?|[A-Z]{2,3}\b)"
_CANDIDATE = rf"(?P<cand>{_INITIALS}|{_NAME_WORD}){_SURNAME}"

# "my social worker Sarah", "my PA, Jo", "worker JB", "my IRO (KT)", "PA called Mo".
_ROLE_NAME: Final = re.compile(
    rf"\b(?i:{_ROLE})(?:\s*[,:(\-\u2013]\s*|\s+(?i:is|was|called|named|is called|was called|"
    rf"who is|who's|whos|is named)\s+|\s+){_CANDIDATE}"
)
# "a boy called Jake", "my name is sarah", "she's named Tallulah".
_CALLED_NAME: Final = re.compile(
    rf"\b(?i:called|named|name is|name's|names|call me|known as|i am|i'm|im)\s+{_CANDIDATE}"
)
# "told Bob", "asked Priya", "texted jo": a verb of telling or contact before a person.
_TELL_NAME: Final = re.compile(
    r"\b(?i:told|tell|telling|tells|asked|ask|asking|asks|texted|texting|messaged|messaging|"
    r"rang|ring|ringing|phoned|phoning|emailed|warned|thanked|spoke\s+to|speak\s+to|"
    r"speaking\s+to|talked\s+to|talk\s+to|talking\s+to|went\s+with|live\s+with|living\s+with|"
    r"lives\s+with|stay\s+with|staying\s+with|stayed\s+with|go\s+out\s+with|going\s+out\s+with|"
    rf"miss|missing)\s+{_CANDIDATE}"
)
# "Thanks Oksana", "thank you kemi", "RIP Kyrell", "shout out to Tendai": someone addressed.
_ADDRESSED_NAME: Final = re.compile(
    r"\b(?i:thanks|thank\s+you|thank\s+u|thankyou|cheers|rip|r\.i\.p\.?|shout\s*outs?\s+to|"
    r"shout\s*outs?|big\s+up|bless|love\s+you|love\s+u|miss\s+you|miss\s+u|dear|hiya|hello|"
    rf"hey)[\s,:]+{_CANDIDATE}"
)
# Titles in English and in the languages many families here speak ("Pani Nowak", "doamna
# Ionescu", "Frau Weber", "Kak Aso"), written in any case: "mr Adeyemi", "miss Patel".
_TITLES = (
    r"mr|mrs|ms|mx|miss|dr|prof|sir|pani|pan|pana|pani\u0105|doamna|doamnei|domnul|domnului|"
    r"dna|dl|zonja|zonj\u00eb|zoti|ponia|ponas|frau|herr|madame|monsieur|mme|se\u00f1ora|senora|"
    r"se\u00f1or|senor|senhora|senhor|dona|bayan|kak|xanim|xan\u0131m"
)
_TITLE_WORD: Final = re.compile(rf"(?i:{_TITLES})")
_TITLE_NAME: Final = re.compile(
    rf"\b(?P<title>(?i:{_TITLES}))\.?\s+(?P<cand>{_CAPITALISED}){_SURNAME}"
    rf"|\b(?P<ltitle>mr|mrs|ms|dr|miss)\.?\s+(?P<lower>[a-z]+(?:['\u2019\-][a-z]+)*)"
)
# People a child names by relation: "my sister Lacey", "my best friend is Kacey", "my bf Jas".
_RELATION = (
    r"(?:my|our|his|her|their|there|thier|ur|your|me)\s+"
    # "my mums bf Dazza", "my mate's brother Kai": a relation of a relation.
    r"(?:(?:mum|mam|mom|dad|mate|friend|sister|brother|cousin|nan|aunt|auntie|uncle|carer|"
    r"neighbour)['\u2019]?s\s+(?=[a-z]+\s+[^\W\d_]))?"
    r"(?:(?:little|big|baby|older|younger|"
    r"twin|step|foster|half|"
    r"best|old|new|other|real|birth)\s+){0,2}(?:sister|brother|sis|bro|cousin|auntie|aunty|"
    r"aunt|uncle|nan|nanny|nana|gran|granny|grandad|grandma|grandpa|friend|bestie|bff|mate|"
    r"girlfriend|boyfriend|gf|bf|partner|husband|wife|son|daughter|baby|mum|mam|mom|dad|"
    r"stepdad|stepmum|stepbrother|stepsister|roommate|neighbour|flatmate|"
    # A pet's name tells who the child lives with as surely as a person's.
    r"cat|dog|puppy|pup|kitten|hamster|rabbit|bunny|pet|pony|horse|budgie|parrot|tortoise|"
    r"snake|lizard|guinea\s+pig)s?"
)
_RELATION_NAME: Final = re.compile(
    rf"\b(?i:{_RELATION})(?:\s*[,:(\-]\s*|\s+(?i:is|was|called|named|is called)\s+|\s+)"
    rf"(?P<cand>{_NAME_WORD}){_SURNAME}"
)
# "Auntie Jen", "Uncle Pete", "Nanny Sue": a family title before a name.
_KIN_TITLE_NAME: Final = re.compile(
    rf"\b(?i:auntie|aunty|aunt|uncle|nan|nanny|nana|gran|granny|grandad|grandma|grandpa|"
    rf"cousin)\s+(?P<cand>{_CAPITALISED})"
)
_KIN_WORDS: Final = words(
    "auntie aunty aunt uncle nan nanny nana gran granny grandad grandma grandpa cousin"
)
_KIN_TITLE_LOWER: Final = re.compile(
    r"\b(?i:auntie|aunty|aunt|uncle|nan|nanny|nana|gran|granny|grandad|grandma|grandpa|"
    r"cousin)\s+(?P<cand>[^\W\d_]+)"
)
# "me and Tayla", "me, Kian and Bradley".
_WITH_ME_NAME: Final = re.compile(rf"\b(?i:me|i)(?:\s*(?:and|&)\s+|,\s*)(?P<cand>{_CAPITALISED})")
# "Jo from the family support team", "Dee at the youth centre".
_NAME_FROM_SERVICE: Final = re.compile(
    rf"(?P<cand>{_CAPITALISED})\s+(?i:from|at)\s+(?i:the|my|our|his|her)?\s*"
    rf"(?:[A-Za-z]+\s+){{0,3}}(?i:team|service|services|school|college|council|centre|center|"
    rf"charity|project|unit|office|surgery|clinic|hub|hostel|club|group|church|mosque|gym|"
    rf"academy|class|year|form|work|job|placement|home|nursery|uni|course)\b"
)
# "Ali bhai", "Samina baji", "Rashid sahib": a word of respect after a name.
_NAME_THEN_RESPECT: Final = re.compile(
    rf"(?P<cand>{_CAPITALISED})\s+(?i:bhai|bhaiya|baji|apa|sahib|sahab|ji|khala|khan\s+sahib)\b"
)
# "Mark, my keyworker, ...", "Pat my foster mum", "Ruby is my best friend": a name, then who
# the person is.
_NAME_THEN_WHO: Final = re.compile(
    rf"(?P<cand>{_CAPITALISED})\s*[,(\-]?\s+(?i:is\s+|was\s+)?(?i:my|our|his|her|the)\s+"
    rf"(?:[A-Za-z]+\s+){{0,2}}"  # "my PE teacher", "my so called mate"
    rf"(?:(?i:{_ROLE})|(?i:(?:(?:little|big|baby|older|younger|twin|step|foster|half|best|old|"
    rf"new)\s+){{0,2}}(?:sister|brother|cousin|auntie|aunty|aunt|uncle|nan|gran|grandad|friend|"
    rf"mate|mum|mam|dad|stepdad|stepmum|neighbour|bff|bestie)))\b"
)
# "Joy and I", "Priyanka and me"; "Precious and her husband": joined to the writer or to a
# relation of their own.
_NAME_AND_PERSON: Final = re.compile(
    rf"\b(?P<cand>{_CAPITALISED})\s*(?:and|&)\s+(?:(?-i:I)|(?i:me|myself)|(?i:his|her|their)\s+"
    rf"(?i:husband|wife|partner|boyfriend|girlfriend|kids|children|son|daughter|sister|brother|"
    rf"mum|dad|mam|mom))\b"
)
# "Shilan's big brother", "Mo's dad", "at Maisie's house": whose relation or home it is.
_NAME_POSSESSIVE_RELATION: Final = re.compile(
    rf"\b(?P<cand>{_CAPITALISED})['\u2019]s\s+(?:(?i:little|big|baby|older|younger|twin|step|"
    rf"half|best|new|old)\s+){{0,2}}(?i:sister|brother|sis|bro|cousin|mum|mam|mom|dad|stepdad|"
    rf"stepmum|nan|nana|nanny|gran|grandad|grandma|auntie|aunty|aunt|uncle|family|boyfriend|"
    rf"girlfriend|bf|gf|partner|husband|wife|mate|mates|friend|friends|house|flat|party|"
    rf"sleepover|room)s?\b"
)
# A Capitalised word doing something only people do: "because Sandra makes pancakes".
_PERSON_VERBS = (
    r"said|says|told|tells|asked|asks|rang|rings|texted|texts|shouted|shouts|hugged|hugs|"
    r"helped|helps|makes|made|gave|gives|takes|took|came|comes|keeps|kept|picks|picked|calls|"
    r"called|cooks|cooked|bought|buys|lets|drove|drives|listens|listened|visits|visited|cares|"
    r"chaired|plays|sits|lives|speaks|bullies|bullied|hit|hits|shouted"
)
_NAME_DOING: Final = re.compile(rf"\b(?P<cand>{_CAPITALISED})\s+(?:{_PERSON_VERBS})\b")
# "Pat got us a pool table", "dean takes us fishing": a word that is also a name, doing
# something to the writer.
_WORD_NAME_DOING_TO_US: Final = re.compile(
    rf"\b(?P<cand>{_LETTERS})\s+(?:{_PERSON_VERBS}|got|gets|buys|brings|brought|drives|"
    rf"teaches|taught)\s+(?i:us|me|him|her|them|my)\b"
)
# After a Capitalised word no list or dictionary holds, these make it a person too: "Bayo
# helped", "Zhyar did it", "Taylan gets the same".
_UNLISTED_DOING: Final = re.compile(
    rf"[ \t]+(?:{_PERSON_VERBS}|is|was|has|had|did|does|got|gets|will|wants|wanted|likes|liked|"
    rf"loves|loved|knows|knew|went|goes|sent|sends|thinks|thought|stays|stayed|gave|says)\b"
    # "Seren's the best", "Kez's always there": the 's of "is" (a possessive is taken anyway).
    r"|['\u2019]s\s+(?:the|my|so|always|never|really|proper|been|got|like)\b"
    # "Dritan hates me", "Bayo annoys us": any verb done to the writer.
    r"|[ \t]+[a-z]+(?:s|ed)\s+(?:me|us)\b"
)
_CAPITALISED_TOKEN: Final = re.compile(
    rf"(?<![\w'\u2019\-]){_CAPITALISED}(?:['\u2019]s)?(?![\w'\u2019\-])"
)
# Names joined to a found name: "Harvey and Josh", "Pat and Steve", "Aisha & Rob".
_JOINED_AFTER: Final = re.compile(rf"\s*(?:,|&|\band\b)\s*(?P<cand>{_CAPITALISED})")
_JOINED_BEFORE: Final = re.compile(rf"\b(?P<cand>{_CAPITALISED})\s*(?:,|&|\band\b)\s*$")
_PIECE: Final = re.compile(_LETTERS)
_SURNAME_AFTER: Final = re.compile(rf"[ \t]+(?P<surname>{_CAPITALISED})")
# The words each context pattern needs: a pattern runs only when the answer holds one, which
# keeps redaction quick (most answers hold no role, title or verb of telling).
_LOWER_WORD: Final = re.compile(r"[a-z]+")
_MONTH_NAMES: Final = words("April May June August")
_ARABIC_SCRIPT: Final = re.compile("[\u0600-\u06ff]")
_OBJECT_AFTER: Final = re.compile(r"\s+(?:me|us|him|her|them|it|my)\b")


_TRIGGERS: Final = (
    (
        _ROLE_NAME,
        words(
            """
            worker workers sw pa iro officer carer carers foster fc teacher keyworker kw
            mentor advocate tutor therapist counsellor counselor headteacher head manager nurse
            doctor coach interpreter psychologist guardian senco chair caseworker adviser advisor
            """
        ),
    ),
    (_CALLED_NAME, words("called named name names call known am im m")),
    (
        _ADDRESSED_NAME,
        # Not "love", "miss" or "big": common words, and the pattern costs a pass over the answer.
        words(
            "thanks thank thankyou cheers rip shout shoutout shoutouts bless dear hiya hello hey"
        ),
    ),
    (
        _TELL_NAME,
        words(
            """
            told tell telling tells asked ask asking asks texted texting messaged messaging rang
            ring ringing phoned phoning emailed warned thanked spoke speak speaking talked talk
            talking went live living lives stay staying stayed go going miss missing
            """
        ),
    ),
    (
        _TITLE_NAME,
        words(
            """
            mr mrs ms mx miss dr prof sir pani pan pana doamna doamnei domnul domnului dna dl
            zonja zoti ponia ponas frau herr madame monsieur mme senora senor senhora senhor
            dona bayan kak xanim
            """
        )
        | {"se", "zonj"},  # how "señora" and "zonjë" break into ASCII words
    ),
    (
        _RELATION_NAME,
        words(
            """
            sister sisters brother brothers sis bro cousin cousins auntie aunty aunt uncle nan
            nanny nana gran granny grandad grandma grandpa friend friends bestie bff mate mates
            girlfriend boyfriend gf bf partner husband wife son daughter baby mum mam mom dad
            stepdad stepmum stepbrother stepsister roommate neighbour flatmate cat cats dog dogs
            puppy pup kitten hamster rabbit bunny pet pony horse budgie parrot tortoise snake
            lizard pig
            """
        ),
    ),
)


# After "miss X", these make it a title however the sentence starts: "miss khan at school is
# kind", "miss patel said"; but "i miss home so much".
_MISS_TEACHER_AFTER: Final = re.compile(
    r"\s+(?:is|was|said|says|told|tells|helps|helped|gave|gives|does|did|has|had|teaches|"
    r"taught|at\s+school|from\s+school|in\s+year|from\s+year)\b"
)
# Before a lower-case "miss", these make it a title: "my teacher miss rose", "told miss jones".
_TITLE_LEADS: Final = _TRIGGERS[0][1] | _TRIGGERS[3][1] | words("and with by from")


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
                or (pattern is _TELL_NAME and not match.group(0)[:4].lower().startswith("miss"))
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
            if strong or _is_name_word(word):
                # "Seren's the best carer": the 's of "is" stays, as a possessive's does.
                yield match.start("cand"), _possessive_end(text, *match.span("cand"))
    for match in _NAME_DOING.finditer(text):
        word = match.group("cand")
        start = match.start("cand")
        if not _is_name_word(word):
            continue
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
