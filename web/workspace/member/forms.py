"""The member's forms as typed: kept whole, so a refused form shows what was written.

The fields themselves are read with web/forms.py's parsers; what is here belongs to the
member's pages only: the profile and capabilities as typed, and the certification rows.
"""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _

from web.forms import Refused, read_day, text

CERTIFICATE_ROWS = 40  # more rows than any firm holds certifications


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
            "products": text("products"), "certificates": rows,
            # Given with a reason, the form corrects the declaration in force (`corrects`).
            "reason": text("reason"), "corrects": text("corrects")}


def certifications(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Certification rows with their expiry as a date (none if left empty)."""
    parsed = []
    for row in rows:
        expires = None
        if row["expires_on"]:
            try:  # YYYY-MM-DD from the date input, or as the page's language writes it
                expires = read_day(row["expires_on"], row["name"])
            except Refused:
                raise Refused(_("The expiry date of “%(name)s” is not a date; write it as "
                                "YYYY-MM-DD.", name=row["name"] or "?")) from None
        parsed.append({"name": row["name"], "expires_on": expires})
    return parsed
