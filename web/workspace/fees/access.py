"""Whose fees the person reads, and whose they assess: the consortium, looked up once."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _

from marketplace.errors import NotFoundError
from web.authz import require_manager, require_reader
from web.extensions import services


def not_yours() -> str:
    """Why a manager of another consortium is refused."""
    return _("These fees belong to a consortium you do not manage; you can act only on your own.")


def readable(consortium_id: str) -> Any:
    """The consortium, if the person may read its fees (404 if there is none)."""
    try:
        consortium = services().marketplace.get_consortium(consortium_id)
    except NotFoundError:
        abort(404)
    require_reader(str(consortium.id), not_yours())
    return consortium


def managed(consortium_id: str) -> Any:
    """The consortium, if the person manages it: assessing is the manager's act."""
    consortium = readable(consortium_id)
    require_manager(str(consortium.id), not_yours())
    return consortium
