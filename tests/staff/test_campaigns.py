"""Campaigns through the staff pages: create, invite through the real queue, live response rates
with small numbers suppressed, and closing a wave."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.campaigns.stats import RateRow, RateTable, suppress
from app.core.extensions import db
from app.core.phones import normalise, vault
from app.models import (
    AuditEvent,
    Campaign,
    CampaignStatus,
    Cohort,
    Invitation,
    OutboundMessage,
    OutboundStatus,
    Respondent,
    Response,
    ResponseStatus,
    now_utc,
)
from tests.web.helpers import csrf_token

from .staff_helpers import sign_in

PUBLIC_BASE = "https://survey.example.org"
ROW_RE = re.compile(
    r'<tr class="govuk-table__row">\s*<th scope="row"[^>]*>(.*?)</th>(.*?)</tr>', re.S
)
CELL_RE = re.compile(r"<td[^>]*>(?:<strong>)?(.*?)(?:</strong>)?</td>", re.S)


@pytest.fixture
def app(app):
    # Links in texts need the public address; no Twilio account, so texts stay queued.
    app.config.update(PUBLIC_BASE_URL=PUBLIC_BASE, SMS_QUIET_HOURS="none")
    return app


@pytest.fixture
def officer(app, make_user):
    _id, email = make_user()
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


_numbers = iter(range(600, 1000))


def person(cohort: Cohort, band: str, *, consent: bool = True) -> Respondent:
    e164 = normalise(f"07700 900{next(_numbers):03d}")
    someone = Respondent(
        reference=f"{cohort.value}-{band}-{e164[-3:]}",
        cohort=cohort,
        age_band=band,
        consent_to_contact=consent,
        phone_encrypted=vault().encrypt(e164),
        phone_hash=vault().hash(e164),
    )
    db.session.add(someone)
    return someone


@pytest.fixture
def county(app):
    """Six looked-after 13-15s, three 8-12s, three care leavers, one without consent."""
    with app.app_context():
        for _ in range(6):
            person(Cohort.CLA, "13-15")
        for _ in range(3):
            person(Cohort.CLA, "8-12")
        for _ in range(3):
            person(Cohort.CARE_LEAVER, "18-21")
        person(Cohort.CARE_LEAVER, "18-21", consent=False)
        db.session.commit()


def create(client, **fields) -> str:
    page = client.get("/staff/campaigns/new")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'value="pledge"' in html
    data = {"csrf_token": csrf_token(html), "survey": "pledge", "name": "Pledge survey Q3"}
    data.update(fields)
    reply = client.post("/staff/campaigns/new", data=data)
    assert reply.status_code == 302, reply.get_data(as_text=True)[:3000]
    return reply.headers["Location"].split("?")[0]


def post_button(client, page_url: str, action: str, data: dict[str, str]):
    page = client.get(page_url).get_data(as_text=True)
    return client.post(action, data={"csrf_token": csrf_token(page), **data})


def rate_rows(html: str, table: str) -> dict[str, list[str]]:
    start = html.index(f'data-table="{table}"')
    body = html[start : html.index("</table>", start)]
    return {
        label.strip(): [c.strip() for c in CELL_RE.findall(cells)]
        for label, cells in ROW_RE.findall(body)
    }


def test_suppression_helper():
    assert suppress(0, 5) == "fewer than 5" and suppress(4, 5) == "fewer than 5"
    assert suppress(5, 5) == "5" and suppress(1234, 5) == "1,234"
    assert RateRow("x", invited=20, completed=4).rate(5) == "fewer than 5"
    assert RateRow("x", invited=4, completed=4).rate(5) == "fewer than 5"
    assert RateRow("x", invited=20, completed=15).rate(5) == "75%"
    # 6 of 8 would tell that 2 did not finish (analysis.disclosure: a small remainder).
    assert RateRow("x", invited=8, completed=6).rate(5) == "not shown"
    # One small cell beside a total: the next smallest is hidden so it cannot be subtracted.
    table = RateTable(
        "t", [RateRow("a", 3, 3, 3), RateRow("b", 6, 6, 6), RateRow("c", 9, 9, 9)], RateRow("all")
    )
    table.total.invited, table.total.started, table.total.completed = 18, 18, 18
    table.protect(5)
    assert table.rows[0].cells(5)[0] == "fewer than 5"
    assert table.rows[1].cells(5) == ["not shown"] * 3 + ["not shown"]
    assert table.rows[2].cells(5)[0] == "9"


def test_create_invite_rates_and_close_through_the_pages(app, officer, county):
    url = create(officer)
    page = officer.get(url + "?created=1").get_data(as_text=True)
    assert "Campaign created" in page and "Everyone: 13 people, 12 agreed to texts" in page
    with app.app_context():
        campaign = db.session.scalars(select(Campaign)).one()
        assert campaign.survey_key == "pledge" and campaign.status == CampaignStatus.OPEN
        campaign_id = campaign.id
    assert url.endswith(f"/staff/campaigns/{campaign_id}")

    # An empty press of "Send invitations" does nothing but explain.
    invite_url = f"/staff/campaigns/invite/{campaign_id}"
    empty = post_button(officer, url, invite_url, {})
    assert "Select how to invite them" in empty.get_data(as_text=True)

    # Invite: through schedules.send_invitations and outbound.queue_sms, one text each.
    invited = post_button(officer, url, invite_url, {"channel": "web"})
    text = re.sub(r"\s+", " ", invited.get_data(as_text=True))
    assert "12 invitations queued to send" in text and "1 without consent" in text
    again = post_button(officer, url, invite_url, {"channel": "web"})
    assert "Already invited: 12" in re.sub(r"\s+", " ", again.get_data(as_text=True))
    with app.app_context():
        messages = db.session.scalars(select(OutboundMessage)).all()
        assert len(messages) == 12
        assert {m.purpose for m in messages} == {"invite"}
        # No Twilio account here: each text waits in the queue for one.
        assert {m.status for m in messages} == {OutboundStatus.QUEUED}
        assert all(m.body.count(f"{PUBLIC_BASE}/s/") == 1 for m in messages)
        bodies = {m.invitation_id: m.body for m in messages}

        # Five of the six 13-15s finish, one 8-12 starts, one care leaver finishes.
        invitations = db.session.scalars(
            select(Invitation).join(Respondent).order_by(Respondent.id)
        ).all()
        by_band: dict[str, list[Invitation]] = {}
        for invitation in invitations:
            by_band.setdefault(invitation.respondent.age_band, []).append(invitation)
        finished = by_band["13-15"][:5] + by_band["18-21"][:1]
        for invitation in finished + by_band["8-12"][:1]:
            done = invitation in finished
            db.session.add(
                Response(
                    campaign_id=campaign_id,
                    invitation_id=invitation.id,
                    respondent_id=invitation.respondent_id,
                    survey_key="pledge",
                    survey_version=invitation.campaign.survey_version,
                    variant=invitation.variant,
                    channel=invitation.channel,
                    status=ResponseStatus.COMPLETE if done else ResponseStatus.IN_PROGRESS,
                    completed_at=now_utc() if done else None,
                )
            )
        db.session.commit()
        # The text of someone who has not started yet.
        link = re.search(r"/s/\S+", bodies[by_band["8-12"][2].id]).group(0)

    html = officer.get(url).get_data(as_text=True)
    cohorts = rate_rows(html, "by-cohort")
    # A cohort of three: every figure, and the rate, is suppressed...
    assert cohorts["Care leavers"] == ["fewer than 5"] * 4
    # ...and with the total shown, the only other cohort would give it away: hidden too.
    assert cohorts["Children looked after"] == ["not shown"] * 4
    assert cohorts["All invited"] == ["12", "7", "6", "50%"]
    bands = rate_rows(html, "by-age-band")
    assert bands["8-12"] == ["fewer than 5"] * 4
    # 5 of 6 would tell that 1 did not start or finish: hidden, and so is the rate.
    assert bands["13-15"] == ["6", "not shown", "not shown", "not shown"]
    assert bands["18-21"] == ["fewer than 5"] * 4
    assert officer.get(link).status_code == 200  # the link in the text opens the survey

    # Close: a bare POST does nothing; the button closes; the link stops taking answers.
    close_url = f"/staff/campaigns/close/{campaign_id}"
    assert "Use the button" in post_button(officer, url, close_url, {}).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Campaign, campaign_id).status == CampaignStatus.OPEN
    closed = post_button(officer, url, close_url, {"confirm": "yes"})
    assert closed.status_code == 302
    html = officer.get(url).get_data(as_text=True)
    assert "Closed" in html and "Close this wave" not in html and "Send invitations" not in html
    assert officer.get(link).status_code == 410
    late = post_button(officer, url, invite_url, {"channel": "web"})
    assert "not open" in late.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Campaign, campaign_id).status == CampaignStatus.CLOSED
        assert len(db.session.scalars(select(OutboundMessage)).all()) == 12
        audit = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        for action in ("campaign.created", "campaign.invited", "campaign.closed"):
            assert action in audit
    listing = officer.get("/staff/campaigns").get_data(as_text=True)
    assert "Pledge survey Q3" in listing and "Closed" in listing


def test_a_campaign_for_one_cohort_opening_later_invites_nobody_yet(app, officer, county):
    tomorrow = date.today() + timedelta(days=1)
    url = create(
        officer,
        cohort="care_leaver",
        opens_on=tomorrow.isoformat(),
        closes_on=(tomorrow + timedelta(days=30)).isoformat(),
    )
    page = officer.get(url).get_data(as_text=True)
    assert "Not open yet" in page and "Care leavers: 4 people, 3 agreed" in page
    assert "Send invitations" not in page
    late = post_button(
        officer, url, url.replace("/campaigns/", "/campaigns/invite/"), {"channel": "preferred"}
    )
    assert "not open" in late.get_data(as_text=True)
    with app.app_context():
        campaign = db.session.scalars(select(Campaign)).one()
        assert campaign.cohort == Cohort.CARE_LEAVER and campaign.opens_at > now_utc()
        assert db.session.scalars(select(OutboundMessage)).all() == []


def test_dates_are_checked(app, officer):
    page = officer.get("/staff/campaigns/new").get_data(as_text=True)
    reply = officer.post(
        "/staff/campaigns/new",
        data={
            "csrf_token": csrf_token(page),
            "survey": "pledge",
            "name": "",
            "opens_on": "2030-05-02",
            "closes_on": "2030-05-01",
        },
    )
    html = reply.get_data(as_text=True)
    assert reply.status_code == 200
    assert "Enter a name for this wave" in html
    assert "Closing date must be the same as or after the opening date" in html
    with app.app_context():
        assert db.session.scalars(select(Campaign)).all() == []
