"""The data-protection officer's command: erase a person's data on request."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple
from uuid import UUID

from domain.erasure import ErasureRequest
from marketplace.commanding import CommandBase, command
from marketplace.errors import NotFoundError
from marketplace.people import email_address


class Erasure(NamedTuple):
    """What an erasure did: the request that records it, and how many records it erased."""

    request_id: UUID
    erased: int


class PrivacyCommands(CommandBase):
    end_buyer_access: Callable[[str], int]  # marketplace/buyers/commands.py

    @command
    def erase_personal_data(self, email: str, reason: str) -> Erasure:
        """Erase everything kept about the person with that e-mail and record it as an event."""
        refs = self.vault.find_by_email(email_address(email))
        if not refs:
            raise NotFoundError("no personal data is kept under that e-mail address "
                                "(or it was erased already)")
        request = ErasureRequest.fulfil(refs=refs, reason=reason)
        # Recorded first: if erasing then fails, the data is still found by its address
        # and the command can simply be run again. The other way round, a failure would
        # leave an erasure that nothing records.
        self.save(request)
        for ref in refs:
            self.vault.erase(ref)
        # Their own space closes too: its sessions end, and an unused sign-in link with them.
        self.end_buyer_access(self.vault.digest_of(email_address(email)))
        return Erasure(request.id, len(refs))
