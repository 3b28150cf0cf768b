"""Safeguarding rules for sexual exploitation online (requests for images, sextortion), sex for
rent, financial exploitation and cuckooing, gifts that buy favours, threats that demand
secrecy, and harm by a worker told by a third party (issue 13).

Online and financial exploitation are `exploitation` (criminal or sexual), the existing key;
secrecy under threat is `threats_of_violence`. See `safeguarding_rules.py` for how patterns
are matched and `safeguarding_rule.py` for what a rule's examples promise.
"""

from __future__ import annotations

from typing import Final

from .safeguarding_rule import Rule

_IMAGES: Final = (
    r"(?:pics?|pictures?|photos?|images?|selfies?|nudes?|videos?|vids?|snaps?|body pics|"
    r"naked \w+|nude \w+|private \w+|rude \w+|dirty \w+|sexy \w+)"
)

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "exploitation",
        "asked_for_images",
        (
            r"\b(?:ask\w*|beg\w*|want\w*|keeps? asking|pressur\w*|told|tel\w*|mak\w*|made|"
            r"get\w*|got) (?:me )?(?:\w+ ){0,2}(?:for |to (?:send|take|show) (?:him |her |them )?"
            r"(?:a |an |some |more |my )?)" + _IMAGES + r"\b"
            r"|\bsend (?:him |her |them )?(?:a |some |more )?(?:nudes?|naked \w+|nude \w+|"
            r"rude \w+|dirty \w+|body pics)\b"
            r"|\b(?:take|took) (?:my|me) (?:top|clothes|shirt) off (?:on|for) (?:camera|cam|video|"
            r"facetime|the call|him)\b"
        ),
        must_flag=(
            "a man online asked me for pics",
            "someone on snap keeps asking me to send nudes",
            "he told me to send him a photo of my body",
            "he wanted me to take my top off on facetime",
        ),
        must_pass=("my carer took photos of us at the beach", "i like taking pictures of birds"),
    ),
    Rule(
        "exploitation",
        "sextortion",
        (
            r"\b(?:share|post|send|leak|show|spread)\w* (?:my |the |them |those |these |our )?"
            r"(?:\w+ ){0,2}" + _IMAGES + r" (?:\w+ ){0,4}(?:unless|if i (?:do not|dont|wont|"
            r"will not)|if i do not)\b"
            r"|\b(?:pay|send|give) (?:him |her |them )?(?:money|cash|gift cards?|£?\d+) or "
            r"(?:he|she|they) (?:will |wil |are going to )?(?:share|post|send|leak|show)\b"
        ),
        must_flag=(
            "he said he will share my nudes unless i pay",
            "they said pay them £200 or they will post the pics",
            "he is going to send the video to my friends if i dont send more",
        ),
        must_pass=("i share my photos on instagram",),
    ),
    Rule(
        "exploitation",
        "sex_for_rent_or_things",
        (
            r"\b(?:sex|sleep with (?:him|her|them)|sexual favou?rs|favou?rs) (?:\w+ ){0,3}"
            r"(?:for|instead of|in return for|to pay|as) (?:the )?(?:rent|a room|a place to stay|"
            r"somewhere to stay|money|drugs|{DRUG}|a bed|food|a lift|lifts)\b"
            r"|\b(?:pay|paying|paid) (?:the |my )?(?:rent|room|bills) (?:\w+ ){0,2}(?:with|by "
            r"having) sex\b"
            r"|\b(?:landlord|he|she|they)\b(?: \w+){0,4} (?:wants?|expects?|said) (?:\w+ ){0,3}"
            r"(?:sex|favou?rs) (?:\w+ ){0,2}(?:instead of|for) (?:the )?rent\b"
        ),
        must_flag=(
            "my landlord said i can pay rent with sex",
            "he lets me stay if i sleep with him for a place to stay",
            "i had sex with him for somewhere to stay",
        ),
        must_pass=("i pay rent to my landlord every month",),
    ),
    Rule(
        "exploitation",
        "gifts_for_favours",
        (
            r"\b(?:gives?|giving|gave|buys?|buying|bought|gets?|got) (?:me )?(?:\w+ ){0,3}"
            r"(?:stuff|things|gifts|presents|money|cash|trainers|clothes|a phone|phones|{DRUG}|"
            r"vapes?|food|lifts|alcohol|weed)\b(?: \w+){0,6} (?:favou?rs?|owe (?:him|her|them)|"
            r"pay (?:him|her|them|it) back|something (?:back|in return)|in return)\b"
            r"|\b(?:older|man|men|guy|guys|lads|boys|someone|somebody)\b(?: \w+){0,4} "
            r"(?:wants?|expects?|asks?|asking|makes?) me (?:to )?(?:do )?(?:\w+ )?favou?rs?\b"
            r"|\bsays? i owe (?:him|her|them)\b"
        ),
        must_flag=(
            "someone older keeps giving me stuff and wants me to do favours",
            "an older lad buys me trainers and says i owe him",
            "this guy gives me weed and then wants something back",
        ),
        must_pass=("my foster carer buys me clothes for school", "can you do me a favour"),
    ),
    Rule(
        "exploitation",
        "financial",
        (
            r"\b(?:took|take|takes|taking|uses?|using|used|keeps?|kept|has|have) (?:\w+ ){0,2}"
            r"(?:bank card|bank account|debit card|card and pin|pin number|benefits|universal "
            r"credit|my money|my wages|my pay)\b(?: \w+){0,5} (?:without|and (?:will|wil) not|"
            r"won|wont|never|for (?:them|him|her)|to (?:move|send|put) money)\b"
            r"|\b(?:money mule|muling|mule|mules)\b"
            r"|\b(?:put|move|moving|moved|send|sent|receive|received) (?:\w+ ){0,2}money "
            r"(?:through|into|in|via) my (?:bank|account|card)\b"
            r"|\b(?:took|takes|take|taking|keeps) my (?:bank card|debit card|card|benefits|"
            r"universal credit|wages|pay|money)\b"
        ),
        must_flag=(
            "he took my bank card",
            "some lads asked to put money through my bank account",
            "my ex keeps my benefits and i have nothing for food",
        ),
        must_pass=("i got a new bank card from the bank", "i saved my money for a bike"),
    ),
    Rule(
        "exploitation",
        "cuckooing",
        (
            r"\b(?:use|uses|using|used|took over|taken over|take over|takes over|staying in|"
            r"moved into|living in) (?:my|our|me mums|my mums|her|his) (?:flat|house|place|"
            r"home)\b(?: \w+){0,5} (?:sel|deal|drugs|{DRUG}|stash|cook|wont leave|will not leave|"
            r"can not get (?:them|him) out|scared)\w*"
            r"|\b(?:they|people|lads|dealers|men)\b(?: \w+){0,3} (?:wont|will not|wil not) "
            r"(?:leave|get out of) (?:my|our) (?:flat|house|place)\b"
        ),
        must_flag=(
            "they use my flat to sell drugs",
            "some men took over our house and wont leave",
            "dealers moved into my flat and i cant get them out",
        ),
        must_pass=("my mates came to my flat to watch the match",),
    ),
    Rule(
        "threats_of_violence",
        "secrecy_demanded",
        (
            r"\b(?:if|when) (?:i|you) (?:tel|tell|told|say|said|grass|snitch)\w*(?: \w+){0,4} "
            r"(?:he|she|they|i|you)(?: \w+){0,3} (?:kil|hurt|beat|stab|get|come for|find|"
            r"burn|take|send|post|share)\w*"
            r"|\bour (?:little |special )?secret\b"
            r"|\b(?:told|tels?|said|says|warned) me (?:not to|never to|to not|to never) "
            r"(?:tel|tell|say|speak)\w*(?: \w+){0,6} (?:or|otherwise|else)\b"
            r"|\bnot (?:allowed|suposed) to tel (?:anyone|anybody|no one|my \w+)\b"
            r"|\bsnitches get stitches\b"
        ),
        must_flag=(
            "he said if i tell anyone he will kill me",
            "he says its our little secret",
            "they told me not to tell my social worker or else",
            "im not allowed to tell anyone what happens at home",
        ),
        must_pass=("i told my carer a secret about my birthday present", "i can keep a secret"),
    ),
    Rule(
        "physical_abuse",
        "worker_harms_another_child",
        (
            r"\b{CARER} (?:\w+ ){0,3}(?:{HURT}|touch\w*|abus\w*) (?:my |a |the |another |"
            r"other |his |her )?(?:\w+ )?(?:friend|mate|brother|sister|kid|child|children|"
            r"kids|boy|girl|boys|girls|pupil|student|resident|him|her|them|someone)\b"
            r"|\b(?:friend|mate|brother|sister|kid|child|boy|girl|someone)\b(?: \w+){0,4} "
            r"(?:being |been |got |gets |was |were |is )(?:{HURT}|touched|abused) by "
            r"(?:a |the |my |his |her |their )?(?:member of staff|{CARER})\b"
        ),
        must_flag=(
            "a member of staff hurt my friend",
            "my friend is being hit by a teacher",
            "the staff at the home hit the younger kids",
        ),
        must_pass=("my teacher helped my friend with maths",),
    ),
)
