"""The people who may be asked: pseudonymous, a reference and an encrypted phone."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.types import Channel, UTCDateTime, db_enum, now_utc
from surveys.vocabulary import Cohort

if TYPE_CHECKING:
    from app.campaigns.models import Invitation


class Respondent(db.Model):
    """A pseudonymous person who may be asked: no name, only a case-system reference."""

    __tablename__ = "respondent"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    cohort: Mapped[Cohort] = mapped_column(db_enum(Cohort, "cohort"))
    age_band: Mapped[str | None] = mapped_column(String(16))
    gender: Mapped[str | None] = mapped_column(String(32))
    ethnicity: Mapped[str | None] = mapped_column(String(64))
    preferred_channel: Mapped[Channel] = mapped_column(
        db_enum(Channel, "channel"), default=Channel.WEB
    )
    consent_to_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    # The language to invite and ask in (a code from surveys.languages); None means English.
    preferred_language: Mapped[str | None] = mapped_column(String(16))
    # E.164 number encrypted at rest; found by a keyed hash, never by the number itself.
    phone_encrypted: Mapped[str | None] = mapped_column(Text)
    phone_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    invitations: Mapped[list[Invitation]] = relationship(back_populates="respondent")
