"""The account an officer acts on, looked up once: 404 when there is none."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _

from marketplace.errors import NotFoundError
from web.extensions import services


def account(account_id: str) -> Any:
    """The account, or 404 with a sentence saying there is none."""
    try:
        return services().marketplace.get_account(account_id)
    except NotFoundError:
        abort(404, _("There is no such account."))
