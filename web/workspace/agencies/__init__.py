"""The agencies one installation serves: their list, registration, details and programme.

An officer of the whole installation registers agencies; an officer of one agency keeps
its details and programme; auditors read. Nobody reads an agency outside their scope.
"""

from __future__ import annotations

from flask import Blueprint

agencies = Blueprint("agencies", __name__, url_prefix="/workspace/agencies")

from web.workspace.agencies import pages  # noqa: E402 - registers the views

__all__ = ["agencies", "pages"]
