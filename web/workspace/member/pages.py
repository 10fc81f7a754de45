"""The member's pages: what they show; the forms on them post to actions.py."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.formation.capabilities import STAGES
from marketplace.membership import queries as member_queries
from marketplace.outbox import queries as mail_queries
from web import labels, paging
from web.authz import (
    allow,
    consortia_of_agencies,
    principal,
    reading_agencies,
    reads_any_membership,
    sees_everything,
)
from web.extensions import htmx, services
from web.spreadsheets import download
from web.workspace.member import member
from web.workspace.member.access import can_write, readable

READERS = ("member", "officer", "auditor")
EXPIRY_WARNING_DAYS = 90  # a certificate this close to expiry needs renewing now
REQUESTS_PER_PAGE = 10  # open requests on one page: each carries its forms


def today() -> Any:
    return services().marketplace.clock.now().date()


@member.get("/")
@allow(*READERS)
def index() -> Response | str:
    """The memberships the person may open; a member user of one company goes straight in."""
    everyone = sees_everything()
    agencies = (reading_agencies() if reads_any_membership() else None) or set()
    rows = member_queries.memberships(
        services().engine, None if everyone else principal().scopes("member"),
        None if everyone else consortia_of_agencies(agencies))
    if not (everyone or agencies) and len(rows) == 1:
        return redirect(url_for("member.space", membership_id=rows[0]["membership_id"]))
    return render_template("member/index.html", memberships=rows)


def certificates(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The membership's certificates, each marked expired or expiring soon."""
    now = today()
    marked = []
    for cert in row["certificates"]:
        expires = cert["expires_on"]
        expires = None if expires is None else type(now).fromisoformat(expires)
        marked.append({"name": cert["name"], "expires_on": expires,
                       "expired": expires is not None and expires < now,
                       "expiring": expires is not None
                       and now <= expires <= now + timedelta(days=EXPIRY_WARNING_DAYS)})
    return marked


def open_requests(membership_id: str) -> paging.Page:
    """The page of the member's open requests that the query string asks for (`page`)."""
    engine = services().engine
    return paging.paged(
        lambda: member_queries.open_requests_count(engine, membership_id),
        lambda limit, offset: member_queries.open_requests(engine, membership_id,
                                                           limit=limit, offset=offset),
        paging.asked("page"), REQUESTS_PER_PAGE)


def requests_fragment(membership_id: str, message: str | None = None) -> str:
    """Only the requests to price, for htmx: after a commitment, or to refresh the list."""
    return render_template(
        "member/_partials/requests.html", m=readable(membership_id), done=message,
        writer=can_write(membership_id), requests=open_requests(membership_id))


@member.get("/<membership_id>/")
@allow(*READERS)
def space(membership_id: str, status: int = 200, problem: str | None = None
          ) -> tuple[str, int]:
    """The company's space: profile, capabilities, requests to price (a page of them), fees
    and peers."""
    row = readable(membership_id)
    if htmx and htmx.target == "requests":
        return requests_fragment(membership_id), status
    engine = services().engine
    return render_template(
        "member/space.html", m=row, writer=can_write(membership_id),
        certificates=certificates(row), problem=problem,
        requests=open_requests(membership_id),
        fees=member_queries.fee_status(engine, membership_id, today()),
        peers=member_queries.peers(engine, membership_id),
    ), status


@member.get("/<membership_id>/profile")
@allow(*READERS)
def profile(membership_id: str, status: int = 200, problem: str | None = None,
            values: dict[str, Any] | None = None) -> tuple[str, int]:
    """The company profile, as a form for the company's member users."""
    row = readable(membership_id)
    version = services().marketplace.get_company(row["company_id"]).version
    shown = values or {"name": row["company_name"], "employees": row["employees"],
                       "summary": row["summary"], "website": row["website"]}
    return render_template("member/profile.html", m=row, writer=can_write(membership_id),
                           values=shown, version=version, problem=problem), status


@member.get("/<membership_id>/capabilities")
@allow(*READERS)
def capabilities(membership_id: str, status: int = 200, problem: str | None = None,
                 values: dict[str, Any] | None = None) -> tuple[str, int]:
    """Capabilities and certifications with their expiry dates, as a form."""
    row = readable(membership_id)
    held = services().marketplace.get_membership(membership_id)
    version = held.version
    # The declaration in force, which the form may correct (None before any declaration).
    corrects = getattr(held, "capabilities_version", None)
    shown = values or {
        "stages": row["stages"], "products": "\n".join(row["products"]),
        "capacity": row["capacity"],
        "certificates": [{"name": c["name"], "expires_on": c["expires_on"] or ""}
                         for c in row["certificates"]]}
    # Two empty rows to add certifications without JavaScript.
    shown["certificates"] = [*shown["certificates"], *({"name": "", "expires_on": ""},) * 2]
    return render_template("member/capabilities.html", m=row, writer=can_write(membership_id),
                           values=shown, stages=STAGES, version=version, problem=problem,
                           certificates=certificates(row), corrects=corrects), status


@member.get("/<membership_id>/contracts")
@allow(*READERS)
def contracts(membership_id: str) -> str:
    """The company's work shares and its history of RFQs and contracts."""
    row = readable(membership_id)
    engine = services().engine
    return render_template("member/contracts.html", m=row, writer=can_write(membership_id),
                           shares=member_queries.work_shares_of(engine, membership_id),
                           history=member_queries.contract_history(engine, membership_id))


@member.get("/<membership_id>/contracts.<fmt>")
@allow(*READERS)
def contracts_download(membership_id: str, fmt: str) -> Response:
    """The company's work shares, as its contracts page lists them, as CSV or XLSX: this
    membership's rows and no other's."""
    row = readable(membership_id)
    header = [_("Contract"), _("Buyer"), _("Country"), _("Awarded"), _("Currency"),
              _("Your share"), _("Contract value"), _("Status"), _("Milestones delivered")]
    rows = ([s["contract_reference"] or "", s["organisation"], s["buyer_country"],
             s["awarded_at"], s["currency"], s["amount"], s["contract_value"],
             labels.member_bid_state(s["status"]), s["milestones_delivered"]]
            for s in member_queries.work_shares_of(services().engine, membership_id))
    return download(f"work-shares-{row['company_name']}"[:60], fmt, header, rows,
                    sheet=_("Work shares"))


@member.get("/mail")
@allow("member")
def mail(status: int = 200, problem: str | None = None) -> tuple[str, int]:
    """Which mails the member user wants to receive."""
    me = principal()
    if not me.is_authenticated:
        abort(403)
    choice = mail_queries.mail_choice(services().engine, me.account_id)  # type: ignore[union-attr]
    return render_template("member/mail.html", choice=choice, kinds=mail_queries.MAIL_KINDS,
                           problem=problem), status
