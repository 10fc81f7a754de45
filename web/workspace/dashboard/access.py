"""Which consortium's dashboard the person reads: looked up by its slug, then the scope."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _

from marketplace.dashboard.queries import consortium_named
from marketplace.errors import NotFoundError
from web import refusals
from web.authz import require_reader
from web.extensions import services


def readable(slug: str) -> dict[str, Any]:
    """The consortium named by the slug (404), if the person may read it (403)."""
    try:
        entry = consortium_named(services().engine, slug)
    except NotFoundError as error:
        abort(404, refusals.words(error))
    require_reader(entry["consortium_id"],
                   _("This dashboard belongs to a consortium you do not manage."))
    return entry
