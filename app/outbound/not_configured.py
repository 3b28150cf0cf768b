"""The one error that means outbound SMS is not set up yet."""

from __future__ import annotations


class NotConfigured(RuntimeError):
    """Twilio credentials or a sender are missing: nothing can be sent until they are set."""
