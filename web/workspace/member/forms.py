"""Reading the member's forms: numbers, dates and lists typed by people, checked kindly."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import request
from flask_babel import gettext as _

from web.workspace.member.access import Refused

CERTIFICATE_ROWS = 40  # more rows than any firm holds certifications


def text(name: str) -> str:
    return request.form.get(name, "").strip()


def whole_number(name: str, message: str) -> int:
    """A whole number typed in a field; refused with `message` otherwise."""
    try:
        return int(text(name).replace(",", "").replace(" ", ""))
    except ValueError:
        raise Refused(message) from None


def profile() -> dict[str, Any]:
    """The company profile form, as typed."""
    return {"name": text("name"), "employees": text("employees"),
            "summary": text("summary"), "website": text("website")}


def capabilities() -> dict[str, Any]:
    """The capabilities form, as typed: stages, products one a line, certification rows."""
    rows = []
    for n in range(CERTIFICATE_ROWS):
        name, expires = text(f"cert-{n}-name"), text(f"cert-{n}-expires")
        if name or expires:
            rows.append({"name": name, "expires_on": expires})
    return {"stages": request.form.getlist("stages"), "capacity": text("capacity"),
            "products": text("products"), "certificates": rows}


def certifications(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Certification rows with their expiry as a date (none if left empty)."""
    parsed = []
    for row in rows:
        expires = None
        if row["expires_on"]:
            try:
                expires = date.fromisoformat(row["expires_on"])
            except ValueError:
                raise Refused(_("The expiry date of “%(name)s” is not a date; write it as "
                                "YYYY-MM-DD.", name=row["name"] or "?")) from None
        parsed.append({"name": row["name"], "expires_on": expires})
    return parsed


def products(typed: str) -> list[str]:
    return [line.strip() for line in typed.splitlines() if line.strip()]
