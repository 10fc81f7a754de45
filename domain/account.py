"""A person's account: who they are (a vault reference) and the roles they hold where.

Passwords are secrets, not history: they live beside the events, never in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from eventsourcing.domain import event

from domain.base import DomainAggregate
from domain.errors import (
    N_,
    AccountClosedError,
    InvalidRoleError,
    RoleAlreadyGrantedError,
    RoleNotGrantedError,
)

# Each role and what its scope names: a consortium, a membership, or an agency. An
# officer's or auditor's scope is one agency's id, or empty for the whole installation.
ROLES = {"officer": N_("agency"), "manager": N_("consortium"), "member": N_("membership"),
         "auditor": N_("agency")}
INSTALLATION_WIDE = frozenset({"officer", "auditor"})  # may hold an empty scope
ROLE_NAMES = {"officer": N_("agency officer"), "manager": N_("consortium manager"),
              "member": N_("member user"), "auditor": N_("auditor")}


def _is_id(scope: str) -> bool:
    try:
        return str(UUID(scope)) == scope
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Grant:
    """A role, and where it applies (empty: an officer or auditor of the whole installation)."""

    role: str
    scope: str = ""

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise InvalidRoleError("%(role)s is not a role; the roles are %(roles)s",
                                   role=repr(self.role), roles=list(ROLES))
        if not isinstance(self.scope, str) or (self.scope and not _is_id(self.scope)):
            raise InvalidRoleError("a role's scope is an id")
        if not self.scope and self.role not in INSTALLATION_WIDE:
            raise InvalidRoleError("a %(role)s needs a %(scope)s",
                                   role=ROLE_NAMES[self.role], scope=ROLES[self.role])

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "scope": self.scope}


class Account(DomainAggregate):
    """Someone who signs in, with their grants."""

    class Opened(DomainAggregate.Created):
        person: UUID
        grants: list[dict[str, str]]

    class RoleGranted(DomainAggregate.Event):
        grant: dict[str, str]

    class RoleRevoked(DomainAggregate.Event):
        grant: dict[str, str]

    class Invited(DomainAggregate.Event):
        invitee: UUID

    class Closed(DomainAggregate.Event):
        pass

    # The password itself is a secret, kept beside the events: these say only that it was
    # chosen, from an invitation's link or from a "forgot password" link.
    class InvitationAccepted(DomainAggregate.Event):
        pass

    class PasswordReset(DomainAggregate.Event):
        pass

    @classmethod
    def open(cls, person: UUID, grants: list[Grant]) -> Account:
        """Open an account for a person kept in the vault, with at least one role."""
        if not grants:
            raise InvalidRoleError("an account needs at least one role")
        unique = list(dict.fromkeys(grants))
        return cls(person=person, grants=[g.as_dict() for g in unique])

    @event(Opened)
    def __init__(self, person: UUID, grants: list[dict[str, str]]) -> None:
        self.person = person
        self.grants = list(grants)
        self.closed = False

    def holds(self, grant: Grant) -> bool:
        return grant.as_dict() in self.grants

    def grant(self, grant: Grant) -> None:
        """Give the account one more role."""
        self._check_open()
        if self.holds(grant):
            raise RoleAlreadyGrantedError("the account already is %(role)s there",
                                          role=ROLE_NAMES[grant.role])
        self._grant(grant.as_dict())

    @event(RoleGranted)
    def _grant(self, grant: dict[str, str]) -> None:
        self.grants.append(grant)

    def revoke(self, grant: Grant) -> None:
        """Take a role away."""
        self._check_open()
        if not self.holds(grant):
            raise RoleNotGrantedError("the account is not %(role)s there",
                                      role=ROLE_NAMES[grant.role])
        self._revoke(grant.as_dict())

    @event(RoleRevoked)
    def _revoke(self, grant: dict[str, str]) -> None:
        self.grants.remove(grant)

    def invite(self, invitee: UUID) -> None:
        """Invite the account's person to choose a password (the link goes by mail)."""
        self._check_open()
        self._invite(invitee)

    # The event names only the vault record the invitation mail is rendered from: its
    # one-time token is a secret, and the log is kept forever, exported and read by auditors.
    @event(Invited)
    def _invite(self, invitee: UUID) -> None:
        pass

    def accept_invitation(self) -> None:
        """The invited person chose their password by the mailed link."""
        self._check_open()
        self._accept_invitation()

    @event(InvitationAccepted)
    def _accept_invitation(self) -> None:
        pass

    def reset_password(self) -> None:
        """The person chose a new password by a "forgot password" link mailed to them."""
        self._check_open()
        self._reset_password()

    @event(PasswordReset)
    def _reset_password(self) -> None:
        pass

    def close(self) -> None:
        """Close the account: it can no longer sign in."""
        self._check_open()
        self._close()

    @event(Closed)
    def _close(self) -> None:
        self.closed = True

    def _check_open(self) -> None:
        if self.closed:
            raise AccountClosedError("this account is closed")
