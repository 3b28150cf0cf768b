"""Conversations in other languages by text message: the respondent's language, switching by
naming a language, answers read with that language's words, and safeguarding unchanged."""

from __future__ import annotations

from sqlalchemy import select

from app.core.extensions import db
from app.models import Answer, Response, ResponseStatus, SafeguardingFlag
from surveys import default_registry
from surveys.sms import sms_segments

from .twilio_helpers import messages, sms_respondent, text

PHONE = "07700 900456"


def _polish_teen():
    registry = default_registry()
    return registry.in_language(registry.get("pledge"), "pl").resolve("teen")


def _english_teen():
    return default_registry().get("pledge").resolve("teen")


def polish_reply(question) -> tuple[str, object]:
    """What a Polish-speaking teenager might text back, and the value it stands for."""
    if question.kind == "scale":
        return "cztery", 4  # a number written as a Polish word
    if question.required:
        return "Moja rodzina zastępcza jest miła", "Moja rodzina zastępcza jest miła"
    return "pomiń", ""  # Polish "skip" leaves an optional answer empty


def test_full_pledge_survey_in_polish_by_sms(app, client):
    sms_respondent(app, PHONE, reference="PL-1", language="pl")
    polish, english = _polish_teen(), _english_teen()
    first = " ".join(messages(text(client, PHONE, "hi")))
    first_question = polish.questions[0]
    assert "Q1/" in first
    assert (first_question.sms_text or first_question.text).strip()[:30] in first
    assert english.questions[0].sms_text[:30] not in first
    # A reply it cannot read is asked again in Polish, and every text still fits the segments.
    reask = messages(text(client, PHONE, "banan"))
    assert reask[0].startswith("Przepraszam, nie rozumiem.")
    replies: list[str] = []
    for question in polish.questions:
        reply, _value = polish_reply(question)
        sent = messages(text(client, PHONE, reply))
        replies.extend(sent)
        assert all(sms_segments(message) >= 1 for message in sent)
    # Each next question came in Polish.
    for question in polish.questions[1:]:
        wording = (question.sms_text or question.text).strip()[:25]
        assert any(wording in message for message in replies), wording
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.status == ResponseStatus.COMPLETE
        assert response.language == "pl"
        stored = {a.question_key: (a.value, a.language) for a in response.answers}
        expected = {q.key: (polish_reply(q)[1], "pl") for q in polish.questions}
        assert stored == expected


def test_a_language_name_switches_the_conversation_and_resends_the_question(app, client):
    sms_respondent(app, PHONE, reference="PL-2")
    english, polish = _english_teen(), _polish_teen()
    first = " ".join(messages(text(client, PHONE, "hi")))
    assert english.questions[0].sms_text[:30] in first
    text(client, PHONE, "5")  # Q1, in English
    switched = " ".join(messages(text(client, PHONE, "Polski")))
    assert "Q2/" in switched
    assert (polish.questions[1].sms_text or polish.questions[1].text).strip()[:25] in switched
    text(client, PHONE, "Lubię szkołę")  # Q2, now in Polish
    back = " ".join(messages(text(client, PHONE, "English")))
    assert english.questions[2].sms_text[:25] in back
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        assert response.language == "en"
        answers = {a.question_key: a for a in db.session.scalars(select(Answer))}
        assert answers[english.questions[0].key].language == "en"
        assert answers[english.questions[1].key].language == "pl"
        assert answers[english.questions[1].key].value == "Lubię szkołę"
        # The keyword itself was never stored as an answer.
        assert {a.value for a in answers.values()} == {5, "Lubię szkołę"}


def test_arabic_by_its_own_name_and_arabic_indic_digits(app, client):
    sms_respondent(app, PHONE, reference="AR-1")
    text(client, PHONE, "hi")
    switched = " ".join(messages(text(client, PHONE, "عربي")))
    registry = default_registry()
    arabic = registry.in_language(registry.get("pledge"), "ar").resolve("teen")
    assert (arabic.questions[0].sms_text or arabic.questions[0].text).strip()[:20] in switched
    text(client, PHONE, "٣")  # 3, as an Arabic keyboard types it
    with app.app_context():
        answer = db.session.scalars(select(Answer)).one()
        assert (answer.value, answer.language) == (3, "ar")
        assert db.session.scalars(select(Response)).one().language == "ar"


def test_a_language_name_the_detector_flags_keeps_its_flag(app, client):
    """Naming a language is a command, but its words are assessed first like any text: the
    detector sends words it cannot read to a person, and switching never takes that back."""
    from analysis import assess

    assert assess("عربي").flagged  # the detector's own judgement, whatever it is today
    sms_respondent(app, PHONE, reference="AR-2")
    text(client, PHONE, "hi")
    reply = " ".join(messages(text(client, PHONE, "عربي")))
    assert "999" in reply
    with app.app_context():
        flags = db.session.scalars(select(SafeguardingFlag)).all()
        assert [flag.text for flag in flags] == ["عربي"]
        assert db.session.scalars(select(Response)).one().language == "ar"


def test_a_disclosure_written_with_a_language_name_is_still_flagged(app, client):
    sms_respondent(app, PHONE, reference="PL-3")
    text(client, PHONE, "hi")
    text(client, PHONE, "4")  # Q1; Q2 is free text
    reply = " ".join(messages(text(client, PHONE, "polski my foster carer hits me")))
    assert "If you are in danger now call 999" in reply
    with app.app_context():
        flags = db.session.scalars(select(SafeguardingFlag)).all()
        assert len(flags) == 1 and "hits me" in flags[0].text
        response = db.session.scalars(select(Response)).one()
        assert response.language == "en"  # more than the name: not a switch


def test_naming_a_language_never_lowers_a_flag(app, client):
    """The language command is assessed like any text, and a flag it raises is kept."""
    sms_respondent(app, PHONE, reference="PL-4")
    text(client, PHONE, "hi")
    text(client, PHONE, "polski")
    with app.app_context():
        flags_before = len(db.session.scalars(select(SafeguardingFlag)).all())
    reply = " ".join(messages(text(client, PHONE, "he hurts me every night")))
    assert "999" in reply
    with app.app_context():
        assert len(db.session.scalars(select(SafeguardingFlag)).all()) == flags_before + 1


def test_help_in_another_language_gives_the_help_numbers_and_keeps_the_place(app, client):
    sms_respondent(app, PHONE, reference="PL-5", language="pl")
    text(client, PHONE, "hi")
    reply = " ".join(messages(text(client, PHONE, "Pomoc")))
    assert "0800 1111" in reply and "Q1/" in reply
    with app.app_context():
        assert db.session.scalars(select(Answer)).all() == []  # not taken as an answer


def test_help_in_a_word_the_detector_flags_is_flagged_too(app, client):
    from analysis import assess

    assert assess("مساعدة").flagged  # the detector's own judgement today: read by a person
    reply = " ".join(messages(text(client, PHONE, "مساعدة")))  # no survey for this number
    assert "0800 1111" in reply and "999" in reply
    with app.app_context():
        flags = db.session.scalars(select(SafeguardingFlag)).all()
        assert [flag.text for flag in flags] == ["مساعدة"]
