"""RFQ references: a consortium's short code, and the numbers it gives its RFQs each year.

A reference reads `CGM-2026-0042`: the consortium's code, the year, and the RFQ's number
in that year. The numbers are kept in a ReferenceBook, one per code, whose identity
follows from the code: two consortia cannot open the same book, because the store takes
only one first event for one aggregate id, and two RFQs cannot take the same number,
because the store takes only one event for one version of the book.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from uuid import UUID

from eventsourcing.domain import event

from domain import ids
from domain.base import DomainAggregate
from domain.errors import InvalidValueError

CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
REFERENCE = re.compile(r"^([A-Z][A-Z0-9]{1,7})-(\d{4})-(\d{4,})$")
# Small words a name's initials leave out: "Sabores de Cantabria Export" is SCE.
_SMALL_WORDS = frozenset({
    "a", "an", "and", "of", "the", "for", "de", "del", "la", "las", "los", "el", "y", "e",
    "en", "et", "des", "du", "le", "les", "und", "der", "die", "das", "von", "fur", "zu"})


def _words(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return [w for w in re.split(r"[^A-Za-z0-9]+", plain) if w]


def code_candidates(name: str) -> Iterator[str]:
    """The codes a consortium of this name may take, best first: its initials, then numbered.

    "Cantabria Global Metal" gives CGM, then CGM2, CGM3...; a one-word name its first
    three letters.
    """
    words = _words(name)
    significant = [w for w in words if w.lower() not in _SMALL_WORDS] or words or ["X"]
    if len(significant) == 1:
        base = significant[0][:3].upper()
    else:
        base = "".join(w[0] for w in significant)[:5].upper()
    if not base[0].isalpha():
        base = "C" + base
    base = (base + "X")[:max(len(base), 2)]
    yield base
    for n in range(2, 1000):
        yield f"{base}{n}"


def check_code(code: str) -> str:
    if not isinstance(code, str) or not CODE.match(code):
        raise InvalidValueError(
            "%(code)s is not a valid code: two to eight capital letters or digits, "
            "starting with a letter", code=repr(code)[:20])
    return code


def format_reference(code: str, year: int, sequence: int) -> str:
    """`CGM-2026-0042`: the sequence has at least four digits."""
    return f"{code}-{year:04d}-{sequence:04d}"


class ReferenceBook(DomainAggregate):
    """One code's register of RFQ references: which consortium holds the code, and the
    last number given in each year."""

    class Opened(DomainAggregate.Created):
        code: str
        consortium_id: UUID

    class ReferenceIssued(DomainAggregate.Event):
        year: int
        sequence: int

    class ReceiptNumbered(DomainAggregate.Event):
        """The next number of the year's fee receipts: receipts count apart from RFQs."""

        year: int
        sequence: int

    @staticmethod
    def create_id(code: str, **_: object) -> UUID:
        return ids.reference_book_id(code)

    @classmethod
    def open(cls, *, code: str, consortium_id: UUID) -> ReferenceBook:
        """Open the register of a code for the consortium that takes it."""
        return cls(code=check_code(code), consortium_id=consortium_id)

    @event(Opened)
    def __init__(self, code, consortium_id) -> None:
        self.code = code
        self.consortium_id = consortium_id
        self.last: dict[str, int] = {}

    def issue(self, year: int) -> str:
        """Give the next reference of the year."""
        _check_year(year)
        self._issue(year, self.last.get(str(year), 0) + 1)
        return format_reference(self.code, year, self.last[str(year)])

    @event(ReferenceIssued)
    def _issue(self, year, sequence) -> None:
        self.last[str(year)] = sequence

    def number_receipt(self, year: int) -> str:
        """Give the next fee receipt number of the year: `CGM-R-2026-0001`."""
        _check_year(year)
        receipts: dict[str, int] = self.__dict__.get("receipts", {})
        self._number_receipt(year, receipts.get(str(year), 0) + 1)
        return format_receipt_number(self.code, year, self.__dict__["receipts"][str(year)])

    @event(ReceiptNumbered)
    def _number_receipt(self, year, sequence) -> None:
        # A book from before receipts were numbered (a snapshot) has no such register.
        self.__dict__.setdefault("receipts", {})[str(year)] = sequence


def _check_year(year: int) -> None:
    if not isinstance(year, int) or not 2000 <= year <= 9999:
        raise InvalidValueError("%(year)s is not a year a reference can carry",
                                year=repr(year)[:10])


def format_receipt_number(code: str, year: int, sequence: int) -> str:
    """`CGM-R-2026-0001`: the consortium's code, R for receipt, the year and the number."""
    return f"{code}-R-{year:04d}-{sequence:04d}"


def check_reference(reference: str) -> str:
    if not isinstance(reference, str) or not REFERENCE.match(reference):
        raise InvalidValueError("%(reference)s is not an RFQ reference",
                                reference=repr(reference)[:30])
    return reference
