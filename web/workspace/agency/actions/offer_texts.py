"""The offer's text in each of the site's languages, beside the offer it translates."""

from __future__ import annotations

from typing import Any

from web.authz import allow
from web.extensions import services
from web.forms import Page
from web.offer_texts import typed_texts
from web.workspace.agency import agency
from web.workspace.agency.actions.steps import act


@agency.post("/<slug>/offer/texts")
@allow("officer")
def translate_offer(slug: str) -> Page:
    """Record the offer's text in the languages typed; an emptied field withdraws one."""

    def run(formation: dict[str, Any]) -> None:
        services().marketplace.translate_offer(formation["consortium_id"], typed_texts())

    return act(slug, "offer-texts", run)
