"""Redaction by where a word stands, not only by what it is (issue 13 point 6, round two).

Examples written for these tests (none copied from an evaluation set): names that no list holds,
names carried through an answer, titles in any case and in other languages, pets, possessives,
places that are first names, children's homes, clubs and centres, and the ordinary words and
places that must stay.
"""

from __future__ import annotations

import pytest

from analysis import redact

REMOVED: list[tuple[str, str]] = [
    # names of any origin that no names list holds, where a person stands
    ("we went bowling with Tamsk and his mum", "we went bowling with [name] and his mum"),
    ("can Oyelaran come to my review", "can [name] come to my review"),
    ("Dzhokhar helped me fill in the forms", "[name] helped me fill in the forms"),
    ("Kuvandik says i can stay up late", "[name] says i can stay up late"),
    ("i had a sleepover at Brennagh's last night", "i had a sleepover at [name]'s last night"),
    ("Tomasz Wójcikowski is my key worker", "[name] is my key worker"),
    # once found, a name goes wherever it stands in the answer
    (
        "my carer is called Fenwicke. Fenwicke makes us porridge",
        "my carer is called [name]. [name] makes us porridge",
    ),
    # titles in any case, and in the languages families write in
    ("i told mr Oduya about it", "i told mr [name] about it"),
    ("my teacher miss kowal is nice", "my teacher miss [name] is nice"),
    ("Pani Wiśniewska przyszła wczoraj", "Pani [name] przyszła wczoraj"),
    ("doamna Popescu e de treaba", "doamna [name] e de treaba"),
    # a name that is also a word, where the words before say a person
    ("my brother rob lives in another home", "my brother [name] lives in another home"),
    ("my carer sue is strict", "my carer [name] is strict"),
    ("my best mate is called Sky", "my best mate is called [name]"),
    ("Amber is my little sister", "[name] is my little sister"),
    ("Hope and I went to the cinema", "[name] and I went to the cinema"),
    ("Kenzie, my so called friend, took my money", "[name], my so called friend, took my money"),
    ("Clem's big brother scares me", "[name]'s big brother scares me"),
    # a name that is also a word, doing something to the writer
    ("Frank bought us pizza after court", "[name] bought us pizza after court"),
    ("at the home jack drives us to school", "at the home [name] drives us to school"),
    # joined, served, respected
    ("Liang Wen and Bo from my class are kind", "[name] and [name] from my class are kind"),
    ("Guy from the boxing academy trains me", "[name] from the boxing academy trains me"),
    ("Tariq bhai sorted my bike", "[name] bhai sorted my bike"),
    # "the worker, his name is Samer, is kind"
    ("الموظف اسمه سامر لطيف", "الموظف اسمه [name] لطيف"),
    # pets tell who a child lives with
    ("our dog Biscuit sleeps on my bed", "our dog [name] sleeps on my bed"),
    # places that are first names
    ("Jordan keeps texting me", "[name] keeps texting me"),
    ("me and Chelsea walk to school", "me and [name] walk to school"),
    # homes, centres, clubs, universities, saints' schools, birthdays without a year
    ("i live at Meadowcroft now", "i live at [place] now"),
    ("we meet at Sandpiper Family Centre", "we meet at [place]"),
    ("i train at Millbrook ABC", "i train at [place]"),
    ("first year at the University of Eastmoor", "first year at the [school]"),
    ("doing nursing at Eastmoor Uni", "doing nursing at [school]"),
    ("i go to St Winifred's", "i go to [school]"),
    ("my birthday is 07/11 and nobody came", "my birthday is [date] and nobody came"),
    ("flat on Larch Grove", "flat on [address]"),
    # a name with "school" after it is a name, not a school
    ("Leon's school rang my carer", "[name]'s school rang my carer"),
]

KEPT = [
    "we flew to Jordan to see my gran",
    "my cousin lives in Sydney",
    "my carer will pick me up",
    "my dog is lucky",
    "my mum may come to the review",
    "my carers said i can go",
    "I moved from Leeds to Dewsbury in March",
    "we drove to Whitby and Scarborough for the day",
    "my mums friend came round",
    "i miss school when im ill",
    "After school I go to football",
    "I love Haribo and Lego",
    "we watched a film set in Florence",
    "hope helps me get through the week",
    "Will you help me with my forms",
]


@pytest.mark.parametrize(("text", "expected"), REMOVED)
def test_removes_names_and_places_found_by_position(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_keeps_ordinary_words_and_towns(text: str) -> None:
    assert redact(text) == text
