"""Verifying documents: every recorded file's bytes are still kept and still hash as recorded.

The events hold each file's SHA-256; the blob store holds the bytes under it. The history
records files in five places, each read here:

- an RFQ's files (the buyer's) and a quote's (the manager's): `Bid.DocumentAttached`;
- a consortium's documents area: `Consortium.DocumentUploaded`;
- a membership's documents area: `Membership.DocumentUploaded`;
- the minutes of a consortium's meetings: `Consortium.MinutesAttached`.

A missing blob or one whose bytes changed is reported with the place and record the file
belongs to, and the check carries on, so one run lists every damaged file.

A file removed from a documents area is still checked, and its blob must still be kept.
Removing only hides the file (marketplace/documents/areas.py records a `DocumentRemoved`
and deletes nothing, and the blob store has no way to delete): its upload stays in the
history with its SHA-256, the auditor reads the area as it was before the removal, and a
blob is named by its content, so the same bytes may be another record's file as well.
A damaged file that was later removed is reported so (`removed`).

Hashes that name no stored file are not read here: the agreements' and rules' SHA-256 in
`Consortium.RulesAdopted` and `Membership.AgreementSigned` are of a text the application
writes again from the rules (domain/agreements.py); a signed agreement's PDF, when there
is one, is a membership area's file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from eventsourcing.utils import get_topic

from domain.bid import Bid
from domain.consortium import Consortium
from domain.membership import Membership
from marketplace.documents.blobs import BlobStore
from marketplace.exports.plain import stored_events

# Where a file belongs: an RFQ, a quote, a consortium's or a membership's documents area,
# a meeting's minutes.
RFQ, QUOTE, CONSORTIUM, MEMBERSHIP, MINUTES = "rfq", "quote", "consortium", "membership", \
    "minutes"
PLACES = (RFQ, QUOTE, CONSORTIUM, MEMBERSHIP, MINUTES)
MISSING, ALTERED = "missing", "altered"
UPLOADS = {get_topic(Bid.DocumentAttached): None,
           get_topic(Consortium.DocumentUploaded): CONSORTIUM,
           get_topic(Membership.DocumentUploaded): MEMBERSHIP,
           get_topic(Consortium.MinutesAttached): MINUTES}
REMOVALS = (get_topic(Consortium.DocumentRemoved), get_topic(Membership.DocumentRemoved))
TOPICS = (*UPLOADS, *REMOVALS)
_WHERE = {RFQ: "RFQ {record}", QUOTE: "quote of RFQ {record}",
          CONSORTIUM: "documents of consortium {record}",
          MEMBERSHIP: "documents of membership {record}",
          MINUTES: "minutes of meeting {meeting} of consortium {record}"}


@dataclass(frozen=True)
class RecordedFile:
    """A file as the history records it, and where it belongs.

    `record_id` is the Bid, Consortium or Membership whose event recorded the file;
    `document_id` the file's id there (minutes have none: `meeting_id` names them).
    """

    position: int
    place: str  # one of PLACES
    record_id: str
    document_id: str | None
    name: str
    sha256: str
    meeting_id: str | None = None
    removed: bool = False  # removed from its documents area since

    @property
    def where(self) -> str:
        """Where the file belongs, in words: "documents of consortium <id>"."""
        return _WHERE[self.place].format(record=self.record_id, meeting=self.meeting_id)


@dataclass(frozen=True)
class DocumentProblem(RecordedFile):
    """A recorded file whose bytes are gone or altered."""

    kind: str = MISSING  # missing, altered

    def __str__(self) -> str:
        file = f"file {self.name!r}" + (f" ({self.document_id})" if self.document_id else "")
        removed = " (removed from its area since)" if self.removed else ""
        return (f"position {self.position} ({self.where}): {file}{removed} is {self.kind}: "
                f"SHA-256 {self.sha256}")


def recorded_files(app: Any) -> list[RecordedFile]:
    """Every file the history records, with its position, in order."""
    found: list[RecordedFile] = []
    removed: set[tuple[str, str]] = set()
    for position, event in stored_events(app, topics=TOPICS):
        topic = get_topic(type(event))
        record = str(event.originator_id)
        if topic in REMOVALS:
            removed.add((record, str(event.document_id)))
        else:
            found.append(_recorded(position, UPLOADS[topic], record, event))
    return [RecordedFile(**{**vars(f), "removed": True})
            if (f.record_id, f.document_id) in removed else f for f in found]


def _recorded(position: int, place: str | None, record: str, event: Any) -> RecordedFile:
    if place is None:  # a bid's: the RFQ's or the quote's
        place = QUOTE if event.attached_to == "quote" else RFQ
    if place == MINUTES:
        return RecordedFile(position, place, record, None, event.name, event.sha256,
                            meeting_id=str(event.meeting_id))
    return RecordedFile(position, place, record, str(event.document_id), event.name,
                        event.sha256)


def check_files(files: list[RecordedFile], blobs: BlobStore, *,
                progress: Callable[[int, int], Any] | None = None
                ) -> Iterator[DocumentProblem]:
    """Each of `files` that is missing or altered; a file recorded twice is read once."""
    verdicts: dict[str, str | None] = {}
    for checked, file in enumerate(files, 1):
        if file.sha256 not in verdicts:
            verdicts[file.sha256] = _verdict(blobs, file.sha256)
        kind = verdicts[file.sha256]
        if kind is not None:
            yield DocumentProblem(**vars(file), kind=kind)
        if progress is not None:
            progress(checked, len(files))


def verify_documents(app: Any, blobs: BlobStore, *,
                     progress: Callable[[int, int], Any] | None = None,
                     ) -> tuple[int, list[DocumentProblem]]:
    """How many recorded files were checked, and each that is missing or altered."""
    files = recorded_files(app)
    return len(files), list(check_files(files, blobs, progress=progress))


def _verdict(blobs: BlobStore, sha256: str) -> str | None:
    if not blobs.exists(sha256):
        return MISSING
    return None if blobs.verify(sha256) else ALTERED
