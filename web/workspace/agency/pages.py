"""The agency's pages: every consortium in formation, and one consortium's formation."""

from __future__ import annotations

from flask import render_template, request

from marketplace.formation.queries import formation_list
from web import labels
from web.authz import allow
from web.extensions import services
from web.workspace.agency import agency
from web.workspace.agency.access import can_act, formation_or_404
from web.workspace.agency.render import render_formation


def index_page(status: int = 200, error: str | None = None) -> tuple[str, int]:
    """The list and the proposal form; a refused proposal keeps what was typed."""
    listed = formation_list(services().engine)
    cap = services().marketplace.programme_cap
    agencies = [entry["agency"] for entry in listed]
    return render_template(
        "agency/index.html", consortia=listed, error=error, typed=request.form if error else {},
        can_act=can_act(), statuses=labels.officer_states(), steps=labels.formation_steps(),
        default_cap=cap, default_agency=agencies[-1] if agencies else "",
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
