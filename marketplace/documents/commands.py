"""Attaching documents: the buyer's to an RFQ, the manager's to a quote.

Every file is checked before anything is kept; a refused file leaves no blob and no
event. The bytes go to the blob store just before the events are saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO
from uuid import UUID, uuid4

from domain.bid import Bid
from domain.errors import DocumentRefusedError, DocumentTooLargeError
from marketplace.commanding import CommandBase, command
from marketplace.documents.areas import AreaCommands
from marketplace.documents.blobs import BlobStore
from marketplace.documents.files import CheckedFile, check_file, size_words

Upload = tuple[str, BinaryIO]  # the name the sender gave, and a seekable stream


class DocumentCommands(AreaCommands, CommandBase):
    blobs: BlobStore
    document_limits: tuple[int, int]  # one file, and one RFQ's files together

    def check_documents(self, files: Sequence[Upload | CheckedFile]) -> list[CheckedFile]:
        """The files as they would be kept; DocumentRefusedError for the first refused."""
        file_limit, rfq_limit = self.document_limits
        checked = [f if isinstance(f, CheckedFile) else check_file(f[0], f[1], file_limit)
                   for f in files]
        if sum(f.size for f in checked) > rfq_limit:
            raise DocumentTooLargeError("the files of one RFQ may not add up to more than "
                                        "%(limit)s", limit=size_words(rfq_limit))
        return checked

    @command
    def attach_to_rfq(self, bid_id: UUID | str,
                      files: Sequence[Upload | CheckedFile]) -> list[UUID]:
        """The buyer attaches files to the RFQ (drawings, specifications)."""
        return self._attach(bid_id, files, "buyer")

    @command
    def attach_to_quote(self, bid_id: UUID | str,
                        files: Sequence[Upload | CheckedFile]) -> list[UUID]:
        """The manager attaches files to the quote being prepared or sent."""
        return self._attach(bid_id, files, "manager")

    def _attach(self, bid_id: UUID | str, files: Sequence[Upload | CheckedFile],
                by: str) -> list[UUID]:
        checked = self.check_documents(files)
        if not checked:
            raise DocumentRefusedError("choose at least one file")
        bid = self._load(Bid, bid_id)
        ids = []
        for found in checked:
            ids.append(uuid4())
            bid.attach_document(ids[-1], found.name, found.size, found.media_type,
                                found.sha256, by, self.document_limits[1])
        for found in checked:
            found.stream.seek(0)
            stored = self.blobs.put(found.stream, limit=self.document_limits[0])
            if stored.sha256 != found.sha256:
                raise DocumentRefusedError("%(name)s changed while it was read",
                                           name=found.name)
        self.save(bid)
        return ids

    def open_document(self, sha256: str) -> BinaryIO:
        """The bytes of a recorded document, as a stream."""
        return self.blobs.open(sha256)
