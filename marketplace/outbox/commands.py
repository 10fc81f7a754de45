"""A member user's choice of the mails they receive, and the mails a command queues itself
(no event calls for them)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy.engine import Engine

from domain.account import Account
from domain.errors import InvalidRoleError
from domain.mail_preferences import MailPreferences, mail_preferences_id
from marketplace.commanding import CommandBase, command
from marketplace.outbox.account_mail import RESET_KIND
from marketplace.outbox.buyer_mail import write_sign_in_mail


class MailCommands(CommandBase):
    @command
    def choose_mails(self, account_id: UUID | str, wanted: list[str]) -> None:
        """A member user chooses which mails to receive (contribution requests, awards)."""
        account = self._load(Account, account_id)
        account._check_open()
        if not any(grant["role"] == "member" for grant in account.grants):
            raise InvalidRoleError("only a member user chooses these mails")
        preferences_id = mail_preferences_id(account.id)
        if self._exists(preferences_id):
            preferences = self._load(MailPreferences, preferences_id)
            preferences.choose_again(wanted)
        else:
            preferences = MailPreferences.choose(account.id, wanted)
        self.save(preferences)

    def mail_preferences_version(self, account_id: UUID | str) -> int:
        """The version of an account's mail preferences; 0 before the first choice."""
        account = self._load(Account, account_id)
        preferences_id = mail_preferences_id(account.id)
        if not self._exists(preferences_id):
            return 0
        return self._load(MailPreferences, preferences_id).version

    def queue_reset_mail(self, engine: Engine, ref: UUID, now: datetime) -> None:
        """Queue the "forgot password" mail, rendered from the vault record `ref` (asking is
        not history: no event calls for it)."""
        write_sign_in_mail(engine, ref, now, kind=RESET_KIND)
