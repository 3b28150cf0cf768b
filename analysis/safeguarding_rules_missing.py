"""Safeguarding rules for no safe place to stay, and going missing.

See `safeguarding_rules.py` for how patterns are matched and `safeguarding_rule.py` for what
a rule's examples promise.
"""

from __future__ import annotations

from typing import Final

from .safeguarding_rule import Rule

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "no_safe_place",
        "not_safe",
        (
            r"\b(?:not|never|no longer)\b (?:(?!i\b)\w+ ){0,3}?safe\b|\bun ?safe\b"
            r"|\bin danger\b|\bdangerous (?:at|here|there|home)\b"
        ),
        must_flag=("i am not safe", "i dont feel safe here", "i dont feel safe there"),
        must_pass=("I feel safe at home", "I feel happy and safe"),
    ),
    Rule(
        "no_safe_place",
        "nowhere_to_sleep",
        (
            r"\b(?:nowhere|no where|no place|nowere|not anywhere|not got anywhere|"
            r"not have anywhere|no bed|no room|no home) (?:to |2 )(?:sleep|stay|go|live|be|kip|"
            r"call home)\b|\bi (?:have|have got|got|am) no (?:home|bed)\b|\bnowhere to\b"
        ),
        must_flag=(
            "I have nowhere to sleep",
            "i've got no where to stay tonight",
            "i've got nowhere to live after next week",
        ),
        must_pass=("not yes or no", "I go to bed at 9"),
    ),
    Rule(
        "no_safe_place",
        "temporary_housing",
        (
            r"\b(?:b and b|bed and breakfast|emergency (?:housing|accommodation)|temporary "
            r"accommodation|one rom)\b"
        ),
        must_flag=("we're living in one room in a b and b with no cooker",),
        must_pass=("Pledge wave one", "my snap is jakey.b"),
    ),
    Rule(
        "no_safe_place",
        "homeless",
        (
            r"\b(?:homeless|sleep\w* rough|rough sleep\w*|sofa ?surf\w*|couch ?surf\w*|"
            r"no fixed abode)\b"
        ),
        must_flag=("im homeless again", "i'm couch surfing", "i been sofa surfin for weeks"),
        must_pass=(
            "setting up home grant paid for my sofa and bed, really grateful",
            "my mum drinks all day and then passes out on the sofa",
        ),
    ),
    Rule(
        "no_safe_place",
        "sleeping_out",
        (
            r"\b(?:sleep|sleeps|sleeping|slept|stay\w*|stopping|kip\w*|live|living) "
            r"(?:on|in|at|under|outside) (?:the |a |an )?(?:streets?|park|car|bus (?:station|stop|"
            r"shelter)|station|doorway|shop doorway|tent|woods|garage|shed|stairwell|bridge|"
            r"floor|bench|beach|outside|a car|a tent)\b"
            r"|\b(?:sleep|sleeping|slept) (?:outside|outdoors|out)\b"
            r"|\bon the streets\b|\b(?:out|been|living|live|sleep\w*|slept) on the street\b"
            r"|\b(?:sleep\w*|slept|stay\w*|live|living|kip\w*) in (?:a |my |his |her |their |"
            r"someones |\w+s )?(?:mates |friends )?(?:car|van|tent|shed|garage)\b"
        ),
        must_flag=(
            "i've been living in a tent",
            "i'm living in my mates car",
            "i slept in a car last night",
        ),
        must_pass=("I live in TQ1 2AB now", "I'm happy where I live"),
    ),
    Rule(
        "no_safe_place",
        "staying_anywhere",
        (
            r"\b(?:staying|sleeping|kipping|living|stopping) (?:at|in|on) (?:random|diferent|other|"
            r"strangers|peoples|mates|friends)\w* (?:peoples? |mates |friends )?(?:houses|places|"
            r"flats|floors|sofas|setees)\b|\btenancy (?:ended|finished|broke down)\b"
        ),
        must_flag=(
            "sleeping at different mates houses every night",
            "been staying at random peoples houses since my tenancy ended",
        ),
        must_pass=("staying put at 18", "i like living with my foster family"),
    ),
    Rule(
        "no_safe_place",
        "kicked_out",
        (
            r"\b(?:(?:kick\w*|throw\w*|threw|chuck\w*|lock\w*|put\w*|turn\w*) me out|"
            r"(?:got|get|been|was|am|being|getting) (?:kicked|thrown|chucked|locked|turfed) "
            r"out)\b(?! of (?:class|school|the lesson|lessons|the game|the team|the club)\b)"
        ),
        must_flag=("i get locked out", "they chucked me out", "my mum kicked me out"),
        must_pass=("staying put at 18", "i was put in a B&B for 6 weeks when i turned 18"),
    ),
    Rule(
        "no_safe_place",
        "not_going_back",
        (
            r"\b(?:not|never) (?:going|go|want to go|wanna go|ever going) back (?:to )?(?:that|the|"
            r"my|his|her|their) (?:house|home|place|flat|placement)\b"
        ),
        must_flag=(
            "im not going back to that house",
            "i didnt go back to my placement last night",
            "i dont want to go back to the house tonight, its not safe there",
        ),
        must_pass=("never calls back", "I want my phone back"),
    ),
    Rule(
        "no_safe_place",
        "always_scared",
        (
            r"\b(?:scared|frightened|terrified|afraid) (?:al the time|every day|every night|"
            r"at night|to sleep|to go to sleep|in my own home|in the house)\b"
        ),
        must_flag=("i'm so scared all the time",),
        must_pass=("I'm scared of exams", "I'm scared of heights"),
    ),
    Rule(
        "no_safe_place",
        "not_let_in",
        (
            r"\b(?:not|never|will not) let me (?:in|into the house|back in|back home|come home|"
            r"stay|in the house)\b"
        ),
        must_flag=("my mum doesn't let me in the house",),
        must_pass=(
            "My carers let me have friends round",
            "my carers let me stay up til 9 on fridays",
        ),
    ),
    Rule(
        "no_safe_place",
        "scared_to_go_home",
        (
            r"\b(?:scared|afraid|frightened|terrified|worried|nervous|not want|can not|"
            r"not allowed|never want) (?:to )?(?:go|going|be|being) (?:back )?(?:home|back)\b"
            r"|\b(?:scared|afraid|frightened) (?:at|of) (?:home|my house|the house|"
            r"my placement|the placement|my room)\b"
        ),
        must_flag=(
            "i'm scared to go home",
            "i'm too scared to go home because of my dad",
            "i don't want to go back, it's not safe there",
        ),
        must_pass=("never calls back", "I feel safe at home"),
    ),
    Rule(
        "going_missing",
        "went_off",
        (
            r"\b(?:went|go|gone|goes|been) (?:off|away) (?:\w+ ){0,4}?(?:for (?:\d+|two|three|four|"
            r"a few|a couple of) (?:days|nights)|and (?:did not|do not|never) tel\w*)\b"
        ),
        must_flag=(
            "i sometimes go off and don't tell anyone where i am",
            "sometimes i just go off and dont tell anyone where i am for days",
        ),
        must_pass=("what do you mean tell u more", "i have a big bed and a nite lite"),
    ),
    Rule(
        "going_missing",
        "ran_away",
        (
            r"\b(?:ran|run|runs|running) ?(?:away|off)\b(?! (?:with (?:it|the ball)|"
            r"from the ball)\b)|\brunaway\b|\b(?:do|did|done) a runner\b"
        ),
        must_flag=("I want to run away", "i keep running off", "i ran away last night"),
        must_pass=("i ran the park run in 28 mins 🏃", "I'm going to run the Race for Life"),
    ),
    Rule(
        "going_missing",
        "went_missing",
        (
            r"\b(?:go|goes|going|went|gone|been|was|am|were|reported|report) (?:as )?missing\b"
            r"(?! (?:my|me|you|him|her|them|home|school|lessons|out|the|some|it|our|his|"
            r"their|mum|dad|family|friends|people|everyone)\b)(?! an? (?!lot\b)\w)"
            r"|\bmissing (?:person|from (?:home|care|placement|my placement))\b"
        ),
        must_flag=(
            "I went missing for 3 days",
            "i was reported missing again",
            "i've been going missing a lot",
        ),
        must_pass=("i am missing my mum",),
    ),
    Rule(
        "going_missing",
        "out_all_night",
        (
            r"\b(?:stay\w*|stop\w*|was|been|am|out) (?:out )?(?:all night|overnight|the whole "
            r"night|till (?:\d+|one|two|three|four|for|five|morning|late)|until (?:morning|late|"
            r"\d+))\b|\b(?:nobody|no one|noone) (?:notices|cares where|knows where|"
            r"checks (?:on me|where|if|when|i am))\b"
            r"|\b(?:did not|do not|never|not) (?:\w+ )?(?:come|go|went|get|got|ben|gone|slept|"
            r"sleep|stayed|stay) (?:back )?(?:home|to (?:my |the )?(?:placement|home|carers|"
            r"foster \w+|house|unit|hostel|flat))\b"
        ),
        must_flag=(
            "I stayed out all night",
            "i haven't been home for 2 nights",
            "i didnt go back to my placement last night",
        ),
        must_pass=("my flat is nice", "foster carer hits"),
    ),
    Rule(
        "going_missing",
        "nobody_knows_where_i_am",
        (
            r"\b(?:not|never|without) tel\w* (?:anyone|anybody|my carers?|staff|them|no one|"
            r"my social worker|my mum|my dad) where i (?:am|was|go|went|have been)\b"
        ),
        must_flag=(
            "i sometimes go off and don't tell anyone where i am",
            "sometimes i just go off and dont tell anyone where i am for days",
        ),
        must_pass=("I'm happy where I live", "I wish I had more say in where I live"),
    ),
    Rule(
        "going_missing",
        "out_very_late",
        (
            r"\b(?:out|back|home|in)(?: \w+){0,2} (?:til|until|at|past|after) (?:[1-6] ?am|"
            r"midnight|the early hours|morning)\b"
        ),
        must_flag=("i dont come back till 3am",),
        must_pass=("in the future", "never calls back"),
    ),
    Rule(
        "going_missing",
        "nobody_knows_where",
        (
            r"\b(?:not|never|nobody|no one|no body|noone) (?:\w+ )?know\w* where i (?:am|was|go|"
            r"went|live|sleep|stay|have ben)\b"
        ),
        must_flag=("my carers don't know where i am", "i don't know where i'm sleeping tonight"),
        must_pass=("I'm happy where I live", "I wish I had more say in where I live"),
    ),
    Rule(
        "going_missing",
        "police_found_me",
        (
            r"\bpolice (?:found|brought|bring|took|picked up|pick up|returned) me\b"
            r"|\b(?:found|picked up|brought back|brought home|returned) by (?:the )?police\b"
        ),
        must_flag=(
            "the police brought me back",
            "i was found by the police at 2am in another town",
        ),
        must_pass=("I want to be a police officer", "police picked me up in Bristol"),
    ),
    Rule(
        "going_missing",
        "disappear",
        (
            r"\b(?:leave|go|run) (?:and|&) never (?:come|go) back\b"
            r"|\bi (?:want to |wish i could |could |might |will |am going to )?(?:just )?"
            r"disappear\b"
        ),
        must_flag=("i feel like i want to disappear", "wish i could just disappear forever"),
        must_pass=("never calls back", "my SW never rings"),
    ),
    Rule(
        "going_missing",
        "sleep_at_strangers",
        (
            r"\b(?:sleep\w*|slept|stay\w*|stop\w*) (?:at|over at|round) "
            r"(?:someones|a strangers|strangers|an older|a mans?|a guys?|a lads?)\b"
            r"|\b(?:sleep\w*|slept|stay\w*|stop\w*|kip\w*) (?:at|over at|round|in) (?:diferent|"
            r"random|other|strangers|older|loads of|lots of) (?:\w+ )?(?:houses|places|flats|"
            r"peoples)\b"
            r"|\bstrangers? (?:house|flat|place|car)\b"
            r"|\b(?:friend of a friends?|people i do not know|someone i do not know|someone i just "
            r"met|people i (?:just )?met)\b"
        ),
        must_flag=(
            "i have been staying at a mans house",
            "i sleep at different peoples houses",
            "im staying at a friend of a friends",
        ),
        must_pass=("I love my placement", "The new house is nice"),
    ),
)
