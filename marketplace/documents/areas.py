"""The documents areas of consortia and memberships: a file checked by its content, kept
in the blob store, and named by an event on the record it belongs to.

A refused file leaves no blob and no event. Removing a file records why and hides it; the
upload's event keeps its SHA-256, name and size.
"""

from __future__ import annotations

from datetime import date
from typing import BinaryIO
from uuid import UUID, uuid4

from domain.consortium import Consortium
from domain.errors import N_, DocumentRefusedError
from domain.membership import Membership
from marketplace.commanding import CommandBase, as_uuid, command
from marketplace.documents.blobs import BlobStore
from marketplace.documents.files import check_file

Upload = tuple[str, BinaryIO]
Area = Consortium | Membership
AREAS: dict[str, type[Area]] = {"consortium": Consortium, "membership": Membership}


class AreaCommands(CommandBase):
    blobs: BlobStore
    document_limits: tuple[int, int]  # one file, and one RFQ's files together

    @command
    def upload_area_document(self, area: str, owner_id: UUID | str, upload: Upload, *,
                             kind: str, title: str, certificate: str | None = None,
                             expires_on: date | None = None) -> UUID:
        """Keep a file in a consortium's or a membership's documents area; its new id."""
        checked = check_file(upload[0], upload[1], self.document_limits[0])
        record = self._load(AREAS[area], owner_id)
        document_id = uuid4()
        record.upload_document(document_id=document_id, kind=kind, title=title,
                               name=checked.name, size=checked.size,
                               media_type=checked.media_type, sha256=checked.sha256,
                               certificate=certificate, expires_on=expires_on)
        checked.stream.seek(0)
        stored = self.blobs.put(checked.stream, limit=self.document_limits[0])
        if stored.sha256 != checked.sha256:
            raise DocumentRefusedError("%(name)s changed while it was read", name=checked.name)
        self.save(record)
        return document_id

    @command
    def remove_area_document(self, area: str, owner_id: UUID | str,
                             document_id: UUID | str, reason: str) -> None:
        """Hide a file of a documents area, saying why; the history keeps its upload."""
        record = self._load(AREAS[area], owner_id)
        record.remove_document(as_uuid(document_id, N_("document id")), reason)
        self.save(record)
