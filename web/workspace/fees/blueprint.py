"""The fees blueprint, and who may read or assess which consortium's fees."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort
from flask_babel import gettext as _

from marketplace.errors import NotFoundError
from web.authz import principal
from web.extensions import services

fees = Blueprint("fees", __name__, url_prefix="/workspace/fees")


def not_yours() -> str:
    return _("These fees belong to a consortium you do not manage; you can act only on your own.")


def visible_consortia() -> set[str] | None:
    """The consortia whose fees the person reads; None for all (officers, auditors)."""
    me = principal()
    if me.holds("officer") or me.holds("auditor"):
        return None
    return me.scopes("manager")


def readable(consortium_id: str) -> Any:
    """The consortium, if the person may read its fees (404 if there is none)."""
    try:
        consortium = services().marketplace.get_consortium(consortium_id)
    except NotFoundError:
        abort(404)
    scope = visible_consortia()
    if scope is not None and str(consortium.id) not in scope:
        abort(403, not_yours())
    return consortium


def managed(consortium_id: str) -> Any:
    """The consortium, if the person manages it: assessing is the manager's act."""
    consortium = readable(consortium_id)
    if str(consortium.id) not in principal().scopes("manager"):
        abort(403, not_yours())
    return consortium


@fees.context_processor
def names() -> dict[str, Any]:
    """How the fee screens name a fee's state and kind."""
    return {"fee_states": {"assessed": _("Due"), "failed": _("Payment failed"),
                           "paid": _("Paid"), "refunded": _("Refunded")},
            "fee_kinds": {"annual": _("Annual fee"), "success": _("Success fee")}}
