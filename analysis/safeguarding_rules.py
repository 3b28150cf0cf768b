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

# Staff-facing labels, in the order of the brief. Keys are stored in the database: do not rename.
CATEGORIES: Final = MappingProxyType(
    {
        "suicidal_thoughts": "Suicidal thoughts",
        "self_harm": "Self-harm",
        "sexual_abuse": "Sexual abuse",
        "carer_allegation": "Allegation about a carer or worker (LADO)",
        "physical_abuse": "Physical abuse",
        "exploitation": "Exploitation (criminal or sexual)",
        "domestic_abuse": "Domestic abuse",
        "threats_of_violence": "Threats of violence",
        "no_safe_place": "No safe place to stay",
        "going_missing": "Going missing",
        "neglect": "Neglect",
        "emotional_abuse": "Emotional abuse or bullying",
        "substance_misuse": "Drug or alcohol misuse",
    }
)

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
    }
)

# Reusable pieces of pattern, filled into `{NAME}` placeholders. Values are regex fragments.
MACROS: Final[dict[str, str]] = {
    # "myself" and the ways it gets typed: "my self", "meself", "mysef", "myslef", "mysen".
    "MYSELF": (
        r"(?:my ?selfs?|my ?selves|my ?sel|me ?self|me ?sel|ma ?self|my ?slef|mysef|myslf|"
        r"mysen)"
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
        r"shoes|trainers)|these (?:shoes|trainers)) (?:is|are|was|were) (?:literally |really |"
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

# The rules. Key: category; value: rule name -> pattern. A result's `matches` holds
# "category.rule_name", never any of the child's words, so it is safe to log.
RULES: Final[dict[str, dict[str, str]]] = {
    "suicidal_thoughts": {
        "kill_myself": r"\b(?:kill\w*|kl|end\w*|unalive\w*) {MYSELF}\b",
        # "off myself" squeezes to "of myself", as in "proud of myself": only after a wish.
        "off_myself": (
            r"\b(?:want to|going to|wil|could|should|just|might|gona|try to|tried to) "
            r"off {MYSELF}\b"
        ),
        "join_the_dead": (
            r"\bbe with (?:my )?(?:dead|late) \w+\b|\b(?:be with|join) (?:\w+ ){0,2}?in heaven\b"
            r"|\b(?:when|after|once) i am gone\b|\bnote for when\b"
            r"|\beveryone (?:would|wil) be (?:beter off|hapier|beter)\b"
        ),
        "in_case_i_am_gone": (
            r"\bin case (?:i am|i was|i wil be|i do not come back|something happens to me)"
            r"(?: not (?:here|around|alive)| gone| dead| not back)?\b(?! (?:late|ill|sick|away)\b)"
            r"|\bin case i (?:die|do not make it|am not here|disappear)\b"
        ),
        "high_places": (
            r"\b(?:stood|standing|stand|sat|sitting|went|go|going|climbed) (?:up |out )?(?:on|at|"
            r"by|to|up|near|onto|on top of) (?:the |a |that )?(?:edge of (?:the |a )?\w+|bridge|"
            r"cliff|cliffs|roof|ledge|railway|train tracks|tracks|top of (?:the|a) (?:car park|"
            r"flats|building))\b"
            r"|\bthinking (?:about|of) (?:jumping|ending it|dying|not being here|not waking up|"
            r"killing {MYSELF})\b"
        ),
        "text_speak_abbreviation": r"\b(?:kms|kmsl|ctb|kmn)\b",
        "suicide_word": (
            r"\b(?:suicid\w*|suicd\w*|sucid\w*|suiscid\w*|suisid\w*|suiside\w*|suacid\w*|"
            r"suecid\w*|sewer ?slide|sui cide|unalive\w*|un alive\w*)\b"
        ),
        "want_to_die": (
            r"\b(?:want|wanted|wants|wanting|wish|wished|going|ready|deserve|hope|like|need|"
            r"trying|tried|try|plan|planning|thinking of|thinking about|should|just want|"
            r"want it) (?:to |2 )?(?:just )?(?:die|dye(?! (?:my|your|her|his|it|the|hair|"
            r"clothes|them)\b)|be dead|not be alive|not exist|stop existing|disappear forever|"
            r"sleep forever|not wake up|never wake up)\b"
        ),
        "i_will_die": r"\bi (?:am going to|will|might|could|should) (?:just )?die\b",
        "wish_i_was_dead": (
            r"\b(?:wish|rather|better off|should) (?:i |that i |just |be |i had )?"
            r"(?:was |were |be |been |am |had )?(?:dead|never born|never been born|not born|"
            r"not here|not alive|gone|die|died)\b"
        ),
        "better_off_without_me": r"\b(?:better off|happier) without me\b",
        "end_it_all": (
            r"\bend\w* (?:it all|my life|my own life|everything|things|it now|this life)\b"
            r"|\b(?:want|going|try|tried|thinking (?:about|of)|plan\w*) (?:to )?end it\b"
            r"|\b(?:take|takes|taking|took|taken) my (?:own )?life\b"
        ),
        "not_want_to_live": (
            r"\b(?:not|no longer|never) (?:really |even )?(?:want|wish) (?:to )?(?:live\b"
            r"(?! (?:here|there|with|in|at|near|on|somewhere|anywhere)\b)|be alive|"
            r"be here (?:any|no) ?more|exist|wake up\b(?! (?:early|for|at|in the|so|too)\b)|"
            r"be on this earth|be around any ?more|carry on|go on (?:any ?more|living|like this))"
        ),
        "no_reason_to_live": (
            r"\b(?:no (?:point|reason) (?:in |of )?(?:living|life|being alive|being here|"
            r"going on|carrying on|to live|to go on)|nothing to live for|not worth living|"
            r"what is the point (?:in |of )?(?:living|life|being alive|me|anything)|"
            r"life is (?:not worth|pointless|meaningless))\b"
        ),
        "cannot_go_on": (
            r"\b(?:can not|could not) (?:go on\b(?! (?:the|a|an|my|trips?|holiday|it|that|"
            r"this|them|there|with|to|at|camp|residential)\b)|carry on\b(?! with\b)|"
            r"do this any ?more|take (?:it|this) any ?more|cope any ?more|keep going)"
            r"|\bgive up on (?:life|living|everything)\b|\bno way out\b"
        ),
        "method_words": (
            r"\b(?:hang|hanging|hung) {MYSELF}\b|\b(?:noose|ligature)\b"
            r"|\bjump (?:off|from) (?:a|the|that|this) (?:\w+ ){0,2}?(?:storey|flats|balcony|"
            r"window|motorway|bridge|building|roof|cliff|tower|car park)\b"
            r"|\b(?:jump|step|walk|throw {MYSELF}) in front of (?:a|the) (?:train|car|bus|lorry|"
            r"truck)\b"
        ),
        "someone_kill_me": (
            r"\b(?:want|wish|hope|need) (?:someone|somebody|some one|you|them|him|her|god) "
            r"(?:would |to )?(?:kill|shoot|end) me\b|\bjust kill me\b|\bkill me now\b"
        ),
        "feel_like_dying": (
            r"\b(?:feel|feels|feeling|felt) like (?:dying|death|i am dying|i want to die)\b"
        ),
        "if_i_died": (
            r"\bif i (?:was|were|had) (?:dead|gone|not here|not around|never born|never been "
            r"born|not born|not been born)\b"
            r"|\bif i (?:died|killed myself|disappeared|was to die|did not exist|live or die|"
            r"lived or died|live or not)\b"
            r"|\b(?:nobody|no one|noone|no body) (?:wil|would|is going to) (?:even )?"
            r"(?:miss|notice) me\b|\b(?:i will|ill|i am going to) be gone\b"
        ),
        "done_with_life": (
            r"\b(?:done|finished|sick|tired) (?:with|of) (?:life|living|being alive|"
            r"everything|it all|existing)\b"
            r"|\bwant (?:it all|everything|my life|life|it|this|the pain) to (?:end|stop)\b"
        ),
        "no_point": (
            r"\b(?:not|never|can not) see (?:the|any) point(?: any ?more| in (?:anything|life|"
            r"living|being here|it any ?more)| of (?:anything|life|living|me))?(?![ a-z])"
            r"|\bno point any ?more\b|\bwhat is the point any ?more\b"
            r"|\bwhy (?:do i|should i|would i) (?:even )?(?:bother )?(?:living|being alive|"
            r"existing|waking up|carry on|go on)\b|\bbother (?:living|being alive|existing|"
            r"waking up)\b|\bwhy (?:am|was) i (?:even )?(?:alive|born)\b"
        ),
        "never_wake_up": (
            r"\b(?:never|not) (?:wake|waking) up(?: again)?\b(?! (?:early|on time|in time|for|at|"
            r"before|til|until|when|in the|with|without|feeling|til)\b)|\bsleep forever\b"
        ),
        "end_it": (
            r"\bend\w* it\b(?! (?:with|for|off|on|there|here|now and|early|soon and)\b)"
            r"|\b(?:am|i am) ready to (?:go|leave this world|die|end it)(?![ a-z])"
        ),
        "hates_self_or_life": (
            r"\bi (?:hate|hated|hates) (?:my life|{MYSELF}|being alive|living\b(?! (?:in|with|here|"
            r"there|at|on|near|somewhere)\b))"
        ),
        "no_future": (
            r"\b(?:not|never|can not) (?:see|have|got) (?:a|any) future\b|\bno future\b"
            r"|\bplan\w* (?:for |of )?(?:how|when|what|where) i (?:would|wil|am going to|could) "
            r"do it\b"
            r"|\bhow (?:many|much) (?:tablets|pills|paracetamol|painkillers) (?:it )?(?:takes|to)\b"
            r"|\b(?:step|walk|run|jump) (?:out )?(?:into|in front of) (?:the )?(?:road|traffic|"
            r"train|cars?)\b"
        ),
        "burden": (
            r"\b(?:a|such a|just a) burden\b|\bburden (?:to|on) (?:everyone|everybody|my \w+|"
            r"people|them|you)\b"
        ),
        "thinking_about_death": r"\b(?:dying|death)\b",
        "cannot_cope": (
            r"\b(?:can not|could not|can not even) (?:cope|handle (?:it|this|life|anything)|"
            r"take (?:it|this|much more|any more of this)(?: any| no)? ?more)\b"
            r"|\b(?:had|have had) enough of (?:life|living|everything|it al|being alive)\b"
            r"|\btoo much (?:for me )?to cope\b"
            r"|\bi (?:feel|am|fel) (?:so |really |just )?(?:hopeles|pointles|empty inside|numb)\b"
            r"|\blife is (?:hopeles|pointles)\b"
        ),
        "not_be_here": (
            r"\b(?:not|never) (?:going to )?(?:be|being) (?:here|around|alive)(?: \w+){0,2}? "
            r"(?:longer|any ?more|tomorrow|for long|next (?:week|year))\b"
        ),
        "goodbye_note": (
            r"\b(?:suicide note|goodbye (?:notes?|letters?|messages?)|last goodbye)\b"
            r"|\b(?:wrote|writing|write|written) (?:\w+ ){0,6}?(?:saying )?goodbye\b"
            r"|\b(?:saying|say|said) goodbye (?:forever|to everyone|to everybody|for good|to "
            r"the world)\b|\bgiv\w* (?:away )?(?:al )?my (?:stuff|things) away\b"
        ),
    },
    "self_harm": {
        "harm_myself": (
            r"\b(?:cut\w*|slit\w*|slic\w*|slash\w*|hurt\w*|harm\w*|burn\w*|scratch\w*|hit\w*|"
            r"punch\w*|bit|bite\w*|biting|starv\w*|stab\w*|bash\w*|bang\w*|pinch\w*|injur\w*|"
            r"carv\w*|bruis\w*) {MYSELF}\b"
        ),
        "self_harm_words": (
            r"\b(?:self ?har\w*|slef ?harm\w*|self ?hram\w*|self ?injur\w*|self ?mutilat\w*|"
            r"self ?destruct\w*)\b"
        ),
        "sh_text_speak": (
            r"\b(?:been|started|start|keep|still|relapsed|stopped|i) (?:sh|shing)\b"
            r"|\bsh (?:scars|cuts|marks|again)\b|\bmy sh\b|\bshing\b"
        ),
        "cut_body": (
            r"\b(?:cut|cuts|cutting|slit|slash\w*|scratch\w*|burn\w*|scar\w*|marks) "
            r"(?:on |into |up )?{MY} (?:arms?|wrists?|legs?|thighs?|skin|stomach|tummy|body|"
            r"hips?|belly|chest)\b"
            r"|\b(?:cuts|scars|marks|burns) on {MY} (?:arms?|wrists?|legs?|thighs?|body|skin)\b"
        ),
        "i_cut": (
            r"\bi (?:have |had |keep |still |started |start |sometimes |used to )?"
            r"(?:cut|cutting|burn|burnt|burned)\b(?! (?:my hair|the|a|an|some|it|them|this|that|"
            r"out|off|across|through|up|down|class|school|lessons|back|in|my nails|his|her|grass|"
            r"paper)\b)"
        ),
        "cutting_again": (
            r"\b(?:cut\w*|harm\w*|burn\w*|hurt\w*) again\b"
            r"|\b(?:been|started|start|keep|still|stopped|relapsed|back to) (?:cut\w*|"
            r"self ?harm\w*|harming|hurting {MYSELF}|burning)\b(?! (?:the|my hair|hair|grass|"
            r"paper|wood|down|back|out|class|school|it)\b)"
        ),
        "sh_alone": r"\bsh\b",
        "hair_pulling": (
            r"\bpul\w* (?:out )?(?:my|me) (?:hair|eyelashes|eyebrows|lashes|brows)(?: out)?\b"
        ),
        "hurt_to_feel": (
            r"\bhurt\w* (?:\w+ ){0,2}?to feel (?:beter|something|alive|normal|in control|ok)\b"
            r"|\b(?:cut\w*|hurt\w*|harm\w*|burn\w*|pain) (?:\w+ )?(?:makes|helps) me feel\b"
            r"|\bto feel something\b"
        ),
        "until_i_bleed": (
            r"\b(?:til|until|so|and|to make|making) (?:\w+ ){0,2}?(?:bleed\w*|bled)\b"
            r"|\b(?:punch\w*|hit\w*|kick\w*|bang\w*|headbut\w*) (?:the )?walls?\b"
        ),
        "not_eating": (
            r"\b(?:stopped eating|stop eating|not eating|barely eat\w*|hardly eat\w*|"
            r"refus\w* to eat|do not eat any\w*|starv\w* {MYSELF}|skip\w* (?:al )?(?:my )?meals)"
            r"\b(?! (?:meat|dairy|sweets|chocolate|crisps|junk|fast food|gluten|pork|sugar|"
            r"fish|school dinners|breakfast)\b)"
        ),
        "on_purpose": (
            r"\b(?:{MYSELF}|my (?:hand|arm|leg|skin|head|wrist|finger)\w*) (?:\w+ ){0,5}?"
            r"(?:on purpose|deliberately)\b"
        ),
        "blades": r"\b(?:razors?|blades?|sharpener blades?)\b",
        "overdose": (
            r"\b(?:over ?dos\w*|oded|(?:took|take|taking|taken|done|did) (?:an? )?od)\b"
            r"|\b(?:took|take|taking|taken|swallowed|swallow) (?:loads of|a load of|lots of|"
            r"all (?:of )?(?:my|the|mums?|dads?)|too many|a lot of|a bunch of|some of (?:my|the)) "
            r"(?:pills|tablets|paracetamol|painkillers|medicine|meds)\b"
            r"|\b(?:took|take|taking|taken|swallow\w*|had|necked) (?:\w+ ){0,2}?(?:load|lot|bunch|"
            r"handful|whole|packet|box|bottle|pack|strip)s? (?:of )?(?:\w+ ){0,2}?(?:pills|tablets|"
            r"paracetamol|painkillers|meds|medicine)\b"
        ),
        "make_myself_sick": r"\bmak\w* {MYSELF} (?:sick|throw up|bleed|vomit|puke)\b",
        "head_banging": r"\bbang\w* {MY} head (?:on|against)\b",
        "urge_to_hurt": (
            r"\b(?:urge|urges|want|need) to (?:cut|hurt|harm|burn) (?:again|{MYSELF})\b"
        ),
        "relapse": r"\brelaps\w*\b",
        "saving_pills": (
            r"\b(?:stash|stock ?pile|colection|load|hoard) (?:of )?(?:pills|tablets|paracetamol|"
            r"painkillers|meds)\b|\b(?:saved|saving|save|hid|hiding|stockpil\w*) "
            r"(?:up )?(?:\w+ )?(?:pills|tablets|paracetamol|painkillers|meds)\b"
            r"|\b(?:pills|tablets|paracetamol|painkillers|meds) (?:saved|stashed|hidden)\b"
        ),
        "eating_for_control": (
            r"\b(?:not|never|stop|stopped|do not) eat\w* (?:anything )?(?:for|in) (?:days|a day|"
            r"\d+ days|two days|ages|a wek)\b|\beat\w* (?:\w+ ){0,6}?in control\b"
        ),
        "wrists_a_mess": (
            r"\b(?:wrists?|arms?|legs?|thighs?) (?:are|is) (?:a mess|cut|covered|scarred|bleeding|"
            r"sore from|wrecked)\b"
        ),
        "hiding_arms": (
            r"\blong sleves\b|\b(?:hide|hiding|cover|covering|sees|se|see|seeing|notice) "
            r"(?:up )?{MY} (?:arms|wrists|legs|thighs|cuts|scars)\b"
        ),
        "scars": (
            r"\bscars?\b"
            r"|\b(?:covered in|full of|lots of|loads of) (?:\w+ )?(?:cuts|burns|scratches)\b"
        ),
        "deserve_pain": (
            r"\bdeserve (?:to )?(?:be hurt|get hurt|pain|suffer|to suffer|be punished|be hit|"
            r"be abused|bad things|what (?:happens|he does|she does|they do)|it all|"
            r"to be in pain)\b"
            r"|\bwant (?:someone|somebody|people|him|her|them) to hurt me\b"
            r"|\b(?:not|never) deserve (?:to )?(?:eat|food|to live|to be (?:happy|loved|alive)|"
            r"love|anything|to exist)\b"
        ),
    },
    "sexual_abuse": {
        "touched_me": (
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
        "rape_words": (
            r"\b(?:rape|raped|rapes|raping|rapist|molest\w*|paedo\w*|pedo\w*|peado\w*|nonce)\b"
            # masked with a symbol ("r*ped", "s*xual"): the symbol is dropped by normalise
            r"|\br(?:ped|pe|pes|ping|pist)\b|\bsxual\w*\b"
        ),
        "sexual_words": (
            r"\bsexual\w* (?:abus\w*|assault\w*|things|stuff|pictures|photos|images|videos|"
            r"messages|comments|touching|way|acts?)\b|\bsexually\b|\bsex abuse\b"
            r"|\bsex\b|\b(?:have|had|having) sex with (?:me|him|her|them|"
            r"a man|men|older|an adult)\b"
        ),
        "made_to_do_sexual": (
            r"\b(?:made|make|makes|making|forced|force|forces|forcing|wants|wanted|asked|asks|"
            r"tried|tries|told|tells|pressur\w*)(?: me)? (?:to )?(?:touch|watch|undress|strip|suck|"
            r"take off|kiss|lie on|sleep with|have sex|sit on|do (?:sexual|rude|dirty)|send "
            r"(?:pics|pictures|photos|nudes|videos))\b"
        ),
        "does_things_to_me": (
            r"\b(?:does|did|do|doing|done) (?:\w+ )?(?:things|stuff) to me\b"
            r"|\b(?:made|make|makes|forced|force|forces) me (?:do )?(?:things|stuff) (?:that )?"
            r"i (?:did not|do not) (?:want|like)\b"
        ),
        "in_bed_with_me": (
            r"\b(?:in|into) (?:my )?bed with me\b|\bnot ready for\b"
            r"|\b(?:go|get|come|sit) (?:in|into|to) (?:his|their|a mans|her) "
            r"(?:car|van|flat|room)\b"
        ),
        "walks_in_on_me": (
            r"\bwalk\w* in on me\b|\bcome\w* in (?:on me )?when i am (?:in the (?:shower|bath|"
            r"toilet)|changing|getting (?:changed|dressed))\b"
        ),
        "paid_for_pictures": (
            r"\b(?:money|cash|\d+|gifts?|vouchers|credit) (?:to|for|if i) (?:send|sending|sent|"
            r"take|taking) (?:\w+ )?(?:photos|pictures|pics|videos|snaps)\b"
        ),
        "nudes_and_images": (
            r"\b(?:nudes?|nude pics|naked|porn\w*|dick pics?|private (?:pictures|pics|photos|"
            r"videos|parts)|privates|sexting|sexts?)\b"
        ),
        "in_my_bed": (
            r"\b(?:gets?|getting|got|comes?|coming|came|climb\w*|creeps?|crept|sneaks?|snuck) "
            r"(?:in|into) {MY} (?:bed|room|bedroom)\b(?! (?:to (?:say|check|tel|wake|ask|see if|"
            r"give|bring|talk)|and (?:says|checks|asks|says goodnight))\b)"
            r"|\bsleep\w* in (?:his|her|their) bed\b"
            r"|\bcome\w* in(?:to)? {MY} room at night\b"
        ),
        "exposure": r"\b(?:flash\w*|expos\w*) (?:himself|herself|themselves|his|her|at me)\b",
        "grooming": r"\bgroom\w*\b",
        "strong_words": r"\b(?:touched|groped|fondled|molested|violated|sexualy|abused me)\b",
        "secret_keeping": (
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
        "hands_on_me": (
            r"\b(?:hand|hands|fingers?) (?:down|in|inside|up|on|under) {MY} (?:pants|knickers|"
            r"trousers|shorts|top|skirt|bra|underwear|leg|legs|thigh|thighs|bum|chest|privates)\b"
            r"|\bhands? (?:on|al over) me\b|\bforc\w* me (?:to )?do (?:stuff|things)\b"
        ),
        "would_not_stop": (
            r"\b(?:told|asked|begged) (?:him|her|them) to stop\b"
            r"|\b(?:would not|did not|never|will not) stop when i (?:said|told|asked)\b"
            r"|\bi (?:said|kept saying) no\b"
        ),
        "uncomfortable_touch": (
            r"\b(?:hug\w*|touch\w*|kiss\w*|cuddl\w*|tickl\w*|strok\w*|rub\w*|stares? at|"
            r"looks? at|watch\w*) (?:me|{MY} \w+) (?:\w+ ){0,6}?(?:weird|uncomfortable|funny|"
            r"strange|dirty|not right|wrong|scared)\b"
        ),
        "watches_me_undressed": (
            r"\b(?:watch\w*|look\w* at|stares? at|star\w* at|film\w*|record\w*|photograph\w*|"
            r"tak\w* (?:pictures|photos|pics|videos) of) me (?:in the (?:shower|bath|toilet)|"
            r"when i (?:shower|bath|change|am changing|get changed|get dressed|sleep|am asleep)|"
            r"getting (?:changed|dressed|undressed)|changing|naked|undress\w*|in my (?:underwear|"
            r"pants))\b"
        ),
        "body_parts": (
            r"\b(?:willy|willies|penis|vagina|privates|private parts|front bottom|genitals|"
            r"cock|dick pics?)\b|\bshow\w* me (?:his|her|their) (?:body|bits|thing|boobs|dick|"
            r"bum|fanny)\b"
        ),
        "sexual_messages": (
            r"\b(?:dirty|sexy|sexual|naughty|rude) (?:messages|texts|pictures|pics|photos|videos|"
            r"snaps|comments|chat|talk)\b"
        ),
        "inappropriate": r"\binappropriat\w*\b|\bpervert\w*\b|\bperv\b|\bcreep\w*\b",
        "kissed_me": (
            r"\b(?:tried|tries|try|made me|forced me|wants|wanted) (?:to )?kiss\w* (?:me|him|her)\b"
        ),
    },
    "physical_abuse": {
        "hurts_me": r"\b{HURT} me\b",
        "i_get_hurt": (
            r"\b(?:i|me) (?:get|gets|got|getting|been|was|am|have been|keep getting|used to get) "
            r"(?:hit|beaten|beat up|punched|kicked|slapped|hurt|smacked|battered|whacked|"
            r"attacked|strangled|choked|burned|burnt|bitten|thumped|belted|abused|assaulted|"
            r"restrained|locked in|locked up|pushed|thrown|shoved|stabbed|beaten up|jumped)\b"
        ),
        "beat_me_up": (r"\bbeat\w* me up\b|\bbeats? (?:the )?(?:hell|crap|shit|life) out of me\b"),
        "injury_from_someone": (
            r"\b(?:from|where|after|because|cos) (?:he|she|they|my \w+|mum|dad) (?:threw|chucked|"
            r"hit|kicked|punched|slapped|grabbed|pushed|bit|burnt|burned|whacked|hurt)\b"
        ),
        "neck_and_throat": (
            r"\b(?:round|around|on|by) {MY} (?:neck|throat)\b|\bby the (?:neck|throat|hair)\b"
        ),
        "a_good_hiding": (
            r"\b(?:gives|gave|give|giving|get|gets|got|getting) (?:me )?a (?:good |proper |right |"
            r"real )?(?:hiding|beating|smack|slap|kicking|battering|clip round the ear|"
            r"back ?hander|whooping|thrashing|leathering)\b"
        ),
        "with_a_weapon": (
            r"\b(?:with|using) (?:a|the|his|her|their) (?:belt|stick|slipper|shoe|cane|"
            r"wooden spoon|hanger|cable|wire|lead)\b"
        ),
        "injury_words": (
            r"\b(?:bruis\w*|black eye|broken (?:arm|nose|wrist|ribs?))\b"
            r"|\bmarks on {MY} (?:body|back|face|arms?|legs?|neck)\b"
        ),
        "hurt_body_part": (
            r"\b(?:{HURT}|pul\w*|yank\w*) (?:my|me by the|me by my) (?:arm|arms|neck|throat|hair|"
            r"wrist|wrists|face|"
            r"head|ear|ears|leg|legs)\b|\bleft (?:a )?(?:marks?|bruises?)\b"
        ),
        "against_the_wall": (
            r"\b(?:me|my \w+) (?:up )?(?:against|into) the (?:wall|door|floor|table|radiator|"
            r"window|ground|stairs|car)\b|\bme (?:on|onto|to) the (?:floor|ground)\b"
        ),
        "strong_words": (
            r"\b(?:beaten|battered|punched|slapped|strangled|choked|smacked|whacked|thumped|"
            r"stabbed|assaulted|attacked|bruised|kicked me|leathered)\b"
        ),
        "abuse_unspecified": r"\b(?:abus\w*|violen\w*)\b",
        "held_down": r"\b(?:held|hold\w*|pin\w*) me down\b|\bsat on me\b|\brestrain\w*\b",
        "locked_in": (
            r"\block\w* (?:me )?(?:in|up) (?:in )?(?:{MY} room|the (?:room|cupboard|shed|"
            r"bathroom)|a (?:room|cupboard))\b|\block\w* me (?:in|up)\b"
        ),
    },
    "exploitation": {
        "selling_drugs": (
            r"\b(?:sell|sells|selling|sold|deal|deals|dealing|run|running|carry|carrying|"
            r"hold|holding|deliver\w*|drop\w*|move|moving|stash\w*|bag\w* up) (?:{DRUG}|"
            r"packages|parcels|bits|bags|a bag|coke) (?:for|to)\b"
            r"|\b(?:sell|sells|selling|sold|deal|dealing|deliver\w*) (?:{DRUG}|coke)\b"
        ),
        "made_to_commit_crime": (
            r"\b(?:made|make|makes|making|forced|force|forces|forcing|told|tells|telling|"
            r"asked|asks|pressur\w*|want|wants|wanted|expects?|expected|getting|got|pay|pays|"
            r"paid|get paid|am paid|was paid) (?:me )?(?:to )?(?:sell|steal|shoplift|rob|deal|"
            r"stash|"
            r"hide (?:stuff|things|drugs|a knife|bags|packages|money)|(?:carry|hold|deliver|"
            r"drop off|run|move|take|post|look after|keep) (?:stuff|things|bags|a bag|packages|"
            r"parcels|a knife|{DRUG}|money|a phone|phones|food|bits))\b"
        ),
        "if_i_do_not": (
            r"\bhave to answer (?:it|the phone|that phone)(?: \w+){0,2} "
            r"(?:whenever|when|every time)\b"
            r"|\bif i (?:do not|dont|wont|will not|refuse to) (?:sel|deliver|do it|pay|carry|hold|"
            r"move|drop|go)\b|\bburner phone\b|\bgiven a phone\b|\banswer it when it rings\b"
        ),
        "grooming_talk": (
            r"\b(?:asked|asks|asking) (?:me )?how old i am\b|\bi (?:lok|look) (?:mature|older|"
            r"grown up|sexy|hot|fit)\b|\b(?:post|share|send|leak|put) (?:my|me) (?:\w+ )?"
            r"(?:pictures|pics|photos|videos|nudes)\b"
        ),
        "work_for_them": (
            r"\b(?:have to|got to|made me|make me|makes me|said i have to|told me to|now i) work "
            r"for (?:them|him|her|the olders|some|these|those)\b"
            r"|\bofer\w* me (?:money|cash|a lift|lifts|gifts|drugs|{DRUG}|a place|somewhere)\b"
        ),
        "blackmail": (r"\b(?:blackmail\w*|sextort\w*)\b|\bthreat\w* to (?:share|post|send|leak)\b"),
        "looking_after_packages": (
            r"\blook\w* after (?:packages|parcels|bags|drugs|phones|a phone|weapons|a knife|"
            r"stuff for (?:them|him|her))\b"
        ),
        "alone_with_adult": (
            r"\b(?:his|their|her|a mans|an adults) (?:house|flat|car|room|place) "
            r"(?:on my own|alone|by {MYSELF})\b"
            r"|\b(?:on my own|alone|by {MYSELF}) (?:to|at|in) (?:his|their|a mans) "
            r"(?:house|flat|car|place)\b"
        ),
        "dropping_off": (
            r"\bdrop\w* (?:stuff|things|packages|parcels|bags|bits|food) (?:of|off|round)\b"
        ),
        "county_lines": (
            r"\b(?:county lines?|country lines?|going country|go country|went country|trap house|"
            r"trapping|"
            r"trap phone|cuckoo\w*)\b"
        ),
        "carrying_for_them": (
            r"\b(?:take|takes|taking|took|carry|carrying|deliver\w*|drop\w* off|move|moving) "
            r"(?:a |the |some |these |their )?(?:bags?|packages?|parcels?|packs?) "
            r"(?:to|for|round|across)\b"
            r"|\bpa(?:y|ys|id|ying) me (?:\w+ ){0,2}?(?:to|for) (?:take|carry|drop|deliver|hold|"
            r"move|sel|run|keep|stash)\b"
            r"|\b(?:to|in) (?:another|a diferent) (?:town|city)\b"
        ),
        "running_for_them": (
            r"\b(?:run\w*|work\w*|shot\w*|graft\w*) for (?:some|these|those|the|older|them|him)"
            r" ?(?:older )?(?:lads|boys|guys|men|olders|people|gang|them)?\b(?<!for the)"
            r"(?! (?:bus|train|club|team|council|school|charity|shop|cafe)\b)"
            r"|\bhold (?:stuff|things|bags|packages|parcels|drugs) for (?:them|him|her)\b"
            r"|\b(?:trips?|go|went|taken|sent) (?:\w+ ){0,3}?to other (?:towns|cities|places)\b"
        ),
        "adult_by_age": (
            r"\bin (?:his|her|their) (?:20s|twenties|30s|thirties|40s|forties|50s)\b"
            r"|\b(?:19|2\d|3\d|4\d) (?:year old|yr old|yo) (?:man|guy|lad|bloke|woman|boyfriend|"
            r"girlfriend)\b|\b(?:boyfriend|girlfriend|he|she) is (?:19|2\d|3\d|4\d)\b"
        ),
        "owe_debt": r"\b(?:i owe|owe (?:them|him|her|someone|people|money)|in debt|debt to)\b",
        "older_people": (
            r"\b(?:older|grown up|adult) (?:boy|boys|man|men|guy|guys|lad|lads|bloke|blokes|"
            r"person|people|friend|friends|girl|girls|woman|women|kids|ones|boyfriend|"
            r"girlfriend|lot|crowd|group|gang|mates)\b|\bolders\b"
            r"|\b(?:boyfriend|girlfriend) (?:is|was) (?:much older|older|an adult|a grown up|"
            r"(?:1[89]|[2-9]\d)|nineteen|eighteen|twenty\w*|thirty\w*)\b"
        ),
        "gives_me_drugs": (
            r"\b(?:gives|gave|give|giving|buys|bought|offer\w*|get|gets|got) me (?:free |some )?"
            r"(?:{DRUG}|{ALCOHOL}|pills|fags|cigarettes|vapes?|nitrous)\b"
        ),
        "gifts_with_strings": (
            r"\b(?:gives|gave|give|buys|bought|got|gets) me (?:\w+ ){1,4}(?:and|but|so) "
            r"(?:\w+ ){0,3}?(?:want|wants|wanted|expect\w*|make|makes|made|ask|asks|asked|"
            r"says i have to) me\b"
            r"|\bpa(?:y|ys|id|ying) me (?:to|for) (?:drop|deliver|carry|hold|sel|move|run|take|"
            r"look after|keep|stash|do)\b"
        ),
        "met_online": (
            r"\b(?:met|meet|meeting) (?:\w+ ){0,3}?(?:online|on line|on the internet|on "
            r"(?:snapchat|snap|insta|instagram|tiktok|discord|a game|xbox|roblox|fortnite|"
            r"an app|omegle|whatsapp|kik|telegram))\b"
            r"|\b(?:someone|a man|a guy|a person|people|an older \w+|a stranger|strangers|a boy|"
            r"a girl|a woman|this man|this guy|a lad|some lads|some guy|some man) (?:i met |"
            r"i meet |i talk to |i speak to )?(?:online|on the internet|(?:on |from |off )"
            r"(?:snapchat|snap|insta|instagram|tiktok|discord|roblox|fortnite|omegle|kik|"
            r"telegram|the internet|an app))\b"
            r"|\b(?:wants|wanted|asked|asks|keeps asking) (?:me )?(?:to )?meet (?:me |up )?"
            r"(?:alone|in person|somewhere|secretly|in real life|irl|without|up)\b"
        ),
        "taken_to_places": (
            r"\b(?:picked up|taken|driven|took me|takes me|drove me|drives me) (?:\w+ ){0,4}?"
            r"(?:to|around) (?:a |some |these |other |their )?(?:flats?|parties|party|houses?|"
            r"hotels?|other towns?|places i do not know|a mans house|his house|their house)\b"
        ),
        "sex_for_things": (
            r"\b(?:sex|things|stuff|favours|favors) (?:for|in exchange for) (?:money|{DRUG}|"
            r"cash|a place|somewhere|gifts|presents|food|lifts)\b"
        ),
        "gang": r"\b(?:gangs?|gang members?|postcode wars?|opps)\b",
        "picked_up_by_men": (
            r"\b(?:men|man|guys|lads|older \w+|strangers) in (?:cars|a car|vans|a van)\b"
            r"|\bpicked up (?:\w+ ){0,4}?by (?:men|a man|older \w+|guys|lads|strangers|people i do "
            r"not know)\b"
        ),
        "doing_runs": (
            r"\bme to do (?:a )?runs?\b|\b(?:do|doing|did|done) (?:a |the )?runs? (?:to|for)\b"
        ),
        "drives_me_around": (
            r"\b(?:picks me up|pick me up|drives me|drive me|take me|takes me) (?:in (?:his|"
            r"their|a|an) car )?(?:to|around) (?:parties|flats|houses|hotels|other towns|"
            r"places i do not know)\b"
        ),
    },
    "domestic_abuse": {
        "hurts_parent": (
            r"\b{HURT} (?:her|him|(?:{MY} )?(?:mum|mummy|mother|step ?mum|nan|gran|auntie|aunt|"
            r"dad|daddy|father|step ?dad))\b"
        ),
        "parents_fight": (
            r"\b(?:mum|dad|parents|they|mum and dad|dad and mum|mums? (?:boy|girl)friend|"
            r"dads? (?:boy|girl)friend|step ?dad|step ?mum) (?:always |keep |keeps |still |are "
            r"|is )?(?:fight\w*|argu\w*|row\w*|scream\w* at each other|shout\w* at each other|"
            r"hurt\w* each other|hit\w* each other)\b"
            # "they argued about his EHCP": a dispute between services, not at home
            r"(?! (?:about|over) (?:his|her|its|the|which|what|whether|who|school|colege)\b)"
        ),
        "rows_at_home": (
            r"\b(?:shout\w*|scream\w*|yel\w*|fight\w*|argu\w*|row\w*|smash\w*|slam\w*) "
            r"(?:\w+ ){0,4}?(?:all the time|every night|every day|at home|in the house|at night|"
            r"in our house)\b"
        ),
        "scary_when_drinking": (
            r"\b(?:scary|frightening|terrifying|violent|nasty|horrible) when (?:he|she|they|"
            r"my \w+|mum|dad) (?:drinks|is drunk|gets drunk|has had a drink|has been drinking|"
            r"is angry|gets angry|is on drugs|takes drugs)\b"
        ),
        "police_at_home": (
            r"\bpolice (?:were|was|are|is|have ben) (?:at|round|in) (?:ours|our house|our flat|the "
            r"house|home|my house)\b"
            r"|\bpolice (?:came|come|comes|were called|was called|got called|keep coming|"
            r"turned up|had to come)\b|\bcall\w* the police on\b"
        ),
        "my_ex": (
            r"\bmy ex(?: partner| boyfriend| girlfriend| husband| wife)? (?:\w+ ){0,4}?"
            r"(?:threat\w*|hit\w*|hurt\w*|turns up|turned up|keeps turning up|follow\w*|"
            r"stalk\w*|will not leave me|smash\w*|kick\w*|punch\w*|strangl\w*|chok\w*)\b"
        ),
        "injured_parent": (
            r"\b(?:mum|mummy|mother|nan|she|dad|he) (?:has|had|has got|got) (?:a |another )?"
            r"(?:black eye|bruises|bruised \w+|cut lip|split lip|broken \w+)\b"
            r"|\bsays? (?:she|he) (?:fell|walked into|banged|tripped)\b"
        ),
        "domestic_words": r"\b(?:domestic (?:abuse|violence)|dv|coercive|controlling)\b",
        "gets_violent": (
            r"\b(?:gets|get|got|getting|is|was|being) (?:really |very )?violent\b"
            r"|\b(?:smash\w*|throw\w*|threw|broke|break\w*) (?:things|stuff|plates|furniture|"
            r"doors|windows)\b"
        ),
    },
    "threats_of_violence": {
        "threatens": r"\bthreat\w*\b",
        "going_to_hurt_me": (
            r"\b(?:going to|will|would|is going to|are going to|wants to|want to|tried to|"
            r"try to|trying to) (?:kill|stab|hurt|shoot|beat|batter|smash|burn|strangle|get|"
            r"find|jump|cut|end) (?:me|us)\b"
            r"|\b(?:kill|stab|shoot|hurt) (?:you|my (?:mum|dad|family|sister|brother|nan))\b"
        ),
        "kill_me": r"\bkill\w* me\b",
        "burn_down": (
            r"\b(?:burn|torch|petrol bomb) (?:my|our|the|his|her|their) (?:flat|house|home|car|"
            r"place|room) (?:down|up)?\b|\bset fire to (?:my|our|the|me)\b|\bwith (?:me|us) in it\b"
        ),
        "child_threatens_others": (
            r"\bi (?:am going to|will|want to|might|could|would) (?:kill|stab|shoot|hurt|"
            r"batter|beat up|burn) (?:him|her|them|someone|somebody|you|everyone|people|"
            r"my)\b"
        ),
        "weapons": (
            r"\b(?:knife|knifes|knives|machete|zombie knife|shank\w*|gun|guns|firearm|"
            r"weapons?|stab\w*|shot at|shoot (?:me|him|her|them|you|up)|acid attack|"
            r"knuckle ?dusters?|baseball bat)\b"
        ),
        "if_i_tell": (
            r"\bif i (?:tel\w*|say anything|speak|grass|snitch)\b(?: (?:\w+ ){0,3}?(?:he|she|they) "
            r"(?:would|wil|is going to|are going to))?"
            r"|\b(?:he|she|they) (?:would|wil|is going to|are going to|said) (?:kill|hurt|stab|"
            r"beat|batter|get) (?:me|us|my \w+)\b"
        ),
        "they_know_where_i_live": (
            r"\b(?:got|know|knows|found out) (?:my|where i) (?:adres|live|house|school)\b"
            r"|\b(?:wil|going to|gona|said (?:they|he|she)\w* ) ?find me\b"
            r"|\b(?:scared|afraid|frightened|terrified) of what (?:he|she|they|hel|shel|theyl)\b"
        ),
        "followed": (
            r"\b(?:follow\w*|stalk\w*) me\b(?! (?:on (?:insta|instagram|tiktok|snap|snapchat|"
            r"twitter|x|youtube|twitch)|back)\b)"
        ),
        "scared_they_will": (
            r"\b(?:scared|afraid|frightened|terrified|worried) (?:that )?(?:he|she|they|"
            r"someone|somebody) (?:will|would|is going to|are going to|might) (?:hurt|kill|get|"
            r"find|hit|come|beat)\b"
        ),
    },
    "no_safe_place": {
        "not_safe": (
            r"\b(?:not|never|no longer)\b (?:(?!i\b)\w+ ){0,3}?safe\b|\bun ?safe\b"
            r"|\bin danger\b|\bdangerous (?:at|here|there|home)\b"
        ),
        "nowhere_to_sleep": (
            r"\b(?:nowhere|no where|no place|nowere|not anywhere|not got anywhere|"
            r"not have anywhere|no bed|no room|no home) (?:to |2 )(?:sleep|stay|go|live|be|kip|"
            r"call home)\b|\bi (?:have|have got|got|am) no (?:home|bed)\b|\bnowhere to\b"
        ),
        "temporary_housing": (
            r"\b(?:b and b|bed and breakfast|emergency (?:housing|accommodation)|temporary "
            r"accommodation|one rom)\b"
        ),
        "homeless": (
            r"\b(?:homeless|sleep\w* rough|rough sleep\w*|sofa ?surf\w*|couch ?surf\w*|"
            r"no fixed abode)\b"
        ),
        "sleeping_out": (
            r"\b(?:sleep|sleeps|sleeping|slept|stay\w*|stopping|kip\w*|live|living) "
            r"(?:on|in|at|under|outside) (?:the |a |an )?(?:streets?|park|car|bus (?:station|stop|"
            r"shelter)|station|doorway|shop doorway|tent|woods|garage|shed|stairwell|bridge|"
            r"floor|bench|beach|outside|a car|a tent)\b"
            r"|\b(?:sleep|sleeping|slept) (?:outside|outdoors|out)\b"
            r"|\bon the streets\b|\b(?:out|been|living|live|sleep\w*|slept) on the street\b"
            r"|\b(?:sleep\w*|slept|stay\w*|live|living|kip\w*) in (?:a |my |his |her |their |"
            r"someones |\w+s )?(?:mates |friends )?(?:car|van|tent|shed|garage)\b"
        ),
        "staying_anywhere": (
            r"\b(?:staying|sleeping|kipping|living|stopping) (?:at|in|on) (?:random|diferent|other|"
            r"strangers|peoples|mates|friends)\w* (?:peoples? |mates |friends )?(?:houses|places|"
            r"flats|floors|sofas|setees)\b|\btenancy (?:ended|finished|broke down)\b"
        ),
        "kicked_out": (
            r"\b(?:(?:kick\w*|throw\w*|threw|chuck\w*|lock\w*|put\w*|turn\w*) me out|"
            r"(?:got|get|been|was|am|being|getting) (?:kicked|thrown|chucked|locked|turfed) "
            r"out)\b(?! of (?:class|school|the lesson|lessons|the game|the team|the club)\b)"
        ),
        "not_going_back": (
            r"\b(?:not|never) (?:going|go|want to go|wanna go|ever going) back (?:to )?(?:that|the|"
            r"my|his|her|their) (?:house|home|place|flat|placement)\b"
        ),
        "always_scared": (
            r"\b(?:scared|frightened|terrified|afraid) (?:al the time|every day|every night|"
            r"at night|to sleep|to go to sleep|in my own home|in the house)\b"
        ),
        "not_let_in": (
            r"\b(?:not|never|will not) let me (?:in|into the house|back in|back home|come home|"
            r"stay|in the house)\b"
        ),
        "scared_to_go_home": (
            r"\b(?:scared|afraid|frightened|terrified|worried|nervous|not want|can not|"
            r"not allowed|never want) (?:to )?(?:go|going|be|being) (?:back )?(?:home|back)\b"
            r"|\b(?:scared|afraid|frightened) (?:at|of) (?:home|my house|the house|"
            r"my placement|the placement|my room)\b"
        ),
    },
    "going_missing": {
        "went_off": (
            r"\b(?:went|go|gone|goes|been) (?:off|away) (?:\w+ ){0,4}?(?:for (?:\d+|two|three|four|"
            r"a few|a couple of) (?:days|nights)|and (?:did not|do not|never) tel\w*)\b"
        ),
        "ran_away": (
            r"\b(?:ran|run|runs|running) ?(?:away|off)\b(?! (?:with (?:it|the ball)|"
            r"from the ball)\b)|\brunaway\b|\b(?:do|did|done) a runner\b"
        ),
        "went_missing": (
            r"\b(?:go|goes|going|went|gone|been|was|am|were|reported|report) (?:as )?missing\b"
            r"(?! (?:my|me|you|him|her|them|home|school|lessons|out|the|some|it|our|his|"
            r"their|mum|dad|family|friends|people|everyone)\b)(?! an? (?!lot\b)\w)"
            r"|\bmissing (?:person|from (?:home|care|placement|my placement))\b"
        ),
        "out_all_night": (
            r"\b(?:stay\w*|stop\w*|was|been|am|out) (?:out )?(?:all night|overnight|the whole "
            r"night|till (?:\d+|one|two|three|four|for|five|morning|late)|until (?:morning|late|"
            r"\d+))\b|\b(?:nobody|no one|noone) (?:notices|cares where|knows where|"
            r"checks (?:on me|where|if|when|i am))\b"
            r"|\b(?:did not|do not|never|not) (?:\w+ )?(?:come|go|went|get|got|ben|gone|slept|"
            r"sleep|stayed|stay) (?:back )?(?:home|to (?:my |the )?(?:placement|home|carers|"
            r"foster \w+|house|unit|hostel|flat))\b"
        ),
        "nobody_knows_where_i_am": (
            r"\b(?:not|never|without) tel\w* (?:anyone|anybody|my carers?|staff|them|no one|"
            r"my social worker|my mum|my dad) where i (?:am|was|go|went|have been)\b"
        ),
        "out_very_late": (
            r"\b(?:out|back|home|in)(?: \w+){0,2} (?:til|until|at|past|after) (?:[1-6] ?am|"
            r"midnight|the early hours|morning)\b"
        ),
        "nobody_knows_where": (
            r"\b(?:not|never|nobody|no one|no body|noone) (?:\w+ )?know\w* where i (?:am|was|go|"
            r"went|live|sleep|stay|have ben)\b"
        ),
        "police_found_me": (
            r"\bpolice (?:found|brought|bring|took|picked up|pick up|returned) me\b"
            r"|\b(?:found|picked up|brought back|brought home|returned) by (?:the )?police\b"
        ),
        "disappear": (
            r"\b(?:leave|go|run) (?:and|&) never (?:come|go) back\b"
            r"|\bi (?:want to |wish i could |could |might |will |am going to )?(?:just )?"
            r"disappear\b"
        ),
        "sleep_at_strangers": (
            r"\b(?:sleep\w*|slept|stay\w*|stop\w*) (?:at|over at|round) "
            r"(?:someones|a strangers|strangers|an older|a mans?|a guys?|a lads?)\b"
            r"|\b(?:sleep\w*|slept|stay\w*|stop\w*|kip\w*) (?:at|over at|round|in) (?:diferent|"
            r"random|other|strangers|older|loads of|lots of) (?:\w+ )?(?:houses|places|flats|"
            r"peoples)\b"
            r"|\bstrangers? (?:house|flat|place|car)\b"
            r"|\b(?:friend of a friends?|people i do not know|someone i do not know|someone i just "
            r"met|people i (?:just )?met)\b"
        ),
    },
    "neglect": {
        "no_food": (
            r"\b(?:no|not enough|not any|not much|never enough|never any|nothing|not got any|"
            r"never got any) (?:food|tea|dinner|breakfast|lunch|meals?|to eat)\b"
            r"|\b(?:always|often|still|constantly|go to bed|going|go) hungry\b"
            r"|\bhungry (?:all the time|every day|at home|at night)\b"
            r"|\bstarving (?:all the time|every day|at home)\b|\balways starving\b"
        ),
        "not_fed": (
            r"\b(?:not|never|will not) (?:\w+ )?(?:feed|fed) (?:me|us)\b"
            r"|\b(?:forget\w*|forgot) to (?:feed|fed|give (?:me|us) (?:food|tea|dinner)|make "
            r"(?:tea|dinner|food))\b"
            r"|\b(?:no one|nobody|noone|no body) (?:ever )?(?:cooks|makes (?:us |me )?(?:food|tea|"
            r"dinner|meals)|feeds (?:me|us))\b"
            r"|\b(?:not|never|will not) (?:\w+ )?give me (?:any |enough )?(?:food|dinner|tea|"
            r"breakfast|lunch|anything to eat|to eat)\b"
            r"|\bnot (?:being )?allowed (?:to )?(?:eat|food|dinner|tea|a drink|drinks)\b"
        ),
        "left_alone": (
            r"\b(?:left|leaves|leaving|get left|am left|was left) (?:\w+ ){0,4}?(?:alone|"
            r"on {MY} own|by {MYSELF}|on our own|on their own|by ourselves)\b"
            r"|\b(?:no one|nobody|no body|noone) (?:looks after|look after|cares? for|feeds|"
            r"picks me up|is there for me|to look after)\b"
        ),
        "no_proper_meals": (
            r"\b(?:not|never) (?:had|get|got|have|eaten|eat) (?:a )?(?:proper |hot |decent )?"
            r"(?:meal|dinner|food|tea)s?\b(?! (?:at school|in school)\b)"
            r"|\b(?:not|never) (?:had|eaten|ate) (?:\w+ ){0,2}(?:in|for) (?:days|\d+ days|two days|"
            r"a day|ages|a week)\b"
        ),
        "empty_cupboards": (
            r"\b(?:never|not) (?:anything|any food|food) (?:in|to eat in) the (?:cupboards?|fridge|"
            r"house|kitchen)\b|\bnothing in the (?:cupboards?|fridge|house to eat)\b"
            r"|\bempty (?:cupboards?|fridge)\b"
            r"|\block\w* (?:the |al the )?(?:food|fridge|cupboards|kitchen)(?: away| up)?\b"
            r"|\bfood (?:is |gets )?locked\b"
        ),
        "fending_for_myself": (
            r"\b(?:have to|got to|has to) (?:make|cook|get|find) (?:my|our) own (?:tea|dinner|"
            r"food|meals?|breakfast|lunch)\b"
            r"|\bbecause (?:mum|dad|my \w+|they|she|he) (?:is|are|was|were) (?:always )?(?:out|"
            r"not (?:home|there|around)|asleep|drunk|at the pub|high)\b"
        ),
        "overcrowded_unkempt": (
            r"\bshare (?:a |one |the same )?bed (?:with|betwen)\b|\b(?:nits|head lice|fleas|"
            r"bed bugs)\b|\b(?:no one|nobody|noone) (?:sorts|deals with|cleans|washes)\b"
        ),
        "parent_cannot_cope": (
            r"\b(?:mum|mummy|dad|daddy|she|he|they) (?:sleeps?|is asleep|stays? asleep|is in bed) "
            r"(?:all day|all the time|every day|until (?:tea|dinner|the afternoon))\b|"
            r"\b(?:mum|dad|she|he|they) (?:stays?|is|lies|lays|stay) in bed (?:al day|every day|"
            r"all the time)\b|\bi have to do everything\b|\balways in bed\b"
            r"|\b(?:no one|nobody|noone|no body) (?:wakes|gets|takes) me (?:up|ready|to school)\b"
        ),
        "basic_care": (
            r"\b(?:not had|without|not got) (?:any )?(?:heating|electric|electricity|gas|hot water|"
            r"food|clean clothes)\b"
            r"|\b(?:no|dirty|smelly|not got any|not got clean) (?:clean )?(?:clothes|uniform|"
            r"shoes|bed|sheets|water|heating|electric|electricity|gas|hot water|toothbrush)\b"
            r"|\b(?:same|dirty) (?:\w+ )?(?:clothes|uniform|pants|socks|top) (?:\w+ ){0,2}?"
            r"(?:every day|for days|all week|for a week|al the time)\b"
            r"|\bcold (?:at home|in the house|all the time)\b"
            r"|\bhouse is (?:dirty|filthy|disgusting|a mess)\b"
        ),
        "no_medical_care": (
            r"\b(?:not|never|will not|nobody|no one|no body) (?:\w+ )?(?:take|takes|taken|took) "
            r"(?:me )?to (?:the )?(?:doctor|doctors|dentist|hospital|gp|optician)\b"
        ),
        "looking_after_family": (
            r"\b(?:look\w* after|car\w* for|feed\w*|put\w* to bed|get\w* ready for school) {MY} "
            r"(?:little |baby |younger )?(?:brothers?|sisters?|siblings|mum|dad)\b"
            r"|\bget {MYSELF} (?:to school|up|ready|dressed|dinner|tea|food)\b"
            r"|\b(?:leaves|left|leaving|leave) (?:me|us) with (?:random|strange|strangers|people i "
            r"do not know|her friends|his mates|her mates|his friends)\b"
        ),
    },
    "emotional_abuse": {
        "calls_me_names": (
            r"\b(?:call\w*|says? i am|said i am|said i was|says i was|tells me i am|"
            r"told me i am|tells me i was|told me i was) (?:me )?(?:a |an )?(?:names|stupid|"
            r"fat|ugly|thick|worthless|useless|waste|waste of space|retard\w*|idiot|dumb|slag|"
            r"slut|whore|bitch|horrible|nasty|pathetic|disgusting|freak|loser|mistake|burden|"
            r"cow|litle cow|pig|litle shit|shit|dog|rat|scum|spastic|spaz|mong|little \w+|"
            r"nothing|failure|evil|unlovable|unloveable)\b"
        ),
        "shouts_at_me": r"\b(?:shout\w*|scream\w*|yell\w*|swear\w*) at me\b",
        "bullying": (
            r"\b(?:bul(?:y|ies|ied|ying)\w*|pick\w* on me|make\w* fun of me|made fun of me|"
            r"laugh\w* at me|humiliat\w*|put\w* me down|teas\w* me|exclud\w* me|"
            r"leaves? me out)\b"
        ),
        "unwanted": (
            r"\b(?:says|said|tells|told) (?:me )?(?:she|he|they) (?:wish|wishes|wished) i "
            r"(?:was|were|had) (?:never born|dead|not born|not here|never been born)\b"
            r"|\b(?:not|nobody|no one|noone|no body) (?:\w+ ){0,2}?(?:want|wants|love|loves|"
            r"cares about|care about|cares|likes|like) me\b"
            r"|\bsend me (?:away|back|into care)\b|\bput me in care\b"
        ),
        "scared_of_someone": (
            r"\b(?:scared|afraid|frightened|terrified|petrified) (?:of )?(?:{MY} (?!exams?\b|"
            r"tests?\b)\w+|him|her|them|he|she|they|\w+s boyfriend|\w+s girlfriend|{CARER}|"
            r"going home)\b"
        ),
        "controls_me": (
            r"\b(?:will not|never|not) let me (?:eat|sleep|use the toilet|go to the toilet|"
            r"shower|wash|leave the house|leave my room|speak to anyone|talk to anyone|"
            r"(?:see|talk to|speak to|text|message) (?:my |any )?(?:friends|mates|family|mum|"
            r"dad))\b"
        ),
        "strong_words": r"\b(?:bullied|bullying|unloved|unwanted|worthless)\b",
        "ignored_and_blamed": (
            r"\b(?:my fault|because of me) (?:that )?(?:mum|dad|my \w+|they|he|she) (?:left|split|"
            r"died|drinks|hits|went|broke up|got il|is il)\b"
            r"|\b(?:says|said|tells me|told me|keeps saying) (?:it is |its |that it is )?(?:al )?"
            r"my fault\b|\bblames? me\b|"
            r"\bignor\w* me\b|\beat (?:on my own|alone|in my rom|by {MYSELF})\b"
            r"|\bwish\w* (?:she|he|they) (?:never|had not) (?:took|taken|had|adopted|fostered|got) "
            r"me\b|\b(?:i am|it is my fault|my fault|says i am) (?:the reason|why) (?:mum|dad|they|"
            r"he|she|my \w+) (?:left|split|died|drinks|is il|hits|went)\b"
        ),
        "hates_me": (
            r"\b(?:says|said|tells|told) (?:me )?(?:she|he|they) (?:hate|hates|hated) me\b"
            r"|\b(?:mum|dad|she|he|they|my \w+) (?:hate|hates|hated) me\b"
            r"|\bin my face\b"
        ),
        "makes_me_feel": (
            r"\bmakes? me feel (?:worthless|useless|scared|unsafe|unwanted|stupid|like nothing|"
            r"like rubbish|small|horrible|dirty|uncomfortable)\b"
        ),
        "told_to_kill_myself": r"\b(?:kys|kill yourself|kill your self|go die)\b",
    },
    "substance_misuse": {
        "drug_names": (
            r"\b(?:drugs|cannabis|skunk|ketamine|cocaine|heroin|mdma|ecstasy|xanax|xans|"
            r"benzos?|nitrous|meth|edibles|spliffs?|blunts?|solvents|legal highs)\b"
            r"|\bsniff\w* (?:glue|gas|aerosols?|deodorant|lighter fluid)\b"
        ),
        "taking_drugs": (
            r"\b(?:smok\w*|take|takes|taking|took|do|does|doing|did|on|tried|try|sniff\w*|"
            r"snort\w*|inject\w*|offered|offer\w*) (?:some |a )?(?:{DRUG}|coke|crack|spice|ket|"
            r"pills|joint|line of \w+|lines of \w+)\b"
        ),
        "getting_drunk": (
            r"\b(?:drunk|hungover|hangover|stoned|off {MY} (?:face|head|tits))\b"
            r"|\b(?:get|gets|getting|got|was|am|been|is|were|are) (?:so |really |very |proper )?"
            r"(?:pissed|wasted|hammered|smashed|high|mashed|off {MY} (?:face|head))\b"
            r"|\boff (?:his|her|their|me|my) (?:face|head|tits|nut|box|trolley)\b"
            r"|\bout of (?:it|(?:his|her|their|my) (?:face|head|mind|tree))\b"
            r"(?! (?:off|school|up|fives|five)\b)"
        ),
        "drinking": (
            r"\b(?:drink\w*|drank|neck\w*|downed) (?:\w+ ){0,3}?(?:alcohol|vodka|beer|cider|wine|"
            r"booze|spirits|cans|lager|whisky|whiskey|gin|rum|alcopops)\b"
            r"|\b(?:vodka|whisky|whiskey|lager|alcopops)\b"
            r"|\b(?:drink\w*|drank) (?:alcohol|vodka|beer|cider|wine|booze|spirits|cans|"
            r"every day|every night|loads|lots|a lot|too much|at the park|on the street|"
            r"with (?:older|the older|my mates|friends))\b|\b(?:alcohol\w*|booze)\b"
        ),
        "parent_drinking": (
            r"\bwhen (?:he|she|they|mum|dad|my \w+) (?:drinks|is drunk|gets drunk|has had a drink|"
            r"has been drinking|is on drugs|takes drugs|is high|is off (?:his|her) face)\b"
            r"|\b(?:mum|dad|he|she|they|my \w+) drinks (?:every day|every night|al day|a lot|"
            r"loads|too much|all the time)\b"
        ),
        "pass_out": (
            r"\b(?:until|til|till) (?:i|we) (?:pass out|black out|am sick|throw up|can not stand)\b"
            r"|\b(?:pas\w*|black\w*) out (?:drunk|from drinking|after drinking)\b"
        ),
        "injecting": (
            r"\b(?:injects|injecting)\b|\binject\w* (?:drugs|heroin|herself|himself|themselves|"
            r"stuff)\b|\bneedles? (?:in|on|around|al over) the (?:house|floor|bathroom|kitchen)\b"
        ),
        "other_peoples_pills": (
            r"\btake (?:my |her |his )?(?:mums|dads|nans|grans|sisters|brothers|someone elses) "
            r"(?:pills|tablets|meds|medicine)\b|\b(?:thc|dab pen|dabs)\b"
        ),
        "cannot_stop": (
            r"\bcan not (?:stop|give up|go a day without) (?:drinking|smoking|taking|using|vaping|"
            r"the drink|the drugs|{DRUG})\b"
        ),
        "addicted": (
            r"\b(?:addicted|hooked|addiction) (?:to )?(?:vap\w*|smok\w*|{DRUG}|cannabis|"
            r"nicotine|drink|drinking|alcohol|gambling)\b"
        ),
    },
    "carer_allegation": {
        # Private contact or touch from an adult in a position of trust. Ordinary texts from a
        # social worker or PA are normal, so only private channels and touch count here.
        "carer_contact": (
            r"\b{CARER} (?:\w+ ){0,3}?(?:(?:messag\w*|text\w*|add\w*|follow\w*|dm\w*|"
            r"snapchat\w*|cal\w*) me (?:on (?:snapchat|snap|insta|instagram|tiktok|facebook|"
            r"discord|whatsapp|kik|telegram)|at night|late at night|from (?:his|her|their) "
            r"(?:own|personal) (?:phone|number))|snapchats me|dms me|dmed me|gave me (?:his|her|"
            r"their) (?:number|snap|snapchat|insta)|wants to meet|wanted to meet|kissed me|"
            r"kisses me|makes me uncomfortable|made me uncomfortable|is creepy|is weird with me|"
            r"stares at me|watches me (?:change|shower|in the shower|get dressed|sleep))\b"
        ),
    },
}

# Phrases also looked for with the spaces taken out of each sentence, to catch words run together
# ("iwanttodie", "killmyself") or spaced out ("k i l l  m y s e l f"). Plain phrases, not regex.
JOINED_UP: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "suicidal_thoughts": {
        "joined_up_words": (
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
    },
    "self_harm": {
        "joined_up_words": ("cut myself", "cutting myself", "hurt myself", "self harm"),
    },
}

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
