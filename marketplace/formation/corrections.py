"""The officer's corrections of what formation recorded, and meetings that did not happen.

A wrong entry is never edited: a new event names the one it corrects, with a reason, and
the read models show the corrected figures. The officer, who records these entries,
corrects them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from domain import ids
from domain.consortium import Consortium
from domain.errors import N_
from domain.membership import Membership
from domain.money import Money
from marketplace.commanding import CommandBase, as_uuid, command, project


class FormationCorrections(CommandBase):
    if TYPE_CHECKING:  # the formation commands' own (marketplace/formation/commands.py)

        def programme_cap_for(self, agency: str) -> Money: ...

    @command
    def cancel_meeting(self, consortium_id: UUID | str, meeting_id: UUID | str,
                       reason: str) -> None:
        """Record that a planned meeting did not take place, and why."""
        consortium = self._load(Consortium, consortium_id)
        consortium.cancel_meeting(as_uuid(meeting_id, N_("meeting id")), reason)
        self.save(consortium)

    @command
    def correct_attendance(self, consortium_id: UUID | str, meeting_id: UUID | str,
                           attendees: list[UUID | str], reason: str) -> None:
        """Correct who attended a held meeting; newly listed attendees' memberships record it."""
        consortium = self._load(Consortium, consortium_id)
        meeting = as_uuid(meeting_id, N_("meeting id"))
        companies = [as_uuid(a, N_("company id")) for a in attendees]
        consortium.correct_attendance(meeting, companies, reason)
        # A membership keeps the meetings it attended; one attendance the first record
        # missed is added there too. One recorded wrongly stays, corrected here.
        self.save(consortium, *self._attending(consortium, meeting, companies))

    def _attending(self, consortium: Consortium, meeting: UUID,
                   companies: list[UUID]) -> list[Membership]:
        """The attendees' memberships, each having recorded its presence at the meeting."""
        memberships = [self._load(Membership, ids.membership_id(consortium.id, c))
                       for c in companies]
        for membership in memberships:
            membership.attend_meeting(meeting)
        return memberships

    @command
    def correct_grant(self, consortium_id: UUID | str, corrects: int, amount: Money,
                      reason: str) -> None:
        """Correct the amount of the grant recorded at version `corrects`, saying why."""
        consortium = self._with_entry(consortium_id, corrects)
        consortium.correct_grant(corrects, amount, reason,
                                 self.programme_cap_for(consortium.agency))
        self.save(consortium)

    @command
    def correct_disbursement(self, consortium_id: UUID | str, corrects: int, amount: Money,
                             reason: str) -> None:
        """Correct the amount of the disbursement recorded at version `corrects`, saying why."""
        consortium = self._with_entry(consortium_id, corrects)
        consortium.correct_disbursement(corrects, amount, reason)
        self.save(consortium)

    def _with_entry(self, consortium_id: UUID | str, corrects: int) -> Consortium:
        """The consortium, replayed in full when a snapshot older than corrections lacks
        the entry (snapshots taken before kept no seed-funding entries)."""
        consortium = self._load(Consortium, consortium_id)
        if str(corrects) in consortium.__dict__.get("seed_entries", {}):
            return consortium
        replayed: Consortium = project(None, self.repository.event_store.get(consortium.id))
        return replayed
