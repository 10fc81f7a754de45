"""Prospects: identify a company (registering it if new), its capabilities, its decision."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from domain.errors import ConsortiumClosedError
from domain.statuses import ConsortiumStatus
from domain.values import Sector
from web import forms
from web.authz import allow
from web.extensions import services
from web.forms import Page, Refused
from web.workspace.agency import agency
from web.workspace.agency import forms as agency_forms
from web.workspace.agency.access import prospect_seen
from web.workspace.agency.actions.steps import act

NOTE_LIMIT = 2000  # what the membership keeps of a note on export potential


def _register(formation: dict[str, Any]) -> str:
    """Register the company typed into the form, in the consortium's sector."""
    company = services().marketplace.register_company(
        tax_id=forms.required("tax_id", _("the tax id")),
        name=forms.required("company_name", _("the company's name")),
        region=forms.text("company_region") or formation["region"],
        sector=Sector(formation["sector_nace"], formation["sector_name"]),
        employees=forms.whole_number("employees", _("The number of employees")),
        summary=forms.required("summary", _("the company's summary")),
        website=forms.text("website"))
    return str(company)


@agency.post("/<slug>/prospects")
@allow("officer")
def identify(slug: str) -> Page:
    """Identify a prospect, with a note on its export potential; a new company is registered."""

    def run(formation: dict[str, Any]) -> None:
        # Checked before a new company is registered, so that a refusal writes nothing.
        note = forms.required("export_potential", _("the note on export potential"))
        if len(note) > NOTE_LIMIT:
            raise Refused(_("The note is longer than %(n)d characters.", n=NOTE_LIMIT),
                          field="export_potential")
        if formation["status"] == ConsortiumStatus.DISSOLVED:
            raise ConsortiumClosedError("%(name)s has been dissolved", name=formation["name"])
        company = forms.text("company_id") or _register(formation)
        services().marketplace.identify_prospect(formation["consortium_id"], company, note)

    return act(slug, "prospects", run)


@agency.post("/<slug>/prospects/<membership_id>/capabilities")
@allow("officer")
def declare(slug: str, membership_id: str) -> Page:
    """Record the capabilities a prospect declared: stages, products, certificates, capacity."""

    def run(_formation: dict[str, Any]) -> None:
        services().marketplace.declare_capabilities(
            membership_id, stages=forms.stages(),
            products=forms.lines("products"),
            certifications=agency_forms.certifications("certifications"),
            capacity=forms.text("capacity"))

    return act(slug, f"prospect-{membership_id}", run, prospect_seen(membership_id))


@agency.post("/<slug>/prospects/<membership_id>/decision")
@allow("officer")
def decide(slug: str, membership_id: str) -> Page:
    """Record a prospect's decision: joined with a signed agreement, or declined."""

    def run(_formation: dict[str, Any]) -> None:
        marketplace = services().marketplace
        decision = forms.text("decision")
        if decision == "join":
            marketplace.join_consortium(
                membership_id, agreement=forms.required("agreement", _("the agreement")),
                tier=forms.required("tier", _("the member tier")))
        elif decision == "decline":
            marketplace.decline_membership(membership_id, forms.text("reason"))
        else:
            raise Refused(_("Choose whether the company joins or declines."), field="decision")

    return act(slug, f"decision-{membership_id}", run, prospect_seen(membership_id))


@agency.post("/<slug>/capabilities")
@allow("officer")
def map_capabilities(slug: str) -> Page:
    """Record the capability map of the prospects' declarations, with its gaps."""
    return act(slug, "matrix",
               lambda f: services().marketplace.map_capabilities(f["consortium_id"]))
