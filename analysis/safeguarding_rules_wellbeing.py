"""Safeguarding rules issue 13 found missing: indirect suicidal wording, overdoses, eating to
harm, drinking or drugs to cope, pregnancy with nobody to tell, a baby without heat or food, a
parent at risk to themselves, fear of someone at home, eviction, an empty fridge, and a child
staying away with nobody knowing.

Written as general rules, not as the sentences that showed them missing. Some are `today`
rather than `urgent`: they mean a person should read the answer today, not that harm is
happening now. See `safeguarding_rules.py` for how patterns are matched.
"""

from __future__ import annotations

from typing import Final

from .safeguarding_rule import Rule

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "suicidal_thoughts",
        "giving_up",
        (
            r"\b(?:feel|feels|feeling|felt|thinking|think|am|want|wanna|just) (?:like )?"
            r"(?:\w+ ){0,2}(?:giving up|give up) (?:on )?(?:everything|life|living|it all|"
            r"on me|on myself)\b"
            r"|\b(?:waste of space|waste of oxygen|waste of air|better off gone|no reason to "
            r"(?:live|be here|carry on|stay)|nothing (?:left )?to live for|can not (?:go on|"
            r"do this) any ?more|can not cope any ?more|tired of (?:living|being alive|life|"
            r"existing)|do not want to (?:be here|exist|wake up)|everyone would be better "
            r"without me|unaliv\w*|un aliv\w*|end (?:it|my life|things))\b"
        ),
        must_flag=(
            "i feel like giving up on everything",
            "im a waste of space",
            "been thinking about unaliving",
            "i just cant go on anymore",
            "honestly i have nothing left to live for",
        ),
        must_pass=("i gave up chocolate for lent", "i wanted to give up french"),
    ),
    Rule(
        "self_harm",
        "overdose_more_ways",
        (
            r"\b(?:took|take|taken|taking|swallowed|swallow|had|downed|necked) (?:all |a lot of |"
            r"loads of |lots of |a load of |a whole |the whole |a handful of |a packet of |"
            r"a bottle of |\d+ )?(?:of )?(?:my |me |his |her |their |the )?(?:mums |dads |nans |"
            r"carers |\w+s )?(?:pills|tablets|paracetamol|paracetamols|meds|medication|"
            r"sleeping pills|painkillers|antidepressants|co codamol|ibuprofen)\b"
            r"(?! (?:for|every|each|with|at|in the morning|this morning|because of)\b)"
            r"|\b(?:overdos\w*|over dos\w*|od|ods|oded|oding)\b"
        ),
        must_flag=(
            "took all my mums pills",
            "i OD'd last night",
            "i swallowed a packet of paracetamol",
            "i took loads of tablets to sleep forever",
        ),
        must_pass=("i take my tablets every morning", "i took my meds for my asthma"),
    ),
    Rule(
        "self_harm",
        "eating_to_harm",
        (
            r"\b(?:do not|dont|never|stop|stopped|try not to|barely|hardly) (?:eat|eating|ate)"
            r"(?: \w+){0,4} (?:so|to|because|cause|cos|till|until) (?:i can |i wil |i am |i )?"
            r"(?:be |get |stay |look |feel )?(?:skinny|thin|thinner|skinnier|lose weight|"
            r"lighter|empty|smaller|in control)\b"
            r"|\b(?:make|made|making) {MYSELF} (?:sick|throw up|vomit)\b"
            r"|\b(?:starv\w* {MYSELF}|anorexi\w*|bulimi\w*|purg(?:e|ing)|pro ana|thinspo)\b"
            r"|\b(?:throw|throwing|threw) up (?:after|when) i (?:eat|ate)\b"
        ),
        must_flag=(
            "i dont eat so i can be skinny",
            "i make myself sick after tea",
            "i have been starving myself",
            "i hardly eat anything so i stay thin",
        ),
        must_pass=("i dont eat meat", "i was sick after the rollercoaster"),
        tier="today",
    ),
    Rule(
        "substance_misuse",
        "to_cope",
        (
            r"\b(?:drink\w*|drunk|get drunk|getting drunk|smok\w*|tak\w*|us\w*|vap\w*|"
            r"{DRUG}|{ALCOHOL}|pills)(?: \w+){0,4} (?:to (?:cope|forget|numb|block|stop "
            r"(?:feeling|thinking)|get through|sleep|feel nothing|not feel|escape)|so i "
            r"(?:do not|can not) (?:feel|think))\b"
            r"|\b(?:{DRUG}|vodka|cider|beer|wine|spirits|booze|drunk|high|stoned|wasted)"
            r"(?: \w+){0,3} every (?:day|night|morning)\b"
        ),
        must_flag=(
            "i drink to cope",
            "i smoke weed every day to forget",
            "i get drunk so i dont feel anything",
        ),
        must_pass=("i drink water every day", "i take my dog for a walk to get through revision"),
        tier="today",
    ),
    Rule(
        "pregnancy",
        "nobody_to_tell",
        (
            r"\b(?:pregnant|preg|expecting a baby|having a baby|missed my period|late period|"
            r"period is late|pregnancy test)\b(?: \w+){0,8} (?:no one|nobody|can not|cant|do not "
            r"know (?:who|what|how)|scared|afraid|frightened|not told|have not told|secret|"
            r"hide|hiding|alone|on my own)\b"
            r"|\b(?:can not|cant|scared to|afraid to|do not know how to) tel (?:anyone|anybody|"
            r"my \w+)\b(?: \w+){0,4} (?:pregnant|preg|baby|period)\b"
        ),
        must_flag=(
            "im pregnant and i cant tell anyone",
            "i think im pregnant and im scared",
            "i missed my period and nobody knows",
        ),
        must_pass=("my foster mum is pregnant and we are all excited",),
        tier="today",
    ),
    Rule(
        "neglect",
        "baby_without",
        (
            r"\b(?:baby|babys|little one|newborn|my son|my daughter|the kids|my kids|toddler)\b"
            r"(?: \w+){0,4} (?:no|not|without|any|nothing)(?: \w+){0,2} (?:heating|heat|food|"
            r"milk|formula|nappies|warm|eat|to eat|electric|electricity|gas)\b"
            r"|\b(?:no|can not afford|cant afford|ran out of|run out of) (?:\w+ ){0,2}(?:milk|"
            r"formula|nappies) (?:for|to feed) (?:the |my )?(?:baby|son|daughter|little one)\b"
        ),
        must_flag=(
            "the baby has no heating or food",
            "i cant afford formula for my baby",
            "my little one has not had anything to eat today",
        ),
        must_pass=("the baby has a new coat and it is warm",),
    ),
    Rule(
        "neglect",
        "empty_fridge",
        (
            r"\b(?:fridge|cupboards?|cupboard)\b(?: \w+){0,3} (?:always |often |usualy |just )?"
            r"(?:empty|bare|nothing in)\b"
            r"|\b(?:no|not (?:enough|any)) food (?:in the house|at home|at my house|at mums|"
            r"at dads|for days|for me)\b"
            r"|\b(?:go|went|going|gone) (?:to (?:bed|school) )?hungry\b"
            r"|\bhave not (?:eaten|had (?:anything|food|tea|dinner)) (?:since|for|in) \w+"
        ),
        must_flag=(
            "the fridge is always empty",
            "there is no food in the house again",
            "i go to school hungry most days",
        ),
        must_pass=("the fridge at my carers is always full", "i was hungry after football"),
        tier="today",
    ),
    Rule(
        "parent_at_risk",
        "parent_harming_self",
        (
            r"\b{MY} (?:mum|dad|mummy|daddy|mother|father|parents?|step ?mum|step ?dad|nan|"
            r"grandad|gran|carer)\b(?: \w+){0,4} (?:kil|hurt|cut|harm|end|top|unalive)\w* "
            r"(?:herself|himself|themselves|themself|her life|his life|it all|her own|his own)\b"
            r"|\b{MY} (?:mum|dad|mummy|daddy|mother|father|step ?mum|step ?dad|nan|grandad|gran)"
            r"\b(?: \w+){0,3} (?:took|had|has taken|taken|did) (?:an |a )?(?:overdose|od|"
            r"too many (?:pills|tablets))\b"
            r"|\b{MY} (?:mum|dad|mummy|daddy|mother|father|step ?mum|step ?dad)\b(?: \w+){0,3} "
            r"(?:wants|want|said she wants|said he wants|says she wants|says he wants|talks "
            r"about wanting|keeps saying she wants|keeps saying he wants) to die\b"
            r"|\b{MY} (?:mum|dad|mummy|daddy|mother|father)\b(?: \w+){0,3} (?:passed out|"
            r"colapsed|unconscious|will not wake up|wont wake up|can not wake)\b"
        ),
        must_flag=(
            "my mum said she wants to kill herself",
            "my dad took an overdose last night",
            "my mum is passed out on the floor again",
        ),
        must_pass=("my mum hurt her back at work",),
    ),
    Rule(
        "physical_abuse",
        "beaten_by",
        (
            r"\b(?:get|gets|got|getting|been|being|was|were) (?:\w+ )?{HURT} (?:up )?"
            r"(?:\w+ ){0,2}by (?:{MY} |the |a |his |her |their )?(?:{FAMILY}|{CARER}|he|she|"
            r"them|him|her|people|someone)\b"
            # "beaten by my brother at fifa" is a game.
            r"(?!(?: \w+){0,2} (?:at|in|on) (?:fifa|fortnite|cod|chess|football|the game|a game|"
            r"games?|pool|darts|cards|tennis|\w+ball|the race|a race|mario ?kart|monopoly)\b)"
        ),
        must_flag=(
            "i get beat by my dad",
            "i got battered by my step dad again",
            "i was hit hard by him",
        ),
        must_pass=("we got beat by 3 goals", "i got beaten by my brother at fifa"),
    ),
    Rule(
        "domestic_abuse",
        "scared_of_someone",
        (
            r"\b(?:he|she|they|him|{MY} (?:\w+ )?{FAMILY}|{MY} {CARER})\b(?: \w+){0,2} "
            r"(?:scares|scared|frightens|frightened|terrifies|terrified|intimidates) "
            r"(?:me|us|my \w+)\b"
            r"|\b(?:scared|frightened|terrified|afraid) of (?:{MY} (?:\w+ )?(?:{FAMILY}|{CARER})|"
            r"him|her|them|going home|being at home|what (?:he|she|they) (?:will|wil|might) do)\b"
        ),
        must_flag=("he scares me", "i am scared of my step dad", "im frightened of going home"),
        must_pass=("the film scared me", "im scared of spiders"),
        tier="today",
    ),
    Rule(
        "no_safe_place",
        "lost_the_home",
        (
            r"\b(?:got|getting|been|being|was|were|are|am|just|might get|going to be) "
            r"(?:\w+ )?(?:evicted|kicked out|thrown out|chucked out|made homeless)\b"
            r"|\bhomeless\b(?! (?:shelter|charity|people|person|man|woman|hostel|project))"
            r"|\b(?:eviction|section 21|sofa surfing|sofa surf\w*|nowhere to (?:live|"
            r"stay|sleep|go))\b"
        ),
        must_flag=(
            "we got evicted",
            "we are being evicted next week",
            "i have nowhere to stay tonight",
        ),
        must_pass=("we helped at the homeless shelter for school",),
        tier="today",
    ),
    Rule(
        "going_missing",
        "staying_away_unknown",
        (
            r"\b(?:sleep\w*|stay\w*|kip\w*|crash\w*|been|living) (?:\w+ ){0,2}(?:at|round|in|with) "
            r"(?:a |my |some |this |his |her |an )?(?:\w+ ){0,1}(?:mates?|friends?|boyfriends?|"
            r"girlfriends?|\w+s house|park|car|street|streets|stairwell|mans|older \w+)\b"
            r"(?: \w+){0,6} (?:nobody knows|no one knows|noone knows|not told anyone|they do not "
            r"know|do not know where i am|without telling|for (?:a |two |three |\d+ )?(?:days|"
            r"week|weeks|nights))\b"
        ),
        must_flag=(
            "been sleeping at a mates for a week nobody knows",
            "im staying at my boyfriends and my carers dont know where i am",
            "i have been sleeping in the park for 3 nights",
        ),
        must_pass=("i stayed at my friends for a sleepover on saturday",),
    ),
)
