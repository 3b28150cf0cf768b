"""Survey-taking pages for young people and parents: one question a page, saved as they go."""

from __future__ import annotations

import secrets
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext
from flask_wtf import FlaskForm

from app.core.audiences import audience_for, audience_of, support_contacts, use_audience
from app.core.extensions import limiter
from app.core.i18n import (
    asked_language,
    chosen_language,
    current_language,
    language_links,
    use_language,
    use_survey_language,
)
from app.core.rate_limits import limited
from app.core.tokens import token_hash
from app.core.types import Channel
from app.responses import answering, deep_check_help, helping
from app.responses import service as svc
from app.responses.service import Access, LinkProblem
from app.safeguarding.deep_check import help_waiting
from forms import AnonymousStartForm, SubmitForm
from surveys import ResolvedSurvey, default_registry
from surveys.languages import LANGUAGES
from surveys.pager import Pager, Step

bp = Blueprint("respond", __name__)

PROBLEMS = {
    "unknown": (
        lazy_gettext("We could not find this survey"),
        [
            lazy_gettext(
                "The link may be missing some letters. Try opening it again from your message."
            ),
            lazy_gettext("If it still does not work, ask the person who sent it for a new link."),
        ],
        404,
    ),
    "closed": (
        lazy_gettext("This survey has closed"),
        [
            lazy_gettext(
                "Thank you for wanting to have your say. This survey is not taking answers any more."  # noqa: E501
            ),
            lazy_gettext("There will be another chance soon – we ask every few months."),
        ],
        410,
    ),
    "expired": (
        lazy_gettext("This link has run out"),
        [
            lazy_gettext("Links only work for a while, to keep your answers safe."),
            lazy_gettext(
                "Ask the person who sent it for a new link, or use an open survey on our home page."
            ),
        ],
        410,
    ),
}


@bp.errorhandler(LinkProblem)
def _link_problem(problem: LinkProblem):
    use_language(chosen_language(LANGUAGES))  # the language chosen earlier, if any
    heading, paragraphs, status = PROBLEMS[problem.reason]
    return render_template("respond/problem.html", heading=heading, paragraphs=paragraphs), status


def _language(access: Access) -> str:
    """The language of this link's pages: the one chosen on the start page (`?lang=`), else
    the response's, else an invited respondent's preferred language, else English."""
    campaign = access.campaign
    offered = default_registry().languages(campaign.survey_key)
    if access.response is not None:
        if asked_language():
            access.response.language = chosen_language(offered, access.response.language)
        return access.response.language
    invitation = access.invitation
    preferred = invitation.respondent.preferred_language if invitation is not None else None
    return chosen_language(offered, preferred)


def _load(token: str) -> tuple[Access, ResolvedSurvey, dict[str, Any]]:
    access = svc.resolve_link(token)
    campaign = access.campaign
    definition = default_registry().get(campaign.survey_key, campaign.survey_version)
    language = use_survey_language(definition, _language(access)).code
    if access.response is not None:
        survey = svc.survey_for(access.response)
        answers = svc.answers_of(access.response)
    else:
        survey = default_registry().in_language(definition, language).resolve(access.variant)
        answers = {}
    use_audience(audience_of(survey))
    helping.remember(access.response)
    return access, survey, answers


def _start_response(access: Access) -> Any:
    """The invitation's response, begun in the language its pages are in."""
    return svc.start_for_invitation(access, Channel.WEB, current_language().code)


def step_url(token: str, step: Step) -> str:
    """The address of a survey link's page."""
    if step.page == "question":
        return url_for("respond.question", token=token, key=step.key)
    return url_for(f"respond.{step.page}", token=token)


def _next_url(token: str, survey: ResolvedSurvey, answers: dict[str, Any]) -> str:
    return step_url(token, Pager(survey, answers).resume())


@bp.route("/o/<open_token>", methods=["GET", "POST"])
@limited("OPEN_LINK_RATE_LIMIT", scope="open-link")
def open_start(open_token: str):
    """Anonymous open link (QR code or poster): choose who you are, then start."""
    campaign = svc.open_campaign(open_token)
    registry = default_registry()
    english = registry.get(campaign.survey_key, campaign.survey_version)
    offered = registry.languages(campaign.survey_key)
    language = use_survey_language(english, chosen_language(offered)).code
    definition = registry.in_language(english, language)
    use_audience(audience_for(definition.audience))
    form = AnonymousStartForm()
    form.offer_variants([(key, v.label) for key, v in definition.variants.items()])
    if form.validate_on_submit():
        response, token = svc.start_anonymous(
            campaign,
            form.variant.data or None,
            form.start_key.data,
            current_app.config["SECRET_KEY"],
            Channel.WEB,
            language,
        )
        helping.mark_from_form(response)
        survey = svc.survey_for(response)
        return redirect(_next_url(token, survey, svc.answers_of(response)))
    start_key = form.start_key.data or secrets.token_urlsafe(24)
    return render_template(
        "respond/open_start.html",
        form=form,
        definition=definition,
        start_key=start_key,
        languages=language_links(offered),
    )


@bp.get("/s/<token>")
def start(token: str):
    """Start page of a survey link, or 'welcome back' when answers are already saved."""
    access, survey, answers = _load(token)
    if access.response is not None and access.response.is_complete:
        return redirect(url_for(".done", token=token))
    return render_template(
        "respond/start.html",
        survey=survey,
        total=Pager(survey, answers).total,
        resuming=bool(answers),
        next_url=_next_url(token, survey, answers),
        languages=language_links(default_registry().languages(access.campaign.survey_key)),
    )


@bp.post("/s/<token>/helping")
def helping_start(token: str):
    """The personal link's start page: tick "I am helping a child to answer", then start."""
    if not FlaskForm().validate_on_submit():
        return redirect(url_for(".start", token=token))
    access, survey, answers = _load(token)
    if access.response is not None and access.response.is_complete:
        return redirect(url_for(".done", token=token))
    response = access.response or _start_response(access)
    helping.mark(response, request.form.get(helping.FIELD) == helping.TICKED)
    return redirect(_next_url(token, survey, answers))


@bp.route("/s/<token>/q/<key>", methods=["GET", "POST"])
def question(token: str, key: str):
    """One question: show it with any saved answer, and save the answer when sent."""
    access, survey, answers = _load(token)
    if access.response is not None and access.response.is_complete:
        return redirect(url_for(".done", token=token))
    changing = request.args.get("change") == "1"
    pager = Pager(survey, answers)
    page = pager.page(key, changing=changing)
    if page is None:
        # A question hidden by an earlier answer, or a stale link: go to where they are.
        return redirect(step_url(token, pager.resume()))
    if request.method == "GET" and access.response is not None and help_waiting(access.response.id):
        # The deeper check, run after their last answer, thinks it may disclose harm.
        return redirect(url_for(".support", token=token, next=request.full_path.rstrip("?")))
    q = page.question
    if request.method == "POST" and request.form.get("skip") == "1" and q.skippable:
        # CSRFProtect has checked the token. Kept as skipped, not missing: the check page
        # and reporting can tell "rather not say" from a question never reached.
        response = access.response or _start_response(access)
        helped = answering.skip(response, q, request.form.get("answer"))
        after = step_url(token, pager.after_answer(key, q.skipped_value, changing=changing))
        if helped:
            return redirect(url_for(".support", token=token, next=after))
        return redirect(after)
    disclosed = answering.disclosed_keys(access.response)
    form = answering.form_for(q, answers, disclosed)
    sent = answering.take_answer(
        form,
        q,
        answers,
        disclosed,
        lambda: access.response or _start_response(access),
    )
    if sent is not None:
        after = (
            request.full_path.rstrip("?")
            if sent.stay
            else step_url(token, pager.after_answer(key, sent.value, changing=changing))
        )
        if sent.helped:
            return redirect(url_for(".support", token=token, next=after))
        if q.shows_help(sent.value):
            return redirect(url_for(".feeling_help", token=token, next=after))
        return redirect(after)
    return render_template(
        "respond/question.html",
        survey=survey,
        question=q,
        form=form,
        kept_back=answering.KEPT_BACK if key in disclosed else None,
        position=page.position,
        total=page.total,
        section_title=page.section_title,
        faces=_face_images(q),
        back_url=step_url(token, page.back),
        # An open (poster) link starts afresh each time it is opened, so the page itself gives
        # the way back; nothing in it but the token, and it is never texted or emailed.
        resume_url=url_for(".start", token=token, _external=True)
        if access.invitation is None
        else None,
        **deep_check_help.page_context(token, _response_id(access), survey, shown=False),
    )


def _face_images(question: Any) -> list[int] | None:
    """Which drawn face (1 very sad to 5 very happy) goes with each option of a faces scale.

    Drawn faces, not emoji: they look the same on every phone and in print.
    """
    if not any(o.face for o in question.options):
        return None
    count = len(question.options)
    return [round(1 + 4 * i / (count - 1)) for i in range(count)]


@bp.get("/s/<token>/feeling")
def feeling_help(token: str):
    """After a low "How are you feeling now?": kind words and who can help, then carry on."""
    _access, survey, _answers = _load(token)
    next_url = request.args.get("next", "")
    if not next_url.startswith(f"/s/{token}/"):
        next_url = url_for(".start", token=token)
    return render_template(
        "respond/feeling.html",
        survey=survey,
        contacts=current_app.config["SUPPORT_CONTACTS"],
        next_url=next_url,
    )


@bp.get("/s/<token>/support")
def support(token: str):
    """Shown straight after an answer that may disclose harm: who can help right now."""
    access, survey, _answers = _load(token)
    next_url = request.args.get("next", "")
    if not next_url.startswith(f"/s/{token}/"):
        next_url = url_for(".start", token=token)
    anonymous = access.response is not None and access.response.respondent_id is None
    return render_template(
        "respond/support.html",
        survey=survey,
        contacts=support_contacts(audience_of(survey)),
        next_url=next_url,
        anonymous=anonymous,
    )


@bp.get("/s/<token>/check")
def check(token: str):
    """Check your answers, with a link to change each one."""
    access, survey, answers = _load(token)
    if access.response is not None and access.response.is_complete:
        return redirect(url_for(".done", token=token))
    pager = Pager(survey, answers)
    if not pager.ready_to_check() or access.response is None:
        return redirect(step_url(token, pager.resume()))
    return render_template(
        "respond/check.html",
        survey=survey,
        sections=answering.check_sections(pager, answering.disclosed_keys(access.response)),
        change_url=lambda key: url_for(".question", token=token, key=key, change=1),
        form=SubmitForm(),
        submit_url=url_for(".submit", token=token),
        back_url=step_url(token, pager.last()),
        **deep_check_help.page_context(token, _response_id(access), survey),
    )


@bp.post("/s/<token>/submit")
def submit(token: str):
    """Send the answers. A second press (or a retried request) changes nothing."""
    access, survey, answers = _load(token)
    if access.response is None or not Pager(survey, answers).ready_to_check():
        return redirect(_next_url(token, survey, answers))
    if not SubmitForm().validate_on_submit():
        abort(400, description="CSRF token missing or invalid")
    first_time = svc.submit(access.response, survey)
    return redirect(url_for(".done", token=token, already=None if first_time else 1))


@bp.get("/s/<token>/done")
def done(token: str):
    """Kind confirmation once the answers are sent."""
    access, survey, answers = _load(token)
    if access.response is None or not access.response.is_complete:
        return redirect(_next_url(token, survey, answers))
    return render_template(
        "respond/done.html",
        survey=survey,
        already=request.args.get("already") == "1",
        **deep_check_help.page_context(token, _response_id(access), survey),
    )


def _response_id(access: Access) -> int | None:
    return access.response.id if access.response is not None else None


def _poll_key() -> str:
    token = (request.view_args or {}).get("token", "")
    return f"{current_app.config['RATE_LIMIT_NAMESPACE']}:deep-check:{token_hash(token)}"


@bp.get("/s/<token>/deep-check")
@limiter.limit(lambda: deep_check_help.POLL_LIMIT, key_func=_poll_key)
def deep_check_status(token: str):
    """Asked every few seconds by a page while a deep check may be running: has it raised one
    of this link's answers? Reads only; nothing but two yes/no answers."""
    try:
        response = svc.resolve_link(token).response
    except LinkProblem:
        abort(404)
    return deep_check_help.status_reply(response.id if response is not None else None)


@bp.post("/s/<token>/deep-check/seen")
@limiter.limit(lambda: deep_check_help.POLL_LIMIT, key_func=_poll_key)
def deep_check_seen(token: str):
    """The page showed the help the deep check raised (CSRFProtect has checked the token):
    recorded, so the next page does not show it again."""
    try:
        response = svc.resolve_link(token).response
    except LinkProblem:
        abort(404)
    deep_check_help.mark_seen(response.id if response is not None else None)
    return "", 204
