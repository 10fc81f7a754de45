"""Unknown and malformed ids, for every command that takes one."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import uuid4

from marketplace.errors import NotFoundError
from tests.documents import PDF
from tests.integration.bad_input.world import GOOD_RFQ, World, a, case, rfq
from tests.story import eur, rules

# Each command, with arguments that would do if its ids named something.
ID_COMMANDS: dict[str, Callable[[Any], Any]] = {
    "revise_company_profile": lambda i: a(i, name="X", employees=5, summary="s", website=""),
    "identify_prospect": lambda i: a(i, uuid4(), "note"),
    "plan_meeting": lambda i: a(i, date(2030, 1, 1), "Intro"),
    "hold_meeting": lambda i: a(i, uuid4(), []),
    "cancel_meeting": lambda i: a(i, uuid4(), "Rain"),
    "correct_attendance": lambda i: a(i, uuid4(), [], "Typo"),
    "attach_minutes": lambda i: a(i, uuid4(), ("acta.pdf", io.BytesIO(PDF))),
    "upload_area_document": lambda i: a("consortium", i, ("acta.pdf", io.BytesIO(PDF)),
                                        kind="other", title="Minutes"),
    "remove_area_document": lambda i: a("membership", i, str(uuid4()), "Wrong file"),
    "correct_grant": lambda i: a(i, 2, eur("10"), "Typo"),
    "correct_disbursement": lambda i: a(i, 2, eur("10"), "Typo"),
    "map_capabilities": lambda i: a(i),
    "grant_seed_funding": lambda i: a(i, eur("10")),
    "disburse_seed_funding": lambda i: a(i, eur("10"), "Fair"),
    "appoint_manager": lambda i: a(i, name="Ana Ruiz", email="ana@x.example"),
    "adopt_rules": lambda i: a(i, rules()),
    "establish_consortium": lambda i: a(i),
    "publish_offer": lambda i: a(i, ["design"], "Design"),
    "translate_offer": lambda i: a(i, {"es": "Diseño"}),
    "suspend_consortium": lambda i: a(i, "Audit"),
    "reactivate_consortium": lambda i: a(i),
    "dissolve_consortium": lambda i: a(i, "End"),
    "declare_capabilities": lambda i: a(i, stages=["design"], products=[], certifications=[],
                                        capacity="1 t"),
    "join_consortium": lambda i: a(i, agreement="MA.pdf", tier="standard"),
    "sign_agreement": lambda i: a(i, account_id=uuid4(), name="Ines Vega",
                                  email="ines@example.org", version=1, agreement_sha256="0"),
    "decline_membership": lambda i: a(i, "No"),
    "assign_role": lambda i: a(i, "treasurer"),
    "endorse_peer": lambda i: a(i, uuid4(), "Good"),
    "leave_consortium": lambda i: a(i, "Bye"),
    "assess_fees": lambda i: a(i, "2025", date(2030, 1, 1)),
    "pay_fee": lambda i: a(i, "annual-2025", eur("2400"), "pi"),
    "record_failed_payment": lambda i: a(i, "annual-2025", "Card"),
    "refund_fee": lambda i: a(i, "annual-2025", eur("10"), "re"),
    "issue_credit_note": lambda i: a(i, "annual-2025", eur("10"), "Typo"),
    "set_receipt_issuer": lambda i: a(i, legal_name="CGM AIE", address="Calle Mayor 1",
                                      tax_id="V39000001", contact="fees@cgm.example"),
    "set_fee_tax": lambda i: a(i, "IVA", "21"),
    "remove_fee_tax": lambda i: a(i),
    "correct_capabilities": lambda i: a(i, corrects=2, reason="Typo", stages=["design"],
                                        products=[], certifications=[], capacity="10 t"),
    "suspend_for_arrears": lambda i: a(i),
    "reinstate_member": lambda i: a(i),
    "assess_success_fees": lambda i: a(i, "2025", date(2030, 1, 1)),
    "chase_arrears": lambda i: a(i),
    "request_quote": lambda i: a(i, **GOOD_RFQ, quote_needed_by=date(2030, 1, 1)),
    "qualify_rfq": lambda i: a(i, "Fits"),
    "grant_role": lambda i: a(i, "auditor"),
    "revoke_role": lambda i: a(i, "auditor"),
    "close_account": lambda i: a(i),
    "reinvite_account": lambda i: a(i),
    "choose_mails": lambda i: a(i, ["awards"]),
    "decline_rfq": lambda i: a(i, "No"),
    "request_contribution": lambda i: a(i, "design", uuid4(), date(2030, 1, 1)),
    "commit_contribution": lambda i: a(i, "design", uuid4(), eur("10"), 30),
    "withdraw_contribution": lambda i: a(i, "design", uuid4(), "Busy"),
    "submit_quote": lambda i: a(i, eur("10"), date(2030, 1, 1), 30),
    "accept_quote": lambda i: a(i),
    "reject_quote": lambda i: a(i, "Too dear"),
    "expire_quote": lambda i: a(i),
    "award_contract": lambda i: a(i, eur("10"), {}, "C-1"),
    "revise_quote": lambda i: a(i, eur("10"), date(2030, 1, 1), 30, "Cheaper"),
    "correct_work_shares": lambda i: a(i, {}, "Typo"),
    "deliver_milestone": lambda i: a(i, "Shipped", "logistics"),
    "complete_contract": lambda i: a(i),
    "set_exchange_rate": lambda i: a(i, "USD", "EUR", "0.92", date(2025, 3, 3)),
    "request_contributions": lambda i: a(i, [("design", uuid4())], date(2030, 1, 1)),
    "ask_question": lambda i: a(i, "Is the steel S355?"),
    "answer_question": lambda i: a(i, uuid4(), "Yes."),
    "share_answer": lambda i: a(i, uuid4()),
    "request_revision": lambda i: a(i, "Cheaper."),
    "send_revised_quote": lambda i: a(i, eur("10"), date(2030, 1, 1), 30),
    "attach_to_rfq": lambda i: a(i, [("flange.pdf", io.BytesIO(PDF))]),
    "attach_to_quote": lambda i: a(i, [("terms.pdf", io.BytesIO(PDF))]),
    "invite_firm_contact": lambda i: a(i, uuid4()),
    "resend_tracking_link": lambda i: a("0" * 64, i),
    "amend_agency": lambda i: a(i, name="IDEPA", legal_name="IDEPA", address="Llanera",
                                tax_id="Q3300001A", contact="idepa@example.org"),
    "change_programme": lambda i: a(i, programme_cap=eur("500000"), annual_fee=eur("1200"),
                                    success_fee_percent="1"),
}
MALFORMED_IDS = ["not-an-id", "", "12345", 42, None]
# Ids that name nothing, for commands taking two: each is tried beside one that is good.
WRONG: list[tuple[str, Callable[[], Any]]] = [
    ("an unknown", uuid4), ("a malformed", lambda: "not-an-id"), ("no", lambda: None)]


def unknown(build: Callable[[Any], Any], make_id: Callable[[], Any]) -> Callable[[World], Any]:
    return lambda w: build(make_id())


ID_CASES = [
    *(case(name, unknown(build, uuid4), NotFoundError, "unknown id")
      for name, build in ID_COMMANDS.items()),
    *(case(name, unknown(build, lambda bad=bad: bad), NotFoundError, f"malformed id {bad!r}")
      for name, build in ID_COMMANDS.items() for bad in MALFORMED_IDS[:1]),
    *(case("qualify_rfq", unknown(ID_COMMANDS["qualify_rfq"], lambda bad=bad: bad),
           NotFoundError, f"malformed id {bad!r}") for bad in MALFORMED_IDS[1:]),
    # Ids that exist, but name another kind of thing or the wrong second party.
    case("qualify_rfq", lambda w: a(w.formed.consortium, "Fits"), NotFoundError,
         "a consortium's id as an RFQ's"),
    case("pay_fee", lambda w: a(w.formed.companies[0], "annual-2025", eur("2400"), "pi"),
         NotFoundError, "a company's id as a membership's"),
    case("request_quote", lambda w: rfq(w, w.formed.memberships[0]), NotFoundError,
         "a membership's id as a consortium's"),
    case("identify_prospect", lambda w: a(w.formed.consortium, uuid4(), "note"),
         NotFoundError, "unknown company"),
    case("endorse_peer", lambda w: a(w.formed.memberships[0], uuid4(), "Good"), NotFoundError,
         "unknown peer"),
    case("request_contribution", lambda w: a(w.qualified, "design", uuid4(), w.today),
         NotFoundError, "unknown member"),
    case("commit_contribution", lambda w: a(w.qualified, "design", "member-1", eur("1"), 3),
         NotFoundError, "malformed member id"),
    case("attach_to_quote", lambda w: a(w.formed.consortium, [("t.pdf", io.BytesIO(PDF))]),
         NotFoundError, "a consortium's id as an RFQ's"),
    *(case("invite_firm_contact", lambda w, bad=bad: a(w.formed.consortium, bad()),
           NotFoundError, f"{why} membership") for why, bad in WRONG),
    *(case("invite_firm_contact", lambda w, bad=bad: a(bad(), w.contact_firm),
           NotFoundError, f"{why} consortium") for why, bad in WRONG),
    case("invite_firm_contact", lambda w: a(w.formed.consortium, w.formed.companies[0]),
         NotFoundError, "a company's id as a membership's"),
    case("resend_tracking_link", lambda w: a(w.buyer_key, "not-an-id"), NotFoundError,
         "the buyer's own key, a malformed RFQ id"),
    case("resend_tracking_link", lambda w: a(w.buyer_key, uuid4()), NotFoundError,
         "the buyer's own key, an unknown RFQ"),
]
