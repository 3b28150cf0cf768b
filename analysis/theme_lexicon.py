"""The theme lexicon: what children call things, and the one name a board report uses.

Each theme lists the ways it is written (lower case, text speak already expanded: "dont" is
"do not", "bf" is "boyfriend"). Longer variants win: "foster carer" before "carer". Plurals of
variants are matched automatically ("social workers"), so list the singular. Edit freely.

Nouns not listed here still become themes through the part-of-speech tagger; this lexicon
merges synonyms and abbreviations so that "SW", "social worker" and "socail worker" are
counted together.
"""

from __future__ import annotations

from typing import Final

from .first_names import words

THEMES: Final[dict[str, tuple[str, ...]]] = {
    # people and services
    "social worker": (
        "social worker",
        "sw",
        "s/w",
        "socail worker",
        "socal worker",
        "social workers",
        "sws",
        "new social worker",
    ),
    "personal adviser": (
        "personal adviser",
        "personal advisor",
        "pa",
        "p.a",
        "leaving care worker",
        "after care worker",
        "aftercare worker",
    ),
    "independent reviewing officer": ("independent reviewing officer", "iro", "reviewing officer"),
    "camhs": (
        "camhs",
        "cahms",
        "camhs worker",
        "child and adolescent mental health services",
        "mental health team",
    ),
    "foster carer": (
        "foster carer",
        "carer",
        "foster mum",
        "foster dad",
        "foster parent",
        "foster mam",
        "foster mom",
        "foster family",
        "foster mummy",
        "foster daddy",
        "foster home carer",
    ),
    "foster sibling": ("foster brother", "foster sister", "foster sibling"),
    "key worker": ("key worker", "keyworker", "residential worker", "care staff", "staff"),
    "advocate": ("advocate", "advocacy", "advocacy service", "independent advocate"),
    "speak up speak out": (
        "speak up speak out",
        "suso",
        "children in care council",
        "youth council",
    ),
    "corporate parenting board": ("corporate parenting board", "cpb", "councillor"),
    "youth worker": ("youth worker", "youth club", "youth centre"),
    "family support worker": ("family support worker", "family support team", "family support"),
    "teacher": (
        "teacher",
        "teachers",
        "head teacher",
        "headteacher",
        "form tutor",
        "senco",
        "teaching assistant",
    ),
    "gp": ("gp", "doctor", "doctors", "dr"),
    "dentist": ("dentist",),
    "optician": ("optician", "opticians"),
    "school nurse": ("school nurse",),
    "police": ("police",),
    # people at home and family
    "mum": ("mum", "mummy", "mother", "real mum", "birth mum"),
    "dad": ("dad", "daddy", "father", "real dad", "birth dad"),
    "step-parent": ("step dad", "stepdad", "step mum", "stepmum", "step parent"),
    "grandparent": (
        "nan",
        "nanny",
        "nana",
        "nanna",
        "gran",
        "granny",
        "grandma",
        "grandad",
        "grandpa",
        "grandparent",
    ),
    "brothers and sisters": (
        "brother",
        "sister",
        "sibling",
        "little brother",
        "little sister",
        "big brother",
        "big sister",
        "baby brother",
        "baby sister",
    ),
    "wider family": ("aunty", "auntie", "aunt", "uncle", "cousin"),
    "family": ("family", "birth family", "real family"),
    "friends": ("friend", "mate", "best friend", "best mate", "school friend", "old friend"),
    "boyfriend or girlfriend": ("boyfriend", "girlfriend", "partner"),
    "baby": ("baby", "son", "daughter"),
    # care processes
    "family time": ("contact", "family time", "contact centre", "contact visit", "contact session"),
    "review": (
        "review",
        "lac review",
        "cla review",
        "looked after review",
        "review meeting",
        "child in care review",
    ),
    "meeting": (
        "meeting",
        "core group",
        "conference",
        "child protection conference",
        "strategy meeting",
    ),
    "care plan": ("care plan", "plan"),
    "personal education plan": ("personal education plan", "pep", "pep meeting", "pep target"),
    "pathway plan": ("pathway plan", "pathway plan meeting"),
    "children looked after": (
        "lac",
        "cla",
        "looked after",
        "children in care",
        "in care",
        "care system",
    ),
    "leaving care": (
        "leaving care",
        "care leaver",
        "leaving care team",
        "leaving care offer",
        "after care",
    ),
    "staying put": ("staying put",),
    "complaint": ("complaint", "complain", "complaints procedure"),
    "placement": ("placement", "foster placement", "placement move", "new placement"),
    "respite": ("respite", "respite care", "short break"),
    # home
    "home": (
        "home",
        "house",
        "foster home",
        "children's home",
        "childrens home",
        "residential home",
        "care home",
    ),
    "bedroom": ("bedroom", "room", "own room", "bed"),
    "bedtime": ("bedtime", "bed time"),
    "house rules": ("house rule", "curfew", "screen time", "screens", "phone rules"),
    "food": ("food", "tea", "dinner", "meal", "breakfast", "lunch", "snack"),
    "flat": ("flat", "council flat", "own flat", "tenancy"),
    "supported lodgings": (
        "supported lodgings",
        "lodgings",
        "supported accommodation",
        "hostel",
        "b&b",
        "bed and breakfast",
        "foyer",
    ),
    "housing": (
        "housing",
        "accommodation",
        "housing form",
        "private rent",
        "rent",
        "deposit",
        "landlord",
    ),
    # school and work
    "school": (
        "school",
        "primary school",
        "secondary school",
        "high school",
        "new school",
        "old school",
        "virtual school",
    ),
    "college": ("college", "sixth form", "college course", "college form"),
    "university": ("university", "uni"),
    "exams": ("exam", "mock", "gcse", "a level", "test"),
    "homework": ("homework",),
    "maths": ("maths", "math"),
    "english": ("english",),
    "science": ("science",),
    "reading": ("reading",),
    "tutor": ("tutor", "tutoring", "maths tutor"),
    "exclusion": ("exclusion", "excluded", "detention"),
    "apprenticeship": ("apprenticeship", "apprenticeship scheme", "apprentice"),
    "job": ("job", "work experience", "part time job", "employment"),
    "cv": ("cv", "cv writing"),
    "bursary": ("bursary", "bursaries"),
    "school trip": ("school trip", "trip"),
    "duke of edinburgh": ("dofe", "duke of edinburgh", "bronze dofe"),
    "ehcp": ("ehcp", "education health and care plan"),
    # independence
    "money": ("money", "cash", "allowance", "savings"),
    "pocket money": ("pocket money",),
    "budgeting": ("budgeting", "budget"),
    "bills": ("bill", "electric", "gas bill", "council tax", "debt"),
    "benefits": ("universal credit", "benefits", "uc", "pip"),
    "bank account": ("bank account", "bank"),
    "cooking": ("cooking", "cook"),
    "driving": (
        "driving",
        "driving lesson",
        "driving test",
        "provisional",
        "provisional licence",
        "licence",
    ),
    "id documents": ("id", "passport", "birth certificate", "ni number", "national insurance"),
    "setting up home grant": ("setting up home grant", "setting up home allowance", "grant"),
    "phone": ("phone", "mobile", "phones"),
    "transport": ("bus", "bus pass", "train", "travel", "taxi", "lift"),
    # health and wellbeing
    "mental health": (
        "mental health",
        "anxiety",
        "depression",
        "stress",
        "panic attack",
        "mood",
        "talking therapies",
        "therapy",
        "counselling",
        "counsellor",
        "therapist",
    ),
    "anger": ("anger", "temper"),
    "sleep": ("sleep", "sleeping"),
    "health appointment": (
        "appointment",
        "health assessment",
        "paediatrician",
        "waiting list",
        "assessment",
        "referral",
    ),
    "adhd": ("adhd", "adhd assessment"),
    "sport": (
        "football",
        "rugby",
        "swimming",
        "boxing",
        "gym",
        "dancing",
        "dance",
        "netball",
        "park run",
        "sport",
        "sports",
        "bowling",
        "fishing",
        "cubs",
        "brownies",
        "scouts",
        "club",
        "drama",
        "drama group",
    ),
    "hobbies": ("drawing", "art", "music", "gaming", "xbox", "fortnite", "hobby"),
    "weight": ("weight",),
    "wifi": ("wifi", "wi-fi", "internet"),
}

# Nouns that are never a theme on their own: too vague, or times and amounts.
STOP_NOUNS: Final = words(
    """
    thing things stuff lot lots bit bits way ways time times day days week weeks month months
    year years yrs hour hours minute minutes mins ages side everyone everybody anyone anybody
    someone somebody something anything nothing everything one ones kind sort type loads end
    fact idea question answer reason today tonight tomorrow yesterday morning night evening
    weekend monday tuesday wednesday thursday friday saturday sunday mine yours miles mile
    number feeling first last bestest lol haha people person guy guys kid kids child children
    girl boy lad lads man men woman women other others place places please thanks thank
    comment n/a na dunno idk god i im gon gonna wanna okay ok yeah yes no none summat
    nobody noone need talk point bit love hate rubbish fun help helps support lol haha
    shit crap anything everything nothing lots loads
    """
)

# Plural-looking words that are already singular (TextBlob would make "maths" "math").
KEEP_AS_IS: Final = words(
    """
    maths bus class glasses news clothes trousers police series camhs dofe lodgings wifi
    sports physics politics species scissors shorts jeans pants christmas
    """
)
