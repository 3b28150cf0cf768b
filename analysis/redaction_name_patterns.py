"""The words around a name, for `redaction_names`: roles, titles, relations, verbs of telling,
greetings and the places a person stands, as patterns, and the words each pattern needs (a
pattern runs only when the answer holds one, which keeps redaction quick).
"""

from __future__ import annotations

import re
from typing import Final

from .first_names import words
from .redaction_name_text import CAPITALISED as _CAPITALISED
from .redaction_name_text import LETTERS as _LETTERS
from .redaction_name_text import NAME_WORD as _NAME_WORD

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
    # "Zhyar, you are the best worker": someone spoken to.
    r"|\s*[,!]\s*(?:you|your|you're|youre|ur|thank|thanks)\b"
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
