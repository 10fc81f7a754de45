"""Errors of the application layer, beside the domain's rule errors."""

from __future__ import annotations

from domain.errors import DomainError


class NotFoundError(DomainError, LookupError):
    """No consortium, membership, bid or company has that id."""


class ConflictError(DomainError):
    """Someone else changed the same thing at the same moment; try again."""


class StoreNotEmptyError(DomainError):
    """The store already holds events, so demo data would mix with real data."""


class ConfigurationError(DomainError):
    """A setting such as the database URL cannot be used."""


class EmailTakenError(DomainError):
    """Another account already signs in with that e-mail address."""


class SignInError(DomainError):
    """The e-mail address and password open no account."""


class AccountLockedError(DomainError):
    """Too many wrong passwords: the account is locked for a while."""

    def __init__(self, until: object) -> None:
        super().__init__("too many wrong passwords: this account is locked for now")
        self.until = until


class InvitationUnknownError(NotFoundError):
    """No invitation has this link."""


class InvitationSpentError(DomainError):
    """The invitation's link was used already, or has expired."""


class InvitationUsedError(InvitationSpentError):
    """The invitation's link was used already."""


class InvitationExpiredError(InvitationSpentError):
    """The invitation's link has expired."""


class InvitationNotNeededError(DomainError):
    """The account's person chose a password already: there is nothing to invite to."""
