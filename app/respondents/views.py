"""Respondents: import from the case-management system, one person's page, erasure and
subject-access export. For participation officers (and admins)."""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from pathlib import Path
from typing import Any

from cryptography.fernet import InvalidToken
from flask import Response, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from analysis.redaction import redact
from app.core.extensions import db
from app.core.phones import InvalidPhone, mask, vault
from app.core.times import uk_time
from app.core.transaction import after_commit
from app.core.types import now_utc
from app.respondents.erasure import ErasureRefused, erase, open_flags
from app.respondents.holdings import holdings, without_disclosures
from app.respondents.import_file import COLUMNS, parse_csv
from app.respondents.import_plan import ImportPlan
from app.respondents.importing import apply_import, check_against_db
from app.respondents.lookup import find_by_phone
from app.respondents.models import Respondent
from app.respondents.subject_access import held_counts, subject_access
from app.respondents.vocabularies import bands_for
from app.safeguarding.models import FlagEvent
from app.staff.audit import record
from app.staff.blueprint import MENU, OFFICERS, bp, requires
from app.staff.disclosure_access import KNOWS_WHOSE
from app.staff.models import Role
from forms.staff import (
    EraseForm,
    ImportConfirmForm,
    ImportUploadForm,
    PhoneSearchForm,
    RespondentSearchForm,
    RevealForm,
)
from surveys.vocabulary import Cohort

MENU.append((40, "staff.respondents", "Respondents"))

ERASERS = (Role.PARTICIPATION_OFFICER,)
PAGE_SIZE = 100
# A validated upload waits this long for its confirmation, then is thrown away.
UPLOAD_TTL_SECONDS = 3600
_UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


# --- Pending uploads: kept on the server, encrypted, so the confirm step trusts nothing sent
# back by the browser. They hold phone numbers (never dates of birth), hence the encryption.


def _upload_dir() -> Path:
    path = Path(current_app.instance_path) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _clear_stale(folder: Path) -> None:
    cutoff = time.time() - UPLOAD_TTL_SECONDS
    for item in folder.glob("*.upload"):
        try:
            if item.stat().st_mtime < cutoff:
                item.unlink()
        except OSError:
            continue  # another request removed it first


def _save_upload(plan: ImportPlan, filename: str) -> str:
    folder = _upload_dir()
    _clear_stale(folder)
    upload_id = secrets.token_urlsafe(24)
    payload = {
        "user_id": current_user.id,
        "filename": filename[:120],
        "created_at": now_utc().isoformat(),
        "plan": plan.to_dict(),
    }
    # The phone vault's key: the file carries phone numbers, so it gets their protection.
    sealed = vault().encrypt(json.dumps(payload))
    target = folder / f"{upload_id}.upload"
    with open(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
        out.write(sealed)
    return upload_id


def _load_upload(upload_id: str) -> dict[str, Any]:
    """The upload, if it exists, is recent, and belongs to the person asking; else 404."""
    if not _UPLOAD_ID.match(upload_id):
        abort(404)
    path = _upload_dir() / f"{upload_id}.upload"
    try:
        if time.time() - path.stat().st_mtime > UPLOAD_TTL_SECONDS:
            path.unlink(missing_ok=True)
            abort(404)
        payload = json.loads(vault().decrypt(path.read_text()))
    except (OSError, InvalidPhone, InvalidToken, ValueError):
        abort(404)
    if payload.get("user_id") != current_user.id:
        abort(404)
    return payload


def _drop_upload(upload_id: str) -> None:
    (_upload_dir() / f"{upload_id}.upload").unlink(missing_ok=True)


# --- Views --------------------------------------------------------------------------------


@bp.route("/respondents", methods=["GET", "POST"])
@requires(*OFFICERS)
def respondents():
    """List respondents, filtered by cohort or reference (GET), or found by phone number (POST,
    so the number is never in a URL)."""
    form = RespondentSearchForm(request.args)
    phone_form = PhoneSearchForm()
    query = select(Respondent).order_by(Respondent.reference)
    searched_by_phone = False
    if request.method == "POST":
        searched_by_phone = True
        found = find_by_phone(phone_form.phone.data) if phone_form.validate_on_submit() else None
        query = query.where(Respondent.id == (found.id if found else -1))
    elif form.validate():
        if form.reference.data:
            query = query.where(
                Respondent.reference.istartswith(form.reference.data.strip(), autoescape=True)
            )
        if form.cohort.data:
            query = query.where(Respondent.cohort == Cohort(form.cohort.data))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    people = db.session.scalars(query.limit(PAGE_SIZE)).all()
    counts = dict(
        db.session.execute(
            select(Respondent.cohort, func.count()).group_by(Respondent.cohort)
        ).all()
    )
    imported = _imported_counts(request.args.get("imported", ""))
    record(
        "respondents.listed",
        detail={"shown": len(people), "by_phone": searched_by_phone},
    )
    return render_template(
        "staff/respondents.html",
        form=form,
        phone_form=phone_form,
        people=people,
        total=total,
        page_size=PAGE_SIZE,
        counts=[(c.label, counts.get(c, 0)) for c in Cohort],
        searched=bool(form.reference.data or form.cohort.data or searched_by_phone),
        imported=imported,
    )


def _imported_counts(raw: str) -> tuple[int, int, int] | None:
    """The "created.updated.unchanged" counts an import redirects with, for its banner."""
    parts = raw.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    return int(parts[0]), int(parts[1]), int(parts[2])


@bp.route("/respondents/import", methods=["GET", "POST"])
@requires(*OFFICERS)
def respondents_import():
    """Upload a CSV from the case-management system; every row is checked before anything."""
    form = ImportUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        plan = check_against_db(parse_csv(upload.read()))
        upload_id = _save_upload(plan, upload.filename or "upload.csv")
        record(
            "respondents.import_checked",
            detail={
                "rows": plan.total,
                "clean": len(plan.clean_rows),
                "problems": len(plan.problems),
            },
        )
        return redirect(url_for(".respondents_import_review", upload_id=upload_id))
    return render_template(
        "staff/respondents_import.html", form=form, columns=COLUMNS, bands=_band_help()
    )


def _band_help() -> list[tuple[str, str]]:
    return [
        ("Children looked after and care leavers", ", ".join(bands_for(Cohort.CLA))),
        ("Everyone else", ", ".join(bands_for(Cohort.CHILD_IN_NEED))),
    ]


@bp.route("/respondents/import/<upload_id>", methods=["GET", "POST"])
@requires(*OFFICERS)
def respondents_import_review(upload_id: str):
    """Show what an upload would do; on confirmation, import it (or only its clean rows)."""
    payload = _load_upload(upload_id)
    form = ImportConfirmForm()
    error = None
    if request.method == "POST" and form.validate_on_submit():
        # Checked again now: someone may have changed respondents since the upload.
        plan = check_against_db(ImportPlan.from_dict(payload["plan"]))
        clean = plan.clean_rows
        if not plan.header_ok or not clean:
            error = "There are no clean rows to import. Correct the file and upload it again"
        elif form.choice.data == "all" and plan.problems:
            error = (
                "Some rows have problems. Correct the file, or choose to import only the clean rows"
            )
        else:
            try:
                result = apply_import(plan)
                record(
                    "respondents.imported",
                    detail={
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                        "skipped_rows": result.skipped,
                        "choice": form.choice.data,
                        "whatsapp_opt_ins": len(result.whatsapp_opt_ins),
                    },
                )
                for person, agreed in result.whatsapp_opt_ins:
                    record(
                        "respondent.whatsapp_opt_in",
                        person,
                        detail={"agreed_at": agreed.isoformat(), "source": "import"},
                    )
                # Met here, not at the request's commit, so the page can say what happened.
                db.session.flush()
            except IntegrityError:
                db.session.rollback()
                error = (
                    "Someone changed these respondents at the same time. Nothing was "
                    "imported: check the file again"
                )
            else:
                # The file goes only once the import is saved: a failed commit can be retried.
                after_commit(lambda: _drop_upload(upload_id))
                return redirect(
                    url_for(
                        ".respondents",
                        imported=f"{result.created}.{result.updated}.{result.unchanged}",
                    )
                )
        payload["plan"] = plan.to_dict()
    elif request.method == "POST":
        error = "Choose what to import"
    plan = check_against_db(ImportPlan.from_dict(payload["plan"]))
    return render_template(
        "staff/respondents_import_review.html",
        form=form,
        plan=plan,
        filename=payload["filename"],
        upload_id=upload_id,
        error=error,
    )


def _respondent_or_404(respondent_id: int) -> Respondent:
    person = db.session.get(Respondent, respondent_id)
    if person is None:
        abort(404)
    return person


def _respondent_page(person: Respondent, revealed: bool):
    held = holdings(person)
    sees_flags = current_user.role in KNOWS_WHOSE
    if not sees_flags:
        held = without_disclosures(held)
    phone = None
    if person.phone_encrypted:
        try:
            e164 = vault().decrypt(person.phone_encrypted)
            phone = e164 if revealed else mask(e164)
        except InvalidPhone:
            phone = "held, but it cannot be read with this service's key"
    texts = {
        (r.response.id, a.question_key): (str(a.value) if revealed else redact(str(a.value)))
        for r in held.responses
        for a in r.answers
        if a.free_text and a.value
    }
    return render_template(
        "staff/respondents_detail.html",
        person=person,
        held=held,
        phone=phone,
        texts=texts,
        revealed=revealed,
        reveal_form=RevealForm(),
        # As in the safeguarding inbox: only the duty service learns whose words were flagged.
        sees_flags=sees_flags,
        uk_time=uk_time,
        may_erase=current_user.role in (Role.ADMIN, *ERASERS),
    )


@bp.get("/respondents/<int:respondent_id>")
@requires(*OFFICERS)
def respondent(respondent_id: int):
    """Everything held about one respondent; phone masked and free text redacted."""
    person = _respondent_or_404(respondent_id)
    page = _respondent_page(person, revealed=False)
    record("respondent.viewed", person)
    return page


@bp.post("/respondents/reveal/<int:respondent_id>")
@requires(*OFFICERS)
def respondent_reveal(respondent_id: int):
    """Show one respondent's phone number and their words as written; recorded."""
    person = _respondent_or_404(respondent_id)
    form = RevealForm()
    if not form.validate_on_submit():
        return redirect(url_for(".respondent", respondent_id=person.id))
    page = _respondent_page(person, revealed=True)
    record("respondent.revealed", person, detail={"what": ["phone", "free_text"]})
    return page


@bp.get("/respondents/export/<int:respondent_id>")
@requires(*OFFICERS)
def respondent_export(respondent_id: int):
    """Download everything held about one respondent as JSON (subject access); recorded."""
    person = _respondent_or_404(respondent_id)
    held = holdings(person)
    with_disclosures = current_user.role in KNOWS_WHOSE
    data = subject_access(held, with_disclosures=with_disclosures)
    record(
        "respondent.exported",
        person,
        detail={"format": "json", "safeguarding_included": with_disclosures, **held_counts(data)},
    )
    if with_disclosures:
        # A disclosure leaving in a file is on its trail, as opening it in the inbox is.
        for flag in held.flags:
            record("flag.exported", flag, detail={"respondent_id": person.id})
            db.session.add(FlagEvent(flag_id=flag.id, kind="exported", user_id=current_user.id))
    body = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    safe_reference = re.sub(r"[^A-Za-z0-9_-]", "-", person.reference)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="subject-access-{safe_reference}.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/respondents/erase/<int:respondent_id>", methods=["GET", "POST"])
@requires(*ERASERS)
def respondent_erase(respondent_id: int):
    """Erase one respondent on request, after a confirmation; recorded."""
    person = _respondent_or_404(respondent_id)
    form = EraseForm()
    error = None
    if form.validate_on_submit():
        reference_kept_for_message = person.reference
        try:
            result = erase(person)
        except ErasureRefused as exc:
            error = str(exc)
        else:
            # `person` is detached now but keeps its id: the event names who, never what.
            record("respondent.erased", person, detail=result.as_detail())
            return render_template(
                "staff/respondents_erased.html",
                reference=reference_kept_for_message,
                result=result,
            )
    held = holdings(person)
    return render_template(
        "staff/respondents_erase.html",
        person=person,
        held=held,
        form=form,
        error=error,
        open_flags=open_flags(person),
    )
