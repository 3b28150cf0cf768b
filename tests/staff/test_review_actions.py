"""Review (redacted by default, reveal audited, corrections win, quotes re-redacted) and "you said,
we did" actions (RAG rules, evidence before closing, publishing back), plus what the board sees.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from sqlalchemy import select

from analysis import redact
from app.actions import service as action_svc
from app.actions.service import Rag, rag
from app.core.extensions import db
from app.core.phones import vault
from app.models import (
    Action,
    ActionStatus,
    Answer,
    AnswerAnalysis,
    AuditEvent,
    Campaign,
    CampaignStatus,
    Channel,
    Cohort,
    OutboundMessage,
    Respondent,
    Response,
    ResponseStatus,
    Role,
    SmsContact,
    User,
    now_utc,
)
from app.review import analysis_store
from tests.web.helpers import csrf_token

from .staff_helpers import PASSWORD, any_csrf, sign_in

RAW = "My social worker Jake never calls back, ring me on 07700 900456 or jake@example.com"
REFERENCE = "REF-SECRET-1"
PHONE = "+447700900456"
PHONE_FORMS = ("07700 900456", "07700900456", "+447700900456", "7700 900456", "7700900456")


# --- Seeding (also used by test_dashboard.py and the browser test) -------------------------


def make_campaign(slug: str = "wave-1", name: str = "Pledge survey 2026-27 Q3", **extra):
    """The campaign with this slug, made if need be."""
    found = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
    if found is not None:
        return found
    campaign = Campaign(
        slug=slug,
        name=name,
        survey_key="pledge",
        survey_version=1,
        status=CampaignStatus.OPEN,
        **extra,
    )
    db.session.add(campaign)
    db.session.flush()
    return campaign


def make_response(campaign, respondent=None, variant: str = "teen") -> Response:
    response = Response(
        campaign_id=campaign.id,
        respondent_id=respondent.id if respondent else None,
        survey_key=campaign.survey_key,
        survey_version=campaign.survey_version,
        variant=variant,
        channel=Channel.WEB,
        status=ResponseStatus.COMPLETE,
        completed_at=now_utc(),
    )
    db.session.add(response)
    db.session.flush()
    return response


def seed_answer(
    text: str,
    *,
    campaign=None,
    respondent=None,
    themes=("money",),
    pledges=("independence",),
    flagged: str | None = None,
    question_key: str = "independence_more",
) -> AnswerAnalysis:
    """A completed response with one free-text answer and its analysis, made directly."""
    campaign = campaign or make_campaign()
    response = make_response(campaign, respondent)
    answer = Answer(response_id=response.id, question_key=question_key, value=text, value_text=text)
    db.session.add(answer)
    db.session.flush()
    analysis = AnswerAnalysis(
        answer_id=answer.id,
        response_id=response.id,
        pledges=list(pledges),
        themes=list(themes),
        sentiment="neg",
        polarity=-0.4,
        redacted=redact(text),
        safeguarding_category=flagged,
    )
    db.session.add(analysis)
    db.session.flush()
    return analysis


def person(reference: str, cohort: Cohort = Cohort.CARE_LEAVER, phone: str | None = None, **kw):
    extra = {}
    if phone:
        extra = {"phone_encrypted": vault().encrypt(phone), "phone_hash": vault().hash(phone)}
    someone = Respondent(reference=reference, cohort=cohort, age_band="18-21", **extra, **kw)
    db.session.add(someone)
    db.session.flush()
    return someone


def signed_in(app, make_user, role: Role, email: str | None = None):
    _id, email = make_user(role, email)
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def actions_of(app, name: str) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == name)))


# --- RAG -------------------------------------------------------------------------------------

TODAY = date(2026, 11, 24)
YESTERDAY, TOMORROW = TODAY - timedelta(days=1), TODAY + timedelta(days=1)
NS, UW, DONE = ActionStatus.NOT_STARTED, ActionStatus.UNDER_WAY, ActionStatus.COMPLETED


@pytest.mark.parametrize(
    ("status", "at_risk", "due", "expected"),
    [
        (NS, False, TOMORROW, Rag.AMBER),  # not yet commenced
        (NS, True, TOMORROW, Rag.AMBER),
        (NS, False, YESTERDAY, Rag.RED),  # timescale not achieved
        (UW, False, TOMORROW, Rag.GREEN),  # under way on time
        (UW, False, TODAY, Rag.GREEN),  # due today is not yet late
        (UW, True, TOMORROW, Rag.AMBER),  # under way with risk
        (UW, False, YESTERDAY, Rag.RED),
        (UW, True, YESTERDAY, Rag.RED),
        (DONE, False, TOMORROW, Rag.GREEN),  # completed
        (DONE, True, YESTERDAY, Rag.GREEN),  # completed late is still completed
    ],
)
def test_rag_rules(status, at_risk, due, expected):
    assert rag(status, at_risk, due, TODAY) == expected


# --- Actions ---------------------------------------------------------------------------------


def action_form(**overrides) -> dict:
    due = date.today() + timedelta(days=30)
    data = {
        "title": "More help with money for care leavers",
        "description": "Money guide and a session with a money adviser",
        "theme": "money",
        "pledge": "independence",
        "cohort": "care_leaver",
        "owner": "Leaving care team manager",
        "due_day": str(due.day),
        "due_month": str(due.month),
        "due_year": str(due.year),
        "status": "not_started",
        "evidence": "",
    }
    data.update(overrides)
    return data


def test_evidence_is_required_before_completing(app, make_user):
    client = signed_in(app, make_user, Role.PARTICIPATION_OFFICER)
    token = any_csrf(client)
    reply = client.post(
        "/staff/actions/new", data={"csrf_token": token, **action_form(status="completed")}
    )
    assert reply.status_code == 400
    page = reply.get_data(as_text=True)
    assert "Enter the evidence that the action is complete" in page
    assert 'href="#evidence"' in page  # the error summary points at the box
    with app.app_context():
        assert db.session.scalars(select(Action)).all() == []

    reply = client.post(
        "/staff/actions/new",
        data={
            "csrf_token": token,
            **action_form(status="completed", evidence="Money guide given to 40 care leavers"),
        },
    )
    assert reply.status_code == 302
    with app.app_context():
        action = db.session.scalars(select(Action)).one()
        assert action.status == ActionStatus.COMPLETED and action.completed_at is not None
        assert action_svc.action_rag(action) == Rag.GREEN
        # The service refuses too, whatever calls it.
        with pytest.raises(action_svc.EvidenceRequired):
            action_svc.save_action(
                action,
                action_svc.ActionData(
                    "t", None, None, None, None, "Team", date.today(), DONE, False, "  ", []
                ),
                db.session.get(User, action.created_by),
            )
    assert [e.detail["rag"] for e in actions_of(app, "action.created")] == ["green"]


def test_action_created_from_review_then_marked_green(app, make_user):
    with app.app_context():
        analysis = seed_answer("I need more help with money and bills", themes=["money"])
        analysis_store.approve_quote(analysis, _a_user(Role.PARTICIPATION_OFFICER))
        db.session.commit()
        analysis_id = analysis.id
    client = signed_in(app, make_user, Role.PARTICIPATION_OFFICER, "po2@shireford.example")
    page = client.get(f"/staff/review/{analysis_id}").get_data(as_text=True)
    link = re.search(r'href="(/staff/actions/new\?[^"]+)"', page).group(1).replace("&amp;", "&")
    form_page = client.get(link).get_data(as_text=True)
    assert 'value="money"' in form_page  # theme carried across
    assert re.search(rf'value="{analysis_id}"\s+checked', form_page)  # its quote ticked

    data = {"csrf_token": csrf_token(form_page), **action_form(), "quotes": [str(analysis_id)]}
    assert client.post(link, data=data).status_code == 302
    with app.app_context():
        action = db.session.scalars(select(Action)).one()
        assert [q.id for q in action.quotes] == [analysis_id]
        assert action_svc.action_rag(action) == Rag.AMBER  # not started
        action_id = action.id
    edit = client.get(f"/staff/actions/{action_id}").get_data(as_text=True)
    data = {"csrf_token": csrf_token(edit), **action_form(status="under_way")}
    assert client.post(f"/staff/actions/{action_id}", data=data).status_code == 302
    listing = client.get(f"/staff/actions?saved={action_id}").get_data(as_text=True)
    assert 'data-rag="green"' in listing
    assert [e.detail["rag"] for e in actions_of(app, "action.updated")] == ["green"]


def _a_user(role: Role):
    from app.staff.auth import create_user

    return create_user(f"{role.value}-seed@shireford.example", "Sam Seed", role, PASSWORD)


def test_publish_you_said_we_did(app, make_user):
    with app.app_context():
        wants = person("CL-1", phone="+447700900001", consent_to_contact=True)
        stopped = person("CL-2", phone="+447700900002", consent_to_contact=True)
        person("CL-3", phone="+447700900003", consent_to_contact=False)
        person("CLA-1", cohort=Cohort.CLA, phone="+447700900004", consent_to_contact=True)
        db.session.add(SmsContact(phone_hash=stopped.phone_hash, opted_out=True))
        action = Action(
            title="Money help",
            owner="Leaving care team",
            cohort=Cohort.CARE_LEAVER,
            due_date=action_svc.due_datetime(date.today() + timedelta(days=9)),
            status=ActionStatus.UNDER_WAY,
        )
        db.session.add(action)
        db.session.commit()
        action_id, wants_id = action.id, wants.id
    client = signed_in(app, make_user, Role.PARTICIPATION_OFFICER)
    page = client.get(f"/staff/actions/publish/{action_id}").get_data(as_text=True)
    assert "To the 1 person in care leavers" in page and "1 who replied STOP" in page

    token = csrf_token(page)
    bad = client.post(
        f"/staff/actions/publish/{action_id}",
        data={"csrf_token": token, "you_said": "Call Jake on 07700 900123", "we_did": "Done"},
    )
    assert bad.status_code == 400 and "must not contain names" in bad.get_data(as_text=True)

    good = {
        "csrf_token": token,
        "you_said": "You wanted more help to manage money.",
        "we_did": "Every care leaver now gets a money guide.",
        "send_sms": "y",
    }
    reply = client.post(f"/staff/actions/publish/{action_id}", data=good)
    assert reply.status_code == 302 and "queued=1" in reply.headers["Location"]
    client.post(f"/staff/actions/publish/{action_id}", data=good)  # again: nobody texted twice
    with app.app_context():
        sent = db.session.scalars(select(OutboundMessage)).all()
        assert [m.idempotency_key for m in sent] == [f"yswd:{action_id}:{wants_id}"]
        assert "You wanted more help to manage money." in sent[0].body

    public = app.test_client()
    for query, shown in (("?cohort=care_leaver", True), ("", True), ("?cohort=cla", False)):
        text = public.get(f"/you-said-we-did{query}").get_data(as_text=True)
        assert ("Every care leaver now gets a money guide." in text) is shown, query
    assert len(actions_of(app, "action.published")) == 2


# --- Review ----------------------------------------------------------------------------------


def test_review_is_redacted_and_reveal_is_audited(app, make_user):
    with app.app_context():
        analysis_id = seed_answer(RAW, flagged="neglect").id
        db.session.commit()
    # An officer: the inbox lets them read disclosures (a chair never sees this one: tests/privacy).
    client = signed_in(app, make_user, Role.PARTICIPATION_OFFICER)
    listing = client.get("/staff/review?flagged=1").get_data(as_text=True)
    detail = client.get(f"/staff/review/{analysis_id}").get_data(as_text=True)
    for page in (listing, detail):
        assert "[name]" in page and "[phone]" in page and "[email]" in page
        assert "Jake" not in page and "900456" not in page and "jake@" not in page
    assert "Possible disclosure" in listing
    assert actions_of(app, "answer.revealed") == []

    shown = client.post(
        f"/staff/review/reveal/{analysis_id}",
        data={"csrf_token": csrf_token(detail), "confirm": "yes"},
    ).get_data(as_text=True)
    assert RAW in shown
    [event] = actions_of(app, "answer.revealed")
    assert event.user_id is not None and event.object_type == "Answer"
    assert "Jake" not in str(event.detail) and "900456" not in str(event.detail)
    # A bare POST (no confirm field) reveals nothing.
    bare = client.post(f"/staff/review/reveal/{analysis_id}", data={"csrf_token": any_csrf(client)})
    assert bare.status_code == 400 and RAW not in bare.get_data(as_text=True)
    assert len(actions_of(app, "answer.revealed")) == 1


def test_correction_wins_and_is_audited(app, make_user):
    with app.app_context():
        analysis = seed_answer(
            "School is fine but I want more contact with my brother",
            themes=["school"],
            pledges=["education_work"],
        )
        db.session.commit()
        analysis_id, answer_id = analysis.id, analysis.answer_id
    client = signed_in(app, make_user, Role.PARTICIPATION_OFFICER)
    token = any_csrf(client)
    url = f"/staff/review/tags/{analysis_id}"

    # A bare POST changes nothing; a theme naming someone is refused.
    assert client.post(url, data={"csrf_token": token}).status_code == 400
    named = client.post(
        url, data={"csrf_token": token, "form_name": "tags", "themes": "Jake", "pledges": []}
    )
    assert named.status_code == 400 and "must not contain names" in named.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(AnswerAnalysis, analysis_id).corrected_at is None

    reply = client.post(
        url,
        data={
            "csrf_token": token,
            "form_name": "tags",
            "pledges": ["relationships", "education_work"],
            "themes": "Family time\nschool",
        },
    )
    assert reply.status_code == 302
    with app.app_context():
        analysis = db.session.get(AnswerAnalysis, analysis_id)
        assert analysis.final_pledges == ["education_work", "relationships"]
        assert analysis.final_themes == ["family time", "school"]
        # The machine runs again (e.g. `flask analysis rebuild`): the officer's tags still win.
        analysis_store.analyse_answer(
            answer_id, analysis.response_id, "School is fine but I want more contact"
        )
        db.session.commit()
        db.session.expire_all()
        analysis = db.session.get(AnswerAnalysis, analysis_id)
        assert analysis.final_themes == ["family time", "school"]
        assert analysis.final_pledges == ["education_work", "relationships"]
    [event] = actions_of(app, "analysis.corrected")
    assert event.object_id == str(analysis_id)
    assert event.detail["pledges"] == ["education_work", "relationships"]
    # The review filter follows the correction.
    filtered = client.get("/staff/review?theme=family+time").get_data(as_text=True)
    assert f'data-analysis="{analysis_id}"' in filtered
    machine_only = client.get("/staff/review?pledge=listened_to").get_data(as_text=True)
    assert f'data-analysis="{analysis_id}"' not in machine_only


def test_approved_quote_is_redacted_again(app, make_user):
    with app.app_context():
        analysis_id = seed_answer("I want more say in my plan, nobody asks me anything").id
        flagged_id = seed_answer("He hits me when I get home", flagged="abuse").id
        db.session.commit()
    client = signed_in(app, make_user, Role.PARTICIPATION_OFFICER)
    token = any_csrf(client)
    typed = "I want more say in my plan. Text Jake on 07700 900456 or jake at gmail dot com"
    reply = client.post(
        f"/staff/review/quote/{analysis_id}", data={"csrf_token": token, "quote": typed}
    )
    assert reply.status_code == 302
    with app.app_context():
        quote = db.session.get(AnswerAnalysis, analysis_id).quote
    assert quote.startswith("I want more say in my plan.")
    assert "[phone]" in quote and "[email]" in quote and "[name]" in quote
    assert not re.search(r"\d{5}", quote) and "Jake" not in quote and "gmail" not in quote
    assert len(actions_of(app, "analysis.quote_approved")) == 1

    refused = client.post(
        f"/staff/review/quote/{flagged_id}", data={"csrf_token": token, "quote": "He hits me"}
    )
    assert refused.status_code == 400
    assert "cannot be quoted to the board" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(AnswerAnalysis, flagged_id).quote is None


# --- What the board sees ---------------------------------------------------------------------


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def crawl(client, starts: list[str], limit: int = 60) -> dict[str, str]:
    """Every same-site page reachable by links from `starts` (GET only)."""
    seen: dict[str, str] = {}
    queue = list(starts)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        path = urlparse(url).path + (f"?{urlparse(url).query}" if urlparse(url).query else "")
        if path in seen or path.startswith(("/assets", "/govuk", "/static")):
            continue
        reply = client.get(path)
        assert reply.status_code == 200, (path, reply.status_code)
        seen[path] = reply.get_data(as_text=True)
        parser = Links()
        parser.feed(seen[path])
        for href in parser.hrefs:
            target = urljoin(path, href.split("#")[0])
            if target.startswith("/") and not target.startswith("//"):
                queue.append(target)
    return seen


def test_board_member_never_sees_raw_text_references_or_phones(app, make_user):
    with app.app_context():
        someone = person(REFERENCE, phone=PHONE, consent_to_contact=True)
        campaign = make_campaign()
        for n in range(6):
            seed_answer(f"{RAW} ({n})" if n else RAW, campaign=campaign, respondent=someone)
        quoted = seed_answer("I want a say in what happens at my reviews", campaign=campaign)
        analysis_store.approve_quote(quoted, _a_user(Role.PARTICIPATION_OFFICER))
        db.session.add(
            Action(
                title="Ask young people about their plans",
                owner="Independent reviewing service",
                pledge="listened_to",
                cohort=Cohort.CARE_LEAVER,
                due_date=action_svc.due_datetime(date.today() + timedelta(days=20)),
                status=ActionStatus.UNDER_WAY,
                evidence=f"Spoke to {REFERENCE} on 07700 900456 and Jake about it",
                you_said="You said nobody asks about your plan.",
                we_did="Reviewing officers now ask at every review.",
                published_at=now_utc(),
            )
        )
        db.session.commit()
        campaign_id = campaign.id
    client = signed_in(app, make_user, Role.BOARD_MEMBER)
    pages = crawl(
        client, ["/staff/", f"/staff/board?campaign={campaign_id}", "/staff/board?campaign=all"]
    )
    assert {"/staff/", "/staff/board", "/staff/actions", "/you-said-we-did"} <= set(pages)
    everything = "\n".join(pages.values())
    assert "I want a say in what happens at my reviews" in everything  # the approved quote
    assert "Ask young people about their plans" in everything  # the action
    assert "Spoke to [" in everything  # evidence, redacted
    for secret in (RAW, "Jake", "jake@", REFERENCE, *PHONE_FORMS, "never calls back"):
        leaks = [path for path, html in pages.items() if secret in html]
        assert not leaks, (secret, leaks)
    for forbidden in ("/staff/review", "/staff/dashboard", "/staff/audit", "/staff/actions/new"):
        assert client.get(forbidden).status_code == 403


def test_audit_log_is_for_admins_newest_first_and_filtered(app, make_user):
    with app.app_context():
        for n in range(55):
            db.session.add(AuditEvent(action="thing.viewed" if n % 2 else "thing.changed"))
        db.session.commit()
    assert (
        signed_in(app, make_user, Role.PARTICIPATION_OFFICER).get("/staff/audit").status_code == 403
    )
    admin = signed_in(app, make_user, Role.ADMIN)
    first = admin.get("/staff/audit").get_data(as_text=True)
    ids = [int(i) for i in re.findall(r'data-event="(\d+)"', first)]
    assert len(ids) == 50 and ids == sorted(ids, reverse=True)
    assert "Older" in first
    changed = admin.get("/staff/audit?action=thing.changed").get_data(as_text=True)
    assert (
        changed.count("<code>thing.changed</code>") == 28
        and "<code>thing.viewed</code>" not in changed
    )


def test_themes_of_everyday_words_are_kept_and_a_refusal_names_its_line(app, make_user):
    # Issue 16: "extra help at school" and "being called names" were refused (read capitalised
    # they looked like a school and a name) with no word on which line was the problem.
    with app.app_context():
        analysis = seed_answer("People at school call me names", themes=["school"])
        db.session.commit()
        analysis_id = analysis.id
    client = signed_in(app, make_user, Role.PARTICIPATION_OFFICER)
    token = any_csrf(client)
    url = f"/staff/review/tags/{analysis_id}"

    def save(themes: str):
        form = {"csrf_token": token, "form_name": "tags", "themes": themes, "pledges": []}
        return client.post(url, data=form)

    refused = save("extra help at school\nbeing called names\nst annes academy")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "Line 3" in page and "st annes academy" in page
    assert "the name of a school or college" in page
    assert "Line 1" not in page and "Line 2" not in page
    named = save("food\nhelp from jamie").get_data(as_text=True)
    assert "Line 2" in named and "seems to hold a name" in named

    assert save("extra help at school\nbeing called names").status_code == 302
    with app.app_context():
        kept = db.session.get(AnswerAnalysis, analysis_id).final_themes
    assert kept == ["extra help at school", "being called names"]
