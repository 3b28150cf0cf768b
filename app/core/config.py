"""Settings from the environment. Production refuses to start without its secrets.

Every setting the app reads has its default here, and nowhere else: the rest of app/ reads
app.config["X"] (tests/test_settings.py checks).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # app/core/config.py -> the repository


class ConfigError(RuntimeError):
    """A setting needed to start safely is missing or malformed."""


# Public national services; local numbers (Emergency Duty Team, school nursing text line)
# differ per council, so the demo uses Ofcom's drama range and deployments set SUPPORT_CONTACTS.
DEFAULT_SUPPORT_CONTACTS: list[dict[str, str]] = [
    {
        "name": "Emergency services",
        "detail": "If you are in danger right now",
        "phone": "999",
    },
    {
        "name": "Childline",
        "detail": "Free, private, any time, day or night. You can also chat online.",
        "phone": "0800 1111",
        "url": "https://www.childline.org.uk",
    },
    {
        "name": "Emergency Duty Team (evenings and weekends)",
        "detail": "Children's social care when the office is closed",
        "phone": "01632 960 001",
    },
    {
        "name": "Your social worker or personal adviser",
        "detail": "Monday to Friday, 9am to 5pm, through the Children's Services front door",
        "phone": "01632 960 002",
    },
]

# Care leavers are adults or nearly: their personal adviser first, adult crisis lines, and
# Childline only while they can still use it (under 19).
DEFAULT_SUPPORT_CONTACTS_CARE_LEAVERS: list[dict[str, str]] = [
    {
        "name": "Emergency services",
        "detail": "If you are in danger right now",
        "phone": "999",
    },
    {
        "name": "Samaritans",
        "detail": "Free, any time, day or night, if things feel too much",
        "phone": "116 123",
        "url": "https://www.samaritans.org",
    },
    {
        "name": "NHS 111, option 2 (mental health)",
        "detail": "Urgent help for your mental health, any time",
        "phone": "111",
    },
    {
        "name": "Your personal adviser (leaving care team)",
        "detail": "Monday to Friday, 9am to 5pm",
        "phone": "01632 960 003",
    },
    {
        "name": "Emergency Duty Team (evenings and weekends)",
        "detail": "Children's social care when the office is closed",
        "phone": "01632 960 001",
    },
    {
        "name": "Childline (if you are under 19)",
        "detail": "Free, private, any time",
        "phone": "0800 1111",
        "url": "https://www.childline.org.uk",
    },
]

# Parents and carers are adults: adult crisis lines, not Childline (issue 14, point 5).
DEFAULT_SUPPORT_CONTACTS_PARENTS: list[dict[str, str]] = [
    {
        "name": "Emergency services",
        "detail": "If you or anyone else is in danger right now",
        "phone": "999",
    },
    {
        "name": "Samaritans",
        "detail": "Free, any time, day or night, if you are struggling or feel you cannot go on",
        "phone": "116 123",
        "url": "https://www.samaritans.org",
    },
    {
        "name": "NHS 111, option 2 (mental health)",
        "detail": "Urgent help for your mental health, any time",
        "phone": "111",
    },
    {
        "name": "National Domestic Abuse Helpline",
        "detail": "Free, private, any time, day or night",
        "phone": "0808 2000 247",
    },
    {
        "name": "Children's Services front door",
        "detail": "To talk to your family's worker, Monday to Friday, 9am to 5pm",
        "phone": "01632 960 002",
    },
    {
        "name": "Emergency Duty Team (evenings and weekends)",
        "detail": "Children's social care when the office is closed",
        "phone": "01632 960 001",
    },
]

# People who work with children: where to take a worry about a child, or about a colleague.
DEFAULT_SUPPORT_CONTACTS_PROFESSIONALS: list[dict[str, str]] = [
    {
        "name": "Emergency services",
        "detail": "If a child or anyone else is in danger right now",
        "phone": "999",
    },
    {
        "name": "Children's Services front door",
        "detail": "To share a worry about a child, Monday to Friday, 9am to 5pm",
        "phone": "01632 960 002",
    },
    {
        "name": "Emergency Duty Team (evenings and weekends)",
        "detail": "Children's social care when the office is closed",
        "phone": "01632 960 001",
    },
    {
        "name": "Local Authority Designated Officer (LADO)",
        "detail": "A worry about someone who works with children",
        "phone": "01632 960 004",
    },
    {
        "name": "Samaritans",
        "detail": "Free, any time, if you are struggling yourself",
        "phone": "116 123",
        "url": "https://www.samaritans.org",
    },
]

ENVIRONMENTS = ("development", "testing", "production")


def _support_contacts(
    raw: str | None,
    default: list[dict[str, str]] = DEFAULT_SUPPORT_CONTACTS,
    setting: str = "SUPPORT_CONTACTS",
) -> list[dict[str, str]]:
    if not raw:
        return default
    source = Path(raw)
    text = source.read_text(encoding="utf-8") if source.is_file() else raw
    try:
        contacts = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{setting} must be JSON or a path to a JSON file: {exc.msg}") from exc
    if not isinstance(contacts, list) or not all(
        isinstance(c, dict) and c.get("name") and c.get("phone") for c in contacts
    ):
        raise ConfigError(f"{setting} must be a list of objects with 'name' and 'phone'")
    return contacts


def _days(raw: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in raw.replace(" ", "").split(",") if part)
    except ValueError as exc:
        raise ConfigError("SMS_REMINDER_DAYS must be whole numbers of days, e.g. 3,7") from exc


def _working_days(raw: str) -> int:
    try:
        days = int(raw)
    except ValueError as exc:
        raise ConfigError("READ_WITHIN_WORKING_DAYS must be a whole number of days") from exc
    if days < 1:
        raise ConfigError("READ_WITHIN_WORKING_DAYS must be at least 1")
    return days


def _phone_keys(env: Mapping[str, str], app_env: str, secret: str) -> dict[str, str]:
    """Keys that protect phone numbers at rest. Production must set its own."""
    encryption = env.get("PHONE_ENCRYPTION_KEY", "")
    hashing = env.get("PHONE_HASH_KEY", "")
    if app_env == "production" and not (encryption and hashing):
        raise ConfigError(
            "PHONE_ENCRYPTION_KEY and PHONE_HASH_KEY must be set in production. Make them with: "
            "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key()"
            ".decode())' (one for each)."
        )
    # Development and tests derive stable keys from SECRET_KEY, so demo data stays readable.
    if not encryption:
        digest = hashlib.sha256(f"phone-encryption:{secret}".encode()).digest()
        encryption = base64.urlsafe_b64encode(digest).decode()
    if not hashing:
        hashing = hashlib.sha256(f"phone-hash:{secret}".encode()).hexdigest()
    return {"PHONE_ENCRYPTION_KEY": encryption, "PHONE_HASH_KEY": hashing}


def load_config(instance_path: str, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Build the Flask config from environment variables."""
    env = os.environ if environ is None else environ
    app_env = env.get("GOLDEN_THREAD_ENV", "production")
    if app_env not in ENVIRONMENTS:
        raise ConfigError(f"GOLDEN_THREAD_ENV must be one of {', '.join(ENVIRONMENTS)}")
    secret = env.get("SECRET_KEY")
    if not secret:
        if app_env == "production":
            raise ConfigError(
                "SECRET_KEY is not set. Set it to a long random value, for example: "
                "export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))'). "
                "For a local demo set GOLDEN_THREAD_ENV=development instead."
            )
        secret = "dev-only-not-secret"  # noqa: S105 - development and testing only
    phone_keys = _phone_keys(env, app_env, secret)
    database_url = env.get("DATABASE_URL") or (
        "sqlite:///" + str(Path(instance_path) / "golden_thread.sqlite")
    )
    # Heroku-style URLs name the old driver; psycopg 3 is what we install.
    if database_url.startswith(("postgres://", "postgresql://")):
        database_url = "postgresql+psycopg://" + database_url.split("://", 1)[1]
    return {
        "ENV_NAME": app_env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url,
        # hide_parameters: a database error's message (and so the error log) would otherwise
        # quote the bound values, such as a child's free text.
        # No pool_pre_ping: the app tests a connection that sat idle (app._ping_after_idle).
        "SQLALCHEMY_ENGINE_OPTIONS": {"hide_parameters": True},
        # Safeguarding alerts by email (SMTP). Without SMTP_HOST nothing is sent and every
        # tick retries. DUTY_EMAIL (a team mailbox) is used when nobody is marked on duty;
        # ESCALATION_EMAIL (and every admin) hears of flags not acknowledged in time.
        "SMTP_HOST": env.get("SMTP_HOST", ""),
        "SMTP_PORT": int(env.get("SMTP_PORT", "587")),
        "SMTP_USERNAME": env.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": env.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": env.get("SMTP_STARTTLS", "1").lower() not in ("0", "false", "no", ""),
        "ALERT_FROM_EMAIL": env.get("ALERT_FROM_EMAIL", "golden-thread@localhost"),
        "DUTY_EMAIL": env.get("DUTY_EMAIL", ""),
        "ESCALATION_EMAIL": env.get("ESCALATION_EMAIL", ""),
        "ALERT_ESCALATE_AFTER_MINUTES": int(env.get("ALERT_ESCALATE_AFTER_MINUTES", "15")),
        # A slower second safeguarding check run on the queue ("module:function", see
        # app/safeguarding/deep_check.py); unset, nothing is queued.
        "SAFEGUARDING_DEEP_CHECK": env.get("SAFEGUARDING_DEEP_CHECK", ""),
        # Every free-text answer is read by a person within this many working days (weekends
        # and England and Wales bank holidays skipped); answers past it are emailed to
        # PARTICIPATION_LEAD_EMAIL (or, unset, every admin), once each.
        "READ_WITHIN_WORKING_DAYS": _working_days(env.get("READ_WITHIN_WORKING_DAYS", "2")),
        "PARTICIPATION_LEAD_EMAIL": env.get("PARTICIPATION_LEAD_EMAIL", ""),
        # How long a flag outlives the erasure of the person it came from (README, "Retention
        # and erasure"): the council's period for child protection records.
        "ERASED_FLAG_RETENTION_YEARS": int(env.get("ERASED_FLAG_RETENTION_YEARS", "35")),
        # Who can help, per audience (app/core/audiences.py): SUPPORT_CONTACTS is for
        # children; each is JSON or a path to a JSON file.
        "SUPPORT_CONTACTS": _support_contacts(env.get("SUPPORT_CONTACTS")),
        "SUPPORT_CONTACTS_CARE_LEAVERS": _support_contacts(
            env.get("SUPPORT_CONTACTS_CARE_LEAVERS"),
            DEFAULT_SUPPORT_CONTACTS_CARE_LEAVERS,
            "SUPPORT_CONTACTS_CARE_LEAVERS",
        ),
        "SUPPORT_CONTACTS_PARENTS": _support_contacts(
            env.get("SUPPORT_CONTACTS_PARENTS"),
            DEFAULT_SUPPORT_CONTACTS_PARENTS,
            "SUPPORT_CONTACTS_PARENTS",
        ),
        "SUPPORT_CONTACTS_PROFESSIONALS": _support_contacts(
            env.get("SUPPORT_CONTACTS_PROFESSIONALS"),
            DEFAULT_SUPPORT_CONTACTS_PROFESSIONALS,
            "SUPPORT_CONTACTS_PROFESSIONALS",
        ),
        # Where GOV.UK's "Exit this page" (every respondent page, and Shift three times)
        # goes. A blank page needs no network and says nothing about this service.
        "EXIT_PAGE_URL": env.get("EXIT_PAGE_URL", "about:blank"),
        # Counts below this are shown as "fewer than N" in anything the board sees.
        "SMALL_NUMBER_THRESHOLD": int(env.get("SMALL_NUMBER_THRESHOLD", "5")),
        "COUNCIL_NAME": env.get("COUNCIL_NAME", "Shireford County Council"),
        "SERVICE_NAME": env.get("SERVICE_NAME", "Have your say"),
        "GOVUK_FRONTEND_DIR": env.get(
            "GOVUK_FRONTEND_DIR",
            str(PROJECT_ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
        ),
        # The @fontsource npm packages (make setup installs them); app.core.fonts serves them.
        "FONTS_DIR": env.get("FONTS_DIR", str(PROJECT_ROOT / "node_modules" / "@fontsource")),
        "SURVEY_DEFINITIONS_DIR": env.get("SURVEY_DEFINITIONS_DIR") or None,
        "INVITATION_DAYS_VALID": int(env.get("INVITATION_DAYS_VALID", "60")),
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": app_env == "production",
        "WTF_CSRF_TIME_LIMIT": None,
        # Pages send Referrer-Policy: no-referrer (survey tokens are in paths), so browsers
        # send no Referer at all, and Flask-WTF's HTTPS-only Referer check would refuse every
        # form in production. The CSRF token and SameSite cookies protect the forms.
        "WTF_CSRF_SSL_STRICT": False,
        "STAFF_IDLE_MINUTES": int(env.get("STAFF_IDLE_MINUTES", "30")),
        # However busy, a staff session ends this long after signing in.
        "STAFF_SESSION_MAX_HOURS": int(env.get("STAFF_SESSION_MAX_HOURS", "10")),
        "PERMANENT_SESSION_LIFETIME": timedelta(minutes=int(env.get("STAFF_IDLE_MINUTES", "30"))),
        "REMEMBER_COOKIE_DURATION": timedelta(0),  # a child may take a long break mid-survey
        "TESTING": app_env == "testing",
        **phone_keys,
        # Twilio. Without an account SID and token, nothing is sent and webhooks refuse all.
        "TWILIO_ACCOUNT_SID": env.get("TWILIO_ACCOUNT_SID", ""),
        "TWILIO_AUTH_TOKEN": env.get("TWILIO_AUTH_TOKEN", ""),
        "TWILIO_FROM_NUMBER": env.get("TWILIO_FROM_NUMBER", ""),
        "TWILIO_MESSAGING_SERVICE_SID": env.get("TWILIO_MESSAGING_SERVICE_SID", ""),
        # WhatsApp through Twilio: our WhatsApp sender, and the approved templates (Content
        # API SIDs, HX...) that alone may open a conversation outside the 24-hour window.
        "WHATSAPP_FROM_NUMBER": env.get("WHATSAPP_FROM_NUMBER", ""),
        "WHATSAPP_INVITATION_CONTENT_SID": env.get("WHATSAPP_INVITATION_CONTENT_SID", ""),
        "WHATSAPP_REMINDER_CONTENT_SID": env.get("WHATSAPP_REMINDER_CONTENT_SID", ""),
        "WHATSAPP_CHECKIN_CONTENT_SID": env.get("WHATSAPP_CHECKIN_CONTENT_SID", ""),
        # Where Twilio's REST API is; tests point it at a stand-in on loopback.
        "TWILIO_API_BASE_URL": env.get("TWILIO_API_BASE_URL", ""),
        # The public https://host the webhooks are configured with in Twilio's console. Behind
        # a proxy Flask sees another URL, and the signature covers the public one.
        "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL", "").rstrip("/"),
        "TRUSTED_PROXY_HOPS": int(env.get("TRUSTED_PROXY_HOPS", "0")),
        "SMS_CONVERSATION_TIMEOUT_HOURS": int(env.get("SMS_CONVERSATION_TIMEOUT_HOURS", "72")),
        # Campaign slug whose open survey an unknown number is offered, if any.
        "SMS_OPEN_CAMPAIGN": env.get("SMS_OPEN_CAMPAIGN", ""),
        "VOICE_NAME": env.get("VOICE_NAME", "Polly.Amy"),
        "VOICE_LANGUAGE": env.get("VOICE_LANGUAGE", "en-GB"),
        # Background queue: embedded SQLite file by default, Redis when REDIS_URL is set.
        "REDIS_URL": env.get("REDIS_URL", ""),
        "QUEUE_SQLITE_PATH": env.get(
            "QUEUE_SQLITE_PATH", str(Path(instance_path) / "queue.sqlite")
        ),
        "SMS_RATE_PER_SECOND": float(env.get("SMS_RATE_PER_SECOND", "10")),
        "SMS_QUIET_HOURS": env.get("SMS_QUIET_HOURS", "21:00-08:00"),
        "SMS_MAX_ATTEMPTS": int(env.get("SMS_MAX_ATTEMPTS", "5")),
        # A failed send waits this long, doubling with each attempt (capped at an hour).
        "SMS_RETRY_BASE_SECONDS": float(env.get("SMS_RETRY_BASE_SECONDS", "30")),
        # Days after the invitation text for reminders 1 and 2, e.g. "3,7".
        "SMS_REMINDER_DAYS": _days(env.get("SMS_REMINDER_DAYS", "3,7")),
        "QUEUE_NAME": env.get("QUEUE_NAME", "golden-thread"),
        # Tests run tasks in-line unless they ask for a real queue; nothing else does.
        "QUEUE_IMMEDIATE": app_env == "testing",
        # Tablet mode forgets a participant who has not touched the screen for this long.
        "TABLET_IDLE_SECONDS": int(env.get("TABLET_IDLE_SECONDS", "180")),
        **_rate_limits(env),
    }


def _limit(env: Mapping[str, str], name: str, default: str) -> str:
    from limits import parse_many

    value = env.get(name, default)
    try:
        parse_many(value)
    except ValueError as exc:
        raise ConfigError(f'{name} must read like "30 per minute;300 per day"') from exc
    return value


def _rate_limits(env: Mapping[str, str]) -> dict[str, Any]:
    """Rate limits (Flask-Limiter, app/core/rate_limits.py), each "N per period", several
    joined with ";". Counted in Redis where REDIS_URL is set, so every worker shares one
    count; in each process's memory otherwise (a single-process demo or test)."""
    return {
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI")
        or env.get("REDIS_URL")
        or "memory://",
        # Keys in the store start with this: deployments sharing one Redis keep apart.
        "RATE_LIMIT_NAMESPACE": env.get("RATE_LIMIT_NAMESPACE", "golden-thread"),
        # A moving window: no burst of twice the limit across the turn of a minute.
        "RATELIMIT_STRATEGY": "moving-window",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Redis down must never stop a child answering: count in memory until it is back.
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        # Starts on an open (poster) link, per client address. A class on one school network
        # shares an address, hence a minute's allowance for a class at once.
        "OPEN_LINK_RATE_LIMIT": _limit(env, "OPEN_LINK_RATE_LIMIT", "30 per minute;300 per day"),
        # Sign-in and second-factor attempts, per client address (an office shares one).
        "SIGN_IN_RATE_LIMIT": _limit(env, "SIGN_IN_RATE_LIMIT", "20 per minute;200 per hour"),
        # Texts per number. Over it a text is kept and checked for a disclosure, not answered
        # (README, "Rate limits").
        "SMS_INBOUND_RATE_LIMIT": _limit(
            env, "SMS_INBOUND_RATE_LIMIT", "15 per minute;150 per day"
        ),
    }
