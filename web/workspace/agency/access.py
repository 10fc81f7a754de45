"""What the agency's forms find: a consortium's formation, a prospect in it, who acts.

Officers act; auditors read (the routes say so); both see every consortium.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort

from marketplace.errors import NotFoundError
from marketplace.formation.queries import consortium_formation
from web.authz import principal
from web.extensions import services


def formation_or_404(slug: str) -> dict[str, Any]:
    """The consortium's formation read model, or a 404 page."""
    try:
        return consortium_formation(services().engine, slug)
    except NotFoundError:
        abort(404)


def consortium_seen(formation: dict[str, Any]) -> tuple[str, int]:
    """The consortium and the version its page showed: a formation form changes it."""
    return formation["consortium_id"], int(formation["version"])


def prospect_seen(membership_id: str) -> Callable[[dict[str, Any]], tuple[str, int]]:
    """For a form about one prospect: its membership and version; 404 if not a prospect here."""

    def seen(formation: dict[str, Any]) -> tuple[str, int]:
        for prospect in formation["prospects"]:
            if prospect["membership_id"] == membership_id:
                return membership_id, int(prospect["version"])
        abort(404)

    return seen


def can_act() -> bool:
    """Whether the pages offer their forms: officers form consortia, auditors only read."""
    return principal().holds("officer")
