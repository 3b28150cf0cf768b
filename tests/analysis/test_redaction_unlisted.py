"""Redaction of what neither a names list nor a capital letter gives away (issue 13 point 6,
round three).

Examples written for these tests (none copied from an evaluation set): names of many origins in
lower case where only a person stands, after a kin title, a verb of telling or a greeting; names
in Arabic script after the word for "name" or a role; phone, NI numbers, birth dates, handles and
streets written oddly. And what must stay: English words misspelt or in text-speak, things
after "my mates", everyday words of the languages families write in that some names list holds,
and ordinary words that are also names.
"""

from __future__ import annotations

import pytest

from analysis import redact
from analysis.names_data import name_words
from analysis.redaction_names_unlisted import unlisted_word

REMOVED: list[tuple[str, str]] = [
    # lower-case names no list holds, where only a person stands
    ("me and zhyar went to town", "me and [name] went to town"),
    ("tesfalem and me got the bus", "[name] and me got the bus"),
    ("went out with gulnara and her sister", "went out with [name] and her sister"),
    ("oyelade is my best mate", "[name] is my best mate"),
    ("and obinna said it was fine", "and [name] said it was fine"),
    ("went to the shops with kwadwo", "went to the shops with [name]"),
    ("chillin wit kwame n kofi", "chillin wit [name] n [name]"),
    ("got a text from dilnoza last nite", "got a text from [name] last nite"),
    ("dilnoza and her mum came round", "[name] and her mum came round"),
    # after a role, a verb of telling, a kin title, a relation of a relation
    ("my keyworker dilnoza sorted my bus pass", "my keyworker [name] sorted my bus pass"),
    ("i told seyi everything", "i told [name] everything"),
    ("i told mark about it", "i told [name] about it"),
    ("thank you auntie bisi", "thank you auntie [name]"),
    (
        "Aunty Funmi and Uncle Segun came to my review",
        "Aunty [name] and Uncle [name] came to my review",
    ),
    ("my mums bf dazza shouts at her", "my mums bf [name] shouts at her"),
    ("miss khan at school is kind", "miss [name] at school is kind"),
    # someone thanked, remembered or addressed
    ("Thanks Oksana for everything", "Thanks [name] for everything"),
    ("rip kyrell, miss you bro", "rip [name], miss you bro"),
    ("shout out to Tendai at the hub", "shout out to [name] at the hub"),
    # "is" after a name, and "I" that says nothing about capitals
    ("Seren's the best carer", "[name]'s the best carer"),
    ("I am Destiny and I'm 12", "I am [name] and I'm 12"),
    # capitalised names no list holds after "from" or "to" that only a person fits, and
    # before anything done to the writer
    ("I got a text from Dilnoza last night", "I got a text from [name] last night"),
    ("I sit next to Tesfalem in maths", "I sit next to [name] in maths"),
    ("Dritan hates me", "[name] hates me"),
    ("Zhyar, you are the best worker", "[name], you are the best worker"),
    # a month that does what people do
    ("April helped me with my forms", "[name] helped me with my forms"),
    # Arabic script: after an English role or relation, and after the word for "name"
    ("my friend محمد is kind", "my friend [name] is kind"),
    ("زما key worker ډیوېډ ښه سړی دی", "زما key worker [name] ښه سړی دی"),
    ("ناوم ڕێباز ئەحمەدە", "ناوم [name]"),
    ("میرا نام علی ہے", "میرا نام [name] ہے"),
    # numbers, dates, handles and streets written oddly
    ("ring me on 077OO 9OO123", "ring me on [phone]"),
    ("my number is 07700.900.123", "my number is [phone]"),
    ("its 0 7 7 0 0 9 0 0 1 2 3", "its [phone]"),
    ("whatsapp 447700900123", "whatsapp [phone]"),
    ("NI: AB-12-34-56-D", "NI: [ni number]"),
    ("born 03 03 2009", "born [date]"),
    ("add me kezzy2009 on snap", "add me [handle] on snap"),
    ("find me on insta as kezzy.b", "find me on insta as [handle]"),
    ("add me x.kez.x", "add me [handle]"),
    ("follow me kezzy99 for updates", "follow me [handle] for updates"),
    ("my sc is kezzy.b", "my sc is [handle]"),
    ("we live on cedar avenue now", "we live on [address] now"),
    ("year 9 at st marys catholic high", "year 9 at [school]"),
    ("from st bedes primary", "from [school]"),
    ("year 9 at Brierley and its ok", "year 9 at [school] and its ok"),
    ("im staying at 4 the crescent", "im staying at [address]"),
    ("i live at 3 cedar cl", "i live at [address]"),
]

KEPT = [
    # things, slang and misspellings where a person could stand
    "karate is the best",
    "fortnite is so good",
    "my sw is brill",
    "my worker realy helps",
    "my carer alwys listens",
    "his dad strangle me",
    "my mates floor was comfy",
    "me and my mate got vapes",
    "i have eczema and i scratch it",
    "got a letter from camhs and sat next to tesco",
    # everyday words that are also names
    "i miss summer",
    "i miss home so much",
    "i told will about it",
    "we should ask young carers what they think",
    "i told little kids to go away",
    "we had a bill to pay and hope it gets better in may",
    "thanks again for everything",
    "thanks guys, cheers everyone",
    "on insta as well",
    "snap is the best app and my insta is private",
    "my sc is late again",
    "follow the rules and message me at 9.30",
    "in May my mum got me a phone",
    "In April we moved house",
    "Art helps me relax",
    "asked Camhs for help",
    "we live on the same road",
    "we went to st ives on holiday",
    "year 10 at My school was better",
    "year 9 in Leeds was hard",
    "we have 2 the same",
    "Honestly, you are the best",
    "Thirdly, the chair spoke over me",
    "Whatever the school nurse thinks, it was a rash",
    "I was born in Sierra Leone and came here in a Vauxhall Corsa",
    "I moved to Huddersfield in the summer",
    "We got a coach from Heckmondwike",
    # everyday words of families' languages that some names list holds
    "Nie wiem jak sie to robi",
    "mai bine acum, vara asta",
    "anh ấy nói trong nhà",
    "mae hi'n braf heddiw",
    "mujhe acha lagta hai",
    "ana mabsout hon",
    "edrych mlaen at yr Haf",
]


@pytest.mark.parametrize(("text", "expected"), REMOVED)
def test_removes_what_no_list_or_capital_gives_away(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_keeps_words_slang_and_other_languages(text: str) -> None:
    assert redact(text) == text


def test_a_meeting_time_after_a_date_is_no_phone_number() -> None:
    assert (
        redact("review on 01.02.2026 10.30 with the team") == "review on [date] 10.30 with the team"
    )


@pytest.mark.parametrize(
    ("word", "name"),
    [("zhyar", True), ("funmi", True), ("frend", False), ("realy", False), ("ngl", False)],
)
def test_an_unlisted_word_is_no_typo_of_english(word: str, name: bool) -> None:
    assert unlisted_word(word, name_words()) is name
