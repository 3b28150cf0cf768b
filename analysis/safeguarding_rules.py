"""The safeguarding rules as data: what each category means, and the phrases that raise it.

Rules are plain regular expressions, kept here so that a practitioner can read, review and
extend them without touching the matching code in `safeguarding.py`.

How the patterns are matched (see `safeguarding.normalise`):

* Text is lower-cased, accents and punctuation removed, common text speak expanded
  ("im" -> "i am", "dont" -> "do not", "wanna" -> "want to", "u" -> "you"), and every run of a
  repeated letter squeezed to one ("kill" -> "kil", "diiie" -> "die"). Patterns get the same
  squeeze when compiled, so write them in ordinary spelling: "kill myself" also catches
  "kil myself" and "killll myself".
* Words are separated by exactly one space; sentence ends become a newline, which " " and "."
  never match, so a pattern cannot straddle two sentences.
* `{NAME}` placeholders are filled from `MACROS` before compiling.

Recall comes first: a missed disclosure is far worse than a false alarm. Only the narrow
figures of speech in `FIGURES_OF_SPEECH` are removed before matching.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from . import (
    safeguarding_rules_bullying_substances as _bullying_substances,
)
from . import (
    safeguarding_rules_exploitation as _exploitation,
)
from . import (
    safeguarding_rules_harm_at_home as _harm_at_home,
)
from . import (
    safeguarding_rules_honour_extremism as _honour_extremism,
)
from . import (
    safeguarding_rules_missing as _missing,
)
from . import (
    safeguarding_rules_online_money as _online_money,
)
from . import (
    safeguarding_rules_self_harm as _self_harm,
)
from . import (
    safeguarding_rules_sexual_abuse as _sexual_abuse,
)
from . import (
    safeguarding_rules_suicide as _suicide,
)
from . import (
    safeguarding_rules_wellbeing as _wellbeing,
)
from .safeguarding_rule import JoinedUpRule, Rule

# Staff-facing labels, in the order of the brief. Keys are stored in the database: do not rename.
CATEGORIES: Final = MappingProxyType(
    {
        "suicidal_thoughts": "Suicidal thoughts",
        "self_harm": "Self-harm",
        "sexual_abuse": "Sexual abuse",
        "carer_allegation": "Allegation about a carer or worker (LADO)",
        "fgm": "Female genital mutilation",
        "forced_marriage": "Forced marriage or honour-based abuse",
        "modern_slavery": "Modern slavery or trafficking",
        "physical_abuse": "Physical abuse",
        "exploitation": "Exploitation (criminal, sexual, online or financial)",
        "parent_at_risk": "A parent or carer at risk to themselves",
        "radicalisation": "Radicalisation",
        "domestic_abuse": "Domestic abuse",
        "threats_of_violence": "Threats of violence",
        "no_safe_place": "No safe place to stay",
        "going_missing": "Going missing",
        "neglect": "Neglect",
        "pregnancy": "Pregnant with nobody to tell",
        "emotional_abuse": "Emotional abuse or bullying",
        "substance_misuse": "Drug or alcohol misuse",
        # No rule raised it: another language, very long or garbled text, or the model.
        "needs_reading": "Needs a person to read it (language, length or wording)",
    }
)
NEEDS_READING: Final = "needs_reading"

# Highest first. Risk to life and sexual abuse lead; a carer allegation comes next because it
# changes who must be told (the LADO, not the carer's own team).
SEVERITY: Final[tuple[str, ...]] = tuple(CATEGORIES)

# Abuse by an adult: with a carer, worker or teacher in the same sentence it is a LADO matter.
ABUSE_CATEGORIES: Final = frozenset(
    {
        "physical_abuse",
        "sexual_abuse",
        "emotional_abuse",
        "neglect",
        "threats_of_violence",
        "exploitation",
        "fgm",
        "forced_marriage",
        "modern_slavery",
    }
)

# Reusable pieces of pattern, filled into `{NAME}` placeholders. Values are regex fragments.
MACROS: Final[dict[str, str]] = {
    # "myself" and the ways it gets typed: "my self", "meself", "mysef", "myslef", "mysen".
    "MYSELF": (
        r"(?:my ?selfs?|my ?selves|my ?sel|me ?self|me ?sel|ma ?self|my ?slef|mysef|myslf|"
        r"mysen)"
    ),
    # "die" misspelt for "dye": "going to die my hair pink".
    "NOT_HAIR": (
        r"(?! (?:my|your|her|his|its|it|the|our|me) (?:hair|fringe|clothes|jeans|shirt|top|"
        r"roots|tips|eyebrows|beard|nails)\b)"
    ),
    # "my" including dialect ("me dad", "ma mam", "our kid").
    "MY": r"(?:my|me|ma|mi|our)",
    # Hitting and hurting, as a verb that takes "me" (or another victim) after it.
    "HURT": (
        r"(?:hit\w*|hurt\w*|beat|beats|beating|beaten|punch\w*|kick\w*|slap\w*|smack\w*|"
        r"batter\w*|whack\w*|thump\w*|strangl\w*|chok\w*|throttl\w*|shov\w*|push\w*|grab\w*|"
        r"burn\w*|bite|bites|bit|biting|bitten|scratch\w*|pinch\w*|belt\w*|bash\w*|attack\w*|"
        r"assault\w*|abus\w*|struck|strikes?|headbut\w*|stamp\w* on|drag\w*|knock\w*|"
        r"restrain\w*|throw|throws|threw|throwing|pin|pins|pined|pining|slam\w*|shak\w*|shook|"
        r"spit\w* (?:at|on)|spat (?:at|on)|leather\w*|lamp\w*|clout\w*|wallop\w*|twat\w*|"
        r"deck\w*|bray\w*|thrash\w*|"
        r"squeez\w*|twist\w*|threw (?:\w+ ){1,2}at|throw\w* (?:\w+ ){1,2}at|"
        r"chuck\w* (?:\w+ ){1,2}at|lob\w* (?:\w+ ){1,2}at)"
    ),
    # A carer, worker or anyone else working with children: an allegation goes the LADO route.
    # "Miss" only before a name ("miss smith"), not as in "i miss my mum".
    "CARER": (
        r"(?:foster (?:carer|carers|mum|mummy|dad|daddy|parent|parents|mother|father|family|"
        r"home|placement)|(?<!young )carers?|care staff|staff|key ?worker|support worker|"
        r"residential worker|care worker|youth worker|social worker|link worker|worker|sw|pa|"
        r"personal advis[eo]r|iro|teachers?|teaching assistant|head ?teacher|tutor|mentor|"
        r"coach|instructor|leader|manager|nurse|doctor|therapist|counsell?or|police ?man|"
        r"police ?woman|police officer|volunteer|childminder|the home|mr|mrs|sir|"
        r"miss (?!(?:my|me|you|him|her|them|it|us|home|school|the|out|a|an|our|his|their|mum|"
        r"dad|nan|everyone|people|family|friends|when|so|this|that|being|having|going|seeing|"
        r"living|lessons|class|all|having)\b)\w+)"
    ),
    # Someone other than a carer, so a pronoun in this sentence does not point back to a carer
    # named in the sentence before.
    "FAMILY": (
        r"(?:dad|daddy|father|mum|mummy|mother|step ?dad|step ?mum|parents?|brother|sister|"
        r"uncle|auntie|aunt|cousin|nan|nanna|gran|grandad|grandma|boyfriend|girlfriend|partner|"
        r"neighbour|friends?|mates?|boys?|girls?|man|men|lads?|guys?)"
    ),
    # Illegal drugs by name. "weed" is rewritten to "cannabis" before squeezing, because a
    # squeezed "weed" would read as "wed".
    "DRUG": (
        r"(?:drugs|cannabis|skunk|spice|ket|ketamine|cocaine|crack|heroin|mdma|mandy|ecstasy|"
        r"xanax|xans|benzos?|lean|nitrous|nos|balloons|speed|meth|spliffs?|joints?|blunts?|"
        r"edibles)"
    ),
    "ALCOHOL": r"(?:alcohol|vodka|booze|cider|beer|wine|spirits|cans|drink)",
    # What children are taught about, in lessons and assemblies.
    "TOPIC": (
        r"(?:drugs|alcohol|knife crime|knives|county lines|exploitation|grooming|self harm|"
        r"suicide|consent|abuse|gangs|vaping|smoking|online safety|staying safe|keeping safe|"
        r"domestic abuse|bullying|sexting|radicalisation)"
    ),
}

# Figures of speech that would otherwise meet a rule. They are cut out of the normalised text
# before any rule runs, so keep each one narrow: whatever is left over still flags.
FIGURES_OF_SPEECH: Final[dict[str, str]] = {
    "kill_for_something": (
        r"\b(?:i would|i could|would|could) kill for (?:a|an|some|another|one|that|those)\b"
    ),
    "thing_is_killing_me": (
        r"\b(?:homework|school|work|maths|math|english|science|this|that|it|exams?|revision|"
        r"coursework|course work|assignments?|essays?|projects?|colege|uni|shifts?|training|"
        r"lessons?|the (?:heat|wait|waiting|suspense|cold|noise|queue)|traffic|my (?:feet|legs|"
        r"back|head|stomach|tummy|belly|throat|ears|teeth|tooth|knees?|hands?|arms?|neck|"
        r"shoes|trainers)|these (?:shoes|trainers)|(?:the|this|my) (?:journey|comute|bus|buses|"
        r"travel|traveling|walk|drive|weather|hay fever|cough|cold|period|cramps|headache|"
        r"migraine|week|job|course|revision|timetable)) (?:is|are|was|were) (?:literally |really |"
        r"actually |just )?killing me\b"
    ),
    "killing_it": r"\bkill\w* it\b",
    "killing_myself_laughing": r"\bkill\w* {MYSELF} laughing\b",
    "died_laughing": (
        r"\b(?:nearly |almost |literally |actually )?(?:died|dying|die|dead) (?:laughing|"
        r"of laughter|of laughing|from laughing|of embarrassment|of boredom|of shame|"
        r"of cringe)\b"
    ),
    "dying_to_do": (
        r"\bdying (?:to (?:see|meet|go|get|know|try|hear|tell|have|find|watch|play|visit|"
        r"show|start|do|eat|be back)|for (?:a|an|some|the) (?:wee|pee|drink|pizza|snack|"
        r"holiday|break|burger|chippy|coffee|tea))\b"
        # "dying for a mcdonalds": wanting something, whatever it is (not "a way out").
        r"|\b(?:am|im|i am|was|were|are|is) (?:\w+ )?dying for (?:a|an|some|my) (?!way\b)\w+"
    ),
    # "if i have to fill in one more form i will actually die": a complaint, not a plan.
    "one_more_and_i_die": (
        r"\bone more (?:\w+ ){0,2}?(?:form|forms|meting|metings|test|exam|lesson|email|review|"
        r"question|questions|survey|esay|asignment|homework|video cal|zoom|shift|chore)"
        r"(?: \w+){0,3}? (?:and )?i(?: will| wil| am going to| am gona| l)? "
        r"(?:literaly |actualy |honestly |just |defo |definitely )?(?:die|scream)\b"
    ),
    "soft_thing_thrown": (
        r"\b(?:hit|hits|threw|throws|chucked|whacked|smacked|bopped) (?:me|us|him|her|them) "
        r"with (?:a |an |the |my |his |her |their )?(?:pilow|pilows|cushion|cushions|snowbal|"
        r"snowbals|balon|balons|water balon|sponge|soft toy|teddy|sock|socks|nerf \w+|foam \w+)\b"
    ),
    # A carer holding a child back from danger: "grabbed my arm to stop me running into the road".
    "held_back_from_danger": (
        r"\b(?:grabed|grabs|pulled|held|caught) (?:my (?:arm|hand|hod|hodie|coat|wrist)|me back) "
        r"(?:\w+ ){0,2}?to stop me (?:from )?(?:running|runing|going|falling|stepping|walking) "
        r"(?:into|in front of|onto|out|of)\b"
    ),
    "rather_die_than": (
        r"\brather die than (?:eat|wear|watch|listen to|do (?:my )?homework|do maths|lose|"
        r"go shopping|sing|dance)\b"
    ),
    "pulling_hair_out_idiom": (
        r"\b(?:am|was|is|got me|have me|had me|making me|make me|makes me|is making me) "
        r"pul\w* my hair out\b"
    ),
    "cross_my_heart": r"\bcross my heart and hope to die\b",
    "device_died": (
        r"\b(?:phone|battery|laptop|tablet|ipad|xbox|playstation|ps5|console|charger|car|"
        r"torch|tv|telly|computer|switch|headphones|earbuds|controller) (?:has |had |just |"
        r"is |was )*(?:died|dead|dying)\b"
    ),
    "pet_ran_away": (
        r"\b(?:dog|cat|puppy|kitten|hamster|rabbit|bunny|pet|horse|pony|bird|budgie|ball|"
        r"guinea pig|tortoise) (?:ran|runs|run|running) (?:away|off)\b"
    ),
    "beat_at_game": r"\bbeat\w* (?:me|us|him|her|them|my \w+) (?:at|in) (?!home\b|the house\b)",
    "push_to_achieve": (
        r"\bpush\w* me to (?:do|be|work|try|achieve|get|aim|go|join|keep|reach|improve|study)\b"
    ),
    "grab_me_a": r"\bgrab\w* me (?:a|an|some|one)\b",
    "hit_me_up": r"\bhit\w* me up\b",
    "knife_and_fork": r"\bknife and fork\b|\bbutter knife\b|\bfork and knife\b",
    "toy_gun": r"\b(?:nerf|water|toy|glue|bb|laser|paint ?ball) guns?\b",
    "shoulder_blades": r"\bshoulder blades?\b|\broller ?blades?\b",
    # Learning about a danger is not meeting it: "a lesson on drugs and alcohol in PSHE".
    "learning_about": (
        r"\b(?:lesson|lessons|talk|talks|assembly|workshop|session|course|film|play|video|"
        r"leaflet|poster|project|presentation|training|pshe|documentary|programme|show) "
        r"(?:\w+ ){0,2}?(?:about|on) (?:the )?(?:dangers of )?{TOPIC}(?: and {TOPIC})*\b"
    ),
    "first_aid": (
        r"\bwhat to do (?:if|when) (?:someone|somebody|a person|people|your mate|a friend) "
        r"(?:\w+ ){0,2}?(?:takes an overdose|overdoses|has overdosed|collapses|is drunk|"
        r"passes out|chokes|is choking)\b"
    ),
    "ill_with_a_cold": (
        r"\b(?:cold|flu|bug|virus|covid|hangover|fever|temperature) and (?:i )?"
        r"feel\w* like death(?: warmed up)?\b"
    ),
    "love_to_death": r"\blove (?:him|her|them|you|it|my \w+) to (?:death|bits|pieces)\b",
    "follow_me_online": (
        r"\b(?:tiktok|instagram|insta|snapchat|snap|youtube|twitch|twitter|channel|page|"
        r"account|com|uk)\b(?:[ \n]\w+){0,3}[ \n]follow me\b"  # handles hold dots: "lily.b"
    ),
    "hurt_playing": (
        r"\bhurt (?:my \w+ |{MYSELF} )?(?:playing|at|in) (?:football|rugby|pe|sport|netball|"
        r"hockey|training|the match|the game|the trampoline park|trampolining|the gym|swimming|"
        r"the skate park)\b"
    ),
}

# The rules, one record each with the answers it must flag and must leave alone, kept by
# category in the safeguarding_rules_*.py files beside this one. Ordered by SEVERITY, so a
# result's `matches` lists the most severe first. A result's `matches` holds "category.rule"
# names, never any of the child's words, so it is safe to log.
RULES: Final[tuple[Rule, ...]] = tuple(
    sorted(
        (
            *_suicide.RULES,
            *_self_harm.RULES,
            *_sexual_abuse.RULES,
            *_exploitation.RULES,
            *_harm_at_home.RULES,
            *_missing.RULES,
            *_bullying_substances.RULES,
            *_honour_extremism.RULES,
            *_online_money.RULES,
            *_wellbeing.RULES,
        ),
        key=lambda rule: SEVERITY.index(rule.category),
    )
)

# Phrases also looked for with the spaces taken out of each sentence: see `JoinedUpRule`.
JOINED_UP: Final[tuple[JoinedUpRule, ...]] = tuple(
    sorted(
        (*_suicide.JOINED_UP, *_self_harm.JOINED_UP),
        key=lambda rule: SEVERITY.index(rule.category),
    )
)

# Words that only add emphasis: dropped from the normalised text, so "i really want to die",
# "he literally hits me" and "i want to kill myself tbh" meet the same rules as without them.
# Patterns never require one of these (tests/analysis/test_safeguarding_filler_words.py).
FILLERS: Final = frozenset(
    {
        *("just", "really", "literally", "actually", "basically", "honestly", "seriously"),
        *("genuinely", "kinda", "sorta", "totally", "lowkey", "highkey", "deadass", "tbh"),
        *("ngl", "um", "umm", "erm", "uh", "uhm", "hmm", "proper"),
    }
)

# Words whose squeezed form collides with a rule word; rewritten before squeezing.
PROTECTED_WORDS: Final[dict[str, str]] = {
    "rapping": "rhyming",
    "rapped": "rhymed",
    "rapper": "rhymer",
    "rappers": "rhymers",
    "weed": "cannabis",
    "weeds": "plants",
    "weeding": "gardening",
    "odd": "strange",
    "oddly": "strangely",
    "shh": "hush",
    "shhh": "hush",
    # Squeezed, "noose" is "nose": "the nose spray didnt even hurt" must not read as a method.
    "noose": "ligature",
    "nooses": "ligatures",
}

# Text speak and contractions with the apostrophe already removed. Keys are matched against the
# token as typed and again after squeezing, so "wana" and "wanna" both work.
TEXT_SPEAK: Final[dict[str, str]] = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "yr": "your",
    "youre": "you are",
    "r": "are",
    "im": "i am",
    "ima": "i am going to",
    "imma": "i am going to",
    "ive": "i have",
    "id": "i would",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "couldnt": "could not",
    "aint": "am not",
    "theyre": "they are",
    "theyve": "they have",
    "weve": "we have",
    "youve": "you have",
    "hes": "he is",
    "hed": "he would",
    "theyd": "they would",
    "youd": "you would",
    "shes": "she is",
    "its": "it is",
    "thats": "that is",
    "whats": "what is",
    "wanna": "want to",
    "wnat": "want",
    "wamt": "want",
    "watn": "want",
    "wnt": "want",
    "wana": "want to",
    "wannna": "want to",
    "gonna": "going to",
    "gona": "going to",
    "gunna": "going to",
    "gotta": "got to",
    "tryna": "trying to",
    "finna": "going to",
    "lemme": "let me",
    "gimme": "give me",
    "dunno": "do not know",
    "y": "why",
    "2": "to",
    "4": "for",
    "b4": "before",
    "bc": "because",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "bcoz": "because",
    "becoz": "because",
    "becuz": "because",
    "ppl": "people",
    "sum1": "someone",
    "some1": "someone",
    "sumone": "someone",
    "no1": "no one",
    "noone": "no one",
    "any1": "anyone",
    "ne1": "anyone",
    "every1": "everyone",
    "2day": "today",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tmrw": "tomorrow",
    "nite": "night",
    "wiv": "with",
    "wif": "with",
    "wid": "with",
    "w": "with",
    "thru": "through",
    "pls": "please",
    "plz": "please",
    "h8": "hate",
    "l8": "late",
    "m8": "mate",
    "m8s": "mates",
    "gr8": "great",
    "luv": "love",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "nuthin": "nothing",
    "nothin": "nothing",
    "somethin": "something",
    "smth": "something",
    "sth": "something",
    "evry": "every",
    "evryone": "everyone",
    "evry1": "everyone",
    "hurtin": "hurting",
    "cuttin": "cutting",
    "killin": "killing",
    "dyin": "dying",
    "nd": "and",
    "n": "and",
    "ok": "okay",
    "mam": "mum",
    "mom": "mum",
    "mommy": "mummy",
    "ded": "dead",
    "rn": "right now",
    "idk": "i do not know",
    "idc": "i do not care",
    "idw": "i do not want",
    "iwtd": "i want to die",
    "kmn": "kill myself now",
    "sewerslide": "suicide",
    "su1c1de": "suicide",
}

# Leetspeak digits and symbols inside words ("k1ll", "d1e", "$uicide").
LEET: Final[dict[str, str]] = {
    "0": "o",
    "1": "i",
    "3": "e",
    "4": "a",
    "5": "s",
    "7": "t",
    "@": "a",
    "$": "s",
}
