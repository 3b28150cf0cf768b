"""Common words that tell a language typed in plain ASCII, where py3langid goes wrong.

Roman Urdu (Urdu in Latin letters, as typed on a phone) and Arabizi (Arabic in Latin letters
and digits) are not among the model's languages, and Vietnamese typed without its accents
reads to the model as Italian or Finnish. Two or more
of these words, outnumbering its English words (see `language.identify`), name the language.
Polish, Romanian, Albanian and Welsh typed without their accents get the same help. A marker
may also be an English word ("me", "so"): it only counts alongside another marker, and only
where the markers outnumber the answer's other English words.
"""

from __future__ import annotations

from typing import Final


def _words(*lines: str) -> frozenset[str]:
    return frozenset(" ".join(lines).split())


MARKERS: Final[dict[str, frozenset[str]]] = {
    "ur": _words(
        "mujhe mujhay mujhko mera meri mere hai hain hy hn nahi nahin nai kya kyun kyon ",
        "hum tum aap unhon usne woh wo mein hoon hun raha rahi rahe karta karti karte ",
        "marta marti marte maarta maarti maar mar marna marne chahta chahti ghar abbu ",
        "abu ammi ami amma chacha mamu dar lagta lagti bohat bahut sath saath kuch koi ",
        "jata jati jana jaane bhi phir sirf apne apni apna zinda khud khudkushi",
    ),
    "vi": _words(
        "toi khong muon chet danh bo me nha cua minh ban co la nguoi duoc bi dau ",
        "giup voi khi nhung nay lam roi ve cho cung truong hoc ai cha anh chi em ",
        "so hai gi sao biet noi yeu thuong ghet chac luon thi moi mat ko dc",
    ),
    # Arabizi: Levantine and Gulf Arabic in Latin letters, digits for the letters Latin lacks
    # ("3omri", "ra7"). `identify` splits words at digits, so markers are the digit-free words.
    "ar": _words(
        "ana inta enta enti huwe hiye ehna baba mama bdi biddi badi mabdi shi hon hone hek ",
        "ktir kteer ktiir mesh mish bas yalla wallah habibi leh lesh kif keef akhi ukhti ",
        "beit bet yaani abouy abuya ummi mabsout mabsut",
    ),
    "pl": _words(
        "nie mnie mi sie jest moj moja moje tata mama ojciec matka chce boje bije bil ",
        "bila zabic umrzec zyc domu dom szkole nikt nikomu wujek brat siostra mnie ",
        "pomaga pomocy dotyka jestem zle bardzo tylko juz",
    ),
    "ro": _words(
        "nu vreau sa mor ma mi tatal tata mama bate loveste acasa frica imi mai meu mea ",
        "nimeni ajuta scoala sunt este foarte omor sinucid unchiul fratele",
    ),
    "sq": _words(
        "babai nena nuk dua te vdes me rrah shtepi frike kam jam shkolla eshte mire ",
        "askush ndihmon vras veten xhaxhai vellai motra",
    ),
    "cy": _words(
        "mae fy nhad mam yn dw dwi eisiau marw ofn mynd adref iawn ysgol neb gwrando ",
        "arna rydw hapus taro brifo lladd fy hun cartref",
    ),
}
