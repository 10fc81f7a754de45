"""Governance: the manager, versioned rules, the formal establishment and the offer."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _

from marketplace.formation.queries import new_rules
from web.authz import allow
from web.extensions import services
from web.workspace.agency import forms
from web.workspace.agency.blueprint import agency
from web.workspace.agency.common import Page, act


@agency.post("/<slug>/manager")
@allow("officer")
def appoint_manager(slug: str) -> Page:
    """Appoint the consortium manager; the name and e-mail stay in the personal-data vault."""

    def run(formation: dict[str, Any]) -> None:
        services().marketplace.appoint_manager(
            formation["consortium_id"], name=forms.required("manager_name", _("the name")),
            email=forms.required("manager_email", _("the e-mail address")))

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
            annual_fees=forms.fee_schedule("annual_fees", currency),
            success_fee_percent=forms.percent("success_fee_percent", _("The success fee")),
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
                                             request.form.getlist("stages"),
                                             forms.text("summary"))

    return act(slug, "offer", run)
