"""Proposing a consortium, then its governance: manager, rules, establishment, offer."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _

from domain.values import Sector
from marketplace.agencies.queries import agency_id_of
from marketplace.formation.queries import new_rules
from marketplace.people import LANGUAGES
from web import forms
from web.authz import acting_agencies, allow
from web.extensions import services
from web.forms import Page
from web.workspace.agency import agency
from web.workspace.agency import forms as agency_forms
from web.workspace.agency.actions.steps import act
from web.workspace.agency.pages import index_page


@agency.post("/")
@allow("officer")
def propose() -> Page:
    """Propose a consortium for a sector (NACE) and region (ISO 3166-2)."""

    def run() -> None:
        marketplace = services().marketplace
        code = forms.required("agency", _("the agency"))
        mine = acting_agencies()
        if mine is not None and agency_id_of(code) not in mine:
            abort(403, _("You act for another agency."))
        cap = None
        if forms.text("programme_cap"):
            cap = forms.money("programme_cap", marketplace.programme_cap_for(code).currency)
        marketplace.propose_consortium(
            slug=forms.required("slug", _("the short name")),
            name=forms.required("name", _("the name")),
            agency=code,
            region=forms.required("region", _("the region")),
            sector=Sector(forms.required("sector_nace", _("the NACE code")),
                          forms.required("sector_name", _("the sector's name"))),
            programme_cap=cap)

    return forms.submit(
        run, again=lambda refused: index_page(refused.status, refused.message),
        done=lambda: redirect(url_for("agency.consortium", slug=forms.text("slug")), code=303))


def _manager_language() -> str:
    """The language the officer chose for the manager's invitation, else the page's."""
    if forms.text("manager_language"):
        return forms.choice("manager_language", LANGUAGES, _("the language"))
    page = forms.page_locale().split("_")[0]
    return page if page in LANGUAGES else "en"


@agency.post("/<slug>/manager")
@allow("officer")
def appoint_manager(slug: str) -> Page:
    """Appoint the consortium manager; the name and e-mail stay in the personal-data vault.
    Their account gets the manager role, or they are invited by mail to open one."""

    def run(formation: dict[str, Any]) -> None:
        services().marketplace.appoint_manager(
            formation["consortium_id"], name=forms.required("manager_name", _("the name")),
            email=forms.required("manager_email", _("the e-mail address")),
            language=_manager_language())

    return act(slug, "governance", run)


@agency.post("/<slug>/rules")
@allow("officer")
def adopt_rules(slug: str) -> Page:
    """Adopt a new version of the rules: deadline, fee schedule, work shares, quorum."""

    def run(formation: dict[str, Any]) -> None:
        currency = forms.text("fee_currency") or formation["funding"]["currency"]
        rules = new_rules(
            quote_response_days=forms.whole_number(
                "quote_response_days", _("The quote response deadline")),
            annual_fees=agency_forms.fee_schedule("annual_fees", currency),
            success_fee_percent=forms.percentage("success_fee_percent", _("The success fee")),
            work_share_rule=forms.text("work_share_rule"),
            quorum_percent=forms.whole_number("quorum_percent", _("The decision quorum")),
            grace_days=forms.whole_number("grace_days", _("The grace period")),
            suspend_on_arrears=request.form.get("suspend_on_arrears") == "yes")
        services().marketplace.adopt_rules(formation["consortium_id"], rules)

    return act(slug, "rules", run)


@agency.post("/<slug>/establish")
@allow("officer")
def establish(slug: str) -> Page:
    """Formally establish the consortium once it has a manager, rules and members."""
    return act(slug, "establish",
               lambda f: services().marketplace.establish_consortium(f["consortium_id"]))


@agency.post("/<slug>/offer")
@allow("officer")
def publish_offer(slug: str) -> Page:
    """Publish the full-service offer, stage by stage, for buyers to see."""

    def run(formation: dict[str, Any]) -> None:
        services().marketplace.publish_offer(formation["consortium_id"],
                                             forms.stages(),
                                             forms.text("summary"))

    return act(slug, "offer", run)
