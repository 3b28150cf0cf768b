"""Every table, gathered for Alembic and for code that needs the whole schema (tests, the demo).

Each table lives in its domain package; import it from there in app code."""

from __future__ import annotations

from app.actions.models import Action, ActionQuote  # noqa: F401
from app.campaigns.models import Campaign, CampaignStatus, Invitation  # noqa: F401
from app.conferences.models import Conference, ConferenceInvitee  # noqa: F401
from app.conversations.models import (  # noqa: F401
    Conversation,
    ConversationStatus,
    InboundMessage,
    SmsContact,
    WhatsAppContact,
)
from app.core.types import Channel, UTCDateTime, now_utc  # noqa: F401
from app.outbound.models import CheckinSchedule, OutboundMessage, OutboundStatus, SmsSendSlot  # noqa: F401
from app.reading.models import AnswerReading  # noqa: F401
from app.reporting.models import BoardPack, BoardPackStatus  # noqa: F401
from app.respondents.models import Respondent  # noqa: F401
from app.responses.models import Answer, Response, ResponseStatus  # noqa: F401
from app.review.models import AnswerAnalysis, without_repeats  # noqa: F401
from app.safeguarding.models import FlagEvent, SafeguardingFlag  # noqa: F401
from app.staff.models import AuditEvent, Role, User  # noqa: F401
from surveys.vocabulary import (  # noqa: F401 - the models' enums, imported from here too
    COHORT_LABELS,
    ActionStatus,
    Cohort,
    ConferenceKind,
    FlagOutcome,
    ParticipantRole,
)
