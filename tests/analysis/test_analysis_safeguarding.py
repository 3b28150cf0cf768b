"""Safeguarding rules: disclosures that must flag, and everyday sentences that must not."""

from __future__ import annotations

import time

import pytest

from analysis import CATEGORIES, SEVERITY, SafeguardingResult, assess
from analysis.safeguarding import NOT_FLAGGED, RULE_NAMES, normalise

# (text, a category it must raise). Written the way children and young people write.
DISCLOSURES: list[tuple[str, str]] = [
    # suicidal thoughts
    ("I want to kill myself", "suicidal_thoughts"),
    ("I want to die", "suicidal_thoughts"),
    ("i wanna die", "suicidal_thoughts"),
    ("kms", "suicidal_thoughts"),
    ("honestly i might just kms tonight", "suicidal_thoughts"),
    ("I've thought about suicde", "suicidal_thoughts"),
    ("sometimes i think about sucide", "suicidal_thoughts"),
    ("im gonna kil myself", "suicidal_thoughts"),
    ("i just want to unalive myself", "suicidal_thoughts"),
    ("I wish I was dead", "suicidal_thoughts"),
    ("everyone would be better off without me", "suicidal_thoughts"),
    ("I don't want to be alive anymore", "suicidal_thoughts"),
    ("i dont want to live", "suicidal_thoughts"),
    ("there's no point in living", "suicidal_thoughts"),
    ("I want to end it all", "suicidal_thoughts"),
    ("i want to diiie", "suicidal_thoughts"),
    ("I WANT TO DIE!!!", "suicidal_thoughts"),
    ("i want to... die", "suicidal_thoughts"),
    ("i want 2 die", "suicidal_thoughts"),
    ("I can't go on like this", "suicidal_thoughts"),
    ("i feel suicidal", "suicidal_thoughts"),
    ("I've been thinking about taking my own life", "suicidal_thoughts"),
    ("i wish i had never been born", "suicidal_thoughts"),
    # self-harm
    ("I cut myself", "self_harm"),
    ("I self harm", "self_harm"),
    ("i self harme", "self_harm"),
    ("I've been hurtin myself again", "self_harm"),
    ("I keep cutting my arms", "self_harm"),
    ("i burn myself with a lighter", "self_harm"),
    ("I hurt myself when I get angry", "self_harm"),
    ("I took loads of pills last week", "self_harm"),
    ("i took an overdose", "self_harm"),
    ("I have scars on my legs from where I cut", "self_harm"),
    ("I relapsed after 3 months clean", "self_harm"),
    ("self-harming helps me cope", "self_harm"),
    # sexual abuse
    ("someone touched me", "sexual_abuse"),
    ("he touches me and I don't like it", "sexual_abuse"),
    ("he touched my private parts", "sexual_abuse"),
    ("I was raped", "sexual_abuse"),
    ("he makes me watch porn", "sexual_abuse"),
    ("a man asked me to send nudes", "sexual_abuse"),
    ("he comes into my room at night", "sexual_abuse"),
    ("he said it's our little secret", "sexual_abuse"),
    ("he made me do things I didn't want to", "sexual_abuse"),
    # physical abuse
    ("my dad hits me", "physical_abuse"),
    ("he hurts me", "physical_abuse"),
    ("me mam batters me", "physical_abuse"),
    ("my step dad beats me up when he's angry", "physical_abuse"),
    ("I get hit with a belt", "physical_abuse"),
    ("i have bruises from where she grabbed me", "physical_abuse"),
    ("she slaps me", "physical_abuse"),
    ("my brother strangled me", "physical_abuse"),
    # carer allegations (LADO)
    ("my foster carer hits me", "carer_allegation"),
    ("one of the staff at the home pushed me against the wall", "carer_allegation"),
    ("my teacher touched me", "carer_allegation"),
    ("My foster carer is horrible. He hurts me.", "carer_allegation"),
    ("my carers dont feed me", "carer_allegation"),
    ("my PE teacher keeps messaging me on snapchat", "carer_allegation"),
    # emotional abuse
    ("my mum calls me stupid and worthless", "emotional_abuse"),
    ("she screams at me every day", "emotional_abuse"),
    ("I'm being bullied at school", "emotional_abuse"),
    ("nobody loves me", "emotional_abuse"),
    ("I'm scared of my dad", "emotional_abuse"),
    # neglect
    ("there's never any food in the house", "neglect"),
    ("I'm always hungry", "neglect"),
    ("I get left on my own all weekend", "neglect"),
    ("mum doesn't feed us", "neglect"),
    ("we have no electric and no heating", "neglect"),
    ("nobody looks after me", "neglect"),
    # exploitation
    ("I'm being made to sell drugs", "exploitation"),
    ("an older boy gives me weed and wants me to...", "exploitation"),
    ("they make me carry packages to other towns", "exploitation"),
    ("I owe them money so I have to do stuff for them", "exploitation"),
    ("I met a man online and he wants to meet up", "exploitation"),
    ("my boyfriend is 24", "exploitation"),
    ("i go country for the olders", "exploitation"),
    # domestic abuse
    ("mum's boyfriend hits her", "domestic_abuse"),
    ("my dad hurts my mum", "domestic_abuse"),
    ("my parents fight all the time and the police came", "domestic_abuse"),
    ("he gets violent when he's had a drink", "domestic_abuse"),
    # going missing
    ("i ran away last night", "going_missing"),
    ("I want to run away", "going_missing"),
    ("I went missing for 3 days", "going_missing"),
    ("I stayed out all night", "going_missing"),
    ("the police brought me back", "going_missing"),
    # no safe place
    ("I don't feel safe at home", "no_safe_place"),
    ("I have nowhere to sleep", "no_safe_place"),
    ("I've been sleeping on the streets", "no_safe_place"),
    ("my mum kicked me out", "no_safe_place"),
    ("i'm scared to go home", "no_safe_place"),
    ("i feel unsafe where i live", "no_safe_place"),
    ("i'm sofa surfing at the moment", "no_safe_place"),
    # threats of violence
    ("he said he would kill me", "threats_of_violence"),
    ("they threatened to stab me", "threats_of_violence"),
    ("some boys said they are going to get me after school", "threats_of_violence"),
    ("I carry a knife for protection", "threats_of_violence"),
    ("i'm going to hurt him", "threats_of_violence"),
    # substance misuse
    ("I smoke weed every day", "substance_misuse"),
    ("I drink vodka at the park with my mates", "substance_misuse"),
    ("my mum is always drunk", "substance_misuse"),
    ("I've tried ket", "substance_misuse"),
    ("my dad takes drugs", "substance_misuse"),
    # issue 13's categories, in words not taken from their rules' own examples
    ("my aunt says i will be cut down there like the other girls", "fgm"),
    ("they want me to marry a man i have never met", "forced_marriage"),
    ("my uncle said i should fight for isis", "radicalisation"),
    ("they keep my passport and i work in the car wash for no money", "modern_slavery"),
    ("my mum keeps saying she wants to die", "parent_at_risk"),
    ("i might be pregnant and i am scared to tell my carer", "pregnancy"),
]

# Everyday answers and figures of speech that must not raise an alarm.
BENIGN: list[str] = [
    "I'd kill for a pizza",
    "this homework is killing me",
    "I nearly died laughing",
    "my phone died",
    "I'm killing it at football",
    "I'm dying to see my sister",
    "my social worker never calls back",
    "I hate broccoli",
    "I feel safe at home",
    "I love my foster carer, she is kind",
    "School is boring",
    "I want more pocket money",
    "Can I see my brother more often?",
    "My PA helped me get a flat",
    "the staff are nice and listen to me",
    "My teacher pushes me to do my best",
    "We beat them 3-0 at football",
    "I cut my hair really short",
    "My feet are killing me after the walk",
    "I'm dead tired",
    "I'd like to go to drama club",
    "My dog ran away but came back",
    "I want to learn to drive",
    "I got a new phone for my birthday",
    "Please can we have better wifi",
    "I'm not worried, I feel safe",
    "My IRO is great and always asks what I think",
    "I like rapping and making music",
    "I'd love to go to uni",
    "I'm so happy in my new placement",
]


@pytest.mark.parametrize(("text", "category"), DISCLOSURES)
def test_disclosure_flags_with_expected_category(text: str, category: str) -> None:
    result = assess(text)
    assert result.flagged, f"missed: {text!r} -> {normalise(text)!r}"
    assert category in result.categories, (text, result)


@pytest.mark.parametrize("text", BENIGN)
def test_everyday_text_does_not_flag(text: str) -> None:
    result = assess(text)
    assert not result.flagged, (text, normalise(text), result.matches)


def test_lists_are_big_enough_and_cover_every_category() -> None:
    assert len(DISCLOSURES) >= 60
    assert len(BENIGN) >= 20
    # needs_reading is raised by no rule: language, length or the model (test_safeguarding_tiers)
    assert {category for _, category in DISCLOSURES} == set(CATEGORIES) - {"needs_reading"}


def test_result_shape_and_primary_is_most_severe() -> None:
    result = assess("my dad hits me and I want to kill myself")
    assert isinstance(result, SafeguardingResult)
    assert result.flagged is True
    assert result.category == "suicidal_thoughts"
    assert result.categories[0] == result.category
    assert set(result.categories) >= {"suicidal_thoughts", "physical_abuse"}
    assert list(result.categories) == sorted(result.categories, key=SEVERITY.index)
    assert result.label == "Suicidal thoughts"
    with pytest.raises(AttributeError):
        result.flagged = False  # type: ignore[misc]


def test_severity_puts_risk_to_life_and_sexual_abuse_first() -> None:
    assert set(SEVERITY[:3]) == {"suicidal_thoughts", "self_harm", "sexual_abuse"}
    assert set(SEVERITY) == set(CATEGORIES)
    assert SEVERITY.index("carer_allegation") < SEVERITY.index("physical_abuse")


def test_carer_allegation_goes_with_the_abuse_and_routes_to_lado() -> None:
    result = assess("my foster carer hits me")
    assert {"carer_allegation", "physical_abuse"} <= set(result.categories)
    assert result.needs_lado
    # Abuse by family, with a carer mentioned in another sentence, is not a carer allegation.
    family = assess("My foster carer is lovely. My dad hits me.")
    assert "physical_abuse" in family.categories
    assert not family.needs_lado


def test_not_flagged_result_is_empty() -> None:
    for text in ("", "   "):
        assert assess(text) == NOT_FLAGGED
    for text in ("", "   ", "I like my school"):
        assert not assess(text).flagged and assess(text).tier == "routine"
        assert assess(text).category is None
        assert assess(text).categories == ()
        assert assess(text).matches == ()


@pytest.mark.parametrize("text", [text for text, _ in DISCLOSURES])
def test_matches_are_rule_names_never_the_text(text: str) -> None:
    result = assess(text)
    assert result.matches
    for name in result.matches:
        assert name in RULE_NAMES
        assert name.split(".", 1)[0] in CATEGORIES
        assert text not in name
        assert text.lower() not in name


def test_every_category_has_a_label() -> None:
    assert CATEGORIES["self_harm"] == "Self-harm"
    assert all(label and label[0].isupper() for label in CATEGORIES.values())


def test_normalise_handles_text_speak_unicode_and_repeats() -> None:
    assert normalise("Im SO scared!!! u dont know") == "i am so scared\nyou do not know"
    assert normalise("ｉ ｗａｎｔ ｔｏ ｄｉｅ") == "i want to die"  # full-width letters (NFKC)
    assert normalise("I want to dïïïe") == "i want to die"
    assert normalise("k1ll mys3lf") == "kil myself"


def test_unusual_input_does_not_crash() -> None:
    for text in ("\u0000", "😢😢😢", "...", "a" * 5000, "🔪", "123 456", "@@@ $$$"):
        assert isinstance(assess(text), SafeguardingResult)


def test_assess_is_fast() -> None:
    text = (
        "I like my placement and my foster carer is kind but sometimes school is hard and I "
        "miss my brother. The food is nice and I go to football on Saturdays with my mates. "
        "I would like to see my mum more and have more say in my reviews with my IRO please. "
        "Thanks!"
    )
    assert 250 <= len(text) <= 320
    assess(text)  # warm up the word cache
    rounds = 300
    start = time.perf_counter()
    for _ in range(rounds):
        assess(text)
    per_call = (time.perf_counter() - start) / rounds
    # A guard against runaway rules, not a benchmark (benchmarks/ measures speed): typical is
    # about 0.3 ms, and a loaded CI machine must not make this flaky.
    assert per_call < 0.01, f"{per_call * 1e6:.0f} µs per call"
