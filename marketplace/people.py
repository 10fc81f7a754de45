"""Personal data as the vault keeps it: checked, then stored outside the events."""

from __future__ import annotations

import re

from domain.errors import N_, InvalidValueError
from domain.text import text

# The address forms people use (RFC 5322 dot-atoms, letters of any script); markup,
# quotes, brackets and spaces are not among them, so they never reach a mail header.
_EMAIL = re.compile(r"^[\w.!#$%&'*+/=?^`{|}~-]+@(?:[\w-]+\.)+[\w-]{2,}$")


def email_address(email: str) -> str:
    """An e-mail address, trimmed and checked."""
    address = text(email, N_("the e-mail address"), 254)
    if not _EMAIL.match(address):
        raise InvalidValueError("%(address)s is not an e-mail address", address=repr(address))
    return address


def person_record(name: str, email: str) -> dict[str, str]:
    """A person's name and e-mail, checked, ready for the vault."""
    address = email_address(email)
    return {"name": text(name, N_("the name"), 120), "email": address}


LANGUAGES = ("en", "es", "fr", "de")


def language_code(language: str) -> str:
    """One of the languages the product speaks; mails to the person use it."""
    if language not in LANGUAGES:
        raise InvalidValueError("%(language)s is not one of the languages %(languages)s",
                                language=repr(language), languages=list(LANGUAGES))
    return language
