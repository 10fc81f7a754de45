"""What the agency's forms find: a consortium's formation, a prospect in it, who acts.

Officers act; auditors read (the routes say so); each within their agency, or across the
installation when their grant names none. Whoever comes through `formation_or_404` has been
checked: reading needs the consortium's agency, a change needs an officer of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, request
from flask_babel import gettext as _

from marketplace.errors import NotFoundError
from marketplace.formation.queries import consortium_formation
from web.authz import SAFE_METHODS, officer_of, principal, require_officer_of, require_reader
from web.extensions import services


def formation_or_404(slug: str) -> dict[str, Any]:
    """The consortium's formation read model, or a 404 page."""
    try:
        found = consortium_formation(services().engine, slug)
    except NotFoundError:
        abort(404)
    consortium_id = str(found["consortium_id"])
    if request.method in SAFE_METHODS:
        require_reader(consortium_id, _("This consortium belongs to another agency."))
    else:
        require_officer_of(consortium_id)
    return found


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


def can_act(formation: dict[str, Any] | None = None) -> bool:
    """Whether the pages offer their forms: officers of the consortium's agency form it
    (any officer may propose one), auditors only read."""
    if formation is None:
        return principal().holds("officer")
    return officer_of(str(formation["consortium_id"]))
