"""Who may use the agencies' pages: officers and auditors read the agencies of their scope;
an officer of the whole installation registers agencies; an agency's officers keep its
details and programme."""

from __future__ import annotations

from tests.web.authz import ELSEWHERE, signed_in

EXPECTED = {
    # The list serves everyone who reads agencies: each sees those of their scope.
    "agencies.index": signed_in("officer", "auditor"),
    # Only an officer of the whole installation registers one (the matrix's officer is).
    "agencies.register": signed_in("officer", officer_other="403"),
    "agencies.agency_page": signed_in("officer", "auditor", **ELSEWHERE),
    "agencies.amend": signed_in("officer", **ELSEWHERE),
    "agencies.change_programme": signed_in("officer", **ELSEWHERE),
}

_AGENCY = {"agency_id": lambda w: w.agency}
URL_ARGS = {
    "agencies.agency_page": _AGENCY,
    "agencies.amend": _AGENCY,
    "agencies.change_programme": _AGENCY,
}
