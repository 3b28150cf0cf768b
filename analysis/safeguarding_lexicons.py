"""The commonest disclosure wording in the languages of the largest groups of children in care
and parents in England, as data: one record a phrase family, with answers it must flag and
answers it must leave alone (checked by tests/analysis/test_safeguarding_lexicons.py).

A match is urgent: these are plain statements of harm ("my father hits me", "I want to die"),
and an answer in another language already waits for a reader. Patterns are written in the
language's own spelling and matched after `fold` (lower case, accents dropped, Polish ł and
Vietnamese đ as l and d, Arabic-script letter variants made one), so Vietnamese or Polish typed
without accents matches too. Use only lower-case escapes (\\b, \\w, \\s) in patterns: folding
lower-cases them.

Written from general knowledge of each language for issue 13; the issue asks for a test set per
language by a helper who knows it, which is still to come. Roman Urdu is Urdu typed in Latin
letters, as on a phone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from .word_starts import PREFIX_LENGTH, UnsupportedPattern, required_word_starts

__all__ = ["LEXICONS", "Lexicon", "fold", "lexicon_matches"]


@dataclass(frozen=True, slots=True)
class Lexicon:
    language: str  # ISO 639 code ("ur" also for Roman Urdu)
    category: str
    name: str
    pattern: str
    must_flag: tuple[str, ...]
    must_pass: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.category}.{self.name}"


# Letters that do not decompose into a base letter and an accent, and Arabic-script variants.
_FOLD: Final = str.maketrans(
    {
        "ł": "l",
        "đ": "d",
        "ø": "o",
        "ß": "ss",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ی",
        "ي": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "ہ": "ه",
        "ـ": "",
        "’": "'",
    }
)
_NOT_WORD: Final = re.compile(r"[^\w\s]+")


def fold(text: str) -> str:
    """Lower case, accents and Arabic vowel marks dropped, punctuation as spaces."""
    if text.isascii():
        return " ".join(_NOT_WORD.sub(" ", text.lower()).split())
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_FOLD)
    return " ".join(_NOT_WORD.sub(" ", text).split())


LEXICONS: Final[tuple[Lexicon, ...]] = (
    # --- Polish ---------------------------------------------------------------------------
    Lexicon(
        "pl",
        "suicidal_thoughts",
        "pl_want_to_die",
        r"\b(?:chcę|chciałbym|chciałabym|chce mi się) (?:umrzeć|się zabić|zabić się)\b"
        r"|\bnie chcę (?:już )?żyć\b|\bzabiję się\b|\bsamobójst\w*",
        must_flag=("nie chcę żyć", "chcę umrzeć", "chce sie zabic", "mysle o samobojstwie"),
        must_pass=("chcę iść do kina", "w szkole jest dobrze"),
    ),
    Lexicon(
        "pl",
        "physical_abuse",
        "pl_hits_me",
        r"\b(?:bije|bił|biła|biją|uderza|uderzył|uderzyła|kopie|kopał|szarpie) mnie\b"
        r"|\bmnie (?:bije|bił|biła|biją|uderza|uderzył|uderzyła|kopie|kopał)\b",
        must_flag=("mój tata mnie bije", "ojciec bił mnie pasem", "moj tata mnie bije"),
        must_pass=("tata mnie kocha", "mój brat bije rekordy w grze"),
    ),
    Lexicon(
        "pl",
        "sexual_abuse",
        "pl_touches_me",
        r"\b(?:dotyka|dotykał|dotykała) mnie\b|\bmnie (?:dotyka|dotykał|dotykała)\b"
        r"|\bmolestuje\b|\bzgwałcił\w*|\bgwałt\w*",
        must_flag=("wujek mnie dotyka", "on mnie dotykał w nocy"),
        must_pass=("wujek mnie odwiedza",),
    ),
    Lexicon(
        "pl",
        "no_safe_place",
        "pl_afraid_of_home",
        r"\bboję się (?:wracać |iść |wrócić )?do domu\b|\bboję się (?:taty|ojca|mamy|matki)\b",
        must_flag=("boję się wracać do domu", "boje sie taty"),
        must_pass=("boję się pająków",),
    ),
    Lexicon(
        "pl",
        "self_harm",
        "pl_cut_myself",
        r"\b(?:tnę|ciąłem|cięłam) się\b|\bsamookalecz\w*|\bkaleczę się\b",
        must_flag=("tnę się żyletką", "tne sie"),
        must_pass=("tnę papier na plastyce",),
    ),
    # --- Romanian -------------------------------------------------------------------------
    Lexicon(
        "ro",
        "suicidal_thoughts",
        "ro_want_to_die",
        r"\bvreau să mor\b|\bnu (?:mai )?vreau să (?:mai )?trăiesc\b|\bvreau să mă omor\b"
        r"|\bmă sinucid\b|\bsinucide\w*",
        must_flag=("vreau să mor", "nu vreau să mai trăiesc", "vreau sa mor"),
        must_pass=("vreau să merg acasă",),
    ),
    Lexicon(
        "ro",
        "physical_abuse",
        "ro_hits_me",
        r"\bmă (?:bate|bat|lovește|lovesc|lovește)\b|\bm a (?:bătut|lovit)\b",
        must_flag=("tatăl meu mă bate", "mama mă lovește", "tata ma bate", "m-a bătut ieri"),
        must_pass=("inima îmi bate repede",),
    ),
    Lexicon(
        "ro",
        "sexual_abuse",
        "ro_touches_me",
        r"\bmă (?:atinge|pipăie)\b|\bm a (?:atins|pipăit|violat)\b|\bviolat\w*|\bviol\b",
        must_flag=("unchiul mă atinge", "m-a atins acolo"),
        must_pass=("îmi place culoarea violet",),
    ),
    Lexicon(
        "ro",
        "no_safe_place",
        "ro_afraid_of_home",
        r"\bmi e frică (?:să (?:merg|mă duc|mă întorc) acasă|de (?:tata|mama|tatăl meu))\b",
        must_flag=("mi-e frică să merg acasă", "mi e frica de tata"),
        must_pass=("mi-e frică de câini",),
    ),
    # --- Arabic ---------------------------------------------------------------------------
    Lexicon(
        "ar",
        "suicidal_thoughts",
        "ar_want_to_die",
        r"أريد أن أموت|بدي موت|بدي اموت|لا أريد أن أعيش|سأقتل نفسي|أقتل نفسي|انتحار|أنتحر",
        must_flag=("أريد أن أموت", "لا أريد أن أعيش", "افكر في الانتحار"),
        must_pass=("أريد أن أذهب إلى المدرسة",),
    ),
    Lexicon(
        "ar",
        "physical_abuse",
        "ar_hits_me",
        r"(?:يضربني|تضربني|ضربني|ضربتني|يضربونني|يعذبني)",
        must_flag=("أبي يضربني", "امي تضربني كل يوم"),
        must_pass=("أبي يحبني",),
    ),
    Lexicon(
        "ar",
        "sexual_abuse",
        "ar_touches_me",
        r"يلمسني|يتحرش بي|تحرش|اغتصب",
        must_flag=("عمي يلمسني", "يتحرش بي"),
        must_pass=("عمي يساعدني",),
    ),
    Lexicon(
        "ar",
        "no_safe_place",
        "ar_afraid_of_home",
        r"خائف من (?:العودة|الرجوع) (?:إلى|الى) (?:البيت|المنزل)|أخاف (?:من )?(?:البيت|أبي)",
        must_flag=("أنا خائف من العودة إلى البيت",),
        must_pass=("أنا سعيد في البيت",),
    ),
    # --- Urdu and Roman Urdu --------------------------------------------------------------
    Lexicon(
        "ur",
        "physical_abuse",
        "ur_hits_me",
        r"مجھے (?:\w+ ){0,2}مار(?:تے|تا|تی)|مجھے (?:\w+ )?پیٹ(?:تے|تا|تی)",
        must_flag=("میرے ابو مجھے مارتے ہیں", "امی مجھے بہت مارتی ہے"),
        must_pass=("میرے ابو مجھ سے پیار کرتے ہیں",),
    ),
    Lexicon(
        "ur",
        "suicidal_thoughts",
        "ur_want_to_die",
        r"مرنا چاہت[ای]|خود ?کشی|خود کو (?:مار|ختم)",
        must_flag=("میں مرنا چاہتا ہوں", "میں خود کو مارنا چاہتا ہوں", "خودکشی"),
        must_pass=("میں کھیلنا چاہتا ہوں",),
    ),
    Lexicon(
        "ur",
        "sexual_abuse",
        "ur_touches_me",
        r"مجھے (?:غلط )?(?:جگہ )?چھو(?:تا|تی|تے)",
        must_flag=("چچا مجھے غلط جگہ چھوتا ہے",),
        must_pass=("چچا مجھے اسکول لے جاتے ہیں",),
    ),
    Lexicon(
        "ur",
        "no_safe_place",
        "ur_afraid_of_home",
        r"گھر (?:واپس )?جانے سے ڈر",
        must_flag=("مجھے گھر جانے سے ڈر لگتا ہے",),
        must_pass=("مجھے گھر جانا اچھا لگتا ہے",),
    ),
    Lexicon(
        "ur",
        "physical_abuse",
        "roman_ur_hits_me",
        r"\bmujh?[ae]y? (?:\w+ ){0,2}maa?r(?:te|ta|ti|tay)\b"
        r"|\bmujh?[ae]y? (?:\w+ )?peet(?:te|ta|ti)\b",
        must_flag=("mere abu mujhe marte hain", "ammi mujhe bohat maarti hai"),
        must_pass=("mujhe school acha lagta hai",),
    ),
    Lexicon(
        "ur",
        "suicidal_thoughts",
        "roman_ur_want_to_die",
        r"\bmarna chah?t[aie]\b|\bmar jana chah?t\w*|\bkhud ?k[h]?ushi\b|\bkhud ko maar",
        must_flag=("main marna chahta hoon", "khudkushi karna chahti hoon"),
        must_pass=("main khelna chahta hoon",),
    ),
    Lexicon(
        "ur",
        "sexual_abuse",
        "roman_ur_touches_me",
        r"\bmujh?[ae]y? (?:galat )?(?:jagah )?chh?u(?:ta|ti|te)\b",
        must_flag=("chacha mujhe galat jagah chhuta hai",),
        must_pass=("chacha mujhe school le jate hain",),
    ),
    Lexicon(
        "ur",
        "no_safe_place",
        "roman_ur_afraid_of_home",
        r"\bghar (?:wapas )?(?:jane|jaane) se dar\b",
        must_flag=("mujhe ghar jane se dar lagta hai",),
        must_pass=("mujhe ghar jana acha lagta hai",),
    ),
    # --- Pashto ---------------------------------------------------------------------------
    Lexicon(
        "ps",
        "physical_abuse",
        "ps_hits_me",
        r"ما (?:\w+ ){0,2}وه(?:ي|ی|ئ|لم)\b|ما یې (?:\w+ )?ووهلم",
        must_flag=("زما پلار ما وهي", "زما مور ما ډېر وهي"),
        must_pass=("زما پلار ما سره مینه لري",),
    ),
    Lexicon(
        "ps",
        "suicidal_thoughts",
        "ps_want_to_die",
        r"مړ (?:کېدل|کیدل|شم) غواړم|ځان (?:وژنه|ووژنم|وژنم)",
        must_flag=("زه مړ کېدل غواړم", "زه غواړم ځان ووژنم"),
        must_pass=("زه ښوونځي ته تلل غواړم",),
    ),
    Lexicon(
        "ps",
        "no_safe_place",
        "ps_afraid_of_home",
        r"له کوره ډار\w*|کور ته (?:د )?(?:تلو|ورتلو) (?:نه|څخه) ډار",
        must_flag=("زه له کوره ډارېږم",),
        must_pass=("زه په کور کې خوشحاله یم",),
    ),
    # --- Kurdish (Sorani) -----------------------------------------------------------------
    Lexicon(
        "ckb",
        "physical_abuse",
        "ckb_hits_me",
        r"لێم ?دەدا\w*|لێیدام|لێمیان دا",
        must_flag=("باوکم لێم دەدات",),
        must_pass=("باوکم یارمەتیم دەدات",),
    ),
    Lexicon(
        "ckb",
        "suicidal_thoughts",
        "ckb_want_to_die",
        r"دەمەوێت بمرم|حەز دەکەم بمرم|خۆ ?کوشتن|خۆم (?:بکوژم|دەکوژم)",
        must_flag=("دەمەوێت بمرم", "بیر لە خۆکوشتن دەکەمەوە"),
        must_pass=("دەمەوێت بچمە قوتابخانە",),
    ),
    Lexicon(
        "ckb",
        "no_safe_place",
        "ckb_afraid_of_home",
        r"دەترسم (?:\w+ )?ماڵەوە",
        must_flag=("دەترسم بگەڕێمەوە ماڵەوە",),
        must_pass=("ماڵەوە باشە",),
    ),
    # --- Tigrinya -------------------------------------------------------------------------
    Lexicon(
        "ti",
        "physical_abuse",
        "ti_hits_me",
        r"ይወቕዓኒ|ትወቕዓኒ|ይወቕዑኒ|ይህርመኒ|ትህርመኒ|ይሃርመኒ",
        must_flag=("ኣቦይ ይወቕዓኒ እዩ",),
        must_pass=("ኣቦይ ይሕግዘኒ እዩ",),
    ),
    Lexicon(
        "ti",
        "suicidal_thoughts",
        "ti_want_to_die",
        r"ክመውት (?:እደሊ|ደልየ)|ርእሰይ (?:ክቐትል|ክቀትል|ቀቲለ)",
        must_flag=("ክመውት እደሊ", "ርእሰይ ክቐትል እደሊ"),
        must_pass=("ክጻወት እደሊ",),
    ),
    Lexicon(
        "ti",
        "no_safe_place",
        "ti_afraid_of_home",
        r"ገዛ (?:\w+ )?(?:እፈርህ|ፈሪሐ)",
        must_flag=("ናብ ገዛ ክምለስ እፈርህ",),
        must_pass=("ገዛ ጽቡቕ እዩ",),
    ),
    # --- Albanian -------------------------------------------------------------------------
    Lexicon(
        "sq",
        "physical_abuse",
        "sq_hits_me",
        r"\bmë (?:rrah|rreh|godet|goditi|qëllon|qëlloi)\b",
        must_flag=("babai më rrah", "babai me rrah çdo ditë", "nëna më godet"),
        must_pass=("babai më ndihmon",),
    ),
    Lexicon(
        "sq",
        "suicidal_thoughts",
        "sq_want_to_die",
        r"\bdua të vdes\b|\btë vras veten\b|\bvetëvras\w*|\bnuk dua (?:më )?të jetoj\b",
        must_flag=("dua të vdes", "nuk dua të jetoj më", "dua te vras veten"),
        must_pass=("dua të shkoj në shkollë",),
    ),
    Lexicon(
        "sq",
        "sexual_abuse",
        "sq_touches_me",
        r"\bmë (?:prek|ngacmon|ngacmoi)\b|\bmë përdhunoi\b|\bpërdhun\w*",
        must_flag=("xhaxhai më prek", "më ngacmon natën"),
        must_pass=("xhaxhai më viziton",),
    ),
    Lexicon(
        "sq",
        "no_safe_place",
        "sq_afraid_of_home",
        r"\bfrikë (?:të|për të) (?:shkoj|kthehem) (?:në )?shtëpi\b",
        must_flag=("kam frikë të shkoj në shtëpi",),
        must_pass=("kam frikë nga qentë",),
    ),
    # --- Vietnamese (with or without diacritics) ------------------------------------------
    Lexicon(
        "vi",
        "physical_abuse",
        "vi_hits_me",
        r"\bđánh (?:tôi|em|con|mình|cháu)\b",
        must_flag=("bố tôi đánh tôi", "bo toi danh toi", "mẹ đánh con hàng ngày"),
        must_pass=("tôi thích đánh cầu lông",),
    ),
    Lexicon(
        "vi",
        "suicidal_thoughts",
        "vi_want_to_die",
        r"\bmuốn chết\b|\btự tử\b|\btự sát\b",
        must_flag=("tôi muốn chết", "toi muon chet", "em muốn tự tử"),
        must_pass=("tôi muốn về nhà",),
    ),
    Lexicon(
        "vi",
        "sexual_abuse",
        "vi_touches_me",
        r"\bsờ (?:vào )?(?:người|ngực|chỗ kín) (?:tôi|em|con|cháu)\b|\bsàm sỡ\b|\bhiếp dâm\b",
        must_flag=("chú sờ vào người tôi", "anh ấy sàm sỡ em"),
        must_pass=("tôi sợ về trường mới",),
    ),
    Lexicon(
        "vi",
        "no_safe_place",
        "vi_afraid_of_home",
        r"\bsợ (?:phải )?về nhà\b",
        must_flag=("tôi sợ về nhà", "toi so ve nha"),
        must_pass=("tôi thích về nhà",),
    ),
    Lexicon(
        "vi",
        "self_harm",
        "vi_hurt_myself",
        r"\btự (?:làm đau|làm hại|rạch) (?:bản thân|mình)\b|\bcắt tay\b",
        must_flag=("em tự làm đau bản thân", "tôi cắt tay"),
        must_pass=("tôi tự làm bài tập",),
    ),
    # --- Welsh ----------------------------------------------------------------------------
    Lexicon(
        "cy",
        "suicidal_thoughts",
        "cy_want_to_die",
        r"\b(?:eisiau|isio|isie) marw\b|\blladd fy hun\b|\bhunanladdiad\b",
        must_flag=("dw i eisiau marw", "dwi isio lladd fy hun"),
        must_pass=("dw i eisiau mynd adref",),
    ),
    Lexicon(
        "cy",
        "physical_abuse",
        "cy_hits_me",
        r"\b(?:yn )?fy (?:nharo|mrifo|nghuro|nghicio|ngham drin)\b",
        must_flag=("mae fy nhad yn fy nharo", "mae mam yn fy mrifo"),
        must_pass=("mae fy nhad yn fy helpu",),
    ),
    Lexicon(
        "cy",
        "no_safe_place",
        "cy_afraid_of_home",
        r"\bofn mynd (?:adref|adra|gartref)\b|\bofn (?:fy )?(?:nhad|mam|llystad)\b",
        must_flag=("dw i ofn mynd adref",),
        must_pass=("dw i ofn pryfed cop",),
    ),
    Lexicon(
        "cy",
        "sexual_abuse",
        "cy_touches_me",
        r"\b(?:yn|n) fy nghyffwrdd\b|\bcyffwrdd (?:â |a )?fi\b",
        must_flag=("mae e'n fy nghyffwrdd",),
        must_pass=("mae e'n fy ngharu",),
    ),
)


def fold_pattern(pattern: str) -> str:
    """Fold a pattern's letters like answers are folded, keeping its regex syntax."""
    pattern = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", pattern).lower())
    return "".join(ch for ch in pattern if not unicodedata.combining(ch)).translate(_FOLD)


_COMPILED: Final = tuple((entry, re.compile(fold_pattern(entry.pattern))) for entry in LEXICONS)


def _index() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Word start -> the entries needing it, and the entries to run every time (the same
    prefilter as the English rules: see `word_starts`)."""
    by_start: dict[str, list[int]] = {}
    always = []
    for number, (_entry, regex) in enumerate(_COMPILED):
        try:
            starts = required_word_starts(regex.pattern)
        except UnsupportedPattern:
            starts = None
        if starts is None:
            always.append(number)
            continue
        for piece in starts:
            by_start.setdefault(piece, []).append(number)
    return {piece: tuple(found) for piece, found in by_start.items()}, tuple(always)


_BY_START, _ALWAYS = _index()


def lexicon_matches(text: str) -> list[tuple[str, str]]:
    """(category, "category.name") for each lexicon entry the answer matches.

    Runs on every answer, whatever language it was identified as: a short answer typed
    without accents ("tne sie") is often too short to identify.
    """
    folded = fold(text)
    # The entries run every time are the ones in Arabic or Ethiopic script.
    candidates = set() if folded.isascii() else set(_ALWAYS)
    for word in set(folded.split()):
        for length in range(1, min(len(word), PREFIX_LENGTH) + 1):
            found = _BY_START.get(word[:length])
            if found:
                candidates.update(found)
    found_entries = []
    for number in sorted(candidates):
        entry, regex = _COMPILED[number]
        if regex.search(folded):
            found_entries.append((entry.category, entry.key))
    return found_entries
