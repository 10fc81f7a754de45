"""Seed funding: grants within the programme cap, disbursements within the grant."""

from __future__ import annotations

from typing import Any

from web import forms
from web.authz import allow
from web.extensions import services
from web.forms import Page
from web.workspace.agency import agency
from web.workspace.agency.actions.steps import act


@agency.post("/<slug>/funding/grants")
@allow("officer")
def grant(slug: str) -> Page:
    """Grant seed funding; the consortium refuses a grant beyond the programme cap."""

    def run(formation: dict[str, Any]) -> None:
        services().marketplace.grant_seed_funding(
            formation["consortium_id"], forms.money("amount", formation["funding"]["currency"]))

    return act(slug, "grant", run)


@agency.post("/<slug>/funding/disbursements")
@allow("officer")
def disburse(slug: str) -> Page:
    """Disburse part of the grant for a purpose; never beyond what was granted."""

    def run(formation: dict[str, Any]) -> None:
        services().marketplace.disburse_seed_funding(
            formation["consortium_id"], forms.money("amount", formation["funding"]["currency"]),
            forms.text("purpose"))

    return act(slug, "disburse", run)
