"""Which passwords staff may choose: long, and not common or close to a common one.

Checked offline with zxcvbn (PyPI `zxcvbn`, MIT licence, maintained port of Dropbox's
estimator). It ships the 30,000 most common passwords of Mark Burnett's corpus of 10 million
leaked passwords, with English words, names and keyboard patterns, and scores a password by
how many guesses it would take an attacker who tries those first, counting repeats ("aaaa..."),
sequences, dates and l33t spellings of them. Nothing leaves the machine.
"""

from __future__ import annotations

from zxcvbn import zxcvbn

MIN_LENGTH = 12
# zxcvbn's score 3: "safely unguessable", about 10^8 guesses or more. Scores 0-2 are the
# common passwords and what a cracking tool finds from them within hours offline.
MIN_SCORE = 3


def weak_password_problem(password: str) -> str | None:
    """Why `password` may not be used (a message to show), or None."""
    if len(password) < MIN_LENGTH:
        return f"Passwords must be at least {MIN_LENGTH} characters long"
    # zxcvbn's cost grows with length; anything past 100 characters is not a guessable one.
    if zxcvbn(password[:100])["score"] < MIN_SCORE:
        return (
            "That password is too easy to guess: it is, or is close to, a commonly used "
            "password. Try three or four random words"
        )
    return None
