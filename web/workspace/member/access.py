"""Which membership the person reaches: their own company's, or any for those who see all."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _

from marketplace.errors import NotFoundError
from marketplace.membership import queries as member_queries
from web.authz import acts_for, reads_any_membership, require_member, require_member_reader
from web.extensions import services


def can_write(membership_id: str) -> bool:
    """Whether the signed-in person acts for this membership's company."""
    return acts_for(membership_id)


def readable(membership_id: str) -> dict[str, Any]:
    """The membership if the person may see it: their own, or their agency's for officers and
    auditors."""
    refusal = _("You can only see the memberships of the companies you act for.")
    if acts_for(membership_id):
        return _found(membership_id)
    if not reads_any_membership():
        abort(403, refusal)
    found = _found(membership_id)
    require_member_reader(membership_id, str(found["consortium_id"]), refusal)
    return found


def writable(membership_id: str) -> dict[str, Any]:
    """The membership if the person acts for its company; otherwise 403, nothing written."""
    require_member(membership_id, _("You can only change the data of the company you act for; "
                                    "this membership belongs to another company."))
    return _found(membership_id)


def _found(membership_id: str) -> dict[str, Any]:
    try:
        return member_queries.membership(services().engine, membership_id)
    except NotFoundError:
        abort(404)
