"""Which mails a member user wants: a person's choice, kept in the history like any other.

Event-sourced rather than a settings table, because it is consent: an auditor can see
when someone stopped wanting award mails, and a rebuild of the read models keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.base import DomainAggregate
from domain.errors import InvalidValueError
from domain.ids import NAMESPACE

# The mails a member user may receive; everyone gets all of them until they choose.
MAIL_KINDS = ("contribution_requests", "awards", "fees")
# The kinds the first choices were made among (they record no list): a kind added since
# was never refused by those people, so they get it until they choose again.
FIRST_KINDS = ("contribution_requests", "awards")


def with_unoffered(wanted: Iterable[str], offered: Iterable[str] | None) -> list[str]:
    """The kinds a person gets: those they chose, and those not offered when they chose."""
    seen = set(FIRST_KINDS if offered is None else offered)
    chosen = set(wanted)
    return [kind for kind in MAIL_KINDS if kind in chosen or kind not in seen]


def mail_preferences_id(account_id: UUID) -> UUID:
    """Each account has one set of mail preferences, found from the account's id."""
    return uuid5(NAMESPACE, f"mail-preferences:{account_id}")


def mail_kinds(wanted: Iterable[str]) -> list[str]:
    """The kinds named, each checked, in the fixed order of MAIL_KINDS."""
    chosen = set(wanted)
    unknown = sorted(chosen - set(MAIL_KINDS))
    if unknown:
        raise InvalidValueError("%(kind)s is not a kind of mail; the kinds are %(kinds)s",
                                kind=repr(unknown[0]), kinds=list(MAIL_KINDS))
    return [kind for kind in MAIL_KINDS if kind in chosen]


class MailPreferences(DomainAggregate):
    """The mails one account's holder has chosen to receive."""

    class Chosen(DomainAggregate.Created):
        account_id: UUID
        wanted: list[str]
        offered: list[str] | None = None  # the kinds the form offered (None: FIRST_KINDS)

    class OptedIn(DomainAggregate.Event):
        account_id: UUID
        kind: str

    class OptedOut(DomainAggregate.Event):
        account_id: UUID
        kind: str

    @staticmethod
    def create_id(account_id: UUID, **_: object) -> UUID:
        return mail_preferences_id(account_id)

    @classmethod
    def choose(cls, account_id: UUID, wanted: Iterable[str]) -> MailPreferences:
        """The person chooses their mails for the first time."""
        return cls(account_id=account_id, wanted=mail_kinds(wanted), offered=list(MAIL_KINDS))

    @event(Chosen)
    def __init__(self, account_id, wanted, offered=None) -> None:
        self.account_id = account_id
        self.wanted = with_unoffered(wanted, offered)

    def choose_again(self, wanted: Iterable[str]) -> None:
        """Change the choice: one event per mail opted into or out of; none if unchanged."""
        chosen = mail_kinds(wanted)
        for kind in MAIL_KINDS:
            if kind in chosen and kind not in self.wanted:
                self._opt_in(self.account_id, kind)
            elif kind not in chosen and kind in self.wanted:
                self._opt_out(self.account_id, kind)

    # The events name the account, so the read model files them without another lookup.
    @event(OptedIn)
    def _opt_in(self, account_id, kind) -> None:
        self.wanted = [k for k in MAIL_KINDS if k in self.wanted or k == kind]

    @event(OptedOut)
    def _opt_out(self, account_id, kind) -> None:
        self.wanted = [k for k in self.wanted if k != kind]
