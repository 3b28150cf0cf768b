"""A small regex tokenizer shared by sentiment, themes and pledges.

TextBlob's default tokenizer needs NLTK's punkt corpus, which we cannot download, so we split
text ourselves. Children's answers are short and informal, so the rules are simple: words
(with inner apostrophes, hyphens and "&", as in "don't", "ellie-mae", "b&b"), emoticons, emoji,
redaction tags such as "[name]", and runs of sentence punctuation.

`normalise_tokens` then lower-cases and expands text speak and contractions ("gr8" -> "great",
"dont" -> "do not"), so every later step sees ordinary English words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

__all__ = [
    "CLAUSE_BREAKS",
    "SENTENCE_END",
    "TEXT_SPEAK",
    "Token",
    "normalise_tokens",
    "tokenize",
]

_TOKEN: Final = re.compile(
    r"""
    (?P<tag>\[[a-z ]{2,12}\])                                  # a redaction tag: [name]
    |(?P<emoticon>(?<![\w])[:;=][\-o^']?[()\[\]DPp/|3*]+(?![\w])|<3+|</3)
    |(?P<word>[A-Za-z0-9\u00C0-\u024F£$%]+(?:['\u2019&\-][A-Za-z0-9\u00C0-\u024F]+)*)
    |(?P<emoji>[\u2190-\u2BFF\U0001F000-\U0001FAFF](?:\uFE0F)?(?:\u200D[\u2600-\u27BF\U0001F000-\U0001FAFF]\uFE0F?)*)
    |(?P<punct>[.!?]+|[,;:()"/])
    """,
    re.VERBOSE,
)

# Sentence ends; and words that start a contrasting clause ("good but boring").
SENTENCE_END: Final = frozenset({".", "!", "?", ";"})
CLAUSE_BREAKS: Final = frozenset({"but", "though", "although", "however", "except", "tho", "yet"})

Token = tuple[str, str]  # (normalised lower-case word, the text as typed)

# Text speak, slang and contractions (apostrophes already removed) -> ordinary words.
# A value with spaces becomes several tokens. Fillers that carry no meaning map to "".
TEXT_SPEAK: Final[dict[str, str]] = {
    # contractions, typed with or without the apostrophe
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "couldnt": "could not",
    "wont": "will not",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "isnt": "is not",
    "arent": "are not",
    "aint": "is not",
    "wasnt": "was not",
    "werent": "were not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "im": "i am",
    "ive": "i have",
    "youre": "you are",
    "theyre": "they are",
    "theyve": "they have",
    "theyll": "they will",
    "theyd": "they would",
    "hes": "he is",
    "shes": "she is",
    "hell": "he will",
    "shell": "she will",
    "its": "it is",
    "thats": "that is",
    "theres": "there is",
    "whats": "what is",
    "whos": "who is",
    "lets": "let us",
    "weve": "we have",
    # text speak
    "u": "you",
    "ya": "you",
    "ur": "your",
    "r": "are",
    "n": "and",
    "nd": "and",
    "b4": "before",
    "gr8": "great",
    "gd": "good",
    "v": "very",
    "vv": "very very",
    "rly": "really",
    "rlly": "really",
    "realy": "really",
    "soo": "so",
    "luv": "love",
    "luvs": "loves",
    "h8": "hate",
    "h8s": "hates",
    "l8": "late",
    "m8": "mate",
    "m8s": "mates",
    "pls": "please",
    "plz": "please",
    "ppl": "people",
    "bc": "because",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "becuase": "because",
    "becuz": "because",
    "wiv": "with",
    "w": "with",
    "thx": "thanks",
    "ty": "thank you",
    "2day": "today",
    "2moro": "tomorrow",
    "tmrw": "tomorrow",
    "nite": "night",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "dunno": "do not know",
    "idk": "i do not know",
    "idc": "i do not care",
    "ok": "okay",
    "k": "okay",
    "kk": "okay",
    "alright": "alright",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "bff": "best friend",
    "bffs": "best friends",
    "bestie": "best friend",
    "mam": "mum",
    "mom": "mum",
    "mommy": "mummy",
    "mis": "miss",
    "frends": "friends",
    "frend": "friend",
    "freinds": "friends",
    "alot": "a lot",
    "anywere": "anywhere",
    "sumthing": "something",
    "nothin": "nothing",
    "summat": "something",
    "yrs": "years",
    "yr": "year",
    "hrs": "hours",
    "mins": "minutes",
    # fillers that only soften the tone; dropped so they do not skew scores
    "tbh": "",
    "tbf": "",
    "ngl": "",
    "imo": "",
    "fr": "",
    "frfr": "",
    "rn": "",
    "lol": "",
    "lmao": "",
    "omg": "",
}

_APOSTROPHE: Final = re.compile(r"['\u2019]")
_RUN_OF_THREE: Final = re.compile(r"(.)\1{2,}")


@lru_cache(maxsize=8192)
def _expand(word: str) -> tuple[tuple[str, ...], bool]:
    """(normalised words, emphasised?) for one lower-cased word as typed."""
    if word[-2:] in ("'s", "\u2019s") and _APOSTROPHE.sub("", word) not in TEXT_SPEAK:
        word = word[:-2]  # a possessive: "gf's mum" -> "gf" "mum"
    bare = _APOSTROPHE.sub("", word)
    emphasised = False
    if _RUN_OF_THREE.search(bare):  # "sooooo gooood": emphasis, and a word to look up
        emphasised = True
        bare = _RUN_OF_THREE.sub(r"\1\1", bare)
    # "n't" endings not in the table: "needn't" -> "need not"
    if bare not in TEXT_SPEAK and bare.endswith("nt") and "'" in word.replace("\u2019", "'"):
        return (bare[:-2], "not"), emphasised
    expanded = TEXT_SPEAK.get(bare, bare)
    return tuple(expanded.split()), emphasised


def tokenize(text: str) -> list[str]:
    """Words, emoticons, emoji, tags and punctuation, as typed."""
    return [match.group() for match in _TOKEN.finditer(text)]


def normalise_tokens(raw: list[str]) -> list[Token]:
    """Lower-case, expand text speak and contractions; keep what was typed alongside.

    Emoji lose their variation selector, so "❤️" and "❤" are one token.
    """
    out: list[Token] = []
    for token in raw:
        first = token[0]
        if first.isalnum() or first in "£$":
            words, emphasised = _expand(token.lower())
            for word in words:
                out.append((word, token))
            if emphasised and words:
                out.append(("!", token))  # a stretched word counts like an exclamation
        elif first == "[":
            out.append((token, token))
        else:
            out.append((token.replace("\ufe0f", ""), token))
    return out
