"""The sessions of an account: listed and ended by their owner or an officer, and a new
password that ends every other one (no events: a session is not history)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from domain.account import Account
from marketplace.commanding import CommandBase
from marketplace.errors import NotFoundError, WrongPasswordError

if TYPE_CHECKING:
    from marketplace.accounts.credentials import Credentials
    from marketplace.accounts.sessions import SessionInfo, SessionStore


class SessionCommands(CommandBase):
    passwords: Credentials | None
    sessions: SessionStore | None

    def _sessions(self) -> SessionStore:
        if self.sessions is None:
            raise RuntimeError("this marketplace was built without a session store")
        return self.sessions

    def list_sessions(self, account_id: UUID | str) -> list[SessionInfo]:
        """The account's live sessions, the most recently used first."""
        store = self._sessions()
        return store.of_account(account_id, store.clock.now())

    def end_sessions(self, account_id: UUID | str) -> int:
        """End every session of an account (an officer helping, or a lost laptop)."""
        account = self._load(Account, account_id)
        return self._sessions().end_all(account.id)

    def end_session(self, account_id: UUID | str, handle: str) -> None:
        """End one of the account's own sessions, named by its handle."""
        if not self._sessions().end_one(account_id, str(handle)[:32]):
            raise NotFoundError()

    def change_password(self, account_id: UUID | str, current: str, new: str,
                        keep_session: str | None = None) -> int:
        """Replace the password, confirmed by the current one, and end every other session.

        `keep_session` is the digest of the session the change was made from; it stays.
        Returns how many sessions ended.
        """
        account = self._load(Account, account_id)
        if self.passwords is None:
            raise RuntimeError("this marketplace was built without a password store")
        if not self.passwords.confirms(account.id, current):
            raise WrongPasswordError("the current password is wrong")
        self.passwords.set_password(account.id, new)
        return self._sessions().end_all(account.id, keep=keep_session)
