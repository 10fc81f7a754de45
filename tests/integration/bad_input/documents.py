"""Bad input to the documents' commands: the buyer's files on an RFQ, the manager's on a
quote, and the files of a consortium's or a membership's documents area.

A refused file keeps no blob: test_bad_input.py counts the blobs as well as the events.
"""

from __future__ import annotations

import io
from typing import Any
from uuid import uuid4

from domain import errors as E
from domain.bid import DOCUMENTS_MOST
from marketplace.settings import DOCUMENT_LIMIT_BYTES
from tests import documents as files
from tests.integration.bad_input.world import World, a, case


def good() -> tuple[str, io.BytesIO]:
    return "flange.pdf", io.BytesIO(files.PDF)


def then(bad_name: str, content: bytes) -> Any:
    """A good file first, then a bad one: neither is kept."""
    return lambda w: a(w.requested, [good(), (bad_name, io.BytesIO(content))])


def _quote(bid: str) -> Any:
    return lambda w: a(getattr(w, bid), [("terms.pdf", io.BytesIO(files.PDF))])


def _many(w: World) -> Any:
    return a(w.requested, [(f"sheet-{n}.pdf", io.BytesIO(files.PDF + str(n).encode()))
                           for n in range(DOCUMENTS_MOST + 1)])


def _area(owner: str, upload: tuple[str, bytes] = ("minutes.pdf", files.PDF),
          **fields: Any) -> Any:
    """A file for a documents area: the consortium's, or its first member's."""
    def given(w: World) -> Any:
        area, owner_id = (("consortium", w.formed.consortium) if owner == "consortium"
                          else ("membership", w.formed.memberships[0]))
        name, content = upload
        return a(area, owner_id, (name, io.BytesIO(content)),
                 **{"kind": "other", "title": "Minutes", **fields})
    return given


def _removal(reason: str, document: str | None = None) -> Any:
    def given(w: World) -> Any:
        return a("consortium", w.formed.consortium, document or str(uuid4()), reason)
    return given


CASES = [
    case("upload_area_document", _area("consortium", ("run.pdf", files.SCRIPT)),
         E.DocumentRefusedError, "a script named as a PDF"),
    case("upload_area_document", _area("consortium", kind="invoice"), E.InvalidValueError,
         "a kind of document that does not exist"),
    case("upload_area_document", _area("consortium", title="T" * 121), E.InvalidValueError,
         "a title over 120 characters"),
    case("upload_area_document", _area("consortium", kind="certificate",
                                       certificate="ISO 9001"),
         E.DocumentRefusedError, "a certificate in a consortium's area"),
    case("upload_area_document", _area("membership", kind="certificate",
                                       certificate="Made up"),
         E.DocumentRefusedError, "a certificate the member never declared"),
    case("remove_area_document", _removal("Wrong file"), E.UnknownEntryError,
         "a document the area does not keep"),

    case("attach_to_rfq", lambda w: a(w.requested, []), E.DocumentRefusedError, "no file"),
    case("attach_to_rfq", then("run.pdf", files.SCRIPT), E.DocumentRefusedError,
         "a script named as a PDF"),
    case("attach_to_rfq", then("../../drawing.pdf", files.PDF), E.DocumentRefusedError,
         "a name with a path"),
    case("attach_to_rfq", then("empty.pdf", b""), E.DocumentRefusedError, "an empty file"),
    case("attach_to_rfq", then("drawings.zip", files.ZIP_BOMB), E.DocumentRefusedError,
         "a zip bomb"),
    case("attach_to_rfq", then("big.pdf", files.PDF + b" " * DOCUMENT_LIMIT_BYTES),
         E.DocumentTooLargeError, "one byte over the file limit"),
    case("attach_to_rfq", _many, E.DocumentRefusedError, "one file more than the most"),
    case("attach_to_rfq", lambda w: a(w.awarded, [good()]), E.BidStateError,
         "after the award"),
    case("attach_to_quote", _quote("requested"), E.BidStateError, "RFQ not qualified"),
    case("attach_to_quote", _quote("accepted"), E.BidStateError, "quote accepted"),
    case("attach_to_quote", lambda w: a(w.quoted, [("terms.exe", io.BytesIO(b"MZ\x90\x00"))]),
         E.DocumentRefusedError, "a program"),
]
