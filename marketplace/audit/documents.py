"""Verifying documents: every recorded file's bytes are still kept and still hash as recorded.

The events hold each file's SHA-256; the blob store holds the bytes under it. A missing
blob or one whose bytes changed is reported with the RFQ and file it belongs to, and the
check carries on, so one run lists every damaged file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from eventsourcing.utils import get_topic

from domain.bid import Bid
from marketplace.documents.blobs import BlobStore
from marketplace.exports.plain import stored_events

TOPICS = (get_topic(Bid.DocumentAttached),)


@dataclass(frozen=True)
class DocumentProblem:
    """A recorded file whose bytes are gone or altered."""

    position: int
    bid_id: str
    document_id: str
    name: str
    sha256: str
    kind: str  # missing, altered

    def __str__(self) -> str:
        return (f"position {self.position} (RFQ {self.bid_id}): file {self.name!r} "
                f"({self.document_id}) is {self.kind}: SHA-256 {self.sha256}")


def recorded_documents(app: Any) -> Iterator[tuple[int, Bid.DocumentAttached]]:
    """Every DocumentAttached event with its position, in order."""
    yield from stored_events(app, topics=TOPICS)


def verify_documents(app: Any, blobs: BlobStore, *,
                     progress: Callable[[int], Any] | None = None,
                     ) -> tuple[int, list[DocumentProblem]]:
    """How many recorded files were checked, and each that is missing or altered.

    A file attached twice (the same bytes) is read once.
    """
    checked = 0
    verdicts: dict[str, str | None] = {}
    problems: list[DocumentProblem] = []
    for position, event in recorded_documents(app):
        checked += 1
        if event.sha256 not in verdicts:
            verdicts[event.sha256] = _verdict(blobs, event.sha256)
        kind = verdicts[event.sha256]
        if kind is not None:
            problems.append(DocumentProblem(position, str(event.originator_id),
                                            str(event.document_id), event.name,
                                            event.sha256, kind))
        if progress is not None:
            progress(checked)
    return checked, problems


def _verdict(blobs: BlobStore, sha256: str) -> str | None:
    if not blobs.exists(sha256):
        return "missing"
    return None if blobs.verify(sha256) else "altered"
