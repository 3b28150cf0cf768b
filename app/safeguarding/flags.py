"""Recording a possible disclosure for staff, and asking for the duty officer's alert."""

from __future__ import annotations

import hashlib
from typing import Any

from analysis import SafeguardingResult
from app.core.phones import vault
from app.core.sql import run, typed_text
from app.core.types import Channel, now_utc
from app.safeguarding import alerts
from app.safeguarding.models import SafeguardingFlag


def _insert_statement(_dialect: str) -> Any:
    table = SafeguardingFlag.__table__
    return typed_text(
        table,
        "INSERT INTO safeguarding_flag (response_id, question_key, phone_hash, phone_encrypted, "
        "source_key, channel, category, categories, rules, text, text_hash, created_at) "
        "VALUES (:response_id, :question_key, :phone_hash, :phone_encrypted, :source_key, "
        ":channel, :category, :categories, :rules, :text, :text_hash, :created_at) "
        "ON CONFLICT (source_key, text_hash) DO NOTHING RETURNING id",
        table.c.id,
    )


def sender_fields(phone: str | None) -> dict[str, str | None]:
    """`record_flag`'s phone fields for a text or call from `phone`: the keyed hash, and the
    number encrypted, so the duty officer can phone them whatever the survey knows of them."""
    if not phone:
        return {"phone_hash": None, "phone_encrypted": None}
    return {"phone_hash": vault().hash(phone), "phone_encrypted": vault().encrypt(phone)}


def record_flag(
    text: str,
    result: SafeguardingResult,
    *,
    channel: Channel,
    source_key: str,
    response_id: int | None = None,
    question_key: str | None = None,
    phone_hash: str | None = None,
    phone_encrypted: str | None = None,
) -> int | None:
    """Keep a possible disclosure for staff, once per source, whatever happens to it later.

    Returns the new flag's id, or None when these words from this source were kept before.
    A new flag asks for the duty officer's alert once the transaction commits (the alert
    itself goes after the response, see `alerts.alert_once_committed`).
    """
    flag_id = run(
        _insert_statement,
        {
            "response_id": response_id,
            "question_key": question_key,
            "phone_hash": phone_hash,
            "phone_encrypted": phone_encrypted,
            "source_key": source_key,
            "channel": Channel(channel),
            "category": result.category,
            "categories": list(result.categories),
            "rules": list(result.matches),
            "text": text,
            "text_hash": hashlib.sha256(text.encode()).hexdigest(),
            "created_at": now_utc(),
        },
    ).scalar()
    if flag_id is not None:
        alerts.alert_once_committed()
    return flag_id
