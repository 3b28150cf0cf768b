"""Safeguarding rules for emotional abuse or bullying, and drug or alcohol misuse.

See `safeguarding_rules.py` for how patterns are matched and `safeguarding_rule.py` for what
a rule's examples promise.
"""

from __future__ import annotations

from typing import Final

from .safeguarding_rule import Rule

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "emotional_abuse",
        "calls_me_names",
        (
            r"\b(?:call\w*|says? i am|said i am|said i was|says i was|tells me i am|"
            r"told me i am|tells me i was|told me i was) (?:me )?(?:a |an )?(?:names|stupid|"
            r"fat|ugly|thick|worthless|useless|waste|waste of space|retard\w*|idiot|dumb|slag|"
            r"slut|whore|bitch|horrible|nasty|pathetic|disgusting|freak|loser|mistake|burden|"
            r"cow|litle cow|pig|litle shit|shit|dog|rat|scum|spastic|spaz|mong|little \w+|"
            r"nothing|failure|evil|unlovable|unloveable)\b"
        ),
        must_flag=(
            "my dad says im a mistake",
            "my dad said i am worthless",
            "my foster mum calls me a slag",
        ),
        must_pass=("nobody told me why", "Call Jake on 07700 900123"),
    ),
    Rule(
        "emotional_abuse",
        "shouts_at_me",
        r"\b(?:shout\w*|scream\w*|yell\w*|swear\w*) at me\b",
        must_flag=(
            "she screams at me every day",
            "my foster carer shouts at me and calls me names",
        ),
        must_pass=("i don't like it when people shout", "i feel safe here and nobody shouts"),
    ),
    Rule(
        "emotional_abuse",
        "bullying",
        (
            r"\b(?:bul(?:y|ies|ied|ying)\w*|pick\w* on me|make\w* fun of me|made fun of me|"
            r"laugh\w* at me|humiliat\w*|put\w* me down|teas\w* me|exclud\w* me|"
            r"leaves? me out)\b"
        ),
        must_flag=(
            "I'm being bullied at school",
            "i am getting bullied online",
            "i'm being bullied and they said they'll stab me",
        ),
        must_pass=("i've made new friends", "I nearly died laughing"),
    ),
    Rule(
        "emotional_abuse",
        "unwanted",
        (
            r"\b(?:says|said|tells|told) (?:me )?(?:she|he|they) (?:wish|wishes|wished) i "
            r"(?:was|were|had) (?:never born|dead|not born|not here|never been born)\b"
            r"|\b(?:not|nobody|no one|noone|no body) (?:\w+ ){0,2}?(?:want|wants|love|loves|"
            r"cares about|care about|cares|likes|like) me\b"
            r"|\bsend me (?:away|back|into care)\b|\bput me in care\b"
        ),
        must_flag=(
            "nobody loves me",
            "my mum says she wishes i was never born",
            "my mum tells me she wishes i was never born",
        ),
        must_pass=("i love it", "I want a PS5"),
    ),
    Rule(
        "emotional_abuse",
        "scared_of_someone",
        (
            r"\b(?:scared|afraid|frightened|terrified|petrified) (?:of )?(?:{MY} (?!exams?\b|"
            r"tests?\b)\w+|him|her|them|he|she|they|\w+s boyfriend|\w+s girlfriend|{CARER}|"
            r"going home)\b"
        ),
        must_flag=(
            "I'm scared of my dad",
            "im scared of my step dad",
            "i'm frightened of my step dad",
        ),
        must_pass=("I'm scared of exams", "I'm scared of heights"),
    ),
    Rule(
        "emotional_abuse",
        "controls_me",
        (
            r"\b(?:will not|never|not) let me (?:eat|sleep|use the toilet|go to the toilet|"
            r"shower|wash|leave the house|leave my room|speak to anyone|talk to anyone|"
            r"(?:see|talk to|speak to|text|message) (?:my |any )?(?:friends|mates|family|mum|"
            r"dad))\b"
        ),
        must_flag=(
            "he wont let me see my friends any more",
            "my boyfriend checks my phone and wont let me see my friends",
            "my carer doesn't let me eat with the family and gives me less food",
        ),
        must_pass=(
            "My carers let me have friends round",
            "my carers let me stay up til 9 on fridays",
        ),
    ),
    Rule(
        "emotional_abuse",
        "strong_words",
        r"\b(?:bullied|bullying|unloved|unwanted|worthless)\b",
        must_flag=(
            "my dad said i am worthless",
            "I'm being bullied at school",
            "i am getting bullied online",
        ),
        must_pass=("life isnt worth it",),
    ),
    Rule(
        "emotional_abuse",
        "ignored_and_blamed",
        (
            r"\b(?:my fault|because of me) (?:that )?(?:mum|dad|my \w+|they|he|she) (?:left|split|"
            r"died|drinks|hits|went|broke up|got il|is il)\b"
            r"|\b(?:says|said|tells me|told me|keeps saying) (?:it is |its |that it is )?(?:al )?"
            r"my fault\b|\bblames? me\b|"
            r"\bignor\w* me\b|\beat (?:on my own|alone|in my rom|by {MYSELF})\b"
            r"|\bwish\w* (?:she|he|they) (?:never|had not) (?:took|taken|had|adopted|fostered|got) "
            r"me\b|\b(?:i am|it is my fault|my fault|says i am) (?:the reason|why) (?:mum|dad|they|"
            r"he|she|my \w+) (?:left|split|died|drinks|is il|hits|went)\b"
        ),
        must_flag=(
            "dad says its all my fault",
            "my mum says its my fault dad left",
            "my dad says i'm the reason mum left",
        ),
        must_pass=("nobody told me why", "because Sandra makes tea"),
    ),
    Rule(
        "emotional_abuse",
        "hates_me",
        (
            r"\b(?:says|said|tells|told) (?:me )?(?:she|he|they) (?:hate|hates|hated) me\b"
            r"|\b(?:mum|dad|she|he|they|my \w+) (?:hate|hates|hated) me\b"
            r"|\bin my face\b"
        ),
        must_flag=("mum says she hates me", "she screams in my face"),
        must_pass=("i h8 school", "I hate broccoli"),
    ),
    Rule(
        "emotional_abuse",
        "makes_me_feel",
        (
            r"\bmakes? me feel (?:worthless|useless|scared|unsafe|unwanted|stupid|like nothing|"
            r"like rubbish|small|horrible|dirty|uncomfortable)\b"
        ),
        must_flag=("my foster dad makes me feel uncomfortable",),
        must_pass=(
            "i can make beans on toast by myself now",
            "the food here is horrible they make me eat vegtables",
        ),
    ),
    Rule(
        "emotional_abuse",
        "told_to_kill_myself",
        r"\b(?:kys|kill yourself|kill your self|go die)\b",
        must_flag=(
            "i googled how to kill yourself",
            "people at school are sending round a group chat saying i should kys",
        ),
        must_pass=("I would die for my little sister", "i'd rather die than eat mushrooms"),
    ),
    Rule(
        "substance_misuse",
        "drug_names",
        (
            r"\b(?:drugs|cannabis|skunk|ketamine|cocaine|heroin|mdma|ecstasy|xanax|xans|"
            r"benzos?|nitrous|meth|edibles|spliffs?|blunts?|solvents|legal highs)\b"
            r"|\bsniff\w* (?:glue|gas|aerosols?|deodorant|lighter fluid)\b"
        ),
        must_flag=("i sniff gas", "my dad takes drugs", "I smoke weed every day"),
        must_pass=("i got a drum kit for my birthday",),
    ),
    Rule(
        "substance_misuse",
        "taking_drugs",
        (
            r"\b(?:smok\w*|take|takes|taking|took|do|does|doing|did|on|tried|try|sniff\w*|"
            r"snort\w*|inject\w*|offered|offer\w*) (?:some |a )?(?:{DRUG}|coke|crack|spice|ket|"
            r"pills|joint|line of \w+|lines of \w+)\b"
        ),
        must_flag=("I've tried ket", "my dad takes drugs", "I smoke weed every day"),
        must_pass=(
            "i cooked a roast for everyone on sunday",
            "our drama group did a play about county lines, it was well good",
        ),
    ),
    Rule(
        "substance_misuse",
        "getting_drunk",
        (
            r"\b(?:drunk|hungover|hangover|stoned|off {MY} (?:face|head|tits))\b"
            r"|\b(?:get|gets|getting|got|was|am|been|is|were|are) (?:so |really |very |proper )?"
            r"(?:pissed|wasted|hammered|smashed|high|mashed|off {MY} (?:face|head))\b"
            r"|\boff (?:his|her|their|me|my) (?:face|head|tits|nut|box|trolley)\b"
            r"|\bout of (?:it|(?:his|her|their|my) (?:face|head|mind|tree))\b"
            r"(?! (?:off|school|up|fives|five)\b)"
        ),
        must_flag=("im high most days", "i'm high all the time", "my mum is always drunk"),
        must_pass=("Head of Service", "I got 7 out of 10"),
    ),
    Rule(
        "substance_misuse",
        "drinking",
        (
            r"\b(?:drink\w*|drank|neck\w*|downed) (?:\w+ ){0,3}?(?:alcohol|vodka|beer|cider|wine|"
            r"booze|spirits|cans|lager|whisky|whiskey|gin|rum|alcopops)\b"
            r"|\b(?:vodka|whisky|whiskey|lager|alcopops)\b"
            r"|\b(?:drink\w*|drank) (?:alcohol|vodka|beer|cider|wine|booze|spirits|cans|"
            r"every day|every night|loads|lots|a lot|too much|at the park|on the street|"
            r"with (?:older|the older|my mates|friends))\b|\b(?:alcohol\w*|booze)\b"
        ),
        must_flag=("my mum is a alcoholic", "my dad drinks every day", "necking vodka every night"),
        must_pass=(
            "i dont drink or smoke, not my thing",
            "i've cut down on the drinking which is good but im still not sleeping",
        ),
    ),
    Rule(
        "substance_misuse",
        "parent_drinking",
        (
            r"\bwhen (?:he|she|they|mum|dad|my \w+) (?:drinks|is drunk|gets drunk|has had a drink|"
            r"has been drinking|is on drugs|takes drugs|is high|is off (?:his|her) face)\b"
            r"|\b(?:mum|dad|he|she|they|my \w+) drinks (?:every day|every night|al day|a lot|"
            r"loads|too much|all the time)\b"
        ),
        must_flag=(
            "my dad drinks every day",
            "my dad beats me when he is drunk",
            "my dad hits my mum when hes drunk",
        ),
        must_pass=("Can I keep my cat when I move?", "I hate when people talk over me"),
    ),
    Rule(
        "substance_misuse",
        "pass_out",
        (
            r"\b(?:until|til|till) (?:i|we) (?:pass out|black out|am sick|throw up|can not stand)\b"
            r"|\b(?:pas\w*|black\w*) out (?:drunk|from drinking|after drinking)\b"
        ),
        must_flag=("i drink until i pass out",),
        must_pass=(
            "my carers let me stay up til 9 on fridays",
            "i didnt know i could have an advocate till last week",
        ),
    ),
    Rule(
        "substance_misuse",
        "injecting",
        (
            r"\b(?:injects|injecting)\b|\binject\w* (?:drugs|heroin|herself|himself|themselves|"
            r"stuff)\b|\bneedles? (?:in|on|around|al over) the (?:house|floor|bathroom|kitchen)\b"
        ),
        must_flag=("my mum injects and there are needles on the floor", "my dad injects heroin"),
        must_pass=("i had my injection at the doctors",),
    ),
    Rule(
        "substance_misuse",
        "other_peoples_pills",
        (
            r"\btake (?:my |her |his )?(?:mums|dads|nans|grans|sisters|brothers|someone elses) "
            r"(?:pills|tablets|meds|medicine)\b|\b(?:thc|dab pen|dabs)\b"
        ),
        must_flag=("i've been vaping thc", "i take my mums pills to feel better"),
        must_pass=(
            "I take my medication every morning",
            "Please don't take me out of lessons for reviews",
        ),
    ),
    Rule(
        "substance_misuse",
        "cannot_stop",
        (
            r"\bcan not (?:stop|give up|go a day without) (?:drinking|smoking|taking|using|vaping|"
            r"the drink|the drugs|{DRUG})\b"
        ),
        must_flag=("i can't stop drinking",),
        must_pass=(
            "I want to stop having reviews at school",
            "I love my foster mum and dad they give good hugs",
        ),
    ),
    Rule(
        "substance_misuse",
        "addicted",
        (
            r"\b(?:addicted|hooked|addiction) (?:to )?(?:vap\w*|smok\w*|{DRUG}|cannabis|"
            r"nicotine|drink|drinking|alcohol|gambling)\b"
        ),
        must_flag=("i'm addicted to vaping",),
        must_pass=("i added my friend on fifa",),
    ),
)
