"""First names, and which of them are also everyday English words, for spotting people's names.

Where the names come from, and why:
- **Faker** (PyPI `faker`, MIT licence, maintained, installed like any dependency and read
  offline): the first-name lists of the locales in `_LOCALES`, about 14,000 names. Its `en_GB`
  list is the ONS baby names (Open Government Licence); `en_US` is the US Social Security
  names (public domain); the others cover the Irish, Polish, Romanian, Baltic, Turkish, South
  Asian (`en_IN`, `en_PK`), West and East African, Algerian (romanised Arabic) and Vietnamese
  names of families in England. Measured before choosing (35 names for each of ten groups):
  Faker covered UK, Romanian, Arabic, Irish and Caribbean names well, but only 8 of 20 Somali,
  5 of 20 Eritrean and 8 of 20 Vietnamese names; `gender-guesser` (Jörg Michael's list, 45,000
  names) covered a little more but is GPLv3/GFDL, unmaintained since 2016 and also weak on
  Somali and Eritrean names; `names-dataset` was built from a leaked Facebook data set, which
  a children's service should not ship.
- **`data/first_names_extra.txt`**, shipped here (MIT, like the repository): the Somali,
  Eritrean and Ethiopian, Vietnamese, Irish (with fadas), South Asian, Caribbean and West
  African names and the UK short forms ("Mo", "Trev", "Shaz") that Faker lacks.
- **TextBlob's `en-lexicon.txt`** (already a dependency; MIT; Brill's tagger lexicon): a name
  whose lower-case form is listed there ("bill", "rose", "will", "grace") is also an ordinary
  word, and is only taken as a name where the text says it is one (a capital in mid-sentence,
  a role or "told" before it, a surname after it).

Everything is read once, on first use, and kept; nothing is fetched at run time.
"""

from __future__ import annotations

import importlib
import importlib.util
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

from .first_names import words

__all__ = ["EVERYDAY_ABROAD", "NameWords", "fold", "name_words"]

# Latin-script first names of the people a council in England serves. Left out: locales in
# other scripts (children write names in Latin letters), and large lists of names rare here
# (Icelandic, Latin American, Nordic), which add noise but little cover.
_LOCALES: Final = (
    "en",
    "en_GB",
    "en_IE",
    "ga_IE",
    "en_US",
    "en_NZ",
    "en_IN",
    "en_PK",
    "en_KE",
    "en_NG",
    "yo_NG",
    "ig_NG",
    "ha_NG",
    "tw_GH",
    "sw",
    "zu_ZA",
    "pl_PL",
    "ro_RO",
    "lt_LT",
    "lv_LV",
    "sk_SK",
    "cs_CZ",
    "hu_HU",
    "hr_HR",
    "sl_SI",
    "et_EE",
    "pt_PT",
    "pt_BR",
    "es_ES",
    "it_IT",
    "fr_FR",
    "de_DE",
    "nl_NL",
    "tr_TR",
    "az_AZ",
    "uz_UZ",
    "fr_DZ",
    "vi_VN",
)
_NAME_ATTRIBUTES: Final = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
)

# Names the lexicon lists in lower case that are hardly ever words in a child's answer.
_NAMES_DESPITE_THE_LEXICON: Final = words(
    """
    john peter william charlotte lucy maria harry bobby tony terry chris louis justin hugh matt
    victor eva glen graham ken hank brad derrick dustin darin donna sally sherry kitty missy
    patsy maya mai kisha lana tad sonny teddy willy sienna lacey tyler kai kerry
    """
)

# Text-speak, function words and greetings the lexicon does not hold; never names on their
# own, whatever some list abroad says ("ur", "ya", "bae").
_NOT_NAMES: Final = words(
    """
    im ive id ill ur u ya yh ye yeh yea yep nah na innit init tho tbh idk imo omg lol lmao
    bae bro bruv fam sis hun babe mate ok okay oki pls plz thx ty xx xo xox hiya hey hi bye
    mum mam mom mummy dad nan nana nanny gran granny grandad grandma grandpa aunt auntie aunty
    uncle cuz cousin carer carers sw pa iro kw ta gp cp sen la yot camhs nhs aswell alot abit
    dunno gonna wanna gotta cant wont dont didnt isnt wasnt aint shes hes theyre thats whats
    coz cos cuz bc wen wat wot sum sumthing nuffin nothin summat owt nowt ere like theres
    telly nino
    """
)


# Names that are everyday words the lexicon (news text) lacks: plants, stones, weather,
# virtues, titles and verbs a child uses ("the holly tree", "nick stuff", "a ruby ring").
_EVERYDAY_NAMES: Final = words(
    """
    holly ivy iris lily lilly violet poppy daisy hazel heather olive jasmine rosemary saffron
    blossom willow rowan aspen hawthorn ash oak birch cedar river brook ocean storm rain sky
    sunny autumn winter spring summer dawn eve star moon jade ruby pearl amber crystal opal
    coral garnet diamond honey candy ginger pepper sugar cherry berry melody harmony faith hope
    grace joy mercy charity patience prudence destiny liberty justice trinity genesis bliss
    haven journey king prince princess duke earl baron major rocky rusty dusty misty sandy
    windy stormy bob nick pat sue rob bill mark frank will may june april august jack art guy
    ray drew chase lance wade cliff glen dale heath max mason hunter bunny precious angel
    lucky happy sunshine rose robin penny dot gene pip kit bud chip chuck sonny rusty miles
    skip tab marsh mayo raven atlas venus nova tiara sol om chi tu mal sal easter
    """
)


# Everyday words of the languages families here write in that some names list also holds:
# Polish "sie", "kara", "marcu"; Romanian "mai", "asta", "vara", "buna"; Vietnamese "anh",
# "trong", "tien", "nhung"; Welsh "mae", "cael"; Urdu "hai", "hans"; Arabizi "ana", "baba";
# Pashto "che", "yaw". Like "bill" or "rose" they count as names only where the text says a
# person is meant (a capital mid-sentence, a role or relation before them). Names far commoner
# here as names than as words ("dan", "sam", "isha", "noor", "minh") are left out.
EVERYDAY_ABROAD: Final = words(
    """
    bo kara maj marcu nam nas ona oni rok sie winny asta buna duc mai marite ora romana vara
    vina anh bao cam chet duong hai lan luc nhung thu tien trong tuan cael fi mae ami baba hans
    jaan kya rona wali ada ala ana bas inta masa nena che yaw
    """
)


def fold(word: str) -> str:
    """Lower case without accents: "Siobhán" and "siobhan" are one name."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")


@dataclass(frozen=True, slots=True)
class NameWords:
    """`names`: every first name, folded; `also_words`: those that are everyday words too;
    `not_names`: text-speak and function words, never a name by the list alone."""

    names: frozenset[str]
    also_words: frozenset[str]
    not_names: frozenset[str]
    english: frozenset[str]  # every lower-case word of the lexicon, for unknown-word tests


def _faker_names() -> set[str]:
    names: set[str] = set()
    for locale in _LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in _NAME_ATTRIBUTES:
            listed = vars(provider).get(attribute)
            if isinstance(listed, list | tuple | dict | frozenset | set):
                names.update(str(name) for name in listed)
    return names


def _extra_names() -> set[str]:
    text = resources.files("analysis").joinpath("data/first_names_extra.txt").read_text("utf-8")
    names: set[str] = set()
    for line in text.splitlines():
        names.update(line.split("#", 1)[0].split())
    return names


def _lexicon_words() -> frozenset[str]:
    # Found without importing TextBlob, which would import NLTK (a second on a cold start).
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textblob")
    folder = Path(next(iter(spec.submodule_search_locations)))
    text = (folder / "en" / "en-lexicon.txt").read_text("utf-8")
    words = set()
    for line in text.splitlines():
        word = line.split(" ", 1)[0]
        if word.isalpha() and word.islower():
            words.add(word)
    return frozenset(words)


def _usable(name: str) -> bool:
    # One word of letters (a hyphen or apostrophe inside), at least two letters long.
    bare = name.replace("-", "").replace("'", "")
    return len(bare) >= 2 and bare.isalpha()


@cache
def name_words() -> NameWords:
    """The name lists, read on first use and kept for the life of the process."""
    english = _lexicon_words()
    names = {fold(name) for name in _faker_names() | _extra_names() if _usable(name)}
    names -= _NOT_NAMES
    also_words = {name for name in names if name in english} - _NAMES_DESPITE_THE_LEXICON
    also_words |= (_EVERYDAY_NAMES | EVERYDAY_ABROAD) & names
    return NameWords(
        names=frozenset(names),
        also_words=frozenset(also_words),
        not_names=_NOT_NAMES,
        english=english,
    )
