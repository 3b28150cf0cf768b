"""The audit log: every view of identifiable data and every change, by whom. No personal data."""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask_login import current_user

from app.core.extensions import db
from app.staff.models import AuditEvent


def record(action: str, obj: Any = None, *, detail: dict[str, Any] | None = None) -> None:
    """Add an audit event to the current transaction (committed with the change it describes)."""
    user_id = None
    if has_request_context() and getattr(current_user, "is_authenticated", False):
        user_id = current_user.id
    db.session.add(
        AuditEvent(
            user_id=user_id,
            action=action,
            object_type=type(obj).__name__ if obj is not None else None,
            object_id=str(getattr(obj, "id", "")) if obj is not None else None,
            detail=detail,
        )
    )
