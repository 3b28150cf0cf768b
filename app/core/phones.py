"""Phone numbers: normalised to E.164, encrypted at rest, looked up by a keyed hash.

An unkeyed hash of a UK mobile number is reversed by brute force in minutes, so the lookup
hash is an HMAC with a key that lives outside the database.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

from surveys.phones import (  # noqa: F401 - imported from here too
    InvalidPhone,
    is_mobile,
    normalise,
    uk_mobile,
)


class PhoneVault:
    """Encrypts, decrypts and hashes E.164 numbers with keys from configuration."""

    def __init__(self, encryption_key: str, hash_key: str) -> None:
        self._fernet = Fernet(encryption_key.encode())
        self._hash_key = hash_key.encode()

    def hash(self, e164: str) -> str:
        return hmac.new(self._hash_key, e164.encode(), hashlib.sha256).hexdigest()

    def encrypt(self, e164: str) -> str:
        return self._fernet.encrypt(e164.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as exc:
            raise InvalidPhone("stored number cannot be decrypted with this key") from exc


def vault() -> PhoneVault:
    """The app's vault, built once per app."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    found = app.extensions.get("phone_vault")
    if found is None:
        found = PhoneVault(app.config["PHONE_ENCRYPTION_KEY"], app.config["PHONE_HASH_KEY"])
        app.extensions["phone_vault"] = found
    return found


def mask(e164: str) -> str:
    """For staff screens only: enough to recognise, not enough to copy."""
    return e164[:4] + "•" * max(0, len(e164) - 7) + e164[-3:]
