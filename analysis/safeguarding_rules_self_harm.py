"""Safeguarding rules for self-harm: cutting, burning, overdoses, not eating, hiding injuries.

See `safeguarding_rules.py` for how patterns are matched and `safeguarding_rule.py` for what
a rule's examples promise.
"""

from __future__ import annotations

from typing import Final

from .safeguarding_rule import JoinedUpRule, Rule

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "self_harm",
        "harm_myself",
        (
            r"\b(?:cut\w*|slit\w*|slic\w*|slash\w*|hurt\w*|harm\w*|burn\w*|scratch\w*|hit\w*|"
            r"punch\w*|bit|bite\w*|biting|starv\w*|stab\w*|bash\w*|bang\w*|pinch\w*|injur\w*|"
            r"carv\w*|bruis\w*) {MYSELF}\b"
        ),
        must_flag=("I cut myself", "i hit myself", "i cut myself"),
        must_pass=("The dentist hurt a bit", "I cut my hair really short"),
    ),
    Rule(
        "self_harm",
        "self_harm_words",
        (
            r"\b(?:self ?har\w*|slef ?harm\w*|self ?hram\w*|self ?injur\w*|self ?mutilat\w*|"
            r"self ?destruct\w*)\b"
        ),
        must_flag=("I self harm", "i self harme", "self harm most nights"),
        must_pass=("i want to kill my self",),
    ),
    Rule(
        "self_harm",
        "sh_text_speak",
        (
            r"\b(?:been|started|start|keep|still|relapsed|stopped|i) (?:sh|shing)\b"
            r"|\bsh (?:scars|cuts|marks|again)\b|\bmy sh\b|\bshing\b"
        ),
        must_flag=("been sh'ing again", "been sh'ing again since the move"),
        must_pass=("Ask Sarah again. ", "phone bills again"),
    ),
    Rule(
        "self_harm",
        "cut_body",
        (
            r"\b(?:cut|cuts|cutting|slit|slash\w*|scratch\w*|burn\w*|scar\w*|marks) "
            r"(?:on |into |up )?{MY} (?:arms?|wrists?|legs?|thighs?|skin|stomach|tummy|body|"
            r"hips?|belly|chest)\b"
            r"|\b(?:cuts|scars|marks|burns) on {MY} (?:arms?|wrists?|legs?|thighs?|body|skin)\b"
        ),
        must_flag=(
            "I keep cutting my arms",
            "i've got cuts on my wrists",
            "i cut my thighs so no one sees",
        ),
        must_pass=("I cut my hair really short", "I cut out pictures for my art project"),
    ),
    Rule(
        "self_harm",
        "i_cut",
        (
            r"\bi (?:have |had |keep |still |started |start |sometimes |used to )?"
            r"(?:cut|cutting|burn|burnt|burned)\b(?! (?:my hair|the|a|an|some|it|them|this|that|"
            r"out|off|across|through|up|down|class|school|lessons|back|in|my nails|his|her|grass|"
            r"paper)\b)"
        ),
        must_flag=("I cut myself", "i cut myself", "i keep cutting myself"),
        must_pass=("I cut my hair really short", "I cut out pictures for my art project"),
    ),
    Rule(
        "self_harm",
        "cutting_again",
        (
            r"\b(?:cut\w*|harm\w*|burn\w*|hurt\w*) again\b"
            r"|\b(?:been|started|start|keep|still|stopped|relapsed|back to) (?:cut\w*|"
            r"self ?harm\w*|harming|hurting {MYSELF}|burning)\b(?! (?:the|my hair|hair|grass|"
            r"paper|wood|down|back|out|class|school|it)\b)"
        ),
        must_flag=("im cutting again", "i keep cutting myself", "I keep cutting my arms"),
        must_pass=("Ask Sarah again. ", "phone bills again"),
    ),
    Rule(
        "self_harm",
        "sh_alone",
        r"\bsh\b",
        must_flag=("sh is the only thing that helps",),
        must_pass=("the allotment was shut", "I need new school shoes"),
    ),
    Rule(
        "self_harm",
        "hair_pulling",
        r"\bpul\w* (?:out )?(?:my|me) (?:hair|eyelashes|eyebrows|lashes|brows)(?: out)?\b",
        must_flag=(
            "i pull my hair out",
            "she pulls my hair and drags me",
            "i've been pulling my eyelashes out",
        ),
        must_pass=("I cut my hair really short", "i cut my hair short and i hate it lol"),
    ),
    Rule(
        "self_harm",
        "hurt_to_feel",
        (
            r"\bhurt\w* (?:\w+ ){0,2}?to feel (?:beter|something|alive|normal|in control|ok)\b"
            r"|\b(?:cut\w*|hurt\w*|harm\w*|burn\w*|pain) (?:\w+ )?(?:makes|helps) me feel\b"
            r"|\bto feel something\b"
        ),
        must_flag=("i need to hurt to feel better",),
        must_pass=("The dentist hurt a bit", "because Sandra makes tea"),
    ),
    Rule(
        "self_harm",
        "until_i_bleed",
        (
            r"\b(?:til|until|so|and|to make|making) (?:\w+ ){0,2}?(?:bleed\w*|bled)\b"
            r"|\b(?:punch\w*|hit\w*|kick\w*|bang\w*|headbut\w*) (?:the )?walls?\b"
        ),
        must_flag=(
            "i scratch til it bleeds",
            "i scratch myself till i bleed",
            "i bite my arms until they bleed",
        ),
        must_pass=(
            "its too noisy at nite and the other boy bangs on the wall",
            "it was a 10 minute walk",
        ),
    ),
    Rule(
        "self_harm",
        "not_eating",
        (
            r"\b(?:stopped eating|stop eating|not eating|barely eat\w*|hardly eat\w*|"
            r"refus\w* to eat|do not eat any\w*|starv\w* {MYSELF}|skip\w* (?:al )?(?:my )?meals)"
            r"\b(?! (?:meat|dairy|sweets|chocolate|crisps|junk|fast food|gluten|pork|sugar|"
            r"fish|school dinners|breakfast)\b)"
        ),
        must_flag=("i starve myself", "i stopped eating", "i hate my body and i starve myself"),
        must_pass=("I'm starving after football", "i'd rather die than eat mushrooms"),
    ),
    Rule(
        "self_harm",
        "on_purpose",
        (
            r"\b(?:{MYSELF}|my (?:hand|arm|leg|skin|head|wrist|finger)\w*) (?:\w+ ){0,5}?"
            r"(?:on purpose|deliberately)\b"
        ),
        must_flag=("i put my hand on the hob on purpose",),
        must_pass=("my brother broke my xbox on purpose",),
    ),
    Rule(
        "self_harm",
        "blades",
        r"\b(?:razors?|blades?|sharpener blades?)\b",
        must_flag=("i keep a blade in my bag", "someone threatened me with a blade"),
        must_pass=("i like rollerblading with my carer",),
    ),
    Rule(
        "self_harm",
        "overdose",
        (
            r"\b(?:over ?dos\w*|oded|(?:took|take|taking|taken|done|did) (?:an? )?od)\b"
            r"|\b(?:took|take|taking|taken|swallowed|swallow) (?:loads of|a load of|lots of|"
            r"all (?:of )?(?:my|the|mums?|dads?)|too many|a lot of|a bunch of|some of (?:my|the)) "
            r"(?:pills|tablets|paracetamol|painkillers|medicine|meds)\b"
            r"|\b(?:took|take|taking|taken|swallow\w*|had|necked) (?:\w+ ){0,2}?(?:load|lot|bunch|"
            r"handful|whole|packet|box|bottle|pack|strip)s? (?:of )?(?:\w+ ){0,2}?(?:pills|tablets|"
            r"paracetamol|painkillers|meds|medicine)\b"
        ),
        must_flag=(
            "i took an overdose",
            "I took loads of pills last week",
            "i'm going to take all my tablets",
        ),
        must_pass=("did not work", "didn't get that"),
    ),
    Rule(
        "self_harm",
        "make_myself_sick",
        r"\bmak\w* {MYSELF} (?:sick|throw up|bleed|vomit|puke)\b",
        must_flag=(
            "i make myself sick after tea",
            "i make myself sick after eating",
            "i've been making myself throw up",
        ),
        must_pass=(
            "college keep taking money off my bursary when im off sick",
            "watched a horror film with my carer, the bit where he dies was sick",
        ),
    ),
    Rule(
        "self_harm",
        "head_banging",
        r"\bbang\w* {MY} head (?:on|against)\b",
        must_flag=(
            "i bang my head on the wall when im upset",
            "i bang my head on the wall when i get upset",
        ),
        must_pass=("its too noisy at nite and the other boy bangs on the wall",),
    ),
    Rule(
        "self_harm",
        "urge_to_hurt",
        r"\b(?:urge|urges|want|need) to (?:cut|hurt|harm|burn) (?:again|{MYSELF})\b",
        must_flag=("i want to hurt myself",),
        must_pass=("I want a PS5", "i want a dog"),
    ),
    Rule(
        "self_harm",
        "relapse",
        r"\brelaps\w*\b",
        must_flag=("I relapsed after 3 months clean",),
        must_pass=("i relax by drawing",),
    ),
    Rule(
        "self_harm",
        "saving_pills",
        (
            r"\b(?:stash|stock ?pile|colection|load|hoard) (?:of )?(?:pills|tablets|paracetamol|"
            r"painkillers|meds)\b|\b(?:saved|saving|save|hid|hiding|stockpil\w*) "
            r"(?:up )?(?:\w+ )?(?:pills|tablets|paracetamol|painkillers|meds)\b"
            r"|\b(?:pills|tablets|paracetamol|painkillers|meds) (?:saved|stashed|hidden)\b"
        ),
        must_flag=(
            "i've got a stash of tablets saved up",
            "took a load of tablets last month but nobody knows",
            "i got pills hidden in my room for when its too much",
        ),
        must_pass=("tablet has finished", "can i have a tablet for my birthday"),
    ),
    Rule(
        "self_harm",
        "eating_for_control",
        (
            r"\b(?:not|never|stop|stopped|do not) eat\w* (?:anything )?(?:for|in) (?:days|a day|"
            r"\d+ days|two days|ages|a wek)\b|\beat\w* (?:\w+ ){0,6}?in control\b"
        ),
        must_flag=("i don't eat for days so i feel in control",),
        must_pass=("I want my own phone contract", "i'd rather die than eat mushrooms"),
    ),
    Rule(
        "self_harm",
        "wrists_a_mess",
        (
            r"\b(?:wrists?|arms?|legs?|thighs?) (?:are|is) (?:a mess|cut|covered|scarred|bleeding|"
            r"sore from|wrecked)\b"
        ),
        must_flag=("my wrists r a mess", "my arms are covered in scars"),
        must_pass=(
            "i hurt my wrist at netball",
            "my foster brother gave me a dead arm for a joke and then we had a laugh",
        ),
    ),
    Rule(
        "self_harm",
        "hiding_arms",
        (
            r"\blong sleves\b|\b(?:hide|hiding|cover|covering|sees|se|see|seeing|notice) "
            r"(?:up )?{MY} (?:arms|wrists|legs|thighs|cuts|scars)\b"
        ),
        must_flag=(
            "i wear long sleeves so no one sees my arms",
            "i wear long sleeves so nobody sees my arms",
        ),
        must_pass=("i hurt my wrist at netball", "my wrists r a mess"),
    ),
    Rule(
        "self_harm",
        "scars",
        (
            r"\bscars?\b"
            r"|\b(?:covered in|full of|lots of|loads of) (?:\w+ )?(?:cuts|burns|scratches)\b"
        ),
        must_flag=("my arms are covered in scars", "I have scars on my legs from where I cut"),
        must_pass=("I'm scared of exams", "I'm scared of heights"),
    ),
    Rule(
        "self_harm",
        "deserve_pain",
        (
            r"\bdeserve (?:to )?(?:be hurt|get hurt|pain|suffer|to suffer|be punished|be hit|"
            r"be abused|bad things|what (?:happens|he does|she does|they do)|it all|"
            r"to be in pain)\b"
            r"|\bwant (?:someone|somebody|people|him|her|them) to hurt me\b"
            r"|\b(?:not|never) deserve (?:to )?(?:eat|food|to live|to be (?:happy|loved|alive)|"
            r"love|anything|to exist)\b"
        ),
        must_flag=(
            "i deserve to be hurt",
            "i don't deserve to eat",
            "i want someone to hurt me so i feel something",
        ),
        must_pass=("I want a PS5", "i want a dog"),
    ),
)

# Looked for with the spaces taken out of each sentence: see `JoinedUpRule`.
JOINED_UP: Final[tuple[JoinedUpRule, ...]] = (
    JoinedUpRule(
        "self_harm",
        "joined_up_words",
        phrases=("cut myself", "cutting myself", "hurt myself", "self harm"),
        must_flag=("I self harm", "I cut myself", "i cut myself"),
        must_pass=("i cut my hair",),
    ),
)
