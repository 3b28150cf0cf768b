"""Safeguarding rules for female genital mutilation, forced marriage and honour-based abuse,
radicalisation, and modern slavery and trafficking (issue 13: categories with no rules before).

See `safeguarding_rules.py` for how patterns are matched and `safeguarding_rule.py` for what
a rule's examples promise. Between a verb and its object, `(?:\\w+ ){0,2}` lets a word or two
in ("cut me down there", "cut me and my sister down there").
"""

from __future__ import annotations

from typing import Final

from .safeguarding_rule import Rule

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "fgm",
        "named",
        (
            r"\b(?:fgm|female genital mutilation|female circumcision|circumcis\w* (?:me|her|"
            r"girls?|my sister|us)|khatna|khafd|sunna|tahara|gudniin|infibulat\w*|"
            r"cut\w* (?:\w+ ){0,2}(?:down there|between my legs|private parts|privates))\b"
            r"|\b(?:girls?|sister|daughter|i|me|her)\b(?: \w+){0,3} circumcis\w*"
        ),
        must_flag=(
            "they are going to cut me down there when we go back home",
            "my aunty said i will have the cutting, they call it sunna",
            "i think they want to do fgm on my little sister",
            "my mum says all girls get circumcised when we visit",
        ),
        must_pass=("i cut my hair short", "we did a circle time down there in the hall"),
    ),
    Rule(
        "fgm",
        "special_procedure",
        (
            r"\b(?:special (?:procedure|ceremony|cutting|celebration) (?:for|to make) (?:me|girls|"
            r"us|my sister)|(?:become|becoming|made|make me) (?:a )?(?:pure|clean) (?:girl|woman)|"
            r"(?:woman|women) (?:\w+ ){0,2}(?:cut|cuts|cutting) (?:girls|me|us))\b"
        ),
        must_flag=(
            "when we go to see nan there is a special procedure for girls",
            "they said it will make me a clean woman",
        ),
        must_pass=("we had a special assembly for year 6",),
    ),
    Rule(
        "forced_marriage",
        "made_to_marry",
        (
            r"\b(?:mak\w*|made|forc\w*|pressur\w*|push\w*) (?:me )?(?:\w+ ){0,2}(?:to )?"
            r"(?:marry|mary|get maried|be maried|wed)\b"
            r"|\b(?:want\w*|arrang\w*|send\w*|sent|tak\w*|took) me (?:\w+ ){0,3}(?:to )?"
            r"(?:marry|mary|get maried|be maried|be engaged|get engaged)\b"
            r"|\b(?:promised|engaged|betrothed) to (?:a|an|my|his|her|this|some) \w+"
            r"|\b(?:forced|arranged) (?:marriage|mariage)\b"
            r"|\bhave to (?:marry|mary|get maried)\b"
        ),
        must_flag=(
            "my parents are making me marry my cousin",
            "they want me to get married when i am 16",
            "im being forced to marry someone back home",
            "i have been promised to a man in pakistan",
            "i have to marry him in the summer",
        ),
        must_pass=(
            "my sister got married last year and it was fun",
            "i want to marry a footballer",
        ),
    ),
    Rule(
        "forced_marriage",
        "honour",
        (
            r"\b(?:honou?r|shame|dishonou?r|izzat|sharam|namus|sharaf)\b(?: \w+){0,6} "
            r"(?:kil|hurt|beat|punish|send|sent|lock|locked|disown|marry)\w*"
            r"|\b(?:kil|hurt|beat|punish|disown|send|sent|lock)\w* (?:me|her)\b(?: \w+){0,4} "
            r"(?:honou?r|shame|dishonou?r|izzat)\b"
            r"|\b(?:not allowed|can not|cant) (?:to )?(?:have|see|talk to) (?:a )?"
            r"(?:boyfriend|girlfriend)\b(?: \w+){0,4} (?:kil|hurt|beat|send me)\w*"
        ),
        must_flag=(
            "my brother says i bring shame on the family and he will kill me",
            "if they find out about my boyfriend they will send me back home because of izzat",
            "they will hurt me for the dishonour",
        ),
        must_pass=("it was an honour to meet the mayor", "its a shame the trip was cancelled"),
    ),
    Rule(
        "forced_marriage",
        "taken_abroad",
        (
            r"\b(?:take|taking|send|sending|sent|took) (?:me )?(?:back )?(?:home|abroad|back)"
            r"(?: \w+){0,5} (?:marry|mary|married|wedding|husband|wife|engaged|stay there "
            r"forever|not coming back)\b"
            r"|\b(?:keep|kept|took|taken) (?:my )?passport\b"
        ),
        must_flag=(
            "they are taking me back home in the summer to get married",
            "dad took my passport and says i am not coming back",
        ),
        must_pass=("we are going back home to see nan in the summer",),
    ),
    Rule(
        "radicalisation",
        "drawn_in",
        (
            r"\b(?:martyr\w*|jihad\w*|holy war|race war|white power|white genocide|"
            r"great replacement|kafirs?|kufar|infidels?|1488|14 88|isis|daesh|al qaeda|"
            r"national action|patriotic alternative)\b"
            r"|\bjoin (?:the |their |our )?(?:fight|cause|brothers|brotherhood|jihad)\b"
            r"|\bfight\w* for (?:isis|allah|the cause|our race|the brotherhood|the white race)\b"
        ),
        must_flag=(
            "they showed me videos and said i should join the fight against the kafirs",
            "a man online says i should go and fight for isis",
            "i have been reading stuff about the race war and i think its true",
        ),
        must_pass=(
            "i want to join the football team",
            "i joined the army cadets",
            "i would die for my little sister",
        ),
        tier="today",
    ),
    Rule(
        "radicalisation",
        "recruited",
        (
            r"\b(?:kil|attack|bomb|blow up|stab|shoot)\w* (?:\w+ ){0,2}(?:muslims|jews|"
            r"immigrants|foreigners|non believers|unbelievers|the police|soldiers|gay people|"
            r"black people|white people|them all)\b"
            r"|\b(?:make|making|build|building|made) (?:a |an )?(?:bomb|explosive|pipe bomb)\b"
            r"|\b(?:extremis\w*|radicalis\w*|radicaliz\w*|terroris\w*)\b"
        ),
        must_flag=(
            "the group chat says we should attack muslims",
            "an older lad is showing me how to make a bomb",
            "my cousin is trying to radicalise me",
        ),
        must_pass=("we learned about the romans attacking the celts",),
    ),
    Rule(
        "modern_slavery",
        "forced_work",
        (
            r"\b(?:work\w*|clean\w*|cook\w*|labou?r\w*) (?:\w+ ){0,4}(?:for no money|"
            r"without pay|for free|unpaid|and (?:they|he|she) (?:keep|keeps|takes|take|took) "
            r"(?:all )?(?:the |my )?money|no wages)\b"
            r"|\b(?:keep|keeps|kept|took|take|takes|taken) (?:away )?(?:my|our) (?:passport|"
            r"id|papers|documents|wages|pay)\b"
            r"|\b(?:owe|owes|debt) (?:\w+ ){0,3}(?:for|to) (?:bringing|bring|get|getting) "
            r"(?:me|us) (?:here|to (?:the )?uk|to england)\b"
            r"|\b(?:traffick\w*|slave|slavery|enslav\w*)\b"
        ),
        must_flag=(
            "i work all day and they keep my passport",
            "i clean the house every day for no money",
            "they say i owe them for bringing me here",
            "i think i was trafficked",
            "they treat me like a slave and take my wages",
        ),
        must_pass=("i work at the cafe on saturdays and get paid", "i lost my passport"),
    ),
    Rule(
        "modern_slavery",
        "not_free_to_leave",
        (
            r"\b(?:not allowed|can not|cant|am not able) (?:to )?(?:leave|go out|go outside) "
            r"(?:the )?(?:house|flat|place|restaurant|shop|car wash|nail bar|farm|factory|"
            r"building)\b"
            r"|\blocked (?:me )?in (?:the |a )?(?:house|room|flat|shop|restaurant|basement)\b"
        ),
        must_flag=(
            "im not allowed to leave the house except to work at the nail bar",
            "they locked me in the room at night",
        ),
        must_pass=("im not allowed to go out after 9 on school nights",),
    ),
)
