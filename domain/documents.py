"""A documents area: the files kept for one consortium or one membership.

Each upload and each removal is an event on the record the area belongs to (the
Consortium or the Membership), so the area follows that record's scope and its history
sits with the rest of it. Removing a file hides it; its upload stays in the history with
its SHA-256, name and size. The rules of both areas live here, once.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

from domain.errors import N_, DocumentRefusedError, InvalidValueError, UnknownEntryError
from domain.text import text
from domain.values import within_window

TITLE_LIMIT = 120
REASON_LIMIT = 500
NAME_LIMIT = 200
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class DocumentKind(StrEnum):
    """What a kept file is."""

    CERTIFICATE = "certificate"
    SIGNED_AGREEMENT = "signed_agreement"
    CONTRACT = "contract"
    MINUTES = "minutes"
    OTHER = "other"


def area_of(aggregate: Any) -> dict[str, dict[str, Any]]:
    """The area's files by id, removed ones included (records older than areas have none);
    a public attribute, so the auditor reads it in the record's state."""
    found: dict[str, dict[str, Any]] = aggregate.__dict__.setdefault("documents_area", {})
    return found


def checked_upload(area: dict[str, dict[str, Any]], *, document_id: UUID, kind: str,
                   title: str, name: str, size: int, media_type: str, sha256: str,
                   certificate: str | None = None, expires_on: date | None = None,
                   certificates: dict[str, date | None] | None = None) -> dict[str, Any]:
    """An upload's values, checked; `certificates` are the declared ones (None: no
    certificates in this area)."""
    try:
        kind = DocumentKind(kind).value
    except ValueError:
        raise InvalidValueError("%(what)s is not one of the kinds of document",
                                what=str(kind)[:40]) from None
    if not isinstance(size, int) or size <= 0 or not _SHA256.fullmatch(str(sha256)):
        raise DocumentRefusedError("the file's digest or size is not valid")
    if str(document_id) in area:
        raise DocumentRefusedError("this file is already kept")
    if expires_on is not None:
        if not isinstance(expires_on, date):
            raise InvalidValueError("a certification's expiry must be a date")
        within_window(expires_on, N_("a certification's expiry"))
    if kind == DocumentKind.CERTIFICATE:
        if certificates is None:
            raise DocumentRefusedError("certificates are kept in a member's documents")
        certificate = text(certificate, N_("the certificate"), 120)
        if certificate not in certificates:
            raise DocumentRefusedError("%(name)s is not one of the certifications declared",
                                       name=certificate)
        expires_on = expires_on or certificates[certificate]
    else:
        certificate, expires_on = None, None
    return {"document_id": document_id, "kind": kind,
            "title": text(title, N_("the title"), TITLE_LIMIT),
            "name": text(name, N_("the file's name"), NAME_LIMIT), "size": size,
            "media_type": str(media_type), "sha256": str(sha256),
            "certificate": certificate, "expires_on": expires_on}


def checked_removal(area: dict[str, dict[str, Any]], document_id: UUID | str,
                    reason: str) -> str:
    """The reason for removing a kept file, checked; the file must be there still."""
    found = area.get(str(document_id))
    if found is None or found.get("removed"):
        raise UnknownEntryError("there is no such document in this area")
    return text(reason, N_("the reason"), REASON_LIMIT)


def keep(area: dict[str, dict[str, Any]], values: dict[str, Any]) -> None:
    """Apply an upload."""
    area[str(values["document_id"])] = {**values, "removed": False}


def hide(area: dict[str, dict[str, Any]], document_id: UUID | str) -> None:
    """Apply a removal: the file is hidden, its upload stays in the history."""
    area[str(document_id)]["removed"] = True
