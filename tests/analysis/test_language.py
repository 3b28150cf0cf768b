"""Language identification (analysis/language.py): other languages labelled, English never.

The foreign answers here are short ones written for issue 13 (the gates were tuned on them);
the English answers are the whole of voice_eval.jsonl and voice_holdout.jsonl plus text speak.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from analysis.language import identify
from analysis.pipeline import analyse

DATA = Path(__file__).resolve().parents[1] / "data"
TEXT_SPEAK = [
    "idk lol",
    "ok",
    "fine ty",
    "k",
    "meh",
    "nah",
    "ye",
    "tbh idc",
    "lol",
    "brb",
    "ty x",
    "yh fine",
    "its ok i guess",
    "dunno",
    "omg",
    "ffs",
    "N/A",
    "no comment",
    "gd ta",
    "wuu2",
    "ngl its mid",
    "innit bruv",
    "sound",
    "kl",
]

FOREIGN: dict[str, list[str]] = {
    "pl": [
        "mój tata mnie bije",
        "nie chcę żyć",
        "boję się wracać do domu",
        "w szkole jest dobrze",
        "moj tata mnie bije",
        "chce sie zabic",
    ],
    "ro": ["tatăl meu mă bate", "vreau să mor", "e bine la școală", "tata ma bate", "vreau sa mor"],
    "ar": ["أبي يضربني", "أريد أن أموت", "المدرسة جيدة"],
    "ur": ["میرے ابو مجھے مارتے ہیں", "اسکول اچھا ہے", "mere abu mujhe marte hain"],
    "ps": ["زه مړ کېدل غواړم", "ښوونځی ښه دی"],
    "ckb": ["باوکم لێم دەدات", "قوتابخانە باشە"],
    "ti": ["ኣቦይ ይወቕዓኒ እዩ", "ቤት ትምህርቲ ጽቡቕ እዩ"],
    "sq": ["babai më rrah", "shkolla është mirë", "babai me rrah"],
    "vi": ["bố tôi đánh tôi", "bo toi danh toi", "toi muon chet", "trường học tốt"],
    "cy": ["mae fy nhad yn fy nharo", "dw i eisiau marw", "mae'n iawn yn yr ysgol"],
}


def _english() -> list[str]:
    texts = []
    for name in ("voice_eval.jsonl", "voice_holdout.jsonl"):
        with (DATA / name).open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return texts + TEXT_SPEAK


def test_no_english_answer_is_taken_for_another_language() -> None:
    english = _english()
    assert len(english) >= 465
    wrong = [(text, identify(text)) for text in english if identify(text) is not None]
    assert wrong == []


@pytest.mark.parametrize(
    ("language", "text"), [(lang, text) for lang, texts in FOREIGN.items() for text in texts]
)
def test_short_answers_in_other_languages_are_labelled(language: str, text: str) -> None:
    assert identify(text) == language


def test_identification_is_cheap_for_english() -> None:
    english = _english()
    identify("warm up")
    # CPU time, not wall time: a loaded machine must not fail a test about our own cost.
    started = time.process_time()
    for text in english:
        identify(text)
    per_answer = (time.process_time() - started) / len(english)
    assert per_answer < 0.0005  # measured ~0.02 ms


def test_no_themes_from_another_language() -> None:
    result = analyse("W szkole jest dobrze, ale nauczyciel jest niemiły i mam mało przyjaciół")
    assert result["language"] == "pl"
    assert result["themes"] == []
    assert result["safeguarding"]["tier"] == "today"
    assert analyse("my social worker never listens")["language"] is None
