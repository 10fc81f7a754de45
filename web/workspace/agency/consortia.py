"""The consortia the agency forms: the list, a proposal, and one consortium's page."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from domain.errors import DomainError
from domain.values import Sector
from marketplace.formation.queries import formation_list
from web.authz import allow, principal
from web.extensions import services
from web.workspace.agency import forms
from web.workspace.agency.blueprint import agency
from web.workspace.agency.choices import status_names, step_names
from web.workspace.agency.common import Page, formation_or_404, render_formation, sentence


def _index(status: int = 200, error: str | None = None) -> tuple[str, int]:
    listed = formation_list(services().engine)
    cap = services().marketplace.programme_cap
    agencies = [entry["agency"] for entry in listed]
    return render_template(
        "agency/index.html", consortia=listed, error=error, typed=request.form if error else {},
        can_act=principal().holds("officer"), statuses=status_names(), steps=step_names(),
        default_cap=cap, default_agency=agencies[-1] if agencies else "",
    ), status


@agency.get("/")
@allow("officer", "auditor")
def index() -> tuple[str, int]:
    """Every consortium with its formation status, and the form to propose one."""
    return _index()


@agency.post("/")
@allow("officer")
def propose() -> Page:
    """Propose a consortium for a sector (NACE) and region (ISO 3166-2)."""
    marketplace = services().marketplace
    try:
        cap = marketplace.programme_cap
        if forms.text("programme_cap"):
            cap = forms.amount("programme_cap", cap.currency)
        slug = forms.required("slug", _("the short name"))
        marketplace.propose_consortium(
            slug=slug, name=forms.required("name", _("the name")),
            agency=forms.required("agency", _("the agency")),
            region=forms.required("region", _("the region")),
            sector=Sector(forms.required("sector_nace", _("the NACE code")),
                          forms.required("sector_name", _("the sector's name"))),
            programme_cap=cap)
    except DomainError as refused:
        return _index(422, sentence(str(refused)))
    return redirect(url_for("agency.consortium", slug=slug), code=303)


@agency.get("/<slug>")
@allow("officer", "auditor")
def consortium(slug: str) -> tuple[str, int]:
    """One consortium's formation, step by step, with a form for each step."""
    return render_formation(formation_or_404(slug))
