"""Who may use the member's space: member users write for their own company only;
officers and auditors read every company's space; managers have their own desk."""

from __future__ import annotations

from tests.web.authz import ELSEWHERE, signed_in

READ = signed_in("officer", "member", "auditor", member_other="403", **ELSEWHERE)
WRITE = signed_in("member", member_other="403")

EXPECTED = {
    "member.index": signed_in("officer", "member", "auditor"),
    "member.space": READ,
    "member.profile": READ,
    "member.capabilities": READ,
    "member.contracts": READ,
    "member.contracts_download": READ,
    "member.save_profile": WRITE,
    "member.save_capabilities": WRITE,
    "member.commit": WRITE,
    "member.withdraw": WRITE,
    "member.endorse": WRITE,
    # The member agreement: read by the company's users, officers and auditors; signed
    # by the company's member users only.
    "member.agreement": READ,
    "member.agreement_pdf": READ,
    "member.sign_agreement": WRITE,
    # A person's own mail preferences: any member user, whichever company.
    "member.mail": signed_in("member", member_other="ok"),
    "member.save_mail": signed_in("member", member_other="ok"),
}

_MEMBERSHIP = {"membership_id": lambda w: w.membership}
_REQUEST = {**_MEMBERSHIP, "bid_id": lambda w: w.rfq, "stage": "design"}

URL_ARGS = {
    "member.space": _MEMBERSHIP,
    "member.profile": _MEMBERSHIP,
    "member.capabilities": _MEMBERSHIP,
    "member.contracts": _MEMBERSHIP,
    "member.contracts_download": {**_MEMBERSHIP, "fmt": "csv"},
    "member.save_profile": _MEMBERSHIP,
    "member.save_capabilities": _MEMBERSHIP,
    "member.commit": _REQUEST,
    "member.withdraw": _REQUEST,
    "member.endorse": _MEMBERSHIP,
    "member.agreement": _MEMBERSHIP,
    "member.agreement_pdf": {**_MEMBERSHIP, "version": lambda w: 1},
    "member.sign_agreement": _MEMBERSHIP,
}
