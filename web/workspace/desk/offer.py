"""The manager's page for the consortium's offer text in each of the site's languages.

Buyers read the offer in their language when it is given here, else the published text
with a note. The officer publishes the offer; its manager keeps its translations (the
officer may too, on the formation page).
"""

from __future__ import annotations

from typing import Any

from flask import abort, render_template
from flask_babel import gettext as _

from domain.errors import DomainError
from marketplace.errors import NotFoundError
from marketplace.storefront.queries import offer_texts, stale_offer_languages
from web import forms
from web.authz import allow, manages
from web.extensions import services
from web.forms import Page
from web.offer_texts import LANGUAGES, typed_texts
from web.workspace.desk import desk
from web.workspace.desk.access import check_manages, check_reads


def _consortium(consortium_id: str) -> Any:
    """The consortium as it is now, if the person may read its desk; else 403 or 404."""
    check_reads(consortium_id)
    try:
        return services().marketplace.get_consortium(consortium_id)
    except (NotFoundError, DomainError):  # unknown, or not an id at all
        abort(404)


def offer_page(consortium_id: str, status: int = 200) -> tuple[str, int]:
    """The published offer and its texts per language, with the form for its manager."""
    consortium = _consortium(consortium_id)
    engine = services().engine
    return render_template(
        "desk/offer.html", consortium=consortium, consortium_id=consortium_id,
        texts=offer_texts(engine, consortium_id),
        stale=stale_offer_languages(engine, consortium_id), languages=LANGUAGES,
        manages=manages(consortium_id)), status


@desk.get("/consortia/<consortium_id>/offer")
@allow("manager", "officer", "auditor")
def offer(consortium_id: str) -> tuple[str, int]:
    """The consortium's offer in the site's languages."""
    return offer_page(consortium_id)


@desk.post("/consortia/<consortium_id>/offer")
@allow("manager")
def translate_offer(consortium_id: str) -> Page:
    """Record the offer's text in the languages typed; an emptied field withdraws one."""
    consortium = _consortium(consortium_id)
    check_manages(consortium_id)
    return forms.submit(
        lambda: services().marketplace.translate_offer(consortium_id, typed_texts()),
        seen=(consortium.id, consortium.version),
        again=lambda refused: offer_page(consortium_id, refused.status),
        done=lambda: forms.done(_("Saved."), "desk.offer", consortium_id=consortium_id))
