"""A subject-access export: everything held about one person, as plain data."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from flask import current_app

from app.core.phones import vault
from app.core.types import now_utc
from app.respondents.holdings import Holdings, without_disclosures

_LINK = re.compile(r"https?://\S+")


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


WITHHELD = (
    "Safeguarding records, and answers that may disclose harm, are in this file only when the "
    "duty service or an administrator downloads it: they decide what is released (the serious "
    "harm test for social work data, Data Protection Act 2018 Schedule 3 Part 3)."
)


def subject_access(held: Holdings, *, with_disclosures: bool) -> dict[str, Any]:
    """Everything held about one respondent, as plain data for a JSON download. Without
    `with_disclosures` (the inbox's rule for who may know whose words they were), no flag and no
    flagged answer is in it, and nothing says whether there were any."""
    if not with_disclosures:
        held = without_disclosures(held)
    person = held.person
    phone = vault().decrypt(person.phone_encrypted) if person.phone_encrypted else None
    return {
        "about": "Everything Golden Thread holds about one person, for a subject access request.",
        "generated_at": now_utc().isoformat(),
        "controller": current_app.config["COUNCIL_NAME"],
        "safeguarding_included": with_disclosures,
        **({} if with_disclosures else {"safeguarding_withheld": WITHHELD}),
        "person": {
            "reference": person.reference,
            "cohort": person.cohort.label,
            "age_band": person.age_band,
            "gender": person.gender,
            "ethnicity": person.ethnicity,
            "phone": phone,
            "preferred_channel": person.preferred_channel.value,
            "consent_to_sms": person.consent_to_contact,
            "added_at": _iso(person.created_at),
        },
        "texts_stopped": bool(held.sms_contact and held.sms_contact.opted_out),
        "whatsapp": {
            "opted_in_at": _iso(held.whatsapp_contact.opted_in_at)
            if held.whatsapp_contact
            else None,
            "stopped": bool(held.whatsapp_contact and held.whatsapp_contact.opted_out),
        },
        "invitations": [
            {
                "campaign": i.campaign.name,
                "channel": i.channel.value,
                "created_at": _iso(i.created_at),
                "expires_at": _iso(i.expires_at),
                "check_in_round": i.checkin_round,
            }
            for i in held.invitations
        ],
        "responses": [
            {
                "campaign": view.campaign.name,
                "survey": view.response.survey_key,
                "survey_version": view.response.survey_version,
                "channel": view.response.channel.value,
                "status": view.response.status.value,
                "started_at": _iso(view.response.started_at),
                "completed_at": _iso(view.response.completed_at),
                "answers": [
                    {
                        "question": a.question,
                        "answer": a.value,
                        "answered_at": _iso(a.answered_at),
                        **(
                            {
                                "themes_found": a.analysis.final_themes,
                                "pledges_found": a.analysis.final_pledges,
                                "sentiment": a.analysis.sentiment,
                            }
                            if a.analysis
                            else {}
                        ),
                    }
                    for a in view.answers
                ],
            }
            for view in held.responses
        ],
        "texts_sent": [
            {
                "purpose": m.purpose,
                "status": m.status.value,
                "created_at": _iso(m.created_at),
                "sent_at": _iso(m.sent_at),
                # A survey link still works: whoever holds this file could answer as them.
                "text": _LINK.sub("[link removed]", m.body),
            }
            for m in held.messages
        ],
        "texts_and_calls_received": [
            {"channel": m.channel.value, "received_at": _iso(m.received_at)} for m in held.inbound
        ],
        "safeguarding": [
            {
                "recorded_at": _iso(f.created_at),
                "channel": f.channel.value,
                "category": f.category,
                "words": f.text,
            }
            for f in held.flags
        ],
        "check_ins": [
            {
                "campaign_id": s.campaign_id,
                "rule": s.rule,
                "every": s.interval,
                "months_after_start": s.offsets_months,
                "start": _iso(s.start_date),
                "sent": s.sent_count,
                "next_due_at": _iso(s.next_due_at),
                "active": s.active,
            }
            for s in held.schedules
        ],
    }


def held_counts(data: dict[str, Any]) -> dict[str, int]:
    """What a download held, counted, for its audit event (never the contents)."""
    return {
        "invitations": len(data["invitations"]),
        "responses": len(data["responses"]),
        "answers": sum(len(r["answers"]) for r in data["responses"]),
        "texts_sent": len(data["texts_sent"]),
        "texts_received": len(data["texts_and_calls_received"]),
        "safeguarding_records": len(data["safeguarding"]),
    }
