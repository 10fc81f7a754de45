"""Correcting a seed-funding entry: a grant or a disbursement, with the reason why."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _

from web import forms
from web.authz import allow
from web.extensions import services
from web.forms import Page
from web.workspace.agency import agency
from web.workspace.agency.actions.steps import act


@agency.post("/<slug>/funding/<int:version>/correction")
@allow("officer")
def correct_funding(slug: str, version: int) -> Page:
    """Correct the amount of the grant or disbursement recorded at `version`."""

    def run(formation: dict[str, Any]) -> None:
        entry = next((line for line in formation["ledger"] if line["version"] == version), None)
        if entry is None:
            abort(404)
        marketplace = services().marketplace
        command = (marketplace.correct_grant if entry["kind"] == "granted"
                   else marketplace.correct_disbursement)
        command(formation["consortium_id"], version,
                forms.money("amount", entry["currency"]),
                forms.required("reason", _("the reason")))

    return act(slug, f"correct-{version}", run)
