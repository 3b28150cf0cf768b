"""Corporate Parenting Board packs: the participation officer builds one for a survey wave or a
date range, writes the storyboard and publishes it; board members read published packs as HTML,
PDF (full, two-page summary, young people's version, large print) and CSV.
"""

from __future__ import annotations

from datetime import date

from flask import Response, abort, g, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from app.core.extensions import db
from app.core.times import uk_day
from app.reporting import (
    figures,
    pack_charts,
    pack_check,
    pack_content,
    pack_csv,
    pack_pdf,
    pack_periods,
    pack_publishing,
)
from app.reporting.models import BoardPack, BoardPackStatus
from app.staff.audit import record
from app.staff.blueprint import MENU, bp, requires
from app.staff.models import Role
from forms.board_pack import STORYBOARD_MAX, PackForm, StoryboardForm
from forms.common import ConfirmForm

MENU.append((85, "staff.board_packs", "Board packs"))

BUILDERS = (Role.PARTICIPATION_OFFICER,)
READERS = (Role.PARTICIPATION_OFFICER, Role.BOARD_MEMBER)


def _builder() -> bool:
    return current_user.role in (Role.PARTICIPATION_OFFICER, Role.ADMIN)


def _pack_or_404(pack_id: int) -> BoardPack:
    """The pack, if this person may read it: board members see published packs only."""
    pack = db.session.get(BoardPack, pack_id)
    if pack is None or (pack.status != BoardPackStatus.PUBLISHED and not _builder()):
        abort(404)
    return pack


def _version_or_404(version: str) -> str:
    if version not in pack_content.VERSIONS:
        abort(404)
    return version


def _draft_or_redirect(pack: BoardPack):
    if pack.status == BoardPackStatus.PUBLISHED:
        return redirect(url_for("staff.board_pack", pack_id=pack.id))
    return None


@bp.get("/board-packs")
@requires(*READERS)
def board_packs():
    """List board packs: every pack for officers, published packs for board members."""
    query = select(BoardPack).order_by(BoardPack.created_at.desc(), BoardPack.id.desc())
    if not _builder():
        query = query.where(BoardPack.status == BoardPackStatus.PUBLISHED)
    packs = db.session.scalars(query).all()
    return render_template(
        "staff/board_packs.html",
        packs=packs,
        builder=_builder(),
        format_day=lambda at: pack_periods.format_day(uk_day(at)),
        period=pack_periods.period_of,
    )


@bp.route("/board-packs/new", methods=["GET", "POST"])
@requires(*BUILDERS)
def board_pack_new():
    """Start a draft pack for one survey wave or a date range."""
    campaigns = list(reversed(figures.campaigns_in_order()))
    form = PackForm()
    form.campaign.choices = [SelectChoice("", "Choose a wave")] + [
        SelectChoice(str(c.id), c.name) for c in campaigns
    ]
    if form.validate_on_submit():
        by_id = {str(c.id): c for c in campaigns}
        campaign = by_id.get(form.campaign.data or "") if form.covers.data == "wave" else None
        if form.covers.data == "wave" and campaign is None:
            form.campaign.errors = ["Select the survey wave"]
        else:
            pack = pack_publishing.create_pack(
                form.title.data,
                campaign=campaign,
                first_day=form.first_day.data if campaign is None else None,
                last_day=form.last_day.data if campaign is None else None,
                user=current_user,
            )
            return redirect(url_for("staff.board_pack_storyboard", pack_id=pack.id))
    return render_template("staff/board_pack_new.html", form=form, today=date.today())


@bp.get("/board-packs/<int:pack_id>")
@requires(*READERS)
def board_pack(pack_id: int):
    """The pack in the app, with links to every format; officers also edit and publish here."""
    pack = _pack_or_404(pack_id)
    content = pack_publishing.content_of(pack)
    record("board_pack.viewed", pack, detail={"format": "html", "version": "full"})
    return render_template(
        "staff/board_pack.html",
        pack=pack,
        c=content,
        charts=pack_charts.charts(content),
        versions=pack_content.VERSIONS,
        builder=_builder(),
        published=pack.status == BoardPackStatus.PUBLISHED,
    )


@bp.route("/board-packs/storyboard/<int:pack_id>", methods=["GET", "POST"])
@requires(*BUILDERS)
def board_pack_storyboard(pack_id: int):
    """Write the storyboard's four headings before the pack is published."""
    pack = _pack_or_404(pack_id)
    if (done := _draft_or_redirect(pack)) is not None:
        return done
    form = StoryboardForm(obj=pack)
    if form.validate_on_submit():
        pack_publishing.save_storyboard(
            pack, {key: form[key].data for key, _h, _x in pack_content.STORYBOARD}
        )
        return redirect(url_for("staff.board_pack", pack_id=pack.id))
    return render_template(
        "staff/board_pack_storyboard.html",
        pack=pack,
        form=form,
        storyboard=pack_content.STORYBOARD,
        limit=STORYBOARD_MAX,
    )


@bp.route("/board-packs/publish/<int:pack_id>", methods=["GET", "POST"])
@requires(*BUILDERS)
def board_pack_publish(pack_id: int):
    """Freeze the pack's figures and show it to board members."""
    pack = _pack_or_404(pack_id)
    if (done := _draft_or_redirect(pack)) is not None:
        return done
    form = ConfirmForm()
    to_fix = pack_check.fields_to_fix(pack)
    refused = False
    if form.validate_on_submit():
        try:
            pack_publishing.publish(pack, current_user)
        except pack_publishing.HoldsPersonalData as exc:
            to_fix, refused = exc.fields, True
        else:
            return redirect(url_for("staff.board_pack", pack_id=pack.id))
    missing = [heading for key, heading, _x in pack_content.STORYBOARD if not getattr(pack, key)]
    return render_template(
        "staff/board_pack_publish.html",
        pack=pack,
        form=form,
        missing=missing,
        to_fix=to_fix,
        refused=refused,
    ), (400 if request.method == "POST" else 200)


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string for the page's running header: nothing in it can end the
    string or the stylesheet."""
    safe = " ·,.:;()!?’-"
    escaped = "".join(ch if ch.isalnum() or ch in safe else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')  # noqa: S704 - every other character is a CSS escape


def _print_html(pack: BoardPack, version: str, content: dict) -> str:
    return render_template(
        f"pack/{version}.html",
        css_string=css_string,
        pack=pack,
        c=content,
        charts=pack_charts.charts(content),
        version=version,
        version_label=pack_content.VERSIONS[version],
        draft=pack.status != BoardPackStatus.PUBLISHED,
    )


def _filename(pack: BoardPack, version: str, extension: str) -> str:
    return f"board-pack-{pack.id}-{version}.{extension}"


@bp.get("/board-packs/print/<version>/<int:pack_id>")
@requires(*READERS)
def board_pack_print(pack_id: int, version: str):
    """One version of the pack as a page to print (the same page the PDF is made from)."""
    pack = _pack_or_404(pack_id)
    version = _version_or_404(version)
    content = pack_publishing.content_of(pack)
    record("board_pack.viewed", pack, detail={"format": "print", "version": version})
    response = Response(_print_html(pack, version, content), mimetype="text/html")
    # The print page carries its own small stylesheet (the PDF has to have it inline).
    nonce = g.get("csp_nonce", "")
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; img-src 'self' data:; style-src 'self' 'nonce-{nonce}'; "
        "script-src 'none'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'self'; object-src 'none'"
    )
    return response


@bp.get("/board-packs/pdf/<version>/<int:pack_id>")
@requires(*READERS)
def board_pack_pdf(pack_id: int, version: str):
    """One version of the pack as a PDF."""
    pack = _pack_or_404(pack_id)
    version = _version_or_404(version)
    content = pack_publishing.content_of(pack)
    pdf = pack_pdf.render_pdf(_print_html(pack, version, content), base_url=request.url_root)
    record("board_pack.viewed", pack, detail={"format": "pdf", "version": version})
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{_filename(pack, version, "pdf")}"'
        },
    )


@bp.get("/board-packs/csv/<int:pack_id>")
@requires(*READERS)
def board_pack_csv(pack_id: int):
    """Every figure in the pack as CSV."""
    pack = _pack_or_404(pack_id)
    content = pack_publishing.content_of(pack)
    record("board_pack.viewed", pack, detail={"format": "csv"})
    return Response(
        pack_csv.csv_text(content),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{_filename(pack, "figures", "csv")}"'
        },
    )
