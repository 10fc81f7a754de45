"""The files of a documents area as its page lists them, and one file to download."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.documents import DocumentKind
from marketplace.documents.readmodel import area_documents
from marketplace.errors import NotFoundError

Row = dict[str, Any]
# The kinds of document an area keeps, in the order the forms offer them.
DOCUMENT_KINDS = tuple(kind.value for kind in DocumentKind)
CERTIFICATE = DocumentKind.CERTIFICATE.value


def list_area_documents(engine: Engine, area: str, owner_id: UUID | str,
                        today: date) -> list[Row]:
    """The area's files still kept, newest first; a certificate past its expiry is marked."""
    query = (select(area_documents)
             .where(area_documents.c.area == area,
                    area_documents.c.owner_id == str(owner_id),
                    area_documents.c.removed.is_(False))
             .order_by(area_documents.c.uploaded_at.desc(), area_documents.c.title))
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
    for row in rows:
        row["expired"] = row["expires_on"] is not None and row["expires_on"] < today
    return rows


def find_area_document(engine: Engine, area: str, owner_id: UUID | str,
                       document_id: UUID | str) -> Row:
    """One file still kept in the area; NotFoundError for a removed or unknown one."""
    query = select(area_documents).where(area_documents.c.area == area,
                                         area_documents.c.owner_id == str(owner_id),
                                         area_documents.c.document_id == str(document_id),
                                         area_documents.c.removed.is_(False))
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise NotFoundError("there is no such document in this area")
    return dict(row._mapping)
