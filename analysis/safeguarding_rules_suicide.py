"""Safeguarding rules for suicidal thoughts: wishes to die, plans, methods, goodbyes, hopelessness.

See `safeguarding_rules.py` for how patterns are matched and `safeguarding_rule.py` for what
a rule's examples promise.
"""

from __future__ import annotations

from typing import Final

from .safeguarding_rule import JoinedUpRule, Rule

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "suicidal_thoughts",
        "kill_myself",
        r"\b(?:kill\w*|kl|end\w*|unalive\w*) {MYSELF}\b",
        must_flag=("i wanna kil myslef", "im gonna kil myself", "kill myself tonight"),
        must_pass=("I'd kill for a pizza", "I'd kill to have a PS5"),
    ),
    # "off myself" squeezes to "of myself", as in "proud of myself": only after a wish.
    Rule(
        "suicidal_thoughts",
        "off_myself",
        (
            r"\b(?:want to|going to|wil|could|should|just|might|gona|try to|tried to) "
            r"off {MYSELF}\b"
        ),
        must_flag=("I want to off myself",),
        must_pass=("I want a PS5", "i want a dog"),
    ),
    Rule(
        "suicidal_thoughts",
        "join_the_dead",
        (
            r"\bbe with (?:my )?(?:dead|late) \w+\b|\b(?:be with|join) (?:\w+ ){0,2}?in heaven\b"
            r"|\b(?:when|after|once) i am gone\b|\bnote for when\b"
            r"|\beveryone (?:would|wil) be (?:beter off|hapier|beter)\b"
        ),
        must_flag=(
            "i just want to be with my dead nan",
            "i've written a note for when i'm gone",
            "everyone would be better off without me",
        ),
        must_pass=("contact with my mum", "contact with my nan"),
    ),
    Rule(
        "suicidal_thoughts",
        "in_case_i_am_gone",
        (
            r"\bin case (?:i am|i was|i wil be|i do not come back|something happens to me)"
            r"(?: not (?:here|around|alive)| gone| dead| not back)?\b(?! (?:late|ill|sick|away)\b)"
            r"|\bin case i (?:die|do not make it|am not here|disappear)\b"
        ),
        must_flag=(
            "left a letter for my mum in case i am not here",
            "i wrote a note for my sister in case im not here",
        ),
        must_pass=("Rang the LADO, case opened",),
    ),
    Rule(
        "suicidal_thoughts",
        "high_places",
        (
            r"\b(?:stood|standing|stand|sat|sitting|went|go|going|climbed) (?:up |out )?(?:on|at|"
            r"by|to|up|near|onto|on top of) (?:the |a |that )?(?:edge of (?:the |a )?\w+|bridge|"
            r"cliff|cliffs|roof|ledge|railway|train tracks|tracks|top of (?:the|a) (?:car park|"
            r"flats|building))\b"
            r"|\bthinking (?:about|of) (?:jumping|ending it|dying|not being here|not waking up|"
            r"killing {MYSELF})\b"
        ),
        must_flag=(
            "thinking of ending it",
            "i keep thinking about not waking up tomorrow",
            "went up to the top of the car park last night",
        ),
        must_pass=("I love my new trainers", "Nobody asks me what I think"),
    ),
    Rule(
        "suicidal_thoughts",
        "text_speak_abbreviation",
        r"(?<![0-9] )(?<![0-9])\b(?:kms|kmsl|ctb|kmn)\b",
        must_flag=(
            "i want to kms",
            "kms fr, nothing ever gets better",
            "honestly i might just kms tonight",
        ),
        must_pass=("my school is 5 km away", "i ran 5 kms today"),
    ),
    Rule(
        "suicidal_thoughts",
        "suicide_word",
        (
            r"\b(?:suicid\w*|suicd\w*|sucid\w*|suiscid\w*|suisid\w*|suiside\w*|suacid\w*|"
            r"suecid\w*|sewer ?slide|sui cide|unalive\w*|un alive\w*)\b"
        ),
        must_flag=("i feel suicidal", "wanna unalive myself tbh", "I've thought about suicde"),
        must_pass=("i'm tired of being alive", "dont wanna be alive no more"),
    ),
    Rule(
        "suicidal_thoughts",
        "want_to_die",
        (
            r"\b(?:want|wanted|wants|wanting|wish|wished|going|ready|deserve|hope|like|need|"
            r"trying|tried|try|plan|planning|thinking of|thinking about|should|just want|"
            r"want it) (?:to |2 )?(?:just )?(?:die{NOT_HAIR}|dye(?! (?:my|your|her|his|it|the|"
            r"hair|clothes|them)\b)|be dead|not be alive|not exist|stop existing|disappear forever|"
            r"sleep forever|not wake up|never wake up)\b"
        ),
        must_flag=("i wanna die", "want to die", "i want 2 die"),
        must_pass=("I'm dead tired", "never calls back", "im going to die my hair pink"),
    ),
    Rule(
        "suicidal_thoughts",
        "i_will_die",
        r"\bi (?:am going to|will|might|could|should) (?:just )?die\b{NOT_HAIR}",
        must_flag=("i could just die",),
        must_pass=(
            "I would die for my little sister",
            "i'd rather die than eat mushrooms",
            "im going to die my hair pink",
        ),
    ),
    Rule(
        "suicidal_thoughts",
        "wish_i_was_dead",
        (
            r"\b(?:wish|rather|better off|should) (?:i |that i |just |be |i had )?"
            r"(?:was |were |be |been |am |had )?(?:dead|never born|never been born|not born|"
            r"not here|not alive|gone|die|died)\b"
        ),
        must_flag=("I wish I was dead", "i wish i had never been born"),
        must_pass=("I wish my mum would call more", "I'm getting better at reading"),
    ),
    Rule(
        "suicidal_thoughts",
        "better_off_without_me",
        r"\b(?:better off|happier) without me\b",
        must_flag=("everyone would be better off without me",),
        must_pass=(
            "my PA came with me to view flats, couldnt of done it without her",
            "I'd like to be able to stay over at my friend's house without checks",
        ),
    ),
    Rule(
        "suicidal_thoughts",
        "end_it_all",
        (
            r"\bend\w* (?:it all|my life|my own life|everything|things|it now|this life)\b"
            r"|\b(?:want|going|try|tried|thinking (?:about|of)|plan\w*) (?:to )?end it\b"
            r"|\b(?:take|takes|taking|took|taken) my (?:own )?life\b"
        ),
        must_flag=("i wanna end it", "ending it all soon", "I want to end it all"),
        must_pass=("I'm going to run the Race for Life", "I want to know more about my life story"),
    ),
    Rule(
        "suicidal_thoughts",
        "not_want_to_live",
        (
            r"\b(?:not|no longer|never) (?:really |even )?(?:want|wish) (?:to )?(?:live\b"
            r"(?! (?:here|there|with|in|at|near|on|somewhere|anywhere)\b)|be alive|"
            r"be here (?:any|no) ?more|exist|wake up\b(?! (?:early|for|at|in the|so|too)\b)|"
            r"be on this earth|be around any ?more|carry on|go on (?:any ?more|living|like this))"
        ),
        must_flag=(
            "i dont want to live",
            "dont wanna be alive no more",
            "i dont wanna be here anymore",
        ),
        must_pass=("I want a PS5", "i want a dog"),
    ),
    Rule(
        "suicidal_thoughts",
        "no_reason_to_live",
        (
            r"\b(?:no (?:point|reason) (?:in |of )?(?:living|life|being alive|being here|"
            r"going on|carrying on|to live|to go on)|nothing to live for|not worth living|"
            r"what is the point (?:in |of )?(?:living|life|being alive|me|anything)|"
            r"life is (?:not worth|pointless|meaningless))\b"
        ),
        must_flag=(
            "life isnt worth it",
            "there's no point in living",
            "honestly whats the point of me",
        ),
        must_pass=("Nothing, everything is fine", "Mr Dawson gave me a detention for nothing"),
    ),
    Rule(
        "suicidal_thoughts",
        "cannot_go_on",
        (
            r"\b(?:can not|could not) (?:go on\b(?! (?:the|a|an|my|trips?|holiday|it|that|"
            r"this|them|there|with|to|at|camp|residential)\b)|carry on\b(?! with\b)|"
            r"do this any ?more|take (?:it|this) any ?more|cope any ?more|keep going)"
            r"|\bgive up on (?:life|living|everything)\b|\bno way out\b"
        ),
        must_flag=("I can't go on like this",),
        must_pass=("can we go bowling", "can i paint my room purple"),
    ),
    Rule(
        "suicidal_thoughts",
        "method_words",
        (
            r"\b(?:hang|hanging|hung) {MYSELF}\b|\bligatures?\b"
            r"|\bjump (?:off|from) (?:a|the|that|this) (?:\w+ ){0,2}?(?:storey|flats|balcony|"
            r"window|motorway|bridge|building|roof|cliff|tower|car park)\b"
            r"|\b(?:jump|step|walk|throw {MYSELF}) in front of (?:a|the) (?:train|car|bus|lorry|"
            r"truck)\b"
        ),
        must_flag=(
            "i want to hang myself",
            "im going to jump off a bridge",
            "i'm thinking of hanging myself",
            "i tied a noose in my room",
        ),
        must_pass=(
            "i dont like the dog here it jumps on me",
            "mum smokes weed in front of us",
            "had the nose spray at school",
        ),
    ),
    Rule(
        "suicidal_thoughts",
        "someone_kill_me",
        (
            r"\b(?:want|wish|hope|need) (?:someone|somebody|some one|you|them|him|her|god) "
            r"(?:would |to )?(?:kill|shoot|end) me\b|\bjust kill me\b|\bkill me now\b"
        ),
        must_flag=("i wish someone would just kill me", "honestly just kill me now"),
        must_pass=("I'd kill for a pizza", "I'd kill to have a PS5"),
    ),
    Rule(
        "suicidal_thoughts",
        "feel_like_dying",
        r"\b(?:feel|feels|feeling|felt) like (?:dying|death|i am dying|i want to die)\b",
        must_flag=("i feel like dying most days", "some nights i feel like i want to die"),
        must_pass=("I like my school", "I like my teacher"),
    ),
    Rule(
        "suicidal_thoughts",
        "if_i_died",
        (
            r"\bif i (?:was|were|had) (?:dead|gone|not here|not around|never born|never been "
            r"born|not born|not been born)\b"
            r"|\bif i (?:died|killed myself|disappeared|was to die|did not exist|live or die|"
            r"lived or died|live or not)\b"
            r"|\b(?:nobody|no one|noone|no body) (?:wil|would|is going to) (?:even )?"
            r"(?:miss|notice) me\b|\b(?:i will|ill|i am going to) be gone\b"
        ),
        must_flag=(
            "nobody would care if i died",
            "no one cares if i live or die",
            "i've stopped caring if i live or not",
        ),
        must_pass=("did not work", "i miss my mum"),
    ),
    Rule(
        "suicidal_thoughts",
        "done_with_life",
        (
            r"\b(?:done|finished|sick|tired) (?:with|of) (?:life|living|being alive|"
            r"everything|it all|existing)\b"
            r"|\bwant (?:it all|everything|my life|life|it|this|the pain) to (?:end|stop)\b"
        ),
        must_flag=("im done with life", "i'm tired of being alive", "i just want it all to stop"),
        must_pass=("I want a PS5", "i want a dog"),
    ),
    Rule(
        "suicidal_thoughts",
        "no_point",
        (
            r"\b(?:not|never|can not) see (?:the|any) point(?: any ?more| in (?:anything|life|"
            r"living|being here|it any ?more)| of (?:anything|life|living|me))?"
            # Not "the point of homework": a pointless thing named after it. Words added after
            # ("...anymore idk") are fine.
            r"(?! (?:of|in|to|with|doing|going|trying|for)\b)"
            r"|\bno point any ?more\b|\bwhat is the point any ?more\b"
            r"|\bwhy (?:do i|should i|would i) (?:even )?(?:bother )?(?:living|being alive|"
            r"existing|waking up|carry on|go on)\b|\bbother (?:living|being alive|existing|"
            r"waking up)\b|\bwhy (?:am|was) i (?:even )?(?:alive|born)\b"
        ),
        must_flag=("y do i even bother living", "I don't see the point anymore"),
        must_pass=(
            "born on 3.5.10",
            "nobody told me why",
            "i dont see the point of homework",
        ),
    ),
    Rule(
        "suicidal_thoughts",
        "never_wake_up",
        (
            r"\b(?:never|not) (?:wake|waking) up(?: again)?\b(?! (?:early|on time|in time|for|at|"
            r"before|til|until|when|in the|with|without|feeling|til)\b)|\bsleep forever\b"
        ),
        must_flag=(
            "i keep thinking about just not waking up",
            "i keep thinking about not waking up tomorrow",
            "i just want to go to sleep and never wake up",
        ),
        must_pass=("i want to stay here forever", "in care since i was 5, LAC since forever"),
    ),
    Rule(
        "suicidal_thoughts",
        "end_it",
        (
            r"\bend\w* it\b(?! (?:with|for|off|on|there|here|now and|early|soon and)\b)"
            r"|\b(?:am|i am) ready to (?:go|leave this world|die|end it)"
            # Not "ready to go to college", "ready to go home and see nan".
            r"(?! (?:to|into|in|on|out|home|back|shopping|colege|school|uni|work|bed|the|for|"
            r"with|at|outside|travel|now to|and (?!(?:stuf|that|everything)\b)))"
        ),
        must_flag=("i wanna end it", "ill just end it", "i'm ready to go"),
        must_pass=(
            "Leaving care is scary but I feel ready",
            "leaving care at 18 is scary, i dont feel ready at all",
            "im ready to go to college now",
            "i am ready to go and see my nan",
        ),
    ),
    Rule(
        "suicidal_thoughts",
        "hates_self_or_life",
        (
            r"\bi (?:hate|hated|hates) (?:my life|{MYSELF}|being alive|living\b(?! (?:in|with|here|"
            r"there|at|on|near|somewhere)\b))"
        ),
        must_flag=("i h8 my life", "i hate myself", "i hate my life and want it to end"),
        must_pass=("i h8 school", "I hate broccoli"),
    ),
    Rule(
        "suicidal_thoughts",
        "no_future",
        (
            r"\b(?:not|never|can not) (?:see|have|got) (?:a|any) future\b|\bno future\b"
            r"|\bplan\w* (?:for |of )?(?:how|when|what|where) i (?:would|wil|am going to|could) "
            r"do it\b"
            r"|\bhow (?:many|much) (?:tablets|pills|paracetamol|painkillers) (?:it )?(?:takes|to)\b"
            r"|\b(?:step|walk|run|jump) (?:out )?(?:into|in front of) (?:the )?(?:road|traffic|"
            r"train|cars?)\b"
        ),
        must_flag=(
            "i'm planning how i'd do it",
            "i dont see a future for myself",
            "ive got a plan for how id do it",
        ),
        must_pass=("in the future", "Too many attempts"),
    ),
    Rule(
        "suicidal_thoughts",
        "burden",
        (
            r"\b(?:a|such a|just a) burden\b|\bburden (?:to|on) (?:everyone|everybody|my \w+|"
            r"people|them|you)\b"
        ),
        must_flag=("i feel like a burden to everyone",),
        must_pass=("i had a burger for tea",),
    ),
    Rule(
        "suicidal_thoughts",
        "thinking_about_death",
        r"\b(?:dying|death)\b",
        must_flag=("i think about dying a lot",),
        must_pass=("my nan is unwell",),
    ),
    Rule(
        "suicidal_thoughts",
        "cannot_cope",
        (
            r"\b(?:can not|could not|can not even) (?:cope|handle (?:it|this|life|anything)|"
            r"take (?:it|this|much more|any more of this)(?: any| no)? ?more)\b"
            r"|\b(?:had|have had) enough of (?:life|living|everything|it al|being alive)\b"
            r"|\btoo much (?:for me )?to cope\b"
            r"|\bi (?:feel|am|fel) (?:so |really |just )?(?:hopeles|pointles|empty inside|numb)\b"
            r"|\blife is (?:hopeles|pointles)\b"
        ),
        must_flag=("i cant take it no more",),
        must_pass=("a long enough password", "I don't get enough pocket money"),
    ),
    Rule(
        "suicidal_thoughts",
        "not_be_here",
        (
            r"\b(?:not|never) (?:going to )?(?:be|being) (?:here|around|alive)(?: \w+){0,2}? "
            r"(?:longer|any ?more|tomorrow|for long|next (?:week|year))\b"
        ),
        must_flag=("im not gonna be around much longer",),
        must_pass=("I LOVE IT HERE", "i want to stay here forever"),
    ),
    Rule(
        "suicidal_thoughts",
        "goodbye_note",
        (
            r"\b(?:suicide note|goodbye (?:notes?|letters?|messages?)|last goodbye)\b"
            r"|\b(?:wrote|writing|write|written) (?:\w+ ){0,6}?(?:saying )?goodbye\b"
            r"|\b(?:saying|say|said) goodbye (?:forever|to everyone|to everybody|for good|to "
            r"the world)\b|\bgiv\w* (?:away )?(?:al )?my (?:stuff|things) away\b"
        ),
        must_flag=("i wrote letters to my family saying goodbye",),
        must_pass=("I'm sad my sister moved away", "My dog ran away but came back"),
    ),
)

# Looked for with the spaces taken out of each sentence: see `JoinedUpRule`.
JOINED_UP: Final[tuple[JoinedUpRule, ...]] = (
    JoinedUpRule(
        "suicidal_thoughts",
        "joined_up_words",
        phrases=(
            "kill myself",
            "kill my self",
            "want to die",
            "wanna die",
            "want to be dead",
            "end my life",
            "take my own life",
            "suicide",
            "suicidal",
            "sucide",
            "suicde",
            "unalive",
            "hang myself",
            "wish i was dead",
            "better off dead",
        ),
        must_flag=("i wanna die", "want to die", "i want 2 die"),
        must_pass=("i want to dye my hair pink",),
    ),
)
