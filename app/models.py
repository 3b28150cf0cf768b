"""Database models. Surveys live in files; rows pin survey key, version and question key."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from surveys.vocabulary import (  # noqa: F401 - the models' enums, imported from here too
    COHORT_LABELS,
    ActionStatus,
    Cohort,
    ConferenceKind,
    FlagOutcome,
    ParticipantRole,
)

from .extensions import db


def now_utc() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(db.TypeDecorator):
    """Timezone-aware datetimes on both SQLite (which drops the zone) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime stored; use now_utc()")
        # SQLite keeps no offset, so anything stored must already be UTC.
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Channel(enum.StrEnum):
    WEB = "web"
    SMS = "sms"
    VOICE = "voice"
    KIOSK = "kiosk"


class ResponseStatus(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"


class CampaignStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as plain strings with a CHECK, so new values need only a migration, not a PG type.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class Respondent(db.Model):
    """A pseudonymous person who may be asked: no name, only a case-system reference."""

    __tablename__ = "respondent"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    cohort: Mapped[Cohort] = mapped_column(_enum(Cohort, "cohort"))
    age_band: Mapped[str | None] = mapped_column(String(16))
    gender: Mapped[str | None] = mapped_column(String(32))
    ethnicity: Mapped[str | None] = mapped_column(String(64))
    preferred_channel: Mapped[Channel] = mapped_column(
        _enum(Channel, "channel"), default=Channel.WEB
    )
    consent_to_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    # E.164 number encrypted at rest; found by a keyed hash, never by the number itself.
    phone_encrypted: Mapped[str | None] = mapped_column(Text)
    phone_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    invitations: Mapped[list[Invitation]] = relationship(back_populates="respondent")


class Campaign(db.Model):
    """One wave of one survey, e.g. "Pledge survey 2026-27 Q3"."""

    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    survey_key: Mapped[str] = mapped_column(String(64))
    survey_version: Mapped[int] = mapped_column(Integer)
    cohort: Mapped[Cohort | None] = mapped_column(_enum(Cohort, "campaign_cohort"))
    status: Mapped[CampaignStatus] = mapped_column(
        _enum(CampaignStatus, "campaign_status"), default=CampaignStatus.DRAFT
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
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "invitation_channel"))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 0 for the campaign's own invitation; n for the n-th scheduled check-in, which asks the
    # same person the same survey again and so needs a fresh invitation and response.
    checkin_round: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    campaign: Mapped[Campaign] = relationship(back_populates="invitations")
    respondent: Mapped[Respondent] = relationship(back_populates="invitations")
    response: Mapped[Response | None] = relationship(back_populates="invitation")


class Response(db.Model):
    """One person's answers to one survey version, through one channel."""

    __tablename__ = "response"
    __table_args__ = (
        CheckConstraint(
            "(status = 'complete') = (completed_at IS NOT NULL)", name="completed_when_complete"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    # Unique: a second visit to the same invitation resumes, never starts again.
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitation.id"), unique=True)
    respondent_id: Mapped[int | None] = mapped_column(ForeignKey("respondent.id"), index=True)
    # Anonymous (open-link) responses are resumed with this token; only its hash is kept. The
    # token is derived from the start form's idempotency key, so a double tap starts one response.
    resume_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    survey_key: Mapped[str] = mapped_column(String(64))
    survey_version: Mapped[int] = mapped_column(Integer)
    variant: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "response_channel"))
    status: Mapped[ResponseStatus] = mapped_column(
        _enum(ResponseStatus, "response_status"), default=ResponseStatus.IN_PROGRESS
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Conference feedback: which conference, and in what role the person took part.
    conference_id: Mapped[int | None] = mapped_column(ForeignKey("conference.id"), index=True)
    participant_role: Mapped[str | None] = mapped_column(String(32))

    campaign: Mapped[Campaign] = relationship()
    invitation: Mapped[Invitation | None] = relationship(back_populates="response")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", order_by="Answer.id", cascade="all, delete-orphan"
    )

    @property
    def is_complete(self) -> bool:
        return self.status == ResponseStatus.COMPLETE


class Answer(db.Model):
    """The current answer to one question; unique per response and question key."""

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("response_id", "question_key"),
        # Reports group by the value as text; with no statistics for that expression PostgreSQL
        # guesses 200 values and sorts a million answers on disk instead of hashing a handful.
        # Migration 0008 creates the same; dropping the table drops it.
        {
            "listeners": [
                (
                    "after_create",
                    db.DDL(
                        "CREATE STATISTICS answer_value_text ON ((value)::text) FROM answer"
                    ).execute_if(
                        dialect="postgresql",
                        # Statistics on an expression came in PostgreSQL 14.
                        callable_=lambda _ddl, _table, bind, **_kw: (
                            bind.dialect.server_version_info >= (14,)
                        ),
                    ),
                )
            ]
        },
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    question_key: Mapped[str] = mapped_column(String(64))
    value: Mapped[Any] = mapped_column(JSON)
    # Copies of the value in typed columns so reports can aggregate in SQL.
    value_number: Mapped[int | None] = mapped_column(Integer)
    value_text: Mapped[str | None] = mapped_column(Text)
    # How the answer arrived when that matters, e.g. a voice transcript's confidence.
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)

    response: Mapped[Response] = relationship(back_populates="answers")


class SafeguardingFlag(db.Model):
    """Free text that may disclose harm. Kept even if the answer is later changed."""

    __tablename__ = "safeguarding_flag"
    __table_args__ = (UniqueConstraint("source_key", "text_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Null when the words came from outside a survey, e.g. a text from an unknown number.
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id"), index=True)
    question_key: Mapped[str | None] = mapped_column(String(64))
    phone_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    # Encrypted number of a sender outside any survey, so duty staff can reach them.
    phone_encrypted: Mapped[str | None] = mapped_column(Text)
    # What the words answered ("response:12:q3" or "sms:<message sid>"): one flag per source.
    source_key: Mapped[str] = mapped_column(String(160))
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "flag_channel"))
    category: Mapped[str] = mapped_column(String(32))
    categories: Mapped[list[str]] = mapped_column(JSON)
    rules: Mapped[list[str]] = mapped_column(JSON)
    text: Mapped[str] = mapped_column(Text)
    # Lets a retried submission of the same words land on the same row.
    text_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, index=True)
    alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    outcome: Mapped[FlagOutcome | None] = mapped_column(_enum(FlagOutcome, "flag_ack_outcome"))

    response: Mapped[Response | None] = relationship()


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


class Conversation(db.Model):
    """Where one phone is in one survey over SMS or a call: the question it is waiting on."""

    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "conversation_channel"))
    phone_hash: Mapped[str] = mapped_column(String(64), index=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id"))
    question_key: Mapped[str | None] = mapped_column(String(64))
    reasks: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[ConversationStatus] = mapped_column(
        _enum(ConversationStatus, "conversation_status"), default=ConversationStatus.ACTIVE
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
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "inbound_channel"))
    phone_hash: Mapped[str] = mapped_column(String(64), index=True)
    reply: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)


class OutboundStatus(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    FAILED = "failed"
    OPTED_OUT = "opted_out"
    CANCELLED = "cancelled"


class OutboundMessage(db.Model):
    """A text we mean to send, once: the idempotency key makes a retry find the same row."""

    __tablename__ = "outbound_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(160), unique=True)
    purpose: Mapped[str] = mapped_column(String(32))
    respondent_id: Mapped[int | None] = mapped_column(ForeignKey("respondent.id"), index=True)
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitation.id"), index=True)
    phone_hash: Mapped[str] = mapped_column(String(64), index=True)
    to_encrypted: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[OutboundStatus] = mapped_column(
        _enum(OutboundStatus, "outbound_status"), default=OutboundStatus.QUEUED
    )
    twilio_sid: Mapped[str | None] = mapped_column(String(64), unique=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(16))
    error_message: Mapped[str | None] = mapped_column(String(500))
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)


class SmsSendSlot(db.Model):
    """The next free moment to send, shared by every queue worker: the SMS rate limit."""

    __tablename__ = "sms_send_slot"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    # Microseconds since the epoch: exact arithmetic on both databases.
    next_at_us: Mapped[int] = mapped_column(BigInteger)


class CheckinSchedule(db.Model):
    """Scheduled SMS check-ins for one respondent: every N weeks/months or at fixed offsets."""

    __tablename__ = "checkin_schedule"
    __table_args__ = (UniqueConstraint("respondent_id", "campaign_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("respondent.id"))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    rule: Mapped[str] = mapped_column(String(16))  # "weeks" | "months" | "offsets"
    interval: Mapped[int | None] = mapped_column(Integer)
    offsets_months: Mapped[list[int] | None] = mapped_column(JSON)
    start_date: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_count: Mapped[int] = mapped_column(Integer, default=0)
    next_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)


# --- Staff, analysis results, the safeguarding trail and "you said, we did" -----------------


class Role(enum.StrEnum):
    ADMIN = "admin"
    PARTICIPATION_OFFICER = "participation_officer"
    CONFERENCE_CHAIR = "conference_chair"
    DUTY_OFFICER = "duty_officer"
    BOARD_MEMBER = "board_member"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class User(db.Model):
    """A member of staff. Passwords are Argon2 hashes; the session version ends old sessions."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    totp_secret: Mapped[str | None] = mapped_column(String(255))  # encrypted
    phone_encrypted: Mapped[str | None] = mapped_column(Text)  # for urgent SMS alerts
    on_duty: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped at logout and when disabled: cookies carrying an older version stop working.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    # Flask-Login's interface, kept here so the model needs no mixin from the web layer.
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"


class AuditEvent(db.Model):
    """Who looked at identifiable data or changed something, and when. No personal data inside."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str | None] = mapped_column(String(64))
    object_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    user: Mapped[User | None] = relationship()


def without_repeats(tags: Iterable[str]) -> list[str]:
    """A tag list as stored: in order, each item once. The board pack counts an answer once
    per item its lists hold, so every write keeps them so (the model on assignment, raw
    inserts through this)."""
    return list(dict.fromkeys(tags))


class AnswerAnalysis(db.Model):
    """What analysis/ made of one free-text answer, and officers' corrections, which win."""

    __tablename__ = "answer_analysis"
    __table_args__ = (
        # Approved quotes are a handful among every analysed answer; read newest first.
        db.Index(
            "ix_answer_analysis_quote_approved_at",
            "quote_approved_at",
            "id",
            postgresql_where=db.text("quote IS NOT NULL"),
            sqlite_where=db.text("quote IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), unique=True)
    # The answer's response, copied (an answer never moves): the board pack picks a wave's
    # analyses through their responses without reading every answer.
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    pledges: Mapped[list[str]] = mapped_column(JSON)
    themes: Mapped[list[str]] = mapped_column(JSON)
    sentiment: Mapped[str] = mapped_column(String(8))
    polarity: Mapped[float] = mapped_column(db.Float)
    redacted: Mapped[str] = mapped_column(Text)
    safeguarding_category: Mapped[str | None] = mapped_column(String(32))
    analysed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    # none_as_null: "not corrected" must be SQL NULL, not a JSON null that IS NOT NULL matches.
    corrected_pledges: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    corrected_themes: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    corrected_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    corrected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A quote approved for the board: the redacted words as the officer approved them.
    quote: Mapped[str | None] = mapped_column(Text)
    quote_approved_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    quote_approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    answer: Mapped[Answer] = relationship()

    @validates("pledges", "themes", "corrected_pledges", "corrected_themes")
    def _without_repeats(self, _key: str, items: list[str] | None) -> list[str] | None:
        return None if items is None else without_repeats(items)

    @property
    def final_pledges(self) -> list[str]:
        return self.corrected_pledges if self.corrected_pledges is not None else self.pledges

    @property
    def final_themes(self) -> list[str]:
        return self.corrected_themes if self.corrected_themes is not None else self.themes


class FlagEvent(db.Model):
    """The safeguarding trail: alerted, escalated, viewed, acknowledged - never deleted."""

    __tablename__ = "flag_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    flag_id: Mapped[int] = mapped_column(ForeignKey("safeguarding_flag.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    kind: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    outcome: Mapped[FlagOutcome | None] = mapped_column(_enum(FlagOutcome, "flag_outcome"))
    note: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Action(db.Model):
    """ "You said, we did": what the council does about a theme, followed up to the end."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    pledge: Mapped[str | None] = mapped_column(String(32))
    theme: Mapped[str | None] = mapped_column(String(120))
    cohort: Mapped[Cohort | None] = mapped_column(_enum(Cohort, "action_cohort"))
    owner: Mapped[str] = mapped_column(String(120))
    due_date: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[ActionStatus] = mapped_column(
        _enum(ActionStatus, "action_status"), default=ActionStatus.NOT_STARTED
    )
    at_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    you_said: Mapped[str | None] = mapped_column(Text)
    we_did: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    quotes: Mapped[list[AnswerAnalysis]] = relationship(secondary="action_quote")


class ActionQuote(db.Model):
    """Links an action to the approved quotes that prompted it."""

    __tablename__ = "action_quote"

    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("answer_analysis.id"), primary_key=True)


# --- Child protection conferences ---------------------------------------------------------


class Conference(db.Model):
    """A child protection conference, known by a reference code, never a child's name."""

    __tablename__ = "conference"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64))
    kind: Mapped[ConferenceKind] = mapped_column(_enum(ConferenceKind, "conference_kind"))
    held_on: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # For the short link and QR code participants open on their own phones.
    short_code: Mapped[str] = mapped_column(String(16), unique=True)
    # The chair's PIN that lets a shared tablet leave feedback mode (Argon2 hash).
    kiosk_pin_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    invitees: Mapped[list[ConferenceInvitee]] = relationship(back_populates="conference")


class ConferenceInvitee(db.Model):
    """Who was invited, by role (and agency for professionals); a phone only if they gave one."""

    __tablename__ = "conference_invitee"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"), index=True)
    role: Mapped[ParticipantRole] = mapped_column(_enum(ParticipantRole, "participant_role"))
    agency: Mapped[str | None] = mapped_column(String(64))
    phone_encrypted: Mapped[str | None] = mapped_column(Text)
    phone_hash: Mapped[str | None] = mapped_column(String(64))
    invitation_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    conference: Mapped[Conference] = relationship(back_populates="invitees")


# --- Corporate Parenting Board packs -------------------------------------------------------


class BoardPackStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class BoardPack(db.Model):
    """A Corporate Parenting Board pack for one survey wave or a date range, with its storyboard.

    While a draft its figures are worked out afresh each time; publishing freezes them in
    `content`, so the board reads what was published even after more answers arrive.
    """

    __tablename__ = "board_pack"
    __table_args__ = (
        CheckConstraint(
            "campaign_id IS NOT NULL OR (starts_at IS NOT NULL AND ends_at IS NOT NULL)",
            name="wave_or_dates",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id"))
    # A date range: from the start of `starts_at`'s day up to, not including, `ends_at`.
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The storyboard's four headings, written by the participation officer.
    where_we_were: Mapped[str | None] = mapped_column(Text)
    what_we_did: Mapped[str | None] = mapped_column(Text)
    difference_made: Mapped[str | None] = mapped_column(Text)
    what_next: Mapped[str | None] = mapped_column(Text)
    status: Mapped[BoardPackStatus] = mapped_column(
        _enum(BoardPackStatus, "board_pack_status"), default=BoardPackStatus.DRAFT
    )
    # The figures as published: aggregated and suppressed only, never raw answers.
    content: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)

    campaign: Mapped[Campaign | None] = relationship()
