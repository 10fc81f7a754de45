"""The account of an appointed consortium manager: the manager role on the account that
signs in with the address, or an invitation by mail when no account does (the person
signs in as manager once they have chosen a password from it)."""

from __future__ import annotations

from uuid import UUID

from domain.account import Account, Grant
from domain.errors import AccountClosedError
from marketplace.commanding import CommandBase
from marketplace.people import email_address


class ManagerAccounts(CommandBase):
    def manager_account(self, consortium_id: UUID, email: str) -> Account | None:
        """The account that signs in with the address, holding the consortium's manager
        role (granted now if it lacked it; saved by the caller with the appointment);
        None when no account signs in with it. A closed account is refused."""
        passwords = getattr(self, "passwords", None)
        if passwords is None:  # a marketplace built without a password store
            return None
        account_id = passwords.account_for(email_address(email))
        if account_id is None:
            return None
        account = self._load(Account, account_id)
        if account.closed:
            raise AccountClosedError("the account of %(email)s is closed; appoint the "
                                     "manager with another address", email=email.strip())
        grant = Grant("manager", str(consortium_id))
        if not account.holds(grant):
            account.grant(grant)
        return account
