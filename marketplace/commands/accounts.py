"""Accounts: opened with roles by an officer (or `consortia users add`), and signing in."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from uuid import UUID

from domain.account import Account, Grant
from marketplace.commands.base import CommandBase, command
from marketplace.credentials import check_password
from marketplace.errors import AccountLockedError, SignInError
from marketplace.people import person_record

if TYPE_CHECKING:
    from marketplace.credentials import Credentials


def grants_of(pairs: Iterable[Grant | tuple[str, str]]) -> list[Grant]:
    """Grants from (role, scope) pairs, each checked."""
    return [pair if isinstance(pair, Grant) else Grant(*pair) for pair in pairs]


class AccountCommands(CommandBase):
    passwords: Credentials | None

    def _passwords(self) -> Credentials:
        if self.passwords is None:
            raise RuntimeError("this marketplace was built without a password store")
        return self.passwords

    @command
    def open_account(self, *, name: str, email: str, password: str,
                     grants: Iterable[Grant | tuple[str, str]]) -> UUID:
        """Open an account with its roles; the person goes to the vault, the password beside."""
        roles = grants_of(grants)
        check_password(password)
        person = self.vault.keep(person_record(name, email))
        try:
            account = Account.open(person, roles)
            self._passwords().register(account.id, email, password)
        except BaseException:
            self.vault.discard(person)
            raise
        try:
            self.save(account)
        except BaseException:
            self._passwords().forget(account.id)
            self.vault.discard(person)
            raise
        return account.id

    @command
    def grant_role(self, account_id: UUID | str, role: str, scope: str = "") -> None:
        """Give an account one more role."""
        account = self._load(Account, account_id)
        account.grant(Grant(role, scope))
        self.save(account)

    @command
    def revoke_role(self, account_id: UUID | str, role: str, scope: str = "") -> None:
        """Take a role away from an account."""
        account = self._load(Account, account_id)
        account.revoke(Grant(role, scope))
        self.save(account)

    def unlock_account(self, account_id: UUID | str) -> None:
        """Lift a sign-in lock for the account's owner (no event: a lock is not history)."""
        self._passwords().unlock(self._load(Account, account_id).id)

    def sign_in(self, email: str, password: str) -> UUID:
        """The account that this address and password open; refuses with one message."""
        verdict = self._passwords().verify(email.strip(), password, self.clock.now())
        if verdict.locked_until is not None:
            raise AccountLockedError(verdict.locked_until)
        if not verdict.ok or verdict.account_id is None:
            raise SignInError("the e-mail address or the password is wrong")
        account = self._load(Account, verdict.account_id)
        if account.closed:
            raise SignInError("this account is closed")
        return account.id

    def get_account(self, account_id: UUID | str) -> Account:
        """One account as it is now."""
        return self._load(Account, account_id)
