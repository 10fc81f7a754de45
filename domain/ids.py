"""Identities that follow from business keys, so a thing cannot be created twice."""

from __future__ import annotations

from uuid import UUID, uuid5

NAMESPACE = UUID("6f1f8a52-3c7e-4a8e-9d0e-5c0a7d1e2b41")


def consortium_id(slug: str) -> UUID:
    return uuid5(NAMESPACE, f"consortium:{slug}")


def company_id(tax_id: str) -> UUID:
    return uuid5(NAMESPACE, f"company:{tax_id.strip().upper()}")


def membership_id(consortium: UUID, company: UUID) -> UUID:
    return uuid5(NAMESPACE, f"membership:{consortium}:{company}")


def reference_book_id(code: str) -> UUID:
    return uuid5(NAMESPACE, f"reference-book:{code}")


def agency_key(code: str) -> str:
    """An agency's code as compared: spaces collapsed, case folded ("SODERCAN" = "sodercan")."""
    return " ".join(str(code).split()).casefold()


def agency_id(code: str) -> UUID:
    """The agency a consortium's `agency` code names, registered or not."""
    return uuid5(NAMESPACE, f"agency:{agency_key(code)}")
