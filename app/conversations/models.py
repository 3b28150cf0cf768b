"""SMS and voice conversations, the numbers that opted out, and the texts received."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.types import Channel, UTCDateTime, db_enum, now_utc

if TYPE_CHECKING:
    from app.responses.models import Response


class ConversationStatus(enum.StrEnum):
    ACTIVE = "active"
    FINISHED = "finished"
    TIMED_OUT = "timed_out"


class SmsContact(db.Model):
    """Opt-out state per phone number (by keyed hash), honoured by every sender."""

    __tablename__ = "sms_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone_hash: Mapped[str] = mapped_column(String(64), unique=True)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opted_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)


class WhatsAppContact(db.Model):
    """WhatsApp's own opt-in and opt-out per phone (by keyed hash): WhatsApp consent is given
    and withdrawn apart from SMS, so a STOP on one channel leaves the other as it was."""

    __tablename__ = "whatsapp_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone_hash: Mapped[str] = mapped_column(String(64), unique=True)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opted_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)


class Conversation(db.Model):
    """Where one phone is in one survey over SMS or a call: the question it is waiting on."""

    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[Channel] = mapped_column(db_enum(Channel, "conversation_channel"))
    phone_hash: Mapped[str] = mapped_column(String(64), index=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id"))
    question_key: Mapped[str | None] = mapped_column(String(64))
    reasks: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[ConversationStatus] = mapped_column(
        db_enum(ConversationStatus, "conversation_status"), default=ConversationStatus.ACTIVE
    )
    # "<channel>:<phone hash>" while active, else null: at most one live conversation a phone.
    active_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    # The last free-text answer, so a second part sent straight after is joined to it.
    last_text_key: Mapped[str | None] = mapped_column(String(64))
    last_text_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    response: Mapped[Response] = relationship()


class InboundMessage(db.Model):
    """Each webhook delivery by its Twilio id, with the reply we gave: redelivery gets the same."""

    __tablename__ = "inbound_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    sid: Mapped[str] = mapped_column(String(160), unique=True)
    channel: Mapped[Channel] = mapped_column(db_enum(Channel, "inbound_channel"))
    phone_hash: Mapped[str] = mapped_column(String(64), index=True)
    reply: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    # Over the number's rate limit: checked for a disclosure, but not answered or counted.
    held_back: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
