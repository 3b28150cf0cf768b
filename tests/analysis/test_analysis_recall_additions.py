"""Rules added for the evaluation set: wider safeguarding recall, quieter figures of speech,
and names found by context in redaction. Written as variants, not copies, of the set."""

from __future__ import annotations

import pytest

from analysis import assess, redact

NEW_DISCLOSURES: list[tuple[str, str]] = [
    ("i keep thinking about not waking up tomorrow", "suicidal_thoughts"),
    ("left a letter for my mum in case i am not here", "suicidal_thoughts"),
    ("went up to the top of the car park last night", "suicidal_thoughts"),
    ("i got r*ped", "sexual_abuse"),
    ("he keeps asking for pics of me in my underwear", "sexual_abuse"),
    ("the staff member touches my leg and it feels wrong", "sexual_abuse"),
    ("dad chucked a mug at me", "physical_abuse"),
    ("my bf is 26 and buys me everything", "exploitation"),
    ("a man in his 30s picks me up after school", "exploitation"),
    ("i been running for some older lads", "exploitation"),
    ("they make me hold stuff for them", "exploitation"),
    ("i have to answer that phone whenever it rings", "exploitation"),
    ("my ex keeps turning up at my flat", "domestic_abuse"),
    ("nan has a black eye and says she walked into a door", "domestic_abuse"),
    ("he said hes gonna torch my house down", "threats_of_violence"),
    ("mum is asleep all day so i do tea", "neglect"),
    ("he wont let me see my friends any more", "emotional_abuse"),
    ("necking vodka every night", "substance_misuse"),
    ("i have a plan for when i will do it", "suicidal_thoughts"),
    ("they paid me 20 quid to carry a package across town", "exploitation"),
    ("dad says its all my fault", "emotional_abuse"),
    ("sleeping at different mates houses every night", "no_safe_place"),
    # letters spaced out to slip past a filter
    ("k i l l  m y s e l f", "suicidal_thoughts"),
    ("i w a n t t o d i e", "suicidal_thoughts"),
]

STILL_QUIET: list[str] = [
    "we had an assembly about knife crime and gangs",
    "PSHE lesson on drugs and alcohol was boring",
    "the first aid course showed what to do if someone has overdosed",
    "got the flu and feel like death warmed up",
    "i love my nan to bits",
    "my insta is lily.b follow me",
    "i hate living in the middle of nowhere, theres no buses",
    "the council and school argued about which college i go to",
    "i got an a b c d in my exams",
    "this coursework is killing me",
    "we took a bag of sweets to the cinema",
]


@pytest.mark.parametrize(("text", "category"), NEW_DISCLOSURES)
def test_new_disclosures_flag(text: str, category: str) -> None:
    result = assess(text)
    assert result.flagged, text
    assert category in result.categories, (text, result.categories)


@pytest.mark.parametrize("text", STILL_QUIET)
def test_figures_and_lessons_stay_quiet(text: str) -> None:
    assert not assess(text).flagged, assess(text).matches


def test_a_figure_of_speech_never_hides_a_disclosure_beside_it() -> None:
    assert assess("we had a lesson on drugs and i take drugs every day").flagged
    assert assess("i love him to death but he hits me").flagged
    assert assess("my snap is x follow me, a man keeps following me home").flagged


REDACTIONS: list[tuple[str, str]] = [
    # worker initials after role words
    ("SW KT did not ring back", "SW [name] did not ring back"),
    ("the worker (L.M.) was late", "the worker ([name]) was late"),
    ("my iro MK is fair", "my iro [name] is fair"),
    ("my PA T.J. sorted it", "my PA [name] sorted it"),
    # family and friends named by relation or title
    ("me and my sister Lacey", "me and my sister [name]"),
    ("my best friend is Kacey", "my best friend is [name]"),
    ("i live with Auntie Jen", "i live with Auntie [name]"),
    ("me and Tayla went out", "me and [name] went out"),
    ("with Harvey and Josh", "with [name] and [name]"),
    ("Jo from the family support team rang", "[name] from the family support team rang"),
    ("because Sandra makes tea", "because [name] makes tea"),
    ("i went to Olivers party", "i went to [name] party"),
    ("my foster sister Ellie-Mae", "my foster sister [name]"),
    # a school or college by name goes, even one named after its town (issue 13, point 6)
    ("started at Exeter College", "started at [school]"),
    # flats
    ("Flat 3, 27 Queen Street", "[address]"),
    ("moved into Flat 2b, Victoria Court", "moved into [address]"),
]

KEPT: list[str] = [
    "i miss my old friends from Okehampton",
    "college open day at Petroc was gr8",
    "police picked me up in Bristol",
    "Football helps me calm down",
    "i go to cubs at the church hall",
    "my flat is nice",
    "me and my mates went to Plymouth and Exeter",
]


@pytest.mark.parametrize(("text", "expected"), REDACTIONS)
def test_redacts_by_context(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_places_and_services_are_kept(text: str) -> None:
    assert redact(text) == text
