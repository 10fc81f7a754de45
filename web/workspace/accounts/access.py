"""The account an officer acts on, looked up once: 404 when there is none, 403 when it
lies outside the officer's agency.

An officer of the whole installation looks after every account. An officer of one agency
(or auditor, who only reads) sees the accounts holding a role in its sphere: the agency
itself, its consortia, their member firms; and changes only those roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, g
from flask_babel import gettext as _

from marketplace.accounts.admin import grant_consortia
from marketplace.agencies.queries import AgencyScope
from marketplace.errors import NotFoundError
from web.authz import acting_agencies, consortia_of_agencies, reading_agencies
from web.extensions import services

AGENCY_ROLES = ("officer", "auditor")


@dataclass(frozen=True)
class Sphere:
    """The roles one agency's officers look after: those in its scope."""

    scope: AgencyScope
    places: dict[str, str]  # a consortium's or membership's id -> its consortium

    def holds(self, grant: dict[str, str]) -> bool:
        where = str(grant.get("scope"))
        if grant.get("role") in AGENCY_ROLES:
            return where in self.scope.agencies
        return self.places.get(where) in self.scope.consortia


def sphere(*, acting: bool = True) -> Sphere | None:
    """What the person looks after (`acting`) or reads; None for every account. Read once
    a request: the places of every grant are a read of every membership."""
    agencies = acting_agencies() if acting else reading_agencies()
    if agencies is None:
        return None
    if "grant_places" not in g:
        g.grant_places = grant_consortia(services().engine)
    return Sphere(AgencyScope(frozenset(consortia_of_agencies(agencies)), frozenset(agencies)),
                  g.grant_places)


def visible(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Of the accounts listed, those holding a role the person reads."""
    within = sphere(acting=False)
    if within is None:
        return rows
    return [row for row in rows if any(within.holds(g) for g in row["grants"])]


def account(account_id: str, *, whole: bool = False) -> Any:
    """The account, or 404 with a sentence saying there is none; 403 unless it holds a role
    the officer looks after (every role of it, when `whole`: closing ends them all)."""
    try:
        found = services().marketplace.get_account(account_id)
    except NotFoundError:
        abort(404, _("There is no such account."))
    within = sphere()
    if within is not None:
        grants = list(found.grants)
        if not any(within.holds(g) for g in grants) or (
                whole and not all(within.holds(g) for g in grants)):
            abort(403, _("This account holds roles in another agency; an officer of the "
                         "whole installation looks after it."))
    return found


def require_grant(role: str, scope: str) -> None:
    """403 unless the role lies in the officer's sphere."""
    within = sphere()
    if within is not None and not within.holds({"role": role, "scope": scope}):
        abort(403, _("This role lies in another agency."))
