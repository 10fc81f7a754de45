"""Giving an RFQ its reference: the consortium's code (taken at its first RFQ), the year,
and the next number of that year in the code's ReferenceBook."""

from __future__ import annotations

from eventsourcing.domain import Aggregate

from domain import clock, ids
from domain.consortium import Consortium
from domain.errors import ConsortiumStateError
from domain.references import ReferenceBook, code_candidates
from marketplace.commanding import CommandBase


class ReferenceCommands(CommandBase):
    def _issue_reference(self, consortium: Consortium) -> tuple[str, list[Aggregate]]:
        """The RFQ's reference, and the aggregates to save with the RFQ, in one transaction.

        Two requests at once both take the same next number, or two consortia the same
        free code: the store refuses the second save (same aggregate version), and the
        command's retry reloads and takes the next one.
        """
        book, changed = self._register(consortium)
        return book.issue(clock.now().year), [*changed, book]

    def _number_receipt(self, consortium: Consortium) -> tuple[str, list[Aggregate]]:
        """A fee receipt's number, and the aggregates to save with the payment."""
        book, changed = self._register(consortium)
        return book.number_receipt(clock.now().year), [*changed, book]

    def _register(self, consortium: Consortium) -> tuple[ReferenceBook, list[Aggregate]]:
        """The consortium's book, and the consortium too if it takes its code now."""
        book = self._book(consortium)
        if book is not None:
            return book, []
        # The first number gives the consortium its code: a copy to change and save, as
        # the one passed in may only have been read (`_read`).
        consortium = self._load(Consortium, consortium.id)
        return self._open_book(consortium), [consortium]

    def _book(self, consortium: Consortium) -> ReferenceBook | None:
        if consortium.code is None:
            return None
        return self._load(ReferenceBook, ids.reference_book_id(consortium.code))

    def _open_book(self, consortium: Consortium) -> ReferenceBook:
        """Take the first code of the consortium's name that no other consortium holds."""
        for code in code_candidates(consortium.name):
            # A consortium's code and its book are saved together: a book that exists
            # belongs to another consortium.
            if not self._exists(ids.reference_book_id(code)):
                consortium.assign_code(code)
                return ReferenceBook.open(code=code, consortium_id=consortium.id)
        raise ConsortiumStateError("no free code is left for %(name)s", name=consortium.name)
