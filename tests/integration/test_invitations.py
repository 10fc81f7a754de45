"""Invitations on both stores: the mailed link sets a password once, within seven days."""

from __future__ import annotations

import re

import pytest

from marketplace.bootstrap import Services
from marketplace.errors import (
    InvitationExpiredError,
    InvitationUnknownError,
    InvitationUsedError,
    SignInError,
)

PASSWORD = "a password of my own"


def invite(services: Services) -> str:
    """Invite an auditor; returns the token of the link in the mail."""
    services.marketplace.invite_account(name="Lucía Pérez", email="lucia@sodercan.example",
                                        grants=[("auditor", "")])
    [mail] = [m for m in services.outbox.mails() if m.kind == "invitation"]
    assert mail.letter is not None
    found = re.search(r"/password/set/([A-Za-z0-9_-]{43})\n", mail.letter.body)
    assert found, mail.letter.body
    return found.group(1)


def test_the_link_sets_the_password_once(services: Services) -> None:
    app = services.marketplace
    token = invite(services)
    with pytest.raises(SignInError):
        app.sign_in("lucia@sodercan.example", "!invited")
    account = app.accept_invitation(token, PASSWORD)
    assert app.sign_in("lucia@sodercan.example", PASSWORD) == account
    with pytest.raises(InvitationUsedError):
        app.accept_invitation(token, "another password")
    assert app.sign_in("lucia@sodercan.example", PASSWORD) == account


def test_an_expired_or_unknown_link_sets_nothing(services: Services) -> None:
    app = services.marketplace
    token = invite(services)
    app.clock.advance(days=7)
    with pytest.raises(InvitationExpiredError):
        app.accept_invitation(token, PASSWORD)
    with pytest.raises(InvitationUnknownError):
        app.accept_invitation(token[:-1] + ("A" if token[-1] != "A" else "B"), PASSWORD)
    with pytest.raises(SignInError):
        app.sign_in("lucia@sodercan.example", PASSWORD)
