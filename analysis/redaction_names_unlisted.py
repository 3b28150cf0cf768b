"""Names that neither a names list nor a capital letter gives away, for `redaction_names`.

Children write names of every origin in lower case ("me and dilnoza", "soran is the best
cook") and in the scripts of their families' languages ("key worker ډیوېډ"). No list holds them
all, so here a word counts as a name by where it stands, if it is no word of the English
lexicon, no text-speak and no near misspelling of an English word ("realy", "alwys"):
- after a word that introduces a person (a role, a relation, "auntie", a verb of telling; the
  caller decides, `unlisted_word` only judges the word);
- in an answer without meaningful capitals, where only a person stands: "me and X", "X and
  me", "with X and her sister", "X is my ...", "X said/helped ..." at the start of a clause,
  "X's mum";
- after the word for "name" in Arabic, Kurdish, Pashto, Urdu and Persian ("ناوم ڕێباز").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .first_names import words
from .names_data import EVERYDAY_ABROAD, NameWords
from .redaction_name_text import key as _key
from .redaction_name_words import NEVER_FOLDED, STOPWORDS

__all__ = ["arabic_script_named", "lower_case_positions", "unlisted_word"]

# Text-speak the lexicon lacks, which stands where a name could ("my carer jus said").
_TEXT_SPEAK: Final = words(
    """
    ngl idc idek ikr istg smh rn fr frfr tbf tho thru jus juss rlly rly rele realy sooo soo
    lyk lik wiv wid bcos becos bcoz cus cuz coz cos tryna finna deffo defo deff prolly probs
    obvs obvi legit lowkey highkey ppl peeps bestie besties hmu wyd wbu hbu gn gm ty tysm np
    btw omd omfg wtf wth af asf bare peng allow wagwan blud bredren fam innit init mandem
    gyal ting dem dat dis dey wiv nuff proper summat summit nowt owt mint sound sick ace
    mam mammy mumma momma dada papa nanna grandma nanny aswell alright alrite arite tbh
    oki okie okk okayy kk yeahh yeh yh yup nope nah naa nahh sumone sum1 some1 every1 any1
    no1 evry evryone eveyone sumthin nothin nuthin sumfin nuffin brill lush boss gassed
    buzzin bants jokes peak vibes vibe theyve weve youve wouldve couldve shouldve mustve
    theyll youll theyd youd hadnt hasnt havent wouldnt couldnt shouldnt werent arent
    adhd asd ptsd ocd camhs gcse gcses sats btec nhs gp sw iro yot cahms wifi xbox ps4 ps5
    vape vapes vaping zoot zoots spliff spliffs ket edibles pods bluey blueys roblox fortnite
    maccies nandos chippy kebab shisha
    """
)
_LETTERS: Final = "abcdefghijklmnopqrstuvwxyz"
# Endings of English words a child misspells ("sumtimes", "strangld"), hardly of names.
_WORD_ENDINGS: Final = ("ing", "ed", "ly", "times", "tion", "ness", "ment", "ful", "less")


def _near_english(key: str, english: frozenset[str]) -> bool:
    """One letter dropped, doubled or swapped from an English word: a typo ("realy", "frend",
    "freind"). A changed letter is not tested: too many names are one letter from a word
    ("segun", "begun"; "funmi", "fungi")."""
    if not key.isascii() or len(key) < 4:
        return False
    for i in range(len(key)):
        if key[:i] + key[i + 1 :] in english:
            return True
        if i + 1 < len(key) and key[:i] + key[i + 1] + key[i] + key[i + 2 :] in english:
            return True
    for i in range(len(key) + 1):
        for letter in _LETTERS:
            if key[:i] + letter + key[i:] in english:
                return True
    return False


def unlisted_word(word: str, listed: NameWords, typos: bool = True) -> bool:
    """A word no names list, lexicon or text-speak list holds (or an everyday word of another
    language that some list calls a name): a name where a person stands. `typos`: also refuse
    a near misspelling of an English word ("frend", "realy") and English word endings."""
    folded = _key(word)
    if folded in EVERYDAY_ABROAD:
        return True
    if (
        len(folded) < 3
        or not folded.isalpha()
        or folded in listed.english
        or folded in listed.names
        or folded in listed.not_names
        or folded in _TEXT_SPEAK
        or folded in STOPWORDS
        or folded in NEVER_FOLDED
    ):
        return False
    if typos and folded.isascii():
        return not (folded.endswith(_WORD_ENDINGS) or _near_english(folded, listed.english))
    return True


# Only a person stands in these places in a lower-case answer. The words no list holds are
# found first (most answers have none) and only their neighbours are read: a pattern run over
# the whole answer for each place cost more than the rest of name finding.
# Before: "me and zhyar", "chillin wit kwame".
_AFTER_ME_AND: Final = re.compile(r"\W(?:me|i)(?:\s*(?:and|&)|\s+n)\s+$")
_AFTER_WITH: Final = re.compile(r"\W(?:with|wiv|wit)\s+$")
# "a text from dilnoza", "sat next to tesfalem": what only comes from or sits by a person.
_AFTER_FROM_A_PERSON: Final = re.compile(
    r"\W(?:(?:text|message|msg|letter|call|card|present|gift|visit|hug|note|email|snap|dm)s?"
    r"\s+from|(?:next|close)\s+to)\s+$"
)
_CLAUSE_START: Final = re.compile(
    r"(?:^\s|[.!?,;:\n]|\W(?:and|but|cos|coz|because|then|so|when|tho|with))\s*$"
)
# After "with": the clause ends or another name is joined ("with obi", "with kwame n kofi").
_ENDS_OR_JOINS: Final = re.compile(r"\s*(?:$|[.!?,;:\n)]|(?:and|n|&)\s)")
# After a word at the start of a clause: "tesfalem and me", "obinna said", "gulnara is my best
# mate", "soran is the best cook"; not "karate is the best".
_PERSON_AFTER: Final = re.compile(
    r"(?:\s*(?:and|&)|\s+n)\s+(?:me|i|myself)\b"
    r"|\s*(?:and|&)\s+(?:his|her|their)\s+(?:mum|mam|mom|dad|sister|brother|boyfriend|"
    r"girlfriend|bf|gf|kids|family|nan|cousin)s?\b"
    r"|\s+(?:is|was)\s+(?:(?:my|our|the|a|like\s+a)\s+)(?:[a-z]+\s+){0,2}"
    r"(?:cook|friend|mate|bestie|bff|person|carer|worker|keyworker|sw|pa|teacher|mentor|"
    r"sister|brother|sis|bro|cousin|mum|mam|dad|nan|auntie|aunty|uncle|boyfriend|"
    r"girlfriend|bf|gf|girl|boy|lad|man|woman|lady|hero)s?\b"
    r"|\s+(?:said|says|told|tells|asked|asks|helped|helps|makes|made|gave|gives|takes|took|"
    r"got|gets|bought|buys|brings|brought|hugged|hugs|texted|texts|rang|rings|shouted|"
    r"shouts|hit|hits|picks|picked|lets|let|cooks|cooked|drives|drove|calls|called|came|"
    r"comes|visits|visited|listens|listened|sorted|sorts)\b"
)
# Anywhere: "oyelaran's mum", "at kwabena's house".
_POSSESSIVE_AFTER: Final = re.compile(
    r"['\u2019]s\s+(?:mum|mam|mom|dad|house|flat|nan|sister|brother|bf|gf|boyfriend|"
    r"girlfriend|party|room|cousin)\b"
)


def _person_stands(text: str, start: int, end: int) -> bool:
    """Does the word at text[start:end] stand where only a person does?"""
    # The sixteen characters before, with a space for the start of the answer.
    before = text[max(0, start - 16) : start]
    if start <= 16:
        before = " " + before
    if _AFTER_ME_AND.search(before) or _POSSESSIVE_AFTER.match(text, end):
        return True
    if _AFTER_FROM_A_PERSON.search(before):
        return True
    if _AFTER_WITH.search(before) and _ENDS_OR_JOINS.match(text, end):
        return True
    return _CLAUSE_START.search(before) is not None and _PERSON_AFTER.match(text, end) is not None


def lower_case_positions(
    text: str, listed: NameWords, present: frozenset[str]
) -> Iterator[tuple[int, int]]:
    """Unlisted words where only a person stands, in an answer whose capitals say nothing.
    `present`: the answer's words of plain letters, as the caller has them already."""
    english, names = listed.english, listed.names
    candidates = [
        word
        for word in present
        if len(word) > 2
        and word not in english
        and (word not in names or word in EVERYDAY_ABROAD)
        and unlisted_word(word, listed, typos=False)
    ]
    for word in candidates:
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            whole = (not start or not text[start - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            )
            # The typo test (a few hundred look-ups) only where a person stands.
            if whole and _person_stands(text, start, end) and unlisted_word(word, listed):
                yield start, end
            start = text.find(word, end)


# The word for "name" (with "my", "his", "her") in Arabic, Kurdish Sorani, Pashto, Urdu and
# Persian; a name in the same script follows ("اسمه كريس", "ناوم ڕێباز ئەحمەد", "میرا نام علی").
_NAME_WORDS = (
    "\u0627\u0633\u0645\u0647|\u0627\u0633\u0645\u0647\u0627|\u0625\u0633\u0645\u0647|"
    "\u0627\u0633\u0645\u0648|\u0627\u0633\u0645\u064a|\u0627\u0633\u0645\u0645|"
    "\u0646\u0627\u0648\u0645|\u0646\u0627\u0648\u06cc|\u0646\u0627\u0648\u06cc\u0634\u06cc|"
    "\u0646\u0627\u0648\u06cc\u0627\u0646|\u0645\u06cc\u0631\u0627 \u0646\u0627\u0645|"
    "\u06a9\u0627 \u0646\u0627\u0645|\u0646\u0627\u0645\u0645|\u0646\u0648\u0645|"
    "\u0646\u0648\u0645\u0645"
)
# Kurdish, Persian and Pashto put the verb last, so a word after the name is its surname
# ("ناوم ڕێباز ئەحمەدە"); in Arabic it is more often the next word of the sentence.
_SURNAME_FOLLOWS: Final = frozenset(
    [
        "\u0646\u0627\u0648\u0645",
        "\u0646\u0627\u0648\u06cc",
        "\u0646\u0627\u0645\u0645",
        "\u0646\u0648\u0645",
        "\u0646\u0648\u0645\u0645",
    ]
)
_ARABIC_LETTERS = "[\u0621-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc]"
# "مې" (my) and "یې" (his) may stand between the word for "name" and the name in Pashto.
_ARABIC_NAMED: Final = re.compile(
    rf"(?<!{_ARABIC_LETTERS})(?P<word>{_NAME_WORDS})\s+(?:(?:\u0645\u06d0|\u06cc\u06d0|"
    rf"\u0645\u06cc)\s+)?(?P<cand>{_ARABIC_LETTERS}{{2,}})(?P<second>\s+{_ARABIC_LETTERS}{{2,}})?"
)
# Words after a name that are no surname: "is", "and ...", "was" in the same languages.
_NOT_A_SURNAME: Final = re.compile(
    "\u0648|\u0627\u0633\u062a$|\u0647\u0633\u062a|\u062f\u06cc$|\u062f\u06d2$|\u0647\u06d2$|"
    "\u06cc\u06d5$|\u0628\u0648\u0648|\u06a9\u0627\u0646"
)


def arabic_script_named(text: str) -> Iterator[tuple[int, int]]:
    """A name in Arabic script after the word for "name", with its surname if one follows."""
    for match in _ARABIC_NAMED.finditer(text):
        second = match.group("second")
        kurdish = match.group("word") in _SURNAME_FOLLOWS
        if second and kurdish and not _NOT_A_SURNAME.match(second.strip()):
            yield match.start("cand"), match.end("second")
        else:
            yield match.span("cand")
