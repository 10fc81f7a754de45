"""The manager's exchange-rate table, asking several members at once, and inviting the
contact of a firm that has no user account to hear the request."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from domain.bid import Bid
from domain.company import Company
from domain.consortium import Consortium
from domain.errors import InvalidValueError, UnknownContributorError
from domain.membership import Membership
from domain.rates import ExchangeRates, rate_table_id
from domain.values import Stage
from marketplace.commanding import CommandBase, command
from marketplace.errors import NoContactError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from domain.account import Grant


class DeskCommands(CommandBase):
    if TYPE_CHECKING:  # the accounts' own command (marketplace/accounts/commands.py)

        def invite_account(self, *, name: str, email: str,
                           grants: Iterable[Grant | tuple[str, str]],
                           language: str = "en") -> UUID: ...

    @command
    def set_exchange_rate(
        self, consortium_id: UUID | str, currency_from: str, currency_to: str,
        rate: Decimal | str, as_of: date,
    ) -> None:
        """Record the rate the manager converts contributions with, from a given day."""
        consortium = self._load(Consortium, consortium_id)
        table_id = rate_table_id(consortium.id)
        table = (self._load(ExchangeRates, table_id) if self._exists(table_id)
                 else ExchangeRates.open(consortium.id))
        table.set_rate(currency_from, currency_to, rate, as_of)
        self.save(table)

    @command
    def request_contributions(
        self, bid_id: UUID | str, asks: Sequence[tuple[str, UUID | str]], due_on: date
    ) -> None:
        """Ask several members, each for one stage, in one go: all are asked or none."""
        if not asks:
            raise InvalidValueError("choose at least one member to ask")
        bid = self._load(Bid, bid_id)
        self._load(Consortium, bid.consortium_id).check_trading()
        for stage, membership_id in asks:
            membership = self._load(Membership, membership_id)
            if membership.consortium_id != bid.consortium_id:
                raise UnknownContributorError(
                    "this company is not a member of the bidding consortium")
            step = Stage.parse(stage)
            membership.check_can_contribute(step)
            bid.request_contribution(step, membership.id, due_on)
        # One save: the events of every request are stored together, or not at all.
        self.save(bid)

    @command
    def invite_firm_contact(self, consortium_id: UUID | str, membership_id: UUID | str
                            ) -> UUID:
        """Invite the contact on a member firm's profile to act for it; returns the account.

        The manager does this before asking a firm that no user account acts for: its
        requests would otherwise reach nobody.
        """
        consortium = self._load(Consortium, consortium_id)
        membership = self._load(Membership, membership_id)
        if membership.consortium_id != consortium.id:
            raise UnknownContributorError(
                "this company is not a member of the bidding consortium")
        # Only a firm that can be asked to price gets an account acting for it.
        membership.check_active()
        company = self._load(Company, membership.company_id)
        person = self.vault.reveal(company.contact) if company.contact else None
        if not person or not person.get("email"):
            raise NoContactError("the firm's profile names no contact address to invite; "
                                 "an agency officer can invite someone for it")
        return self.invite_account(name=person["name"], email=person["email"],
                                   grants=[("member", str(membership.id))],
                                   language=person.get("language") or "en")

    def rate_table_version(self, consortium_id: UUID | str) -> int:
        """The version of the consortium's rate table; 0 before its first rate."""
        consortium = self._load(Consortium, consortium_id)
        table_id = rate_table_id(consortium.id)
        if not self._exists(table_id):
            return 0
        return self._load(ExchangeRates, table_id).version  # type: ignore[no-any-return]
