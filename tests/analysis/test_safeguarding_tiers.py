"""Tiers, score, reasons and the model seam (analysis/safeguarding_tiers.py)."""

from __future__ import annotations

import pytest

from analysis import safeguarding as sg
from analysis.safeguarding import assess
from analysis.safeguarding_tiers import (
    MODEL_CLEARS,
    MODEL_TODAY,
    MODEL_URGENT,
    ROUTINE,
    TODAY,
    URGENT,
    RuleFinding,
    decide,
    score_for,
)

CONTEXT_LOWERED = [
    ("nobody hits me at my foster home", "negated"),
    ("i have never self harmed", "negated"),
    ("i used to self harm years ago but i stopped", "past"),
    ("when i was little my dad hit me", "past"),
    ("i got punched at boxing training", "sport"),
]


@pytest.mark.parametrize(("text", "reason"), CONTEXT_LOWERED)
def test_context_lowers_a_rule_hit_to_today_never_to_routine(
    monkeypatch: pytest.MonkeyPatch, text: str, reason: str
) -> None:
    monkeypatch.setattr(sg, "_model", lambda: None)  # the rules alone
    result = assess(text)
    assert result.tier == TODAY, result
    assert result.flagged
    assert reason in result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "nobody hits me at my foster home",
        "i have never self harmed",
        "i used to self harm years ago but i stopped",
        "i got punched at boxing training",
        "we watched a film about a girl who self harms in pshe",
    ],
)
def test_the_model_clears_a_denial_a_film_sport_or_harm_dealt_with(text: str) -> None:
    result = assess(text)
    assert result.tier == ROUTINE, result
    assert "model_clears" in result.reasons
    assert result.matches  # what fired stays on record


@pytest.mark.parametrize(
    "text",
    [
        "i was abused when i was little",  # plain past: told for the first time
        "when i was little my dad hit me",
        "i stopped eating",  # "stopped" is the harm itself, not its end
        "nobody knows he hits me",
        "i wear long sleeves for netball so nobody asks about my arms",  # sport, but hidden
    ],
)
def test_the_model_never_clears_plain_past_or_secrecy(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setattr(sg, "_model", lambda: lambda text: 0.0)
    assert assess(text).flagged, text


def test_a_today_rule_is_cleared_on_the_same_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sg, "_model", lambda: lambda text: 0.0)
    # "no_safe_place.lost_the_home" is a today rule; it fires with "homeless" here.
    cleared = assess("i was homeless for a while but the council housed me")
    assert "no_safe_place.lost_the_home" in cleared.matches
    assert cleared.tier == ROUTINE, cleared
    assert "model_clears" in cleared.reasons
    assert assess("i was homeless for a while last winter").flagged  # plain past: still read


def test_clearing_needs_the_model_to_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sg, "_model", lambda: lambda text: MODEL_CLEARS)
    assert assess("nobody hits me at my foster home").tier == TODAY
    monkeypatch.setattr(sg, "_model", lambda: lambda text: MODEL_CLEARS - 0.01)
    assert assess("nobody hits me at my foster home").tier == ROUTINE


@pytest.mark.parametrize(
    "text",
    [
        "my dad hits me",
        "i want to die",
        "i dont want to live anymore",
        "nobody knows he hits me",
        "no one believes me that my uncle touches me",
        "i used to be happy but now i want to kill myself",
        "i cover it up so nobody knows my stepdad hits me",  # secrecy never lowers
    ],
)
def test_plain_and_secret_disclosures_stay_urgent(text: str) -> None:
    result = assess(text)
    assert result.tier == URGENT, result
    assert result.score >= 0.7


def test_scores_keep_tiers_apart_and_in_range() -> None:
    urgent = [assess(t) for t in ("i want to die", "my dad hits me", "im being bullied and hit")]
    today = [assess(t) for t in ("nobody hits me", "i used to cut myself years ago")]
    routine = [assess(t) for t in ("i like my school", "ok")]
    assert min(r.score for r in urgent) > max(r.score for r in today)
    assert min(r.score for r in today) > max(r.score for r in routine)
    for result in urgent + today + routine:
        assert 0.0 <= result.score <= 1.0
        assert result.flagged == (result.tier in (URGENT, TODAY))


def test_decide_lets_the_model_raise_and_clear_only_lowered_matches() -> None:
    urgent = RuleFinding(URGENT, 0.5)
    assert decide(urgent, 0.0)[0] == URGENT  # a confident "no" never moves an urgent hit
    past = RuleFinding(TODAY, 0.5, ("past",))  # plain past, or a today rule: stays today
    assert decide(past, 0.0)[0] == TODAY
    negated = RuleFinding(TODAY, 0.5, ("negated",), lowered=True)
    assert decide(negated, MODEL_CLEARS)[0] == TODAY
    assert decide(negated, MODEL_CLEARS - 0.01)[0] == ROUTINE
    assert "model_clears" in decide(negated, 0.0)[2]
    assert decide(negated, None)[0] == TODAY  # no model, no clearing
    assert decide(past, MODEL_URGENT)[0] == URGENT
    assert "model" in decide(past, MODEL_URGENT)[2]
    routine = RuleFinding(ROUTINE, 0.0)
    assert decide(routine, None) == (ROUTINE, 0.0, ())
    assert decide(routine, MODEL_TODAY - 0.01)[0] == ROUTINE
    assert decide(routine, MODEL_TODAY)[0] == TODAY
    assert decide(routine, MODEL_URGENT)[0] == URGENT
    # Within routine, the model's probability orders the queue.
    assert decide(routine, 0.3)[1] > decide(routine, 0.1)[1]


def test_score_bands() -> None:
    assert score_for(URGENT, 0.0) == 0.7
    assert score_for(TODAY, 1.0) < 0.7
    assert score_for(ROUTINE, 1.0) < 0.4


def test_assess_calls_the_model_when_there_is_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sg, "_model", lambda: lambda text: 0.95)
    result = assess("i just feel a bit off about things at home")
    assert result.tier == TODAY  # the model alone raises to today, never to urgent
    assert result.category == "needs_reading"
    assert "model" in result.reasons
    monkeypatch.setattr(sg, "_model", lambda: lambda text: 0.0)
    assert assess("my dad hits me").tier == URGENT  # never lowers an urgent hit


def test_without_the_model_module_assess_still_works() -> None:
    # context_model.py is another branch's work: its absence must mean "no model".
    assert sg._model() is None or callable(sg._model())
    assert assess("i like football").tier == ROUTINE


def test_long_answer_is_read_in_full_and_flagged_for_reading() -> None:
    filler = "we went to the park and it was fine and the food was nice. " * 170
    assert len(filler) > 10_000 - 200
    text = filler + "my step dad hits me when mum is at work"
    result = assess(text)
    assert result.tier == URGENT
    assert "physical_abuse" in result.categories
    plain_long = assess(filler)
    assert plain_long.tier == TODAY and "long" in plain_long.reasons


@pytest.mark.parametrize(
    "text",
    [
        "i w a n t  t o  d i e",
        "iwanttodie",
        "my dad hiiiits me 😭😭",
        "he hits me.my mum knows",
        "ppl at skl r hittin me evry day",
    ],
)
def test_awkward_text_is_read(text: str) -> None:
    assert assess(text).flagged, text


def test_garbled_text_goes_to_today() -> None:
    result = assess("xkcdqwrtzpsdfgh jklmnbvcxzqwrt pssdfghjkl zxcvbnmqwrt")
    assert result.tier == TODAY and "garbled" in result.reasons


def test_reasons_are_machine_words_never_the_childs_words() -> None:
    allowed = {"negated", "past", "resolved", "media", "sport", "idiom", "not_english", "long"}
    allowed |= {"garbled", "model", "model_clears"}
    for text in ("nobody hits me", "nie chcę żyć", "x" * 2500, "i got punched at boxing"):
        assert set(assess(text).reasons) <= allowed


@pytest.mark.parametrize(
    ("text", "lado"),
    [
        ("my carer hits me", True),
        ("my foster dad smacks me", True),
        ("i got hit by staff at the home", True),
        ("a member of staff hurt my friend", True),
        ("my friend is being hit by a teacher", True),
        ("my carer took me to the doctor after my dad hit me", False),
        ("my social worker knows my dad hits me", False),
    ],
)
def test_lado_only_when_the_carer_or_worker_harms(text: str, lado: bool) -> None:
    result = assess(text)
    assert result.tier == URGENT, result
    assert result.needs_lado is lado, result


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("we had a session at youth club about cuckooing", "media"),
        (
            # The film is further from the harm than the context window: the sentence counts.
            "in RE we watched a film with our new teacher Mr Jones about a little boy called Sam "
            "who lived in Leeds and whose dad hit him",
            "media",
        ),
        ("learnt to use a knife proper in food tech n made a stir fry", "everyday"),
        ("doing pharmacology, learning how drugs act on the brain", "media"),
        ("Maja is killing me 😂", "idiom"),
        ("got bullied at my old school but i moved and ive got mates now", "resolved"),
        # A figure of speech cut from the text leaves its lesson word for the sentence.
        ("there was an assembly about drugs, a man told us how his brother got stabbed", "media"),
        ("my poster for the art show has a knife dripping blood on it", "media"),
        ("got a medal at the tournament even tho i got punched in the face", "sport"),
        ("the doctor changed my epilepsy drugs and they are better", "everyday"),
        ("i was on crack for years but i have been clean three years now", "resolved"),
        ("i used to cut but i have not done it for a year", "resolved"),
        ("my foster dad is gonna kill me when he sees my report lol", "lol"),
        # Round 4 (issue 13): answers that only sound alarming go to today, not to urgent.
        ("nobody's hitting me at my nan's", "negated"),
        ("heard on the news about a stabbing in town, proper scary", "media"),
        ("my cousin's drill track is all about shanks, it's just music", "media"),
        ("we had a self harm prevention talk at college, it was helpful", "media"),
        ("this baby will be the death of me, up all night again", "idiom"),
        ("i cut up my own dinner with a knife now", "everyday"),
        ("training as a chef, so i've got my own set of knives at work", "everyday"),
        ("my ex was violent but he's been gone two years and we're settled", "resolved"),
        ("ran with a gang in year 9 then moved to my aunties, done with all that now", "resolved"),
    ],
)
def test_lessons_cooking_laughter_and_harm_dealt_with_are_not_urgent(
    monkeypatch: pytest.MonkeyPatch, text: str, reason: str
) -> None:
    monkeypatch.setattr(sg, "_model", lambda: None)  # the rules alone: today, still read
    result = assess(text)
    assert result.tier == TODAY, result
    assert reason in result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "my dad hits me lol",
        "the kids in my class spit on me",
        "my stepdad says he will kill me",
        "he hits me lol",  # "lol" lowers only a hyperbole, never plain harm
        "it was the final straw when he punched me",  # not a cup final
        # The speaker's own clause after (or before) a film: about the speaker, not the film.
        "we watched a film about gangs and now i carry a knife",
        "my stepdad hits me and i saw a film about it",
        # The idiom lowers only the words inside it, never harm told beside it.
        "my boyfriend will be the death of me he strangles me",
        # Wanting to be out is not being out.
        "they make me sell for the gang and i want to be done with all that",
        "he stabbed my brother last night",
        "the man next door molested me",
    ],
)
def test_a_laugh_or_a_class_does_not_lower_plain_harm(text: str) -> None:
    assert assess(text).tier == URGENT, text


@pytest.mark.parametrize(
    "text",
    [
        "im dying for a kfc after practice",
        "one more maths test this week and i will die",
        "my sister hit me with a cushion cos i took the remote",
        "my carer grabbed my hand to stop me stepping into the road",
    ],
)
def test_figures_of_speech_fire_no_rule(text: str) -> None:
    assert not sg.rule_finding(text).matches, text


@pytest.mark.parametrize(
    "text",
    [
        "one more hit and i will die",
        "im dying for a way out of this",
        "he hit me with a belt",
        "my carer grabbed my arm and threw me on the floor",
    ],
)
def test_near_figures_still_fire(text: str) -> None:
    assert sg.rule_finding(text).finding.tier == URGENT, text


@pytest.mark.parametrize(
    "text",
    [
        "grandad is stable after his fall",
        "my placement has been stable for a year",
        "mum got a non-molestation order against him in the spring",
    ],
)
def test_stable_and_a_court_order_fire_no_rule(text: str) -> None:
    assert not sg.rule_finding(text).matches, text


def test_not_until_is_not_a_denial() -> None:
    finding = sg.rule_finding("i dont come back til 4am most nights").finding
    assert finding.tier == URGENT, finding


def test_help_told_in_a_later_sentence_ends_past_harm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sg, "_model", lambda: lambda text: 0.0)
    ended = "my son used to self harm when he was younger. he got help from camhs last year"
    assert assess(ended).tier == ROUTINE
    # "i'm ok now" is how old harm told for the first time often ends: still read.
    assert assess("when i was little my uncle touched me. i'm ok now").flagged
