"""An installation's agencies: the list and the registration form, one agency's page and
its two forms (details, programme), each refused form shown again as typed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from marketplace.agencies.queries import agency, all_agencies
from marketplace.errors import NotFoundError
from marketplace.formation.queries import formation_list
from web import forms
from web.authz import acting_agencies, allow, consortia_of_agencies, principal, reading_agencies
from web.extensions import services
from web.forms import Page
from web.workspace.agencies import agencies

READERS = ("officer", "auditor")


def _registers() -> bool:
    """Whether the person registers agencies: an officer of the whole installation."""
    return principal().holds("officer") and acting_agencies() is None


def _keeps(agency_id: str) -> bool:
    """Whether the person keeps this agency's details: an officer of it, or of all."""
    mine = acting_agencies()
    return principal().holds("officer") and (mine is None or agency_id in mine)


def _list_page(status: int = 200, error: str | None = None) -> tuple[str, int]:
    return render_template(
        "agencies/index.html", agencies=all_agencies(services().engine, reading_agencies()),
        can_register=_registers(), error=error, typed=request.form if error else {},
        default_cap=services().marketplace.programme_cap), status


@agencies.get("/")
@allow(*READERS)
def index() -> tuple[str, int]:
    """The agencies the person reads, and for an installation's officer the form to
    register one."""
    return _list_page()


def _programme(currency: str) -> dict[str, Any]:
    return {"programme_cap": forms.amount("programme_cap", currency, above_zero=True),
            "annual_fee": forms.amount("annual_fee", currency, above_zero=True),
            "success_fee_percent": forms.percentage("success_fee_percent",
                                                    _("The success fee"))}


def _legal() -> dict[str, str]:
    return {"legal_name": forms.required("legal_name", _("the legal name")),
            "address": forms.required("address", _("the address")),
            "tax_id": forms.required("tax_id", _("the tax id")),
            "contact": forms.required("contact", _("the contact"))}


def _currency() -> str:
    """The programme's currency, typed as its ISO 4217 code (the amounts check it)."""
    return forms.text("currency").upper()[:3] or services().marketplace.programme_cap.currency


@agencies.post("/")
@allow("officer")
def register() -> Page:
    """Register an agency: its code, region, programme and legal details."""
    if not _registers():
        abort(403, _("Only an officer of the whole installation registers agencies."))
    registered: list[UUID] = []

    def run() -> None:
        registered.append(services().marketplace.register_agency(
            code=forms.required("code", _("the agency's code")),
            name=forms.required("name", _("the agency's name")),
            region=forms.required("region", _("the region")),
            **_programme(_currency()), **_legal()))

    return forms.submit(
        run, again=lambda refused: _list_page(refused.status, refused.message),
        done=lambda: redirect(url_for("agencies.agency_page", agency_id=registered[0]),
                              code=303))


def _agency_or_404(agency_id: str) -> dict[str, Any]:
    """The agency, if the person reads it: 404 for none, 403 for another agency's."""
    try:
        UUID(agency_id)
    except ValueError:
        abort(404)
    mine = reading_agencies()
    if mine is not None and agency_id not in mine:
        abort(403, _("You read the records of another agency."))
    try:
        return agency(services().engine, agency_id)
    except NotFoundError:
        abort(404)


def _agency_page(found: dict[str, Any], status: int = 200, *, error: str | None = None,
                 failed: str | None = None, notice: str | None = None) -> tuple[str, int]:
    ours = consortia_of_agencies({found["agency_id"]})
    consortia = [c for c in formation_list(services().engine) if c["consortium_id"] in ours]
    return render_template(
        "agencies/agency.html", a=found, consortia=consortia, can_keep=_keeps(found["agency_id"]),
        error=error, failed=failed, notice=notice,
        typed=request.form if failed else {}), status


@agencies.get("/<agency_id>")
@allow(*READERS)
def agency_page(agency_id: str) -> tuple[str, int]:
    """One agency: its region, programme, legal details and consortia."""
    return _agency_page(_agency_or_404(agency_id), notice=_("Saved.")
                        if request.args.get("saved") in ("details", "programme") else None)


def _keep(agency_id: str, form: str, command: Any) -> Page:
    found = _agency_or_404(agency_id)
    if not _keeps(agency_id):
        abort(403, _("You act for another agency."))
    return forms.submit(
        lambda: command(found), seen=(agency_id, int(found["version"])),
        again=lambda refused: _agency_page(found, refused.status, error=refused.message,
                                           failed=form),
        done=lambda: redirect(url_for("agencies.agency_page", agency_id=agency_id,
                                      saved=form, _anchor=form), code=303))


@agencies.post("/<agency_id>/details")
@allow("officer")
def amend(agency_id: str) -> Page:
    """Change the agency's name or legal details."""
    return _keep(agency_id, "details", lambda found: services().marketplace.amend_agency(
        agency_id, name=forms.required("name", _("the agency's name")), **_legal()))


@agencies.post("/<agency_id>/programme")
@allow("officer")
def change_programme(agency_id: str) -> Page:
    """Change the agency's programme: the cap and the fees new consortia start from."""
    return _keep(agency_id, "programme", lambda found: services().marketplace.change_programme(
        agency_id, **_programme(found["currency"])))
