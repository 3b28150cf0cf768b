"""Signing in as staff through the real pages."""

from __future__ import annotations

from tests.web.helpers import csrf_token

PASSWORD = "correct horse battery staple"


def sign_in(client, email: str, password: str = PASSWORD):
    page = client.get("/staff/login")
    return client.post(
        "/staff/login",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "email": email,
            "password": password,
        },
    )


def any_csrf(client) -> str:
    return csrf_token(client.get("/staff/login").get_data(as_text=True))
