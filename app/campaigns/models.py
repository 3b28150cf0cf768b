"""Campaigns (a survey sent to a cohort) and the invitations they send."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.types import Channel, UTCDateTime, db_enum, now_utc
from surveys.vocabulary import Cohort

if TYPE_CHECKING:
    from app.respondents.models import Respondent
    from app.responses.models import Response


class CampaignStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Campaign(db.Model):
    """One wave of one survey, e.g. "Pledge survey 2026-27 Q3"."""

    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    survey_key: Mapped[str] = mapped_column(String(64))
    survey_version: Mapped[int] = mapped_column(Integer)
    cohort: Mapped[Cohort | None] = mapped_column(db_enum(Cohort, "campaign_cohort"))
    status: Mapped[CampaignStatus] = mapped_column(
        db_enum(CampaignStatus, "campaign_status"), default=CampaignStatus.DRAFT
    )
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Public by design (printed on posters as a QR code), so stored as is.
    open_link_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    invitations: Mapped[list[Invitation]] = relationship(back_populates="campaign")

    def is_open(self, at: datetime) -> bool:
        if self.status != CampaignStatus.OPEN:
            return False
        if self.opens_at and at < self.opens_at:
            return False
        return not (self.closes_at and at >= self.closes_at)


class Invitation(db.Model):
    """A personal link for one respondent in one campaign. Only the token's hash is stored."""

    __tablename__ = "invitation"
    __table_args__ = (UniqueConstraint("campaign_id", "respondent_id", "checkin_round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    respondent_id: Mapped[int] = mapped_column(ForeignKey("respondent.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    variant: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[Channel] = mapped_column(db_enum(Channel, "invitation_channel"))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 0 for the campaign's own invitation; n for the n-th scheduled check-in, which asks the
    # same person the same survey again and so needs a fresh invitation and response.
    checkin_round: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    campaign: Mapped[Campaign] = relationship(back_populates="invitations")
    respondent: Mapped[Respondent] = relationship(back_populates="invitations")
    response: Mapped[Response | None] = relationship(back_populates="invitation")
