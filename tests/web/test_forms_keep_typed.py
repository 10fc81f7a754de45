"""A refused workspace form comes back with every value as typed, and says it was refused.

For every workspace form (the POST routes of web/workspace/*, read from the url_map) the
table below gives the page that shows it, every field filled in as a person would, and one
field refused: a bad number, a date that is no date or lies in the past, an empty required
field, a text too long, or a choice the rules refuse. The test opens the page, takes the
form's hidden fields (its version) from it, posts the table's values, and checks that:

- the answer is 422;
- the form, as re-rendered, would send again exactly what was typed: text inputs' values,
  textareas' contents, ticked boxes and radios, selected options (a browser's "successful
  controls", read with html.parser);
- the refusal's message is inside the refused form, so a page with several forms shows
  which one was refused, and no other form of the page shows a message;
- the table names every typed field the page's form has, so a field added later is covered.

A workspace POST route missing from both the table and the list of button-only forms
(EXEMPT, each with its reason) fails the test, so new forms get covered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask, g, url_for
from flask.testing import FlaskClient

from domain.values import Sector
from marketplace.membership.commands import annual_fee_id
from tests.conftest import START
from tests.story import eur, request_quote, submit_full_quote
from tests.web import matrix
from tests.web.authz import STAGE_OWNERS, World, load
from tests.web.test_form_pipeline import workspace_posts
from web.forms import Refused, as_typed

Typed = dict[str, str | list[str]]
LONG = "x" * 1001  # longer than any note, reason or title a command keeps
PAST = "2001-01-01"
NOT_A_DAY = "31/02/2025"
NOT_A_NUMBER = "many"
TODAY = START.date()  # the matrix world's clock
# Fields the page fills in and the person never types: checked by other tests (409).
UNTYPED = frozenset({"csrf_token", "version", "seen", "next"})
VOID = frozenset({"input", "br", "img", "hr", "meta", "link", "wbr", "col", "source"})


@dataclass(frozen=True)
class Case:
    """One form: where it posts and is shown, as whom, what is typed, what is refused."""

    endpoint: str
    who: str
    url: Callable[[World], dict[str, Any]]
    page: tuple[str, Callable[[World], dict[str, Any]]]
    typed: Callable[[World], Typed]
    broken: str  # the field the table fills in wrong, for the reader (and the test's id)
    # Values typed that the form does not offer (a box no page shows): they cannot come back.
    unoffered: Callable[[World], set[str]] = lambda w: set()
    # The endpoint whose form is sent, when a button sends it elsewhere (formaction).
    form: str | None = None


def _bid(name: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"bid_id": getattr(w, name) if hasattr(w, name) else w.extra[name]}


def _desk(name: str) -> tuple[str, Callable[[World], dict[str, Any]]]:
    return "desk.bid", _bid(name)


def _membership(w: World) -> dict[str, Any]:
    return {"membership_id": w.membership}


def _slug(slug: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"slug": slug}


def _prospect(w: World) -> dict[str, Any]:
    return {"slug": "agrifood", "membership_id": w.extra["prospect"]}


def _member(w: World, n: int) -> str:
    return str(w.formed.memberships[n])


def _fee(w: World) -> dict[str, Any]:
    return {"consortium_id": w.consortium, "membership_id": w.membership,
            "fee_id": annual_fee_id("2025")}


FORMATION = ("agency.consortium", _slug("agrifood"))
SPACE = ("member.space", _membership)

# The quote's written terms, kept as typed when the form is refused or recalculated.
QUOTE_TERMS = {"payment_terms": "30% with the order, 70% at shipment.",
               "warranty": "24 months.", "taxes": "Excluding VAT."}

CASES = [
    # The bid desk.
    Case("desk.qualify", "manager", _bid("rfq"), _desk("rfq"),
         lambda w: {"note": LONG}, "note"),
    Case("desk.decline", "manager", _bid("rfq"), _desk("rfq"),
         lambda w: {"reason": LONG}, "reason"),
    Case("desk.request_contributions", "manager", _bid("collecting"), _desk("collecting"),
         lambda w: {"ask": [f"design:{_member(w, 0)}", f"logistics:{_member(w, 2)}"],
                    "due_on": PAST}, "due_on"),
    Case("desk.submit_quote", "manager", _bid("qualified"),
         ("desk.quote", _bid("qualified")),
         lambda w: {"margin": "7.5", "valid_until": "2025-04-30",
                    "lead_time_days": NOT_A_NUMBER, **QUOTE_TERMS}, "lead_time_days"),
    Case("desk.compute_quote", "manager", _bid("qualified"),
         ("desk.quote", _bid("qualified")),
         lambda w: {"margin": NOT_A_NUMBER, "valid_until": "2025-04-30",
                    "lead_time_days": "75", **QUOTE_TERMS}, "margin", form="desk.submit_quote"),
    Case("desk.revise_quote", "manager", _bid("quoted"), ("desk.quote", _bid("quoted")),
         lambda w: {"margin": "9", "valid_until": "2025-05-15", "lead_time_days": NOT_A_NUMBER,
                    "reason": "Steel prices rose."}, "lead_time_days"),
    Case("desk.answer_question", "manager",
         lambda w: {"bid_id": w.extra["revision"], "question_id": w.extra["question"]},
         _desk("revision"), lambda w: {"answer": "x" * 4001, "shared": "yes"}, "answer"),
    Case("desk.send_revised_quote", "manager", _bid("revision"), ("desk.quote", _bid("revision")),
         lambda w: {"margin": "9", "valid_until": "2025-05-15",
                    "lead_time_days": NOT_A_NUMBER, **QUOTE_TERMS}, "lead_time_days"),
    Case("desk.record_award", "manager", _bid("accepted"), ("desk.award", _bid("accepted")),
         lambda w: {"value": NOT_A_NUMBER, "reference": "PO-77",
                    **{f"share-{_member(w, n)}": f"{n + 1}000" for n in range(3)}}, "value"),
    Case("desk.share_award", "manager", _bid("accepted"), ("desk.award", _bid("accepted")),
         lambda w: {"value": NOT_A_NUMBER, "reference": "PO-77",
                    **{f"share-{_member(w, n)}": f"{n + 1}000" for n in range(3)}}, "value",
         form="desk.record_award"),
    Case("desk.correct_shares", "manager", _bid("awarded"), ("desk.award", _bid("awarded")),
         lambda w: {"reason": "Logistics moved to firm 2.", f"share-{_member(w, 0)}": "80000",
                    f"share-{_member(w, 1)}": NOT_A_NUMBER,
                    f"share-{_member(w, 2)}": "100000"}, "share-of-member-2"),
    Case("desk.deliver_milestone", "manager", _bid("awarded"), _desk("awarded"),
         lambda w: {"title": LONG, "stage": "logistics"}, "title"),
    Case("desk.set_rate", "manager", lambda w: {"consortium_id": w.consortium},
         ("desk.rates", lambda w: {"consortium_id": w.consortium}),
         lambda w: {"currency_from": "USD", "currency_to": "EUR", "rate": NOT_A_NUMBER,
                    "as_of": "2025-03-01"}, "rate"),
    Case("desk.translate_offer", "manager", lambda w: {"consortium_id": w.consortium},
         ("desk.offer", lambda w: {"consortium_id": w.consortium}),
         lambda w: {"summary_en": "Steel, design to installation.", "summary_es": "x" * 4001,
                    "summary_fr": "L'acier, de la conception au montage.",
                    "summary_de": "Stahl, vom Entwurf zur Montage."}, "summary_es"),
    # Fees.
    Case("fees.assess", "manager", lambda w: {"consortium_id": w.consortium},
         ("fees.ledger", lambda w: {"consortium_id": w.consortium}),
         lambda w: {"period": "2026", "due_on": NOT_A_DAY}, "due_on"),
    Case("fees.issue_credit", "manager", _fee, ("fees.credit", _fee),
         lambda w: {"amount": NOT_A_NUMBER, "reason": "Joined in March: pro rata."}, "amount"),
    Case("fees.set_issuer", "manager", lambda w: {"consortium_id": w.consortium},
         ("fees.receipt_settings", lambda w: {"consortium_id": w.consortium}),
         lambda w: {"legal_name": "Cantabria Global Metal AIE", "address": "",
                    "tax_id": "V39000001", "contact": "fees@cgm.example"}, "address"),
    Case("fees.set_tax", "manager", lambda w: {"consortium_id": w.consortium},
         ("fees.receipt_settings", lambda w: {"consortium_id": w.consortium}),
         lambda w: {"tax_name": "IVA", "tax_rate": NOT_A_NUMBER}, "tax_rate"),
    # The member's space.
    Case("member.save_profile", "member", _membership, ("member.profile", _membership),
         lambda w: {"name": "Metal Firm One", "employees": NOT_A_NUMBER,
                    "summary": "Steel, cut and welded.", "website": "https://firm.example"},
         "employees"),
    Case("member.save_capabilities", "member", _membership,
         ("member.capabilities", _membership),
         lambda w: {"stages": ["design", "manufacturing"], "products": "beams\nframes",
                    "capacity": "900 t a year", "cert-0-name": "ISO 9001",
                    "cert-0-expires": NOT_A_DAY, "cert-1-name": "EN 1090",
                    "cert-1-expires": "2031-05-01", "cert-2-name": "", "cert-2-expires": "",
                    "cert-3-name": "", "cert-3-expires": "",
                    "reason": "We listed a stage we do not deliver."},
         "cert-0-expires"),
    Case("member.commit", "member",
         lambda w: {**_membership(w), "bid_id": w.qualified, "stage": "engineering"}, SPACE,
         lambda w: {"price": "12500", "currency": "USD", "lead_time_days": NOT_A_NUMBER},
         "lead_time_days"),
    Case("member.withdraw", "member",
         lambda w: {**_membership(w), "bid_id": w.qualified, "stage": "design"}, SPACE,
         lambda w: {"reason": LONG}, "reason"),
    Case("member.endorse", "member", _membership, SPACE,
         lambda w: {"peer": _member(w, 1), "note": LONG}, "note"),
    Case("member.sign_agreement", "member", _membership, ("member.agreement", _membership),
         lambda w: {"signatory_name": "Ines Vega", "accept": []}, "accept"),
    Case("member.save_mail", "member", lambda w: {}, ("member.mail", lambda w: {}),
         lambda w: {"wanted": ["awards", "no-such-mail"]}, "wanted",
         unoffered=lambda w: {"no-such-mail"}),
    # Accounts.
    Case("accounts.invite", "officer", lambda w: {}, ("accounts.index", lambda w: {}),
         lambda w: {"name": "Eva Sanz", "email": "not an address", "role": "manager",
                    "consortium": str(w.consortium), "membership": "", "language": "es",
                    "agency": str(w.far_agency)}, "email"),
    Case("accounts.grant_role", "officer", lambda w: {"account_id": w.accounts["auditor"]},
         ("accounts.grant_form", lambda w: {"account_id": w.accounts["auditor"]}),
         lambda w: {"role": "manager", "consortium": "", "membership": str(w.membership),
                    "agency": ""}, "consortium"),
    Case("accounts.close", "officer", lambda w: {"account_id": w.accounts["auditor"]},
         ("accounts.index", lambda w: {}), lambda w: {"confirm": []}, "confirm"),
    # The agencies.
    Case("agencies.register", "officer", lambda w: {}, ("agencies.index", lambda w: {}),
         lambda w: {"code": "IGAPE", "name": "Instituto Galego de Promoción Económica",
                    "region": "ES-GA", "currency": "EUR", "programme_cap": NOT_A_NUMBER,
                    "annual_fee": "1800", "success_fee_percent": "1.5", "legal_name": "IGAPE",
                    "address": "San Lázaro, Santiago", "tax_id": "Q1500001A",
                    "contact": "igape@example.org"}, "programme_cap"),
    Case("agencies.amend", "officer", lambda w: {"agency_id": w.agency},
         ("agencies.agency_page", lambda w: {"agency_id": w.agency}),
         lambda w: {"name": "SODERCAN", "legal_name": "Sociedad para el Desarrollo de Cantabria",
                    "address": "", "tax_id": "Q3900001A", "contact": "info@sodercan.example"},
         "address"),
    Case("agencies.change_programme", "officer", lambda w: {"agency_id": w.agency},
         ("agencies.agency_page", lambda w: {"agency_id": w.agency}),
         lambda w: {"programme_cap": NOT_A_NUMBER, "annual_fee": "2400",
                    "success_fee_percent": "1.5"}, "programme_cap"),
    # The agency's formation of a consortium.
    Case("agency.propose", "officer", lambda w: {}, ("agency.index", lambda w: {}),
         lambda w: {"name": "Marine Energy Export", "slug": "marine-energy",
                    "sector_nace": "28", "sector_name": "Machinery", "region": "ES-CB",
                    "agency": "SODERCAN", "programme_cap": NOT_A_NUMBER}, "programme_cap"),
    Case("agency.identify", "officer", _slug("agrifood"), FORMATION,
         lambda w: {"company_id": "", "company_name": "Conservas del Norte",
                    "tax_id": "ESB39000001", "company_region": "ES-CB",
                    "employees": NOT_A_NUMBER, "summary": "Canned anchovies.",
                    "website": "https://conservas.example",
                    "export_potential": "Sells in France already."}, "employees"),
    Case("agency.declare", "officer", _prospect, FORMATION,
         lambda w: {"stages": ["manufacturing", "logistics"], "products": "anchovies\ntuna",
                    "certifications": "IFS Food, soon", "capacity": "40 t a month"},
         "certifications"),
    Case("agency.decide", "officer", _prospect, FORMATION,
         lambda w: {"decision": "join", "agreement": "", "tier": "premium",
                    "reason": "Wants in."}, "agreement"),
    Case("agency.plan_meeting", "officer", _slug("agrifood"), FORMATION,
         lambda w: {"on": NOT_A_DAY, "topic": "Aims and benefits", "starts": "10:00",
                    "time_zone": "Europe/Madrid", "duration_minutes": "90",
                    "place": "Santander", "video_link": "https://meet.example/agrifood",
                    "invited": []}, "on"),
    Case("agency.hold_meeting", "officer",
         lambda w: {"slug": "agrifood", "meeting_id": w.extra["meeting"]}, FORMATION,
         lambda w: {"attendees": [str(w.extra["prospect_company"]), str(w.company)]},
         "attendees", unoffered=lambda w: {str(w.company)}),
    Case("agency.cancel_meeting", "officer",
         lambda w: {"slug": "agrifood", "meeting_id": w.extra["meeting"]}, FORMATION,
         lambda w: {"reason": ""}, "reason"),
    Case("agency.correct_attendance", "officer",
         lambda w: {"slug": "agrifood", "meeting_id": w.extra["held"]}, FORMATION,
         lambda w: {"attendees": [], "reason": ""}, "reason"),  # unticks who was there
    Case("agency.correct_funding", "officer",
         lambda w: {"slug": "agrifood", "version": w.extra["grant"]}, FORMATION,
         lambda w: {"amount": NOT_A_NUMBER, "reason": "Typed one zero too many."}, "amount"),
    Case("agency.translate_offer", "officer", _slug("metal"),
         ("agency.consortium", _slug("metal")),
         lambda w: {"summary_en": "Steel, design to installation.",
                    "summary_es": "Acero, del diseño al montaje.",
                    "summary_fr": "x" * 4001, "summary_de": "Stahl, vom Entwurf zur Montage."},
         "summary_fr"),
    # The documents areas (tests/web/authz/areas.py keeps a file in each): the file is not
    # sent (a browser never shows a chosen file again), and the rest comes back as typed.
    Case("member.upload_document", "member", _membership, ("member.documents_area", _membership),
         lambda w: {"kind": "certificate", "title": "ISO 9001, renewed",
                    "certificate": "ISO 9001", "expires_on": "2031-06-30"}, "file"),
    Case("member.remove_document", "member",
         lambda w: {**_membership(w), "document_id": w.extra["member_document"]},
         ("member.documents_area", _membership), lambda w: {"reason": LONG}, "reason"),
    Case("desk.upload_consortium_document", "manager",
         lambda w: {"consortium_id": w.consortium},
         ("desk.consortium_documents", lambda w: {"consortium_id": w.consortium}),
         lambda w: {"kind": "contract", "title": "Framework contract"}, "file"),
    Case("desk.remove_consortium_document", "manager",
         lambda w: {"consortium_id": w.consortium,
                    "document_id": w.extra["consortium_document"]},
         ("desk.consortium_documents", lambda w: {"consortium_id": w.consortium}),
         lambda w: {"reason": LONG}, "reason"),
    Case("agency.grant", "officer", _slug("agrifood"), FORMATION,
         lambda w: {"amount": NOT_A_NUMBER}, "amount"),
    Case("agency.disburse", "officer", _slug("agrifood"), FORMATION,
         lambda w: {"amount": NOT_A_NUMBER, "purpose": "Legal set-up"}, "amount"),
    Case("agency.appoint_manager", "officer", _slug("agrifood"), FORMATION,
         lambda w: {"manager_name": "Ana Ruiz", "manager_email": "",
                    "manager_language": "de"}, "manager_email"),
    Case("agency.adopt_rules", "officer", _slug("agrifood"), FORMATION,
         lambda w: {"quote_response_days": "7", "annual_fees": "standard 1800\npremium 3600",
                    "fee_currency": "EUR", "success_fee_percent": "2",
                    "work_share_rule": "negotiated", "quorum_percent": NOT_A_NUMBER,
                    "grace_days": "45", "suspend_on_arrears": []}, "quorum_percent"),
    Case("agency.publish_offer", "officer", _slug("metal"),
         ("agency.consortium", _slug("metal")),
         lambda w: {"stages": ["design", "no-such-stage", "logistics"],
                    "summary": "Steel from design to installation."}, "stages",
         unoffered=lambda w: {"no-such-stage"}),
    Case("agency.translate_offer", "officer", _slug("metal"),
         ("agency.consortium", _slug("metal")),
         lambda w: {"summary_en": "Steel, design to installation.", "summary_es": "",
                    "summary_fr": "x" * 4001,
                    "summary_de": "Stahl, vom Entwurf zur Montage."}, "summary_fr"),
    # The auditor's checks.
    Case("audit.start_verify", "auditor", lambda w: {}, ("audit.verify_history", lambda w: {}),
         lambda w: {"expect": "abc@1"}, "expect"),
]

# Forms with nothing to type: a button (and the hidden version) only.
EXEMPT = {
    "desk.complete": "a button: close the contract as delivered",
    "desk.share_answer": "a button: share an earlier answer with the members asked",
    "desk.invite_firm": "a button: invite the contact of a firm no account acts for",
    "agency.map_capabilities": "a button: record the capability map",
    "agency.establish": "a button: establish the consortium",
    "accounts.reinvite": "a button: mail a fresh link",
    "accounts.clear_failures": "a button: forget the failed sign-ins",
    "accounts.end_sessions": "a button: end every session of an account",
    "accounts.revoke_role": "a button: take one role away (its role and place are hidden)",
    "signins.end": "a button: end one of one's own sessions",
    "signins.change_password": "passwords only: a refused one is never shown back",
    "payments.pay": "a button: start paying a fee by card",
    "audit.start_replay": "a button: ask for the replay check",
    "desk.attach_documents": "files only: a browser never shows a chosen file again",
    "agency.attach_minutes": "files only: a browser never shows a chosen file again",
}


def _extra(world: World) -> None:
    """What some forms need shown: an accepted quote, a prospect, a meeting, a commitment."""
    app = world.services.marketplace
    accepted = request_quote(app, world.consortium)
    submit_full_quote(app, world.formed, accepted)
    app.accept_quote(accepted)
    world.extra["accepted"] = accepted
    revision = request_quote(app, world.consortium)
    submit_full_quote(app, world.formed, revision)
    world.extra["question"] = app.ask_question(revision, "Is the steel S355?")
    app.request_revision(revision, "Two lots, please.")
    world.extra["revision"] = revision
    collecting = request_quote(app, world.consortium)
    app.qualify_rfq(collecting, "Fits our capacity.")
    world.extra["collecting"] = collecting
    company = app.register_company(
        tax_id="ESB39999999", name="Anchoas Santoña", region="ES-CB",
        sector=Sector("10", "Manufacture of food products"), employees=12,
        summary="Anchovies in oil.")
    world.extra["prospect_company"] = company
    world.extra["prospect"] = app.identify_prospect(world.proposed, company, "Exports a bit.")
    world.extra["meeting"] = app.plan_meeting(world.proposed, TODAY - timedelta(days=1),
                                              "Introductions")
    held = world.extra["held"] = app.plan_meeting(world.proposed, TODAY - timedelta(days=2),
                                                  "Strengths and gaps")
    app.hold_meeting(world.proposed, held, [company])
    app.grant_seed_funding(world.proposed, eur("100000"))
    world.extra["grant"] = app.get_consortium(world.proposed).version
    app.assess_fees(world.consortium, "2025", TODAY + timedelta(days=30))
    design_owner = world.formed.memberships[STAGE_OWNERS["design"]]
    app.commit_contribution(world.qualified, "design", design_owner,
                            eur("18000"), 30)


@dataclass
class Setting:
    app: Flask
    world: World
    clients: dict[str, FlaskClient]


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setting]:
    directory: Path = tmp_path_factory.mktemp("keep")
    with matrix.built(directory, load()) as (_services, app, world):
        _extra(world)
        clients = {who: matrix.person(app, world, who).client
                   for who in ("manager", "member", "officer", "auditor")}
        yield Setting(app, world, clients)


# --- reading a form back as a browser would send it ----------------------------------


@dataclass
class Form:
    action: str
    sent: dict[str, list[str]] = field(default_factory=dict)
    hidden: dict[str, str] = field(default_factory=dict)
    typed_names: set[str] = field(default_factory=set)
    messages: list[str] = field(default_factory=list)


class _Forms(HTMLParser):
    """Every <form>: what it would send, its hidden fields, the messages inside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, bool, list[str], list[str]] | None = None
        self._option: tuple[str | None, bool, list[str]] | None = None  # value, selected, text
        self._textarea: tuple[str, list[str]] | None = None
        self._stack: list[str] = []  # elements open inside the form (not the void ones)
        self._message: list[tuple[int, list[str]]] = []  # open messages: depth, texts

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(urlsplit(a.get("action", "")).path)
            self.forms.append(self._form)
            self._stack = []
            return
        if self._form is None:
            return
        if tag not in VOID:
            self._stack.append(tag)
            classes = set(a.get("class", "").split())
            if a.get("role") == "alert" or {"notice-error", "field-error"} & classes:
                self._message.append((len(self._stack), []))
        name = a.get("name", "")
        if "disabled" in a:
            return  # a browser sends nothing of it
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind == "hidden":
                self._form.hidden[name] = a.get("value", "")
                self._form.sent.setdefault(name, []).append(a.get("value", ""))
                return
            self._form.typed_names.add(name)
            values = self._form.sent.setdefault(name, [])
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    values.append(a.get("value", "on"))
            else:
                values.append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._form.typed_names.add(name)
            self._textarea = (name, [])
        elif tag == "select" and name:
            self._form.typed_names.add(name)
            self._select = (name, "multiple" in a, [], [])
        elif tag == "option" and self._select is not None:
            self._end_option()
            self._option = (a.get("value") if "value" in a else None, "selected" in a, [])

    def _end_option(self) -> None:
        if self._option is None or self._select is None:
            return
        value, selected, texts = self._option
        value = " ".join("".join(texts).split()) if value is None else value
        self._select[3].append(value)  # offered
        if selected:
            self._select[2].append(value)
        self._option = None

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack and tag != "form":
            while self._stack:
                closed = self._stack.pop()
                while self._message and self._message[-1][0] > len(self._stack):
                    text = " ".join("".join(self._message.pop()[1]).split())
                    if text and self._form is not None:
                        self._form.messages.append(text)
                if closed == tag:
                    break
        if tag == "option":
            self._end_option()
        elif tag == "select" and self._select is not None and self._form is not None:
            self._end_option()
            name, many, selected, offered = self._select
            if not selected and not many and offered:
                selected = [offered[0]]  # a browser sends the first option
            self._form.sent.setdefault(name, []).extend(selected)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, parts = self._textarea
            text = "".join(parts)
            self._form.sent.setdefault(name, []).append(
                text[1:] if text.startswith("\n") else text)  # as browsers parse it
            self._textarea = None
        elif tag == "form":
            self._form = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option[2].append(data)
        for _depth, texts in self._message:
            texts.append(data)


def forms_of(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def the_form(html: str, action: str) -> Form:
    found = [form for form in forms_of(html) if form.action == action]
    assert found, f"no form posting to {action} on the page"
    return found[0]


def _as_list(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


def _path(app: Flask, endpoint: str, values: dict[str, Any]) -> str:
    with app.test_request_context():
        return url_for(endpoint, **values)


# --- the tests ---------------------------------------------------------------------


def test_every_workspace_form_is_in_the_table(setting: Setting) -> None:
    covered = {case.endpoint for case in CASES}
    assert not covered & set(EXEMPT), "a form is both in the table and exempt"
    missing = sorted(set(workspace_posts(setting.app)) - covered - set(EXEMPT))
    assert missing == [], "add these forms to CASES (or EXEMPT, if they only have a button): " \
        + ", ".join(missing)


def test_the_table_parser_reads_what_a_browser_sends() -> None:
    html = """<form action="/x" method="post"><input type="hidden" name="version" value="3">
      <div class="notice notice-error" role="alert"><p>Wrong <b>day</b>.</p></div>
      <input name="a" value="1 &amp; 2"><input type="checkbox" name="b" value="p" checked>
      <input type="checkbox" name="b" value="q"><input type="radio" name="r" value="y">
      <select name="s"><option value="u">U</option><option value="v" selected>V</option></select>
      <select name="t"><option value="w">W</option></select>
      <textarea name="n">
line one
line two</textarea></form><form action="/y"></form>"""
    first, second = forms_of(html)
    assert first.sent == {"version": ["3"], "a": ["1 & 2"], "b": ["p"], "r": [], "s": ["v"],
                          "t": ["w"], "n": ["line one\nline two"]}
    assert first.hidden == {"version": "3"}
    assert first.messages == ["Wrong day."]
    assert second.action == "/y" and second.messages == []


def test_as_typed_tells_the_refused_form_from_the_others(web_app: Flask) -> None:
    typed = {"note": "as typed", "ask": ["a", "b"]}
    with web_app.test_request_context("/workspace/desk/rfq/b1/qualify", method="POST",
                                      data=typed):
        g.refused = Refused("Not like this.", field="note")
        this = as_typed("desk.qualify", bid_id="b1")
        assert this and this.message == "Not like this." and this.field == "note"
        assert this.value("note", "default") == "as typed"
        assert this.ticked("ask", "a") and not this.ticked("ask", "c", default=True)
        for other in (as_typed("desk.qualify", bid_id="b2"), as_typed("desk.decline", bid_id="b1")):
            assert not other and other.message == ""
            assert other.value("note", "default") == "default"
            assert other.ticked("ask", "c", default=True)
    with web_app.test_request_context("/workspace/desk/rfq/b1/qualify", method="POST",
                                      data=typed):
        assert not as_typed("desk.qualify", bid_id="b1")  # sent, and not refused


@pytest.mark.parametrize("case", CASES, ids=[f"{case.endpoint}-{case.broken}" for case in CASES])
def test_a_refused_form_comes_back_as_typed_and_says_so(setting: Setting, case: Case) -> None:
    app, world = setting.app, setting.world
    client = setting.clients[case.who]
    action = _path(app, case.endpoint, case.url(world))
    if case.form is not None:  # a button sends the form shown for another endpoint
        posted, action = action, _path(app, case.form, case.url(world))
    else:
        posted = action
    page_endpoint, page_values = case.page
    shown = client.get(_path(app, page_endpoint, page_values(world)))
    assert shown.status_code == 200, shown.status_code
    before = the_form(shown.get_data(as_text=True), action)
    typed = case.typed(world)
    untyped = before.typed_names - set(typed) - UNTYPED
    assert not untyped, f"the table does not fill in {sorted(untyped)} of {case.endpoint}"

    answer = client.post(posted, data={**before.hidden, **typed})

    page = answer.get_data(as_text=True)
    assert answer.status_code == 422, (answer.status_code, page[:300])
    again = the_form(page, action)
    unoffered = case.unoffered(world)
    for name, value in typed.items():
        assert again.sent.get(name, []) == [v for v in _as_list(value) if v not in unoffered], \
            f"{case.endpoint}: {name} came back as {again.sent.get(name)!r}, typed {value!r}"
    assert again.messages, f"{case.endpoint}: the refused form does not say why"
    others = [form for form in forms_of(page) if form.action != action and form.messages]
    assert not others, f"{case.endpoint}: other forms show the message too: " + ", ".join(
        form.action for form in others)
