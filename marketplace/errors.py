"""Errors of the application layer, beside the domain's rule errors."""

from __future__ import annotations

from datetime import timedelta

from domain.errors import DomainError


class NotFoundError(DomainError, LookupError):
    """No consortium, membership, bid or company has that id."""

    wording = "there is nothing here by that name"


class ConflictError(DomainError):
    """Someone else changed the same thing at the same moment; try again."""

    wording = "someone else changed this at the same moment; reload and try again"


class StoreNotEmptyError(DomainError):
    """The store already holds events, so demo data would mix with real data."""

    wording = "the store already holds events"


class ConfigurationError(DomainError):
    """A setting such as the database URL cannot be used."""

    wording = "a setting cannot be used"


class EmailTakenError(DomainError):
    """Another account already signs in with that e-mail address."""

    wording = "another account already signs in with this e-mail address"


class SignInError(DomainError):
    """The e-mail address and password open no account."""

    wording = "the e-mail address or the password is wrong"


class WrongPasswordError(DomainError):
    """A password change named a current password that is not the account's."""

    wording = "the current password is wrong"


class SignInThrottledError(DomainError):
    """Too many wrong passwords from this client: it waits before its next try is checked."""

    wording = "too many attempts from here; try again later"

    def __init__(self, wording: str | None = None, /, *, wait: timedelta = timedelta(0),
                 **params: object) -> None:
        super().__init__(wording, **params)
        self.wait = wait  # how long the client must still wait


class InvitationUnknownError(NotFoundError):
    """No invitation has this link."""

    wording = "no invitation has this link"


class InvitationSpentError(DomainError):
    """The invitation's link was used already, or has expired."""

    wording = "this link was used already, or has expired"


class InvitationUsedError(InvitationSpentError):
    """The invitation's link was used already."""

    wording = "this link was used already"


class InvitationExpiredError(InvitationSpentError):
    """The invitation's link has expired."""

    wording = "this link has expired"


class InvitationNotNeededError(DomainError):
    """The account's person chose a password already: there is nothing to invite to."""

    wording = "this person chose a password already"


class NoContactError(DomainError):
    """A firm's profile names no contact whose address the vault keeps: nobody to invite."""

    wording = "the firm's profile names no contact address to invite"


class BuyerLinkError(DomainError):
    """The buyer's sign-in link is not one we sent, was used already, or has expired."""

    wording = "this sign-in link no longer works; ask for a new one"


class ResetLinkUnknownError(NotFoundError):
    """No "forgot password" link is this one."""

    wording = "this link to reset a password is not one we sent"


class ResetLinkSpentError(DomainError):
    """The "forgot password" link was used already, or has expired."""

    wording = "this link to reset a password no longer works; ask for a new one"


class ResetLinkUsedError(ResetLinkSpentError):
    """The "forgot password" link was used already."""

    wording = "this link to reset a password was used already; ask for a new one"


class ResetLinkExpiredError(ResetLinkSpentError):
    """The "forgot password" link is older than 30 minutes."""

    wording = "this link to reset a password has expired; ask for a new one"
