"""Safeguarding rules for physical abuse, domestic abuse and neglect.

See `safeguarding_rules.py` for how patterns are matched and `safeguarding_rule.py` for what
a rule's examples promise.
"""

from __future__ import annotations

from typing import Final

from .safeguarding_rule import Rule

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "physical_abuse",
        "hurts_me",
        r"\b{HURT} me\b",
        must_flag=("He hits me", "he hurts me", "she slaps me"),
        must_pass=("That PIN is not right", "The dentist hurt a bit"),
    ),
    Rule(
        "physical_abuse",
        "i_get_hurt",
        (
            r"\b(?:i|me) (?:get|gets|got|getting|been|was|am|have been|keep getting|used to get) "
            r"(?:hit|beaten|beat up|punched|kicked|slapped|hurt|smacked|battered|whacked|"
            r"attacked|strangled|choked|burned|burnt|bitten|thumped|belted|abused|assaulted|"
            r"restrained|locked in|locked up|pushed|thrown|shoved|stabbed|beaten up|jumped)\b"
        ),
        must_flag=("i get beaten", "i was assaulted", "I get hit with a belt"),
        must_pass=("The dentist hurt a bit", "I beat my high score today"),
    ),
    Rule(
        "physical_abuse",
        "beat_me_up",
        r"\bbeat\w* me up\b|\bbeats? (?:the )?(?:hell|crap|shit|life) out of me\b",
        must_flag=("my step dad beats me up when he's angry",),
        must_pass=("I beat my high score today", "i beat my brother at chess"),
    ),
    Rule(
        "physical_abuse",
        "injury_from_someone",
        (
            r"\b(?:from|where|after|because|cos) (?:he|she|they|my \w+|mum|dad) (?:threw|chucked|"
            r"hit|kicked|punched|slapped|grabbed|pushed|bit|burnt|burned|whacked|hurt)\b"
        ),
        must_flag=(
            "i have bruises from where she grabbed me",
            "mum had to go to hospital after dad hurt her",
            "i have bruises on my legs from where he kicked me",
        ),
        must_pass=("Children looked after", "children looked after"),
    ),
    Rule(
        "physical_abuse",
        "neck_and_throat",
        r"\b(?:round|around|on|by) {MY} (?:neck|throat)\b|\bby the (?:neck|throat|hair)\b",
        must_flag=(
            "my dad put his hands round my neck",
            "my key worker grabbed me by the neck",
            "the police came again coz my step dad smashed up the house and had mum by the throat",
        ),
        must_pass=("I cut my hair really short", "i cut my hair short and i hate it lol"),
    ),
    Rule(
        "physical_abuse",
        "a_good_hiding",
        (
            r"\b(?:gives|gave|give|giving|get|gets|got|getting) (?:me )?a (?:good |proper |right |"
            r"real )?(?:hiding|beating|smack|slap|kicking|battering|clip round the ear|"
            r"back ?hander|whooping|thrashing|leathering)\b"
        ),
        must_flag=("me dad gives me a good hiding",),
        must_pass=("never calls back", "I want my phone back"),
    ),
    Rule(
        "physical_abuse",
        "with_a_weapon",
        (
            r"\b(?:with|using) (?:a|the|his|her|their) (?:belt|stick|slipper|shoe|cane|"
            r"wooden spoon|hanger|cable|wire|lead)\b"
        ),
        must_flag=(
            "I get hit with a belt",
            "dad hits me with his belt",
            "mum smacks me with a slipper",
        ),
        must_pass=("contact with my mum", "contact with my nan"),
    ),
    Rule(
        "physical_abuse",
        "injury_words",
        (
            r"\b(?:bruis\w*|black eye|broken (?:arm|nose|wrist|ribs?))\b"
            r"|\bmarks on {MY} (?:body|back|face|arms?|legs?|neck)\b"
        ),
        must_flag=(
            "i got a black eye from my dad",
            "i'm always covered in bruises",
            "mum has bruises and says she fell",
        ),
        must_pass=("my phone is broken", "my laptop is broken"),
    ),
    Rule(
        "physical_abuse",
        "hurt_body_part",
        (
            r"\b(?:{HURT}|pul\w*|yank\w*) (?:my|me by the|me by my) (?:arm|arms|neck|throat|hair|"
            r"wrist|wrists|face|"
            r"head|ear|ears|leg|legs)\b|\bleft (?:a )?(?:marks?|bruises?)\b"
        ),
        must_flag=(
            "i pull my hair out",
            "she pulls my hair and drags me",
            "i bite my arms until they bleed",
        ),
        must_pass=("Head of Service", "I cut my hair really short"),
    ),
    Rule(
        "physical_abuse",
        "against_the_wall",
        (
            r"\b(?:me|my \w+) (?:up )?(?:against|into) the (?:wall|door|floor|table|radiator|"
            r"window|ground|stairs|car)\b|\bme (?:on|onto|to) the (?:floor|ground)\b"
        ),
        must_flag=(
            "my mums boyfriend pinned me against the wall",
            "one of the staff at the home pushed me against the wall",
        ),
        must_pass=("Ask Sarah again. ", "phone bills again"),
    ),
    Rule(
        "physical_abuse",
        "strong_words",
        (
            r"\b(?:beaten|battered|punched|slapped|strangled|choked|smacked|whacked|thumped|"
            r"stabbed|assaulted|attacked|bruised|kicked me|leathered)\b"
        ),
        must_flag=("i get beaten", "i was assaulted", "my carer slapped me"),
        must_pass=("correct horse battery staple", "I had a panic attack in the exam"),
    ),
    Rule(
        "physical_abuse",
        "abuse_unspecified",
        r"\b(?:abus\w*|violen\w*)\b",
        must_flag=(
            "i was abused when i was little",
            "my mums partner is violent to her",
            "he gets violent when he's had a drink",
        ),
        must_pass=("i dont like the bus",),
    ),
    Rule(
        "physical_abuse",
        "held_down",
        r"\b(?:held|hold\w*|pin\w*) me down\b|\bsat on me\b|\brestrain\w*\b",
        must_flag=(
            "the staff restrained me and hurt my arm",
            "one of the night staff pinned me down on the floor",
        ),
        must_pass=(
            "Football helps me calm down",
            "the youth worker takes me fishing and it calms me down",
        ),
    ),
    Rule(
        "physical_abuse",
        "locked_in",
        (
            r"\block\w* (?:me )?(?:in|up) (?:in )?(?:{MY} room|the (?:room|cupboard|shed|"
            r"bathroom)|a (?:room|cupboard))\b|\block\w* me (?:in|up)\b"
        ),
        must_flag=("my carer locks me in my room", "my carer locks me in my room as a punishment"),
        must_pass=("i get locked out", "my foster carer locks the food away"),
    ),
    Rule(
        "domestic_abuse",
        "hurts_parent",
        (
            r"\b{HURT} (?:her|him|(?:{MY} )?(?:mum|mummy|mother|step ?mum|nan|gran|auntie|aunt|"
            r"dad|daddy|father|step ?dad))\b"
        ),
        must_flag=("my dad hurts my mum", "i'm going to hurt him", "mum's boyfriend hits her"),
        must_pass=("i miss my mum", "i miss my nan"),
    ),
    Rule(
        "domestic_abuse",
        "parents_fight",
        (
            r"\b(?:mum|dad|parents|they|mum and dad|dad and mum|mums? (?:boy|girl)friend|"
            r"dads? (?:boy|girl)friend|step ?dad|step ?mum) (?:always |keep |keeps |still |are "
            r"|is )?(?:fight\w*|argu\w*|row\w*|scream\w* at each other|shout\w* at each other|"
            r"hurt\w* each other|hit\w* each other)\b"
            # "they argued about his EHCP": a dispute between services, not at home
            r"(?! (?:about|over) (?:his|her|its|the|which|what|whether|who|school|colege)\b)"
        ),
        must_flag=(
            "i hide in my room when they're fighting",
            "my parents fight all the time and the police came",
        ),
        must_pass=("i miss my mum", "my mum is poorly"),
    ),
    Rule(
        "domestic_abuse",
        "rows_at_home",
        (
            r"\b(?:shout\w*|scream\w*|yel\w*|fight\w*|argu\w*|row\w*|smash\w*|slam\w*) "
            r"(?:\w+ ){0,4}?(?:all the time|every night|every day|at home|in the house|at night|"
            r"in our house)\b"
        ),
        must_flag=(
            "she screams at me every day",
            "there is shouting and fighting every night",
            "my parents fight all the time and the police came",
        ),
        must_pass=("I need more time", "I feel safe at home"),
    ),
    Rule(
        "domestic_abuse",
        "scary_when_drinking",
        (
            r"\b(?:scary|frightening|terrifying|violent|nasty|horrible) when (?:he|she|they|"
            r"my \w+|mum|dad) (?:drinks|is drunk|gets drunk|has had a drink|has been drinking|"
            r"is angry|gets angry|is on drugs|takes drugs)\b"
        ),
        must_flag=("my dad is really scary when he drinks",),
        must_pass=("The bus takes ages", "i dont drink or smoke, not my thing"),
    ),
    Rule(
        "domestic_abuse",
        "police_at_home",
        (
            r"\bpolice (?:were|was|are|is|have ben) (?:at|round|in) (?:ours|our house|our flat|the "
            r"house|home|my house)\b"
            r"|\bpolice (?:came|come|comes|were called|was called|got called|keep coming|"
            r"turned up|had to come)\b|\bcall\w* the police on\b"
        ),
        must_flag=(
            "my parents fight all the time and the police came",
            "the police were at ours again cos dad smashed the house up",
            "the police came again coz my step dad smashed up the house and had mum by the throat",
        ),
        must_pass=("I want to be a police officer", "police picked me up in Bristol"),
    ),
    Rule(
        "domestic_abuse",
        "my_ex",
        (
            r"\bmy ex(?: partner| boyfriend| girlfriend| husband| wife)? (?:\w+ ){0,4}?"
            r"(?:threat\w*|hit\w*|hurt\w*|turns up|turned up|keeps turning up|follow\w*|"
            r"stalk\w*|will not leave me|smash\w*|kick\w*|punch\w*|strangl\w*|chok\w*)\b"
        ),
        must_flag=(
            "my ex keeps turning up at my flat",
            "my ex still turns up at the house and threatens me in front of the kids",
        ),
        must_pass=("The dentist hurt a bit", "won't get any more texts"),
    ),
    Rule(
        "domestic_abuse",
        "injured_parent",
        (
            r"\b(?:mum|mummy|mother|nan|she|dad|he) (?:has|had|has got|got) (?:a |another )?"
            r"(?:black eye|bruises|bruised \w+|cut lip|split lip|broken \w+)\b"
            r"|\bsays? (?:she|he) (?:fell|walked into|banged|tripped)\b"
        ),
        must_flag=(
            "mum has bruises and says she fell",
            "my mum has a black eye again and says she fell",
            "nan has a black eye and says she walked into a door",
        ),
        must_pass=("I got 7 out of 10", "tablet has finished"),
    ),
    Rule(
        "domestic_abuse",
        "domestic_words",
        r"\b(?:domestic (?:abuse|violence)|dv|coercive|controlling)\b",
        must_flag=("my mums boyfriend is really controlling and wont let her out",),
        must_pass=("I want my own phone contract", "my phone contract and my phone bills"),
    ),
    Rule(
        "domestic_abuse",
        "gets_violent",
        (
            r"\b(?:gets|get|got|getting|is|was|being) (?:really |very )?violent\b"
            r"|\b(?:smash\w*|throw\w*|threw|broke|break\w*) (?:things|stuff|plates|furniture|"
            r"doors|windows)\b"
        ),
        must_flag=(
            "my mums partner is violent to her",
            "he gets violent when he's had a drink",
            "mum throws things at me when shes drunk",
        ),
        must_pass=("my phone is broken", "my laptop is broken"),
    ),
    Rule(
        "neglect",
        "no_food",
        (
            r"\b(?:no|not enough|not any|not much|never enough|never any|nothing|not got any|"
            r"never got any) (?:food|tea|dinner|breakfast|lunch|meals?|to eat)\b"
            r"|\b(?:always|often|still|constantly|go to bed|going|go) hungry\b"
            r"|\bhungry (?:all the time|every day|at home|at night)\b"
            r"|\bstarving (?:all the time|every day|at home)\b|\balways starving\b"
        ),
        must_flag=(
            "I'm always hungry",
            "there's no food in the fridge ever",
            "there's never any food in the house",
        ),
        must_pass=("the bus is always late", "because Sandra makes tea"),
    ),
    Rule(
        "neglect",
        "not_fed",
        (
            r"\b(?:not|never|will not) (?:\w+ )?(?:feed|fed) (?:me|us)\b"
            r"|\b(?:forget\w*|forgot) to (?:feed|fed|give (?:me|us) (?:food|tea|dinner)|make "
            r"(?:tea|dinner|food))\b"
            r"|\b(?:no one|nobody|noone|no body) (?:ever )?(?:cooks|makes (?:us |me )?(?:food|tea|"
            r"dinner|meals)|feeds (?:me|us))\b"
            r"|\b(?:not|never|will not) (?:\w+ )?give me (?:any |enough )?(?:food|dinner|tea|"
            r"breakfast|lunch|anything to eat|to eat)\b"
            r"|\bnot (?:being )?allowed (?:to )?(?:eat|food|dinner|tea|a drink|drinks)\b"
        ),
        must_flag=("mum doesn't feed us", "my carers dont feed me", "no one ever cooks for us"),
        must_pass=("because Sandra makes tea", "my nan makes the best roast"),
    ),
    Rule(
        "neglect",
        "left_alone",
        (
            r"\b(?:left|leaves|leaving|get left|am left|was left) (?:\w+ ){0,4}?(?:alone|"
            r"on {MY} own|by {MYSELF}|on our own|on their own|by ourselves)\b"
            r"|\b(?:no one|nobody|no body|noone) (?:looks after|look after|cares? for|feeds|"
            r"picks me up|is there for me|to look after)\b"
        ),
        must_flag=(
            "nobody looks after me",
            "i am always left alone at home",
            "I get left on my own all weekend",
        ),
        must_pass=("Leaving care team", "There is a problem"),
    ),
    Rule(
        "neglect",
        "no_proper_meals",
        (
            r"\b(?:not|never) (?:had|get|got|have|eaten|eat) (?:a )?(?:proper |hot |decent )?"
            r"(?:meal|dinner|food|tea)s?\b(?! (?:at school|in school)\b)"
            r"|\b(?:not|never) (?:had|eaten|ate) (?:\w+ ){0,2}(?:in|for) (?:days|\d+ days|two days|"
            r"a day|ages|a week)\b"
        ),
        must_flag=(
            "i haven't had a proper meal in days",
            "my dad spends all the money on drink and we don't have food",
        ),
        must_pass=("because Sandra makes tea", "school dinners are minging"),
    ),
    Rule(
        "neglect",
        "empty_cupboards",
        (
            r"\b(?:never|not) (?:anything|any food|food) (?:in|to eat in) the (?:cupboards?|fridge|"
            r"house|kitchen)\b|\bnothing in the (?:cupboards?|fridge|house to eat)\b"
            r"|\bempty (?:cupboards?|fridge)\b"
            r"|\block\w* (?:the |al the )?(?:food|fridge|cupboards|kitchen)(?: away| up)?\b"
            r"|\bfood (?:is |gets )?locked\b"
        ),
        must_flag=(
            "there's never any food in the house",
            "my foster carer locks the food away",
            "there's never anything in the cupboards",
        ),
        must_pass=("The new house is nice", "Nothing, everything is fine"),
    ),
    Rule(
        "neglect",
        "fending_for_myself",
        (
            r"\b(?:have to|got to|has to) (?:make|cook|get|find) (?:my|our) own (?:tea|dinner|"
            r"food|meals?|breakfast|lunch)\b"
            r"|\bbecause (?:mum|dad|my \w+|they|she|he) (?:is|are|was|were) (?:always )?(?:out|"
            r"not (?:home|there|around)|asleep|drunk|at the pub|high)\b"
        ),
        must_flag=("i have to make my own tea every night because mum is out",),
        must_pass=("i'd like my own key", "because Sandra makes tea"),
    ),
    Rule(
        "neglect",
        "overcrowded_unkempt",
        (
            r"\bshare (?:a |one |the same )?bed (?:with|betwen)\b|\b(?:nits|head lice|fleas|"
            r"bed bugs)\b|\b(?:no one|nobody|noone) (?:sorts|deals with|cleans|washes)\b"
        ),
        must_flag=(
            "we have to share one bed between four of us",
            "my little brother has nits and no one sorts it",
        ),
        must_pass=("Head of Service", "Import the 5 clean rows and skip the rest"),
    ),
    Rule(
        "neglect",
        "parent_cannot_cope",
        (
            r"\b(?:mum|mummy|dad|daddy|she|he|they) (?:sleeps?|is asleep|stays? asleep|is in bed) "
            r"(?:all day|all the time|every day|until (?:tea|dinner|the afternoon))\b|"
            r"\b(?:mum|dad|she|he|they) (?:stays?|is|lies|lays|stay) in bed (?:al day|every day|"
            r"all the time)\b|\bi have to do everything\b|\balways in bed\b"
            r"|\b(?:no one|nobody|noone|no body) (?:wakes|gets|takes) me (?:up|ready|to school)\b"
        ),
        must_flag=(
            "mum is asleep all day so i do tea",
            "mummy sleeps all day and i make my own tea",
            "nobody takes me to school when i stay at dads",
        ),
        must_pass=("I go to bed at 9", "The bus takes ages"),
    ),
    Rule(
        "neglect",
        "basic_care",
        (
            r"\b(?:not had|without|not got) (?:any )?(?:heating|electric|electricity|gas|hot water|"
            r"food|clean clothes)\b"
            r"|\b(?:no|dirty|smelly|not got any|not got clean) (?:clean )?(?:clothes|uniform|"
            r"shoes|bed|sheets|water|heating|electric|electricity|gas|hot water|toothbrush)\b"
            r"|\b(?:same|dirty) (?:\w+ )?(?:clothes|uniform|pants|socks|top) (?:\w+ ){0,2}?"
            r"(?:every day|for days|all week|for a week|al the time)\b"
            r"|\bcold (?:at home|in the house|all the time)\b"
            r"|\bhouse is (?:dirty|filthy|disgusting|a mess)\b"
        ),
        must_flag=(
            "we've got mice and no hot water",
            "we haven't had heating all winter",
            "we have no electric and no heating",
        ),
        must_pass=("I go to bed at 9", "I got 7 out of 10"),
    ),
    Rule(
        "neglect",
        "no_medical_care",
        (
            r"\b(?:not|never|will not|nobody|no one|no body) (?:\w+ )?(?:take|takes|taken|took) "
            r"(?:me )?to (?:the )?(?:doctor|doctors|dentist|hospital|gp|optician)\b"
        ),
        must_flag=(
            "nobody takes me to the dentist and my tooth really hurts",
            "my tooth has hurt for months and no one will take me to the dentist",
        ),
        must_pass=("My carer took me to the dentist", "I take my medication every morning"),
    ),
    Rule(
        "neglect",
        "looking_after_family",
        (
            r"\b(?:look\w* after|car\w* for|feed\w*|put\w* to bed|get\w* ready for school) {MY} "
            r"(?:little |baby |younger )?(?:brothers?|sisters?|siblings|mum|dad)\b"
            r"|\bget {MYSELF} (?:to school|up|ready|dressed|dinner|tea|food)\b"
            r"|\b(?:leaves|left|leaving|leave) (?:me|us) with (?:random|strange|strangers|people i "
            r"do not know|her friends|his mates|her mates|his friends)\b"
        ),
        must_flag=(
            "I'm a young carer for my mum",
            "my mum leaves us with random people",
            "i have to look after my little brothers",
        ),
        must_pass=("didn't get that", "Leaving care team"),
    ),
)
