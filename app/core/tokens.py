"""Unguessable link tokens. Only their SHA-256 is stored, so a copied database opens no survey."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def derived_token(secret_key: str, seed: str) -> str:
    """A token only the server can compute from a public seed (an idempotency key)."""
    digest = hmac.new(secret_key.encode(), seed.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")
