"""The agency's forms, by formation step; importing the modules registers their routes.

Each form goes through `forms.submit` (see `steps.act`) against the version the page
showed: 404 for a missing record, 409 for a stale form, 422 with the form as typed.
"""

from __future__ import annotations

from web.workspace.agency.actions import (
    corrections,
    funding,
    governance,
    meetings,
    offer_texts,
    prospects,
)

__all__ = ["corrections", "funding", "governance", "meetings", "offer_texts", "prospects"]
