"""The minutes of a held meeting: a PDF checked, kept in the blob store, named by an event.

The file is checked by its content (marketplace/documents/sniff.py) before anything is
kept; a refused file leaves no blob and no event. The bytes go to the blob store just
before the event is saved, as an RFQ's documents do.
"""

from __future__ import annotations

from uuid import UUID

from domain.consortium import Consortium
from domain.errors import N_, DocumentRefusedError
from marketplace.commanding import CommandBase, as_uuid, command
from marketplace.documents.blobs import BlobStore
from marketplace.documents.commands import Upload
from marketplace.documents.files import check_file

MINUTES_TYPES = frozenset({"application/pdf"})


class MeetingCommands(CommandBase):
    blobs: BlobStore
    document_limits: tuple[int, int]  # one file, and one RFQ's files together

    @command
    def attach_minutes(self, consortium_id: UUID | str, meeting_id: UUID | str,
                       upload: Upload) -> str:
        """Attach the minutes of a held meeting (a PDF); returns the file's SHA-256."""
        checked = check_file(upload[0], upload[1], self.document_limits[0])
        if checked.media_type not in MINUTES_TYPES:
            raise DocumentRefusedError("%(name)s is not a PDF: the minutes are kept as a PDF",
                                       name=checked.name)
        consortium = self._load(Consortium, consortium_id)
        consortium.attach_minutes(as_uuid(meeting_id, N_("meeting id")), checked.name,
                                  checked.size, checked.media_type, checked.sha256)
        checked.stream.seek(0)
        stored = self.blobs.put(checked.stream, limit=self.document_limits[0])
        if stored.sha256 != checked.sha256:
            raise DocumentRefusedError("%(name)s changed while it was read", name=checked.name)
        self.save(consortium)
        return checked.sha256
