"""A forgotten password: a one-time link by mail (accounts/resets.py), then a new password.

Asking is not history (anyone may type an address) and leaves no event; choosing the new
password is, and records Account.PasswordReset, with no secret and no token in it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from domain.account import Account
from marketplace.bidding.tokens import new_token
from marketplace.commanding import CommandBase, command
from marketplace.people import LANGUAGES, email_address

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from marketplace.accounts.credentials import Credentials
    from marketplace.accounts.sessions import SessionStore


class PasswordResetCommands(CommandBase):
    passwords: Credentials | None
    sessions: SessionStore | None

    if TYPE_CHECKING:  # the outbox's (marketplace/outbox/commands.py): it watches accounts

        def queue_reset_mail(self, engine: Engine, ref: UUID, now: datetime) -> None: ...

    def _reset_store(self) -> Credentials:
        if self.passwords is None:
            raise RuntimeError("this marketplace was built without a password store")
        return self.passwords

    def _link_time(self) -> datetime:
        # The wall clock, as sessions keep it: the business's clock, which the demo and
        # tests move on by weeks, must not make a link expire, nor live on.
        return (self.sessions.clock if self.sessions is not None else self.clock).now()

    def ask_password_reset(self, email: str, language: str = "en") -> bool:
        """Mail a one-time link to choose a new password, if an open account signs in with
        the address. Returns whether a mail went; the page must not tell (the same answer
        either way). The mail speaks the person's language, else the page's."""
        address = email_address(email)
        passwords = self._reset_store()
        account_id = passwords.account_for(address)
        if account_id is None:
            return False
        account = self._load(Account, account_id)
        person = self.vault.reveal(account.person)
        if account.closed or not person:
            return False  # a closed account, or an erased person: nobody to mail
        spoken = person.get("language") or language
        token = new_token()
        ref = self.vault.keep({"name": person.get("name", ""), "email": person["email"],
                               "language": spoken if spoken in LANGUAGES else "en",
                               "reset": token})
        passwords.resets.add(token, account.id, self._link_time())
        self.queue_reset_mail(passwords.engine, ref, self.clock.now())
        return True

    def password_reset_account(self, token: str) -> UUID:
        """The open account a reset link is for, while the link is unused and in time."""
        account_id = self._reset_store().resets.account_of(token, self._link_time())
        account = self._load(Account, account_id)
        account._check_open()
        return account.id

    def reset_password(self, token: str, password: str) -> UUID:
        """Keep the new password, use the link up and end every session of the account;
        recorded as Account.PasswordReset. Returns the account."""
        self.password_reset_account(token)  # a spent link is refused before the password
        account_id = self._reset_store().reset_password(token, password, self._link_time())
        if self.sessions is not None:
            self.sessions.end_all(account_id)
        self._record_password_reset(account_id)
        return account_id

    @command
    def _record_password_reset(self, account_id: UUID) -> None:
        account = self._load(Account, account_id)
        account.reset_password()
        self.save(account)
