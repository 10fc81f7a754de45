"""The agency's pages: every consortium in formation, and one consortium's formation."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.agencies.queries import all_agencies
from marketplace.formation.queries import formation_list, member_capabilities
from web import labels
from web.authz import acting_agencies, allow, readable_consortia
from web.extensions import services
from web.spreadsheets import download
from web.workspace.agency import agency
from web.workspace.agency.access import can_act, formation_or_404
from web.workspace.agency.render import render_formation


def index_page(status: int = 200, error: str | None = None) -> tuple[str, int]:
    """The list and the proposal form; a refused proposal keeps what was typed."""
    scope = readable_consortia()
    listed = [entry for entry in formation_list(services().engine)
              if scope is None or entry["consortium_id"] in scope]
    return render_template(
        "agency/index.html", consortia=listed, error=error, typed=request.form if error else {},
        can_act=can_act(), statuses=labels.officer_states(), steps=labels.formation_steps(),
        default_cap=services().marketplace.programme_cap,
        agencies=all_agencies(services().engine, acting_agencies()),
    ), status


@agency.get("/")
@allow("officer", "auditor")
def index() -> tuple[str, int]:
    """Every consortium with its formation status, and the form to propose one."""
    return index_page()


@agency.get("/<slug>")
@allow("officer", "auditor")
def consortium(slug: str) -> tuple[str, int]:
    """One consortium's formation, step by step, with a form for each step."""
    return render_formation(formation_or_404(slug))


@agency.get("/<slug>/members.<fmt>")
@allow("officer", "auditor")
def members_download(slug: str, fmt: str) -> Response:
    """The firms of the capability matrix and what each declared, as CSV or XLSX."""
    formed = formation_or_404(slug)
    states, stages = labels.officer_membership_states(), labels.stage_names()
    header = [_("Company"), _("Standing"), _("Tier"), _("Stages"), _("Products"),
              _("Capacity"), _("Certificates"), _("Joined on")]
    rows = ([row["company_name"], states.get(row["status"], row["status"]), row["tier"],
             ", ".join(stages.get(stage, stage) for stage in row["stages"]),
             ", ".join(row["products"]), row["capacity"],
             ", ".join(_certificate(cert) for cert in row["certificates"]), row["joined_on"]]
            for row in member_capabilities(services().engine, formed["consortium_id"]))
    return download(f"members-{slug}", fmt, header, rows, sheet=_("Members"))


def _certificate(cert: dict[str, Any]) -> str:
    if cert.get("expires_on"):
        return _("%(name)s (until %(day)s)", name=cert["name"], day=cert["expires_on"])
    return str(cert["name"])
