"""Who may use the manager's bid desk: managers act on their own consortium's RFQs only;
officers and auditors read every consortium's desk; members have no desk."""

from __future__ import annotations

from tests.web.authz import ELSEWHERE, signed_in

READ = signed_in("officer", "manager", "auditor", manager_other="403", **ELSEWHERE)
WRITE = signed_in("manager", manager_other="403")

EXPECTED = {
    # The inbox itself is open to every manager; it lists only their own consortia.
    "desk.index": signed_in("officer", "manager", "auditor", manager_other="ok"),
    "desk.pipeline_download": signed_in("officer", "manager", "auditor", manager_other="ok"),
    "desk.bid": READ,
    "desk.contributions": READ,
    "desk.quote": READ,
    "desk.award": READ,
    "desk.rates": READ,
    "desk.offer": READ,
    "desk.translate_offer": WRITE,
    "desk.qualify": WRITE,
    "desk.decline": WRITE,
    "desk.request_contributions": WRITE,
    "desk.submit_quote": WRITE,
    "desk.compute_quote": WRITE,
    "desk.revise_quote": WRITE,
    "desk.share_award": WRITE,
    "desk.correct_shares": WRITE,
    "desk.set_rate": WRITE,
    "desk.record_award": WRITE,
    "desk.deliver_milestone": WRITE,
    "desk.complete": WRITE,
    "desk.answer_question": WRITE,
    "desk.share_answer": WRITE,
    "desk.send_revised_quote": WRITE,
    "desk.quotation": READ,
    "desk.quotation_pdf": READ,
    "desk.invite_firm": WRITE,
}

_RFQ = {"bid_id": lambda w: w.rfq}
URL_ARGS = {
    "desk.pipeline_download": {"fmt": "csv"},
    "desk.bid": _RFQ,
    "desk.contributions": {"bid_id": lambda w: w.qualified},
    "desk.quote": {"bid_id": lambda w: w.qualified},
    "desk.submit_quote": {"bid_id": lambda w: w.qualified},
    "desk.compute_quote": {"bid_id": lambda w: w.qualified},
    "desk.revise_quote": {"bid_id": lambda w: w.quoted},
    "desk.share_award": {"bid_id": lambda w: w.quoted},
    "desk.correct_shares": {"bid_id": lambda w: w.awarded},
    "desk.award": {"bid_id": lambda w: w.quoted},
    "desk.record_award": {"bid_id": lambda w: w.quoted},
    "desk.rates": {"consortium_id": lambda w: w.consortium},
    "desk.set_rate": {"consortium_id": lambda w: w.consortium},
    "desk.offer": {"consortium_id": lambda w: w.consortium},
    "desk.translate_offer": {"consortium_id": lambda w: w.consortium},
    "desk.qualify": _RFQ,
    "desk.decline": _RFQ,
    "desk.request_contributions": {"bid_id": lambda w: w.qualified},
    "desk.deliver_milestone": {"bid_id": lambda w: w.awarded},
    "desk.complete": {"bid_id": lambda w: w.awarded},
    # A question id nobody asked: the route is reached, the rule then refuses.
    "desk.answer_question": {**_RFQ, "question_id": "00000000-0000-4000-8000-000000000000"},
    "desk.share_answer": {**_RFQ, "question_id": "00000000-0000-4000-8000-000000000000"},
    "desk.send_revised_quote": {"bid_id": lambda w: w.quoted},
    "desk.quotation": {"bid_id": lambda w: w.quoted},
    "desk.quotation_pdf": {"bid_id": lambda w: w.quoted},
    "desk.invite_firm": {"bid_id": lambda w: w.qualified, "membership_id": lambda w: w.membership},
}
