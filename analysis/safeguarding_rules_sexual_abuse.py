"""Safeguarding rules for sexual abuse, and private contact from an adult in a position of
trust (a LADO matter).

See `safeguarding_rules.py` for how patterns are matched and `safeguarding_rule.py` for what
a rule's examples promise.
"""

from __future__ import annotations

from typing import Final

from .safeguarding_rule import Rule

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "sexual_abuse",
        "touched_me",
        (
            r"\b(?:touch|touches|touched|touching|tuch\w*|toch\w*|fondl\w*|grop\w*|rub|rubs|"
            r"rubbed|rubbing|strok\w*) "
            r"(?:me|{MY} (?:private|privates|bum|bottom|boobs|breasts|chest|willy|penis|vagina|"
            r"fanny|front bottom|down there|down below|private parts|area|body|legs?|thighs?|"
            r"crotch|tits|dick|pants))\b|\bfeel\w* me up\b"
            r"|\b(?:pictures|pics|photos|videos|snaps) of me (?:in my (?:pants|underwear|bra|"
            r"knickers|boxers)|naked|with(?:out| no) (?:any )?clothes)\b"
            r"|\b(?:ask\w*|keeps? asking|wants|wanted|begging) (?:me )?for (?:pictures|pics|"
            r"photos|nudes|videos) of me\b"
        ),
        must_flag=("someone touched me", "my teacher touched me", "a teacher touched my bum"),
        must_pass=("I feel listened to", "I feel safe at home"),
    ),
    Rule(
        "sexual_abuse",
        "rape_words",
        (
            r"\b(?:rape|raped|rapes|raping|rapist|paedo\w*|pedo\w*|peado\w*|nonce)\b"
            # a non-molestation order is the court's name for protection, not a disclosure
            r"|(?<!\bnon )\bmolest\w*\b"
            # masked with a symbol ("r*ped", "s*xual"): the symbol is dropped by normalise
            r"|\br(?:ped|pe|pes|ping|pist)\b|\bsxual\w*\b"
        ),
        must_flag=("I was raped", "he molested my little brother"),
        must_pass=("i like grapes", "we got a non-molestation order last spring"),
    ),
    Rule(
        "sexual_abuse",
        "sexual_words",
        (
            r"\bsexual\w* (?:abus\w*|assault\w*|things|stuff|pictures|photos|images|videos|"
            r"messages|comments|touching|way|acts?)\b|\bsexually\b|\bsex abuse\b"
            r"|\bsex\b|\b(?:have|had|having) sex with (?:me|him|her|them|"
            r"a man|men|older|an adult)\b"
        ),
        must_flag=(
            "i was forced to have sex",
            "i got sexually assaulted",
            "my brother makes me do sexual stuff",
        ),
        must_pass=("contact with my mum", "contact with my nan"),
    ),
    Rule(
        "sexual_abuse",
        "made_to_do_sexual",
        (
            r"\b(?:made|make|makes|making|forced|force|forces|forcing|wants|wanted|asked|asks|"
            r"tried|tries|told|tells|pressur\w*)(?: me)? (?:to )?(?:touch|watch|undress|strip|suck|"
            r"take off|kiss|lie on|sleep with|have sex|sit on|do (?:sexual|rude|dirty)|send "
            r"(?:pics|pictures|photos|nudes|videos))\b"
        ),
        must_flag=("he made me touch him", "he makes me watch porn", "i was forced to have sex"),
        must_pass=("the IRO asked me", "nobody told me why"),
    ),
    Rule(
        "sexual_abuse",
        "does_things_to_me",
        (
            r"\b(?:does|did|do|doing|done) (?:\w+ )?(?:things|stuff) to me\b"
            r"|\b(?:made|make|makes|forced|force|forces) me (?:do )?(?:things|stuff) (?:that )?"
            r"i (?:did not|do not) (?:want|like)\b"
        ),
        must_flag=(
            "my uncle does stuff to me",
            "my cousin does things to me at night",
            "he made me do things I didn't want to",
        ),
        must_pass=(
            "i dont drink or smoke, not my thing",
            "I get annoyed when my brother takes my stuff",
        ),
    ),
    Rule(
        "sexual_abuse",
        "in_bed_with_me",
        (
            r"\b(?:in|into) (?:my )?bed with me\b|\bnot ready for\b"
            r"|\b(?:go|get|come|sit) (?:in|into|to) (?:his|their|a mans|her) "
            r"(?:car|van|flat|room)\b"
        ),
        must_flag=(
            "he climbs into bed with me",
            "my boyfriend makes me do things i'm not ready for",
            "a man in the park keeps asking me to go to his car",
        ),
        must_pass=("contact with my mum", "contact with my nan"),
    ),
    Rule(
        "sexual_abuse",
        "walks_in_on_me",
        (
            r"\bwalk\w* in on me\b|\bcome\w* in (?:on me )?when i am (?:in the (?:shower|bath|"
            r"toilet)|changing|getting (?:changed|dressed))\b"
        ),
        must_flag=("me stepdad walks in on me in the shower",),
        must_pass=("it was a 10 minute walk", "My feet are killing me after the walk"),
    ),
    Rule(
        "sexual_abuse",
        "paid_for_pictures",
        (
            r"\b(?:money|cash|\d+|gifts?|vouchers|credit) (?:to|for|if i) (?:send|sending|sent|"
            r"take|taking) (?:\w+ )?(?:photos|pictures|pics|videos|snaps)\b"
        ),
        must_flag=("a man offered me money to send photos",),
        must_pass=("the flow should have sent alerts", "I take my medication every morning"),
    ),
    Rule(
        "sexual_abuse",
        "nudes_and_images",
        (
            r"\b(?:nudes?|nude pics|naked|porn\w*|dick pics?|private (?:pictures|pics|photos|"
            r"videos|parts)|privates|sexting|sexts?)\b"
        ),
        must_flag=(
            "he makes me watch porn",
            "he touched my private parts",
            "a man asked me to send nudes",
        ),
        must_pass=("can i get help with a deposit for a private rent",),
    ),
    Rule(
        "sexual_abuse",
        "in_my_bed",
        (
            r"\b(?:gets?|getting|got|comes?|coming|came|climb\w*|creeps?|crept|sneaks?|snuck) "
            r"(?:in|into) {MY} (?:bed|room|bedroom)\b(?! (?:to (?:say|check|tel|wake|ask|see if|"
            r"give|bring|talk)|and (?:says|checks|asks|says goodnight))\b)"
            r"|\bsleep\w* in (?:his|her|their) bed\b"
            r"|\bcome\w* in(?:to)? {MY} room at night\b"
        ),
        must_flag=(
            "he comes into my room at night",
            "the night staff comes into my room",
            "my step dad comes in my room when mum is asleep",
        ),
        must_pass=("I go to bed at 9", "My room is too small"),
    ),
    Rule(
        "sexual_abuse",
        "exposure",
        r"\b(?:flash\w*|expos\w*) (?:himself|herself|themselves|his|her|at me)\b",
        must_flag=(
            "a man flashed himself at me on the way to school",
            "the man at the bus stop exposed himself",
        ),
        must_pass=("we did a topic on light exposure in science",),
    ),
    Rule(
        "sexual_abuse",
        "grooming",
        (
            r"(?<!dog )(?<!dogs )(?<!pet )(?<!horse )(?<!pony )(?<!cat )(?<!bride and )"
            r"\bgroom\w*\b(?! (?:the |my |a |our )?(?:dogs?|horses?|ponies|pony|cats?|pets?)\b)"
        ),
        must_flag=("i think the man online is grooming me",),
        must_pass=(
            "the groundsman at school is kind",
            "i want to do dog grooming",
            "i help groom the horses at the stables",
        ),
    ),
    Rule(
        "sexual_abuse",
        "strong_words",
        r"\b(?:touched|groped|fondled|molested|violated|sexualy|abused me)\b",
        must_flag=("someone touched me", "my teacher touched me", "i got sexually assaulted"),
        must_pass=("I want to keep in touch with my old carers", "he made me touch him"),
    ),
    Rule(
        "sexual_abuse",
        "secret_keeping",
        (
            r"\b(?:told|tells|tell|asked|asks|makes|made|said) me (?:not to tell|to keep "
            r"(?:it |this )?(?:a )?secret|it is (?:a|our) secret)\b"
            r"|\bour (?:little |special )?secret\b"
            r"|\bkeep (?:a |it |this |our |these |those |big )?secrets?\b"
            r"|\bwhen (?:we are|were|i am|im) (?:on our own|alone|by ourselves)\b"
            r"|\bwhen (?:no one|nobody|noone) (?:is|was) (?:around|looking|home|in)\b"
            r"|\b(?:not allowed to|not supposed to|must not|scared to|afraid to) tell\b"
            r"|\bcan not tell (?:anyone|anybody|no one|nobody|my|the)\b"
            r"|\bnot (?:to )?tel\w* (?:anyone|anybody|no one|nobody|mum|dad|my (?:mum|dad|carers?|"
            r"social worker|teacher)|your \w+|a soul)\b"
        ),
        must_flag=(
            "he said it's our little secret",
            "my uncle makes me keep secrets",
            "he rubs my leg when we're alone",
        ),
        must_pass=("can we go bowling", "I'm scared of exams"),
    ),
    Rule(
        "sexual_abuse",
        "hands_on_me",
        (
            r"\b(?:hand|hands|fingers?) (?:down|in|inside|up|on|under) {MY} (?:pants|knickers|"
            r"trousers|shorts|top|skirt|bra|underwear|leg|legs|thigh|thighs|bum|chest|privates)\b"
            r"|\bhands? (?:on|al over) me\b|\bforc\w* me (?:to )?do (?:stuff|things)\b"
        ),
        must_flag=(
            "he put his hand down my pants",
            "my mum's friend put his hands on me",
            "my brother's mate forced me to do stuff",
        ),
        must_pass=("i put my hand on the hob on purpose", "i was forced to have sex"),
    ),
    Rule(
        "sexual_abuse",
        "would_not_stop",
        (
            r"\b(?:told|asked|begged) (?:him|her|them) to stop\b"
            r"|\b(?:would not|did not|never|will not) stop when i (?:said|told|asked)\b"
            r"|\bi (?:said|kept saying) no\b"
        ),
        must_flag=("he kissed me and i told him to stop",),
        must_pass=("Miss said she was proud of me", "The IRO listened to what I said"),
    ),
    Rule(
        "sexual_abuse",
        "uncomfortable_touch",
        (
            r"\b(?:hug\w*|touch\w*|kiss\w*|cuddl\w*|tickl\w*|strok\w*|rub\w*|stares? at|"
            r"looks? at|watch\w*) (?:me|{MY} \w+) (?:\w+ ){0,6}?(?:weird|uncomfortable|funny|"
            r"strange|dirty|not right|wrong|scared)\b"
        ),
        must_flag=(
            "my teacher hugs me and it makes me feel weird",
            "my uncle kisses me on the lips and it feels wrong",
            "the staff member touches my leg and it feels wrong",
        ),
        must_pass=("I'm scared of exams", "Too many wrong PINs"),
    ),
    Rule(
        "sexual_abuse",
        "watches_me_undressed",
        (
            r"\b(?:watch\w*|look\w* at|stares? at|star\w* at|film\w*|record\w*|photograph\w*|"
            r"tak\w* (?:pictures|photos|pics|videos) of) me (?:in the (?:shower|bath|toilet)|"
            r"when i (?:shower|bath|change|am changing|get changed|get dressed|sleep|am asleep)|"
            r"getting (?:changed|dressed|undressed)|changing|naked|undress\w*|in my (?:underwear|"
            r"pants))\b"
        ),
        must_flag=(
            "my uncle takes photos of me in my pants",
            "my mum's boyfriend watches me in the shower",
        ),
        must_pass=("changing my mind", "Two teams changed."),
    ),
    Rule(
        "sexual_abuse",
        "body_parts",
        (
            r"\b(?:willy|willies|penis|vagina|privates|private parts|front bottom|genitals|"
            r"cock|dick pics?)\b|\bshow\w* me (?:his|her|their) (?:body|bits|thing|boobs|dick|"
            r"bum|fanny)\b"
        ),
        must_flag=(
            "he touched my private parts",
            "i got sent pics of his privates",
            "a man at the park showed me his willy",
        ),
        must_pass=(
            "can i get help with a deposit for a private rent",
            "dancing is my favourite thing and i got into the show",
        ),
    ),
    Rule(
        "sexual_abuse",
        "sexual_messages",
        (
            r"\b(?:dirty|sexy|sexual|naughty|rude) (?:messages|texts|pictures|pics|photos|videos|"
            r"snaps|comments|chat|talk)\b"
        ),
        must_flag=("he sends me dirty messages",),
        must_pass=("i got sexually assaulted", "my brother makes me do sexual stuff"),
    ),
    Rule(
        "sexual_abuse",
        "inappropriate",
        r"\binappropriat\w*\b|\bpervert\w*\b|\bperv\b|\bcreep\w*\b",
        must_flag=(
            "my mums boyfriend is a perv",
            "the man next door is a creep and keeps staring at me",
        ),
        must_pass=("i ate ice cream in the park",),
    ),
    Rule(
        "sexual_abuse",
        "kissed_me",
        r"\b(?:tried|tries|try|made me|forced me|wants|wanted) (?:to )?kiss\w* (?:me|him|her)\b",
        must_flag=("my mums friend tried to kiss me", "he forced me to kiss him"),
        must_pass=("my mum kissed me goodnight", "he kissed me and i told him to stop"),
    ),
    # Private contact or touch from an adult in a position of trust. Ordinary texts from a
    # social worker or PA are normal, so only private channels and touch count here.
    Rule(
        "carer_allegation",
        "carer_contact",
        (
            r"\b{CARER} (?:\w+ ){0,3}?(?:(?:messag\w*|text\w*|add\w*|follow\w*|dm\w*|"
            r"snapchat\w*|cal\w*) me (?:on (?:snapchat|snap|insta|instagram|tiktok|facebook|"
            r"discord|whatsapp|kik|telegram)|at night|late at night|from (?:his|her|their) "
            r"(?:own|personal) (?:phone|number))|snapchats me|dms me|dmed me|gave me (?:his|her|"
            r"their) (?:number|snap|snapchat|insta)|wants to meet|wanted to meet|kissed me|"
            r"kisses me|makes me uncomfortable|made me uncomfortable|is creepy|is weird with me|"
            r"stares at me|watches me (?:change|shower|in the shower|get dressed|sleep))\b"
        ),
        must_flag=(
            "my PE teacher keeps messaging me on snapchat",
            "my social worker messages me on snapchat late at night and its weird",
            "my coach messages me late at night and tells me not to tell my parents",
        ),
        must_pass=("not a phone", "not a number"),
    ),
)
