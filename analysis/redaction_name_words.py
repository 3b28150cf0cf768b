"""The words that decide whether a word can be a person's name, for `redaction_names`: words
that never are (services, days, places, brands), places and words that are names only where the
text says a person is meant, and the small words around a name that make it a place or a word.
"""

from __future__ import annotations

from typing import Final

from .first_names import words
from .names_data import fold

__all__ = [
    "ABSTRACT_WORDS",
    "DETERMINERS",
    "NAMES_IN_PERSON_CONTEXT",
    "NEVER_FOLDED",
    "NEVER_NAMES",
    "PLACES_ALSO_NAMES",
    "PLACE_WORDS",
    "SPEECH_VERBS",
    "STOPWORDS",
    "VERB_LIKE",
]

# Never a person's name, even when capitalised: family words, services, days, places, acronyms.
NEVER_NAMES: Final = words(
    """
    I Im Mum Mam Mom Mummy Dad Daddy Nan Nana Nanna Nanny Gran Granny Grandad Grandma Grandpa
    Auntie Aunty Aunt Uncle Sis Bro Mr Mrs Ms Mx Miss Dr Sir Prof Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday January February March April May June July August September October
    November December Christmas Easter Eid Diwali Ramadan God Allah Jesus Christ Lord The A An
    My Me He She They We You It And But So Or If When Then Also Not No Yes Hi Hello Thanks
    Thank Please Sorry Because Childline ChildLine CAMHS SUSO NSPCC NHS IRO IROs PA PAs SW LADO
    EDT GP CPB CIC SENCO YOT Kooth Samaritans Barnardos Ofsted Police School College Speak Up
    Out Youth Council Board Team Service Services Centre Hospital Home OK TV PE UK ID ADHD ASD
    SEN EHCP PEP LAC CLA CP CIN CYPS CYP RAG DBS TA LA FaceTime Snapchat Instagram TikTok Xbox
    PlayStation YouTube Google Facebook WhatsApp Discord Roblox Fortnite Minecraft Nandos
    English Maths Science Red Amber Green Independent Advocacy Advocate Corporate Parenting
    Emergency Duty Social Worker Foster Carer Teacher Children Childrens Care Leaver Leavers
    Shout Mind YoungMinds Brook ChatHealth Commissioner Virtual Head Very Really Always Never
    Sometimes Great Good Nice Lovely Amazing Kind Helpful Rubbish Bad Okay Who Is Was Has Had
    Did Does Would Can Could Should Ever Just Only Muslim Christian Jewish Sikh Hindu Catholic
    British English Scottish Welsh Irish Polish Romanian Somali Eritrean Afghan Kurdish Syrian
    Sudanese Albanian Vietnamese Pakistani Indian Bengali African Caribbean Jamaican Nigerian
    Black White Asian Mixed Gay Lesbian Bi Trans Autistic Year Nobody Somebody Someone
    Everybody Everyone Anybody Anyone Noone People Staff Everything Nothing Something Anything
    Maybe Today Tomorrow Yesterday Tonight Everytime England Scotland Wales Ireland Britain
    Europe Africa America Asia India Pakistan Poland Romania Somalia Eritrea Ethiopia Sudan
    Syria Iraq Iran Afghanistan Albania Vietnam China Jamaica Nigeria Ghana Turkey
    Lebanon Kuwait Israel Palestine Egypt Morocco Kenya Uganda Zimbabwe France Spain
    Italy Germany Holland Portugal Lithuania Latvia London Leeds Manchester Liverpool
    Birmingham Bristol Sheffield Newcastle York Chester Lincoln Durham Devon Cornwall
    Kent Essex Camden Hackney Brixton Croydon Paris Rome Milan Berlin Bedford
    Bradford Burton Carlisle Carlton Clifton Harlow Kendal Kingston Mansfield Milton Newton
    Preston Richmond Stafford Warwick Weston Ely
    Houston Boston Washington Albert Jersey Dakota Montana Carolina
    Virginia Florida Santa Christ Tory Labour Ford Nike Adidas Tesco Asda Aldi Lidl Primark
    Greggs McDonalds KFC Subway Costa Argos Boots Sky Netflix Spotify Apple Samsung Gucci
    Art Drama Music History Geography Science French Spanish German Computing Design Biology
    Chemistry Physics Business Media Sociology Psychology Law Citizenship Catering Sport
    Gymraeg Cymraeg Cymru Polski Covid Uni Wifi Quran Koran McDonald Sainsbury Nando Domino
    Morrison Morrisons Uber Deliveroo Amazon Ebay Vinted Depop Shein Lego Haribo Nintendo
    Camhs Cahms Nspcc Senco Lado Yot Leone Gambia Guinea Senegal Congo Cameroon Angola Zambia
    Malawi Tanzania Rwanda Burundi Yemen Libya Tunisia Algeria Bangladesh Nepal Ukraine Russia
    Moldova Bulgaria Hungary Slovakia Croatia Serbia Kosovo Bosnia Greece Cyprus Audi BMW
    Vauxhall Corsa Fiesta Toyota Nissan Hyundai Volkswagen Skoda Peugeot Renault Citroen Tesla
    """
)
NEVER_FOLDED: Final = frozenset(fold(word) for word in NEVER_NAMES if not word.isupper())
# Places that are also common first names: a person's name unless a place word stands before
# ("my friend Jordan", "Chelsea said"; but "flew to Jordan", "in Sydney").
PLACES_ALSO_NAMES: Final = words("Jordan Georgia Chelsea Florence Victoria Savannah Sydney Sierra")
# Words never taken for a name on their own that still are one where the text says a person is
# meant: "my best mate is called Sky", "Amber is my sister", "my cousin April".
NAMES_IN_PERSON_CONTEXT: Final = words(
    "Amber Sky April May June August Albert Brook Art Dakota Carolina Virginia India Paris"
)

# Everyday words that are names and are much likelier the word before "helps me" or "gives us".
ABSTRACT_WORDS: Final = words(
    "hope faith joy grace charity mercy patience justice liberty destiny harmony melody will"
)

# Listed names that are also words no person could be in "my carer ___" ("my carer will").
VERB_LIKE: Final = words("will may might can must shall could would should rose drew did said made")
SPEECH_VERBS: Final = words(
    "said says told tells asked asks rang rings texted texts shouted shouts hugged hugs"
)

# Before a Capitalised word, these make it a place, not a person: "from Okehampton"; with the
# same words of the languages families here write in ("do Luton", "ne Shqiperi", "yn Aber").
PLACE_WORDS: Final = words(
    """
    in at to from near of on into around outside through the a an visit visiting via
    do w we z ze na ne yn ym yng yr la din
    """
)
# Before a name that is also a word, these make it the word: "a Rose", "the Summer".
DETERMINERS: Final = words(
    "a an the this that these those some any every each no my your our their its"
)

# Lower-case words after "called"/"i am" that are not names ("i am tired", "called back").
STOPWORDS: Final = words(
    """
    a an the me my him her them us you it this that back out up off in on at to and or but so
    not never always just really very happy sad ok okay fine good bad tired scared angry upset
    worried lonely bored alright going being doing getting feeling glad sorry sure from with
    """
)
