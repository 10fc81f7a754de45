"""Accounts: opened with roles by an officer (or `consortia users add`), and signing in."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from uuid import UUID

from domain.account import Account, Grant
from marketplace.accounts.appointments import ManagerAccounts
from marketplace.accounts.credentials import check_password
from marketplace.accounts.invitations import (
    Invitation,
    find_invitation,
    invitation_row,
    redeem,
    reissue,
)
from marketplace.accounts.recovery import PasswordResetCommands
from marketplace.bidding.tokens import new_token
from marketplace.commanding import CommandBase, command
from marketplace.errors import NotFoundError, SignInError, SignInThrottledError
from marketplace.people import language_code, person_record

if TYPE_CHECKING:
    from marketplace.accounts.credentials import Credentials
    from marketplace.accounts.sessions import SessionStore


def grants_of(pairs: Iterable[Grant | tuple[str, str]]) -> list[Grant]:
    """Grants from (role, scope) pairs, each checked."""
    return [pair if isinstance(pair, Grant) else Grant(*pair) for pair in pairs]


class AccountCommands(PasswordResetCommands, ManagerAccounts, CommandBase):
    passwords: Credentials | None
    sessions: SessionStore | None

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
    def invite_account(self, *, name: str, email: str,
                       grants: Iterable[Grant | tuple[str, str]], language: str = "en") -> UUID:
        """Open an account with no password yet, and mail its person a link to choose one."""
        roles = grants_of(grants)
        # The language stays with the person, for the mails that follow (a new link).
        record = {**person_record(name, email), "language": language_code(language)}
        token = new_token()
        invitee_record = {**record, "invitation": token}
        person = self.vault.keep(record)
        invitee = self.vault.keep(invitee_record)
        try:
            account = Account.open(person, roles)
            account.invite(invitee)
            self._passwords().register_invited(
                account.id, email, invitation_row(token, invitee, self.clock.now()))
        except BaseException:
            self.vault.discard(person)
            self.vault.discard(invitee)
            raise
        try:
            self.save(account)
        except BaseException:
            self._passwords().forget(account.id)
            self.vault.discard(person)
            self.vault.discard(invitee)
            raise
        return account.id

    @command
    def reinvite_account(self, account_id: UUID | str, language: str | None = None) -> None:
        """Mail a fresh link to a person who has not chosen a password; older links die."""
        account = self._load(Account, account_id)
        person = self.vault.reveal(account.person)
        if person is None:
            raise NotFoundError("this account's person was erased")
        token = new_token()
        chosen = language_code(language or person.get("language") or "en")
        invitee = self.vault.keep({"name": person["name"], "email": person["email"],
                                   "invitation": token, "language": chosen})
        try:
            account.invite(invitee)
            old = reissue(self._passwords().engine, account.id,
                          invitation_row(token, invitee, self.clock.now()))
            self.save(account)
        except BaseException:
            self.vault.discard(invitee)
            raise
        for ref in old:
            self.vault.erase(ref)

    def invitation(self, token: str) -> Invitation:
        """The invitation a link opens, while it is unused and unexpired."""
        return find_invitation(self._passwords().engine, token, self.clock.now())

    def accept_invitation(self, token: str, password: str) -> UUID:
        """The invited person's chosen password; the link is used up. Recorded as
        Account.InvitationAccepted, which holds neither the password nor the token."""
        account = self._load(Account, self.invitation(token).account_id)
        if account.closed:
            raise SignInError("this account is closed")
        used = redeem(self._passwords().engine, token, password, self.clock.now())
        # The token is dead now; its vault record has no more use.
        self.vault.erase(used.invitee)
        # A new password: whoever was signed in as the account before is not any more.
        self._end_sessions(account.id)
        self._record_acceptance(account.id)
        return account.id

    @command
    def _record_acceptance(self, account_id: UUID) -> None:
        account = self._load(Account, account_id)
        account.accept_invitation()
        self.save(account)

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
        # Pages read the grants afresh, but a session opened under the old ones ends too.
        self._end_sessions(account.id)

    @command
    def close_account(self, account_id: UUID | str) -> None:
        """Close an account: it can no longer sign in, and its sessions end now."""
        account = self._load(Account, account_id)
        account.close()
        self.save(account)
        self._end_sessions(account.id)
        if self.passwords is not None:  # its "forgot password" links stop working
            self.passwords.resets.forget(account.id)

    def _end_sessions(self, account_id: UUID, keep: str | None = None) -> int:
        """End the account's sessions (but `keep`, a session's digest); how many ended."""
        if self.sessions is None:  # a marketplace built without a store for them
            return 0
        return self.sessions.end_all(account_id, keep=keep)

    def clear_failed_sign_ins(self, account_id: UUID | str) -> None:
        """Forget the wrong passwords tried for an account, so that no client waits for it
        any more (no event: a guess is not history)."""
        self._passwords().clear_failures(self._load(Account, account_id).id)

    def sign_in(self, email: str, password: str, client: str = "") -> UUID:
        """The account that this address and password open, tried from `client` (the
        remote address; "" for this machine); refuses alike whether an account exists."""
        verdict = self._passwords().verify(email.strip(), password, self.clock.now(), client)
        if verdict.wait is not None:
            raise SignInThrottledError(wait=verdict.wait)
        if not verdict.ok or verdict.account_id is None:
            raise SignInError("the e-mail address or the password is wrong")
        account = self._load(Account, verdict.account_id)
        if account.closed:
            raise SignInError("this account is closed")
        return account.id

    def get_account(self, account_id: UUID | str) -> Account:
        """One account as it is now."""
        return self._load(Account, account_id)
