"""Conference feedback for participants: the short link on their own phone, and tablet mode.

Tablet mode is one shared device at the end of a conference. The chair starts it from the staff
pages (which signs the chair out and leaves a signed tablet session). Each participant picks
their role and gets a one-time id, kept in the session and, as a hash, on their response: every
page of theirs is addressed by it, and once they submit, reset or time out the id stops opening
anything, so Back (or any old address) only ever reaches the clean start page.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from app.conferences import link_texts
from app.conferences import responses as conference_responses
from app.conferences import service as svc
from app.conferences.models import Conference
from app.core.audiences import Audience, audience_of, support_contacts, use_audience
from app.core.extensions import db
from app.core.i18n import (
    asked_language,
    chosen_language,
    forget_language,
    language_links,
    use_language,
    use_survey_language,
)
from app.core.sessions import LIVES_UNTIL
from app.core.times import uk_day, uk_midnight
from app.core.types import Channel, now_utc
from app.responses import answering, deep_check_help
from app.responses import service as responses
from app.responses.models import Response
from app.responses.views import step_url
from app.staff.audit import record
from forms import SubmitForm
from forms.conference import ParticipantStartForm, PinForm, role_hints
from surveys import ResolvedSurvey, default_registry
from surveys.pager import Pager, Step
from surveys.vocabulary import ParticipantRole

bp = Blueprint("conference", __name__)

# The server allows a few seconds more than the page's own timer, so a tap that beats the
# timer is never refused; the page's timer (or meta refresh) is what clears the screen.
IDLE_GRACE_SECONDS = 5
THANKS_SECONDS = 20
# The help the deep check raised and no page of theirs showed yet, for their thank-you page.
THANKS_HELP = "tablet_help"


class BackToStart(Exception):
    """The address belongs to no current participant: show the tablet's clean start.

    With `forget`, the participant this device remembers is forgotten first: by the handler,
    since what a raising view wrote is rolled back and what its handler writes is committed.
    """

    def __init__(self, code: str, timed_out: bool = False, forget: bool = False) -> None:
        super().__init__(code)
        self.code = code
        self.timed_out = timed_out
        self.forget = forget


class NotTablet(Exception):
    """This device is not in tablet mode for this conference."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class TabletEnded(Exception):
    """The chair ended tablet mode for this conference from another device, or its day is over."""

    def __init__(self, day_over: bool = False) -> None:
        super().__init__()
        self.day_over = day_over


@bp.errorhandler(BackToStart)
def _back_to_start(exc: BackToStart):
    if exc.forget:
        _reset(_conference(exc.code))
    return redirect(url_for(".tablet_start", code=exc.code, timeout=1 if exc.timed_out else None))


@bp.errorhandler(NotTablet)
def _not_tablet(exc: NotTablet):
    # Someone opened a tablet address on their own device: give them the own-phone start.
    return redirect(url_for(".phone_start", code=exc.code))


@bp.errorhandler(TabletEnded)
def _tablet_ended(exc: TabletEnded):
    session.clear()
    return render_template(
        "conference/tablet_finished.html", idle=None, code=None, day_over=exc.day_over
    )


@bp.after_request
def _never_cached(response):
    # Nothing of a participant's may be kept by the browser for the next one to find.
    response.headers["Cache-Control"] = "no-store"
    return response


def _conference(code: str) -> Conference:
    conference = svc.by_short_code(code)
    if conference is None:
        abort(404)
    return conference


# --- Own phone ------------------------------------------------------------------------------


def _closed_page():
    return (
        render_template(
            "respond/problem.html",
            heading="Feedback for this meeting has closed",
            paragraphs=[
                "Thank you for wanting to tell us what you thought. This link only works for "
                f"{svc.FEEDBACK_DAYS} days after the meeting.",
                "You can still tell your worker or the chair of the meeting.",
            ],
        ),
        410,
    )


def _first_page(token: str, response: Response) -> str:
    # On their own phone a participant answers on the survey link's pages.
    pager = Pager(responses.survey_for(response), responses.answers_of(response))
    return step_url(token, pager.resume())


@bp.route("/c/<code>", methods=["GET", "POST"])
def phone_start(code: str):
    """Short link and QR code: pick your role, then answer on your own phone."""
    conference = _conference(code)
    if not svc.feedback_open(conference):
        return _closed_page()
    offered = conference_responses.offered_languages()
    language = use_language(chosen_language(offered)).code
    form = ParticipantStartForm()
    if form.validate_on_submit():
        response, token = conference_responses.start_response(
            conference,
            ParticipantRole(form.role.data),
            f"phone:{form.start_key.data}",
            Channel.WEB,
            language,
        )
        return redirect(_first_page(token, response))
    return render_template(
        "conference/phone_start.html",
        form=form,
        start_key=form.start_key.data or secrets.token_urlsafe(24),
        hints=role_hints(),
        languages=language_links(offered),
    )


@bp.get("/c/<code>/<token>")
def invitee_link(code: str, token: str):
    """The personal link texted to an invitee: straight into their role's form, resumable."""
    conference = _conference(code)
    invitee = link_texts.invitee_by_token(conference, token)
    if invitee is None:
        abort(404)
    if not svc.feedback_open(conference):
        return _closed_page()
    _response, resume = conference_responses.start_response(
        conference, invitee.role, f"invitee:{invitee.id}", Channel.WEB
    )
    return redirect(url_for("respond.start", token=resume))


# --- Tablet mode: state ---------------------------------------------------------------------

# Tablet mode lasts until the end of the UK day it was started on (the conference day), not the
# staff idle time: the start screen may sit untouched for hours. The device's cookie lasts a
# little longer, so a tablet left on overnight says tablet mode has ended instead of quietly
# turning into the own-phone form.
COOKIE_OUTLIVES_TABLET = timedelta(hours=12)


def enter_tablet_mode(conference: Conference) -> None:
    """Make this device's (fresh) session a tablet session for `conference`."""
    now = now_utc()
    until = uk_midnight(uk_day(now) + timedelta(days=1))
    session["tablet"] = {"c": conference.id, "since": now.isoformat(), "until": until.isoformat()}
    session[LIVES_UNTIL] = (until + COOKIE_OUTLIVES_TABLET).isoformat()


def _idle_seconds() -> int:
    return int(current_app.config["TABLET_IDLE_SECONDS"])


def tablet_for(code: str) -> Conference:
    """The conference this device is the tablet of, in the language chosen on it; raises
    (back to the start, or the tablet's end) when it is not, or no longer."""
    conference = _conference(code)
    state = session.get("tablet")
    if not state or state.get("c") != conference.id:
        raise NotTablet(conference.short_code)
    if conference.kiosk_pin_hash is None:
        raise TabletEnded()
    if "until" in state and now_utc() >= datetime.fromisoformat(state["until"]):
        raise TabletEnded(day_over=True)
    use_language(chosen_language(conference_responses.offered_languages()))
    return conference


def _reset(conference: Conference) -> None:
    """Forget the current participant, on the device and on the server."""
    session.pop(THANKS_HELP, None)
    state = session.pop("tablet_p", None)
    if state:
        conference_responses.forget_tablet_participant(int(state["r"]), conference.id)


def participant_for(conference: Conference, pid: str, touch: bool = True) -> Response:
    """The response of the participant this address belongs to, if they are still current.
    `touch`: this request is them using the tablet (a page's own asking is not)."""
    state = session.get("tablet_p")
    if not state or not hmac.compare_digest(str(state.get("pid", "")), pid):
        raise BackToStart(conference.short_code)
    now = now_utc()
    idle = timedelta(seconds=_idle_seconds() + IDLE_GRACE_SECONDS)
    if now - datetime.fromisoformat(state["seen"]) > idle:
        raise BackToStart(conference.short_code, timed_out=True, forget=True)
    response = db.session.get(Response, int(state["r"]))
    if (
        response is None
        or response.conference_id != conference.id
        or response.is_complete
        or response.resume_token_hash != conference_responses.tablet_token_hash(response, pid)
    ):
        raise BackToStart(conference.short_code, forget=True)
    if touch:
        session["tablet_p"] = {**state, "seen": now.isoformat()}
    definition = default_registry().get(response.survey_key, response.survey_version)
    use_survey_language(definition, response.language)
    return response


def _idle_settings(code: str) -> dict[str, Any] | None:
    """What the page's timer needs, when a participant is part-way through."""
    state = session.get("tablet_p")
    if not state:
        return None
    return {
        "seconds": _idle_seconds(),
        "reset_url": url_for(".tablet_timeout", code=code, pid=state["pid"]),
        "keepalive_url": url_for(".tablet_still_here", code=code, pid=state["pid"]),
    }


def _render(template: str, conference: Conference, **context: Any) -> str:
    context.setdefault("idle", _idle_settings(conference.short_code))
    return render_template(template, code=conference.short_code, **context)


def _tablet_url(code: str, pid: str, step: Step) -> str:
    """The address of a tablet page for the current participant."""
    if step.page == "question":
        return url_for(".tablet_question", code=code, pid=pid, key=step.key)
    if step.page == "check":
        return url_for(".tablet_check", code=code, pid=pid)
    return url_for(".tablet_start", code=code)


def _next_url(code: str, pid: str, survey: ResolvedSurvey, answers: dict[str, Any]) -> str:
    return _tablet_url(code, pid, Pager(survey, answers).resume())


def _deep_help(
    code: str, pid: str, response: Response, survey: ResolvedSurvey, shown: bool = True
) -> dict[str, Any]:
    """The help the deep check raised, as on the survey link's pages (respond/
    _deep_check_help.html, static/deep_check.js), asked for by this participant's address."""
    use_audience(audience_of(survey))  # a parent's banner is worded for an adult
    return deep_check_help.help_context(
        response.id,
        survey,
        shown,
        status="conference.tablet_deep_check",
        seen="conference.tablet_deep_check_seen",
        code=code,
        pid=pid,
    )


# --- Tablet mode: pages ---------------------------------------------------------------------


@bp.route("/tablet/<code>", methods=["GET", "POST"])
def tablet_start(code: str):
    """The tablet's clean start: each participant picks their role here."""
    conference = tablet_for(code)
    form = ParticipantStartForm()
    if request.method == "POST" and form.validate_on_submit():
        state = session.get("tablet_p")
        if state and state.get("k") == form.start_key.data:
            # A double tap on Start: carry on with the response the first tap began.
            return redirect(url_for(".tablet_question_first", code=code, pid=state["pid"]))
        _reset(conference)
        pid = secrets.token_urlsafe(16)
        response, _token = conference_responses.start_response(
            conference,
            ParticipantRole(form.role.data),
            f"tablet:{pid}",
            Channel.KIOSK,
            chosen_language(conference_responses.offered_languages()),
        )
        session["tablet_p"] = {
            "pid": pid,
            "r": response.id,
            "k": form.start_key.data,
            "seen": now_utc().isoformat(),
        }
        return redirect(url_for(".tablet_question_first", code=code, pid=pid))
    if request.method == "GET":
        # Arriving here always means a clean start, even by Back from someone's first page:
        # the next person starts in English unless they choose a language here.
        _reset(conference)
        if not asked_language():
            forget_language()
            use_language(None)
    return _render(
        "conference/tablet_start.html",
        conference,
        idle=None,
        form=form,
        start_key=secrets.token_urlsafe(24),
        hints=role_hints(),
        timed_out=request.args.get("timeout") == "1",
        languages=language_links(conference_responses.offered_languages()),
    )


@bp.get("/tablet/<code>/p/<pid>")
def tablet_question_first(code: str, pid: str):
    """Where a participant is up to."""
    conference = tablet_for(code)
    response = participant_for(conference, pid)
    survey = responses.survey_for(response)
    return redirect(_next_url(code, pid, survey, responses.answers_of(response)))


@bp.route("/tablet/<code>/p/<pid>/q/<key>", methods=["GET", "POST"])
def tablet_question(code: str, pid: str, key: str):
    """One question for the current participant, saved when sent."""
    conference = tablet_for(code)
    response = participant_for(conference, pid)
    survey = responses.survey_for(response)
    answers = responses.answers_of(response)
    changing = request.args.get("change") == "1"
    pager = Pager(survey, answers)
    page = pager.page(key, changing=changing)
    if page is None:
        return redirect(_tablet_url(code, pid, pager.resume()))
    if request.method == "GET" and deep_check_help.help_now(response.id):
        # The deeper check, run after their last answer, thinks it may disclose harm.
        here = request.full_path.rstrip("?")
        return redirect(url_for(".tablet_support", code=code, pid=pid, next=here))
    question = page.question
    if request.method == "POST" and request.form.get("skip") == "1" and question.skippable:
        # CSRFProtect has checked the token.
        helped = answering.skip(response, question, request.form.get("answer"))
        after = _tablet_url(
            code, pid, pager.after_answer(key, question.skipped_value, changing=changing)
        )
        if helped:
            return redirect(url_for(".tablet_support", code=code, pid=pid, next=after))
        return redirect(after)
    disclosed = answering.disclosed_keys(response)
    form = answering.form_for(question, answers, disclosed)
    sent = answering.take_answer(form, question, answers, disclosed, lambda: response)
    if sent is not None:
        after = (
            request.full_path.rstrip("?")
            if sent.stay
            else _tablet_url(code, pid, pager.after_answer(key, sent.value, changing=changing))
        )
        if sent.helped:
            return redirect(url_for(".tablet_support", code=code, pid=pid, next=after))
        return redirect(after)
    return _render(
        "conference/tablet_question.html",
        conference,
        survey=survey,
        question=question,
        form=form,
        kept_back=answering.KEPT_BACK if key in disclosed else None,
        position=page.position,
        total=page.total,
        section_title=page.section_title,
        back_url=_tablet_url(code, pid, page.back),
        first=page.first,
        **_deep_help(code, pid, response, survey, shown=False),
    )


@bp.get("/tablet/<code>/p/<pid>/support")
def tablet_support(code: str, pid: str):
    """Straight after an answer that may disclose harm: who can help right now."""
    conference = tablet_for(code)
    response = participant_for(conference, pid)
    next_url = request.args.get("next", "")
    if not next_url.startswith(f"/tablet/{code}/p/{pid}/"):
        next_url = url_for(".tablet_question_first", code=code, pid=pid)
    survey = responses.survey_for(response)
    return _render(
        "conference/tablet_support.html",
        conference,
        survey=survey,
        contacts=support_contacts(audience_of(survey)),
        next_url=next_url,
    )


@bp.get("/tablet/<code>/p/<pid>/check")
def tablet_check(code: str, pid: str):
    """Check your answers, with a link to change each one."""
    conference = tablet_for(code)
    response = participant_for(conference, pid)
    pager = Pager(responses.survey_for(response), responses.answers_of(response))
    if not pager.ready_to_check():
        return redirect(_tablet_url(code, pid, pager.resume()))
    return _render(
        "respond/check.html",
        conference,
        layout="conference/tablet_base.html",
        survey=pager.survey,
        sections=answering.check_sections(pager, answering.disclosed_keys(response)),
        change_url=lambda key: url_for(".tablet_question", code=code, pid=pid, key=key, change=1),
        form=SubmitForm(),
        submit_url=url_for(".tablet_submit", code=code, pid=pid),
        back_url=_tablet_url(code, pid, pager.last()),
        **_deep_help(code, pid, response, pager.survey),
    )


@bp.post("/tablet/<code>/p/<pid>/submit")
def tablet_submit(code: str, pid: str):
    """Send this participant's answers, then forget them on this device."""
    conference = tablet_for(code)
    response = participant_for(conference, pid)
    survey = responses.survey_for(response)
    answers = responses.answers_of(response)
    if not Pager(survey, answers).ready_to_check():
        return redirect(_next_url(code, pid, survey, answers))
    if not SubmitForm().validate_on_submit():
        abort(400, description="CSRF token missing or invalid")
    responses.submit(response, survey)
    helped = deep_check_help.help_now(response.id)
    _reset(conference)
    if helped:
        # They are forgotten now, so the thank-you page is told in the session, once.
        session[THANKS_HELP] = audience_of(survey).value
    return redirect(url_for(".tablet_thanks", code=code))


@bp.get("/tablet/<code>/thanks")
def tablet_thanks(code: str):
    """Thank you, then back to the clean start for the next person."""
    conference = tablet_for(code)
    helped = session.pop(THANKS_HELP, None)
    context: dict[str, Any] = {}
    if helped is not None:
        # The deep check raised an answer after their last page asked: the help, with the
        # tablet's usual quiet time to read it instead of the thank-you page's few seconds.
        audience = use_audience(Audience(helped))
        context = {"deep_help_now": True, "deep_help_contacts": support_contacts(audience)}
    return _render(
        "conference/tablet_thanks.html",
        conference,
        **context,
        idle={
            "seconds": THANKS_SECONDS if helped is None else _idle_seconds(),
            "reset_url": url_for(".tablet_start", code=code),
            "keepalive_url": None,
        },
    )


@bp.get("/tablet/<code>/p/<pid>/still-here")
def tablet_still_here(code: str, pid: str):
    """The page's "I need more time" (and typing): keeps the participant current."""
    conference = tablet_for(code)
    try:
        participant_for(conference, pid)
    except BackToStart:
        # Never a redirect here: following it to the start page would reset someone else.
        return "", 410
    return "", 204


@bp.get("/tablet/<code>/p/<pid>/timeout")
def tablet_timeout(code: str, pid: str):
    """Where the page's timer goes after the idle time: forget the participant, start again.

    A GET with an effect, because a meta refresh (no JavaScript) can only follow a link; the
    one-time id in the address limits it to the participant it belongs to.
    """
    conference = tablet_for(code)
    state = session.get("tablet_p")
    if state and hmac.compare_digest(str(state.get("pid", "")), pid):
        _reset(conference)
        return redirect(url_for(".tablet_start", code=code, timeout=1))
    return redirect(url_for(".tablet_start", code=code))


@bp.get("/tablet/<code>/help")
def tablet_help(code: str):
    """Who can help right now, without leaving tablet mode."""
    conference = tablet_for(code)
    back = request.args.get("back", "")
    if not back.startswith(f"/tablet/{code}"):
        back = url_for(".tablet_start", code=code)
    return _render(
        "conference/tablet_help.html",
        conference,
        contacts=support_contacts(_current_audience(conference)),
        back_url=back,
    )


def _current_audience(conference: Conference) -> Audience:
    """Who the tablet is with: the current participant's form says; between people, a child
    may be the next to pick it up."""
    state = session.get("tablet_p")
    response = db.session.get(Response, int(state["r"])) if state else None
    if response is None or response.conference_id != conference.id:
        return Audience.CHILDREN
    return audience_of(responses.survey_for(response))


@bp.route("/tablet/<code>/exit", methods=["GET", "POST"])
def tablet_exit(code: str):
    """Leave tablet mode: only with the chair's PIN."""
    conference = tablet_for(code)
    if request.method == "GET":
        # Whoever opens this has left their questions: nothing of theirs stays reachable.
        _reset(conference)
    form = PinForm()
    error = None
    if form.validate_on_submit():
        outcome = svc.check_pin(conference, form.pin.data)
        if outcome == "ok":
            _reset(conference)
            record("conference.tablet_exited", conference)
            session.clear()
            return redirect(url_for("staff.login"))
        error = (
            "That PIN is not right"
            if outcome == "wrong"
            else "Too many wrong PINs. Wait 15 minutes, or end tablet mode from the "
            "conference's page on another device"
        )
    return _render("conference/tablet_exit.html", conference, idle=None, form=form, error=error)
