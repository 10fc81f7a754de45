"""The states bad input is sent to, and helpers that keep each table row to a line or two."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any
from uuid import UUID

import pytest

from domain.money import Money
from marketplace.application import Marketplace
from marketplace.people import email_address
from marketplace.projection.projector import Projector
from tests.story import (
    METAL,
    Formed,
    eur,
    form_consortium,
    quoted_bid,
    register_agency,
    request_quote,
)


@dataclass(frozen=True)
class Later:
    """An argument built inside the command's call, e.g. Money a person typed in."""

    build: Callable[[], Any]


class World:
    """The states the bad input is sent to, each built only when a case asks for it."""

    def __init__(self, app: Marketplace, projector: Projector | None = None) -> None:
        self.app = app
        self.projector = projector  # to bring the read models up to date, where asked

    @property
    def today(self) -> date:
        return self.app.clock.now().date()

    @cached_property
    def account(self) -> UUID:
        """An agency officer's account."""
        return self.app.open_account(name="Lucía Fernández", email="officer@sodercan.example",
                                     password="a long enough secret", grants=[("officer", "")])

    @cached_property
    def agency(self) -> UUID:
        """IDEPA, registered for Asturias."""
        return register_agency(self.app, "IDEPA", "ES-AS")

    @cached_property
    def formed(self) -> Formed:
        return form_consortium(self.app)

    @cached_property
    def proposed(self) -> UUID:
        return self.app.propose_consortium(
            slug="agri", name="Agri-food Export", agency="SODERCAN", region="ES-CB",
            sector=METAL)

    @cached_property
    def prospect(self) -> UUID:
        """An invited membership of the proposed consortium."""
        company = self.app.register_company(
            tax_id="ESB99000001", name="Conservas del Norte", region="ES-CB", sector=METAL,
            employees=12, summary="Anchovies.")
        return self.app.identify_prospect(self.proposed, company, "Sells to France.")

    @cached_property
    def late_prospect(self) -> UUID:
        """An invited membership of the formed consortium, which has a fee schedule."""
        company = self.app.register_company(
            tax_id="ESB99000002", name="Calderería Sur", region="ES-CB", sector=METAL,
            employees=30, summary="Boilers.")
        return self.app.identify_prospect(self.formed.consortium, company, "Sells to Chile.")

    @cached_property
    def declined(self) -> UUID:
        self.app.decline_membership(self.prospect, "Not this year.")
        return self.prospect

    @cached_property
    def unpublished(self) -> UUID:
        return form_consortium(self.app, slug="marine", publish=False).consortium

    @cached_property
    def dissolved(self) -> UUID:
        self.app.dissolve_consortium(self.proposed, "The programme ended.")
        return self.proposed

    @cached_property
    def granted(self) -> UUID:
        self.app.grant_seed_funding(self.formed.consortium, eur("100000"))
        self.app.disburse_seed_funding(self.formed.consortium, eur("60000"), "Market study")
        return self.formed.consortium

    @cached_property
    def meeting(self) -> UUID:
        return self.app.plan_meeting(self.formed.consortium, self.today, "Introduction")

    @cached_property
    def held_meeting(self) -> UUID:
        self.app.hold_meeting(self.formed.consortium, self.meeting, self.formed.companies[:1])
        return self.meeting

    @cached_property
    def fees(self) -> Formed:
        """Fees assessed today: the first member pays, the others owe."""
        self.app.assess_fees(self.formed.consortium, "2025", self.today)
        self.app.pay_fee(self.formed.memberships[1], "annual-2025", eur("2400"), "pi_1")
        return self.formed

    @cached_property
    def requested(self) -> UUID:
        return request_quote(self.app, self.formed.consortium)

    @cached_property
    def qualified(self) -> UUID:
        """Qualified, with the first member asked for design and nothing committed."""
        self.app.qualify_rfq(self.requested, "Fits our capacity.")
        self.app.request_contribution(self.requested, "design", self.formed.memberships[0],
                                      self.today)
        return self.requested

    @cached_property
    def suspended(self) -> tuple[UUID, UUID]:
        """A bid whose design contributor was suspended for arrears after being asked."""
        bid = self.qualified
        self.fees  # noqa: B018 - assesses the fees
        self.app.clock.advance(days=40)
        self.app.suspend_for_arrears(self.formed.memberships[0])
        return bid, self.formed.memberships[0]

    @cached_property
    def quoted(self) -> UUID:
        return quoted_bid(self.app, self.formed)

    @cached_property
    def accepted(self) -> UUID:
        self.app.accept_quote(self.quoted)
        return self.quoted

    @cached_property
    def awarded(self) -> UUID:
        m = self.formed.memberships
        self.app.award_contract(self.accepted, eur("440000"),
                                {m[0]: eur("50000"), m[1]: eur("250000"), m[2]: eur("140000")},
                                "C-2025-1")
        return self.accepted

    @cached_property
    def asked(self) -> UUID:
        """A question the buyer asked on the requested RFQ, not answered yet."""
        return self.app.ask_question(self.requested, "Is the steel S355?")

    @cached_property
    def answered(self) -> UUID:
        question = self.app.ask_question(self.requested, "Which welding standard?")
        self.app.answer_question(self.requested, question, "ISO 3834-2.")
        return question

    @cached_property
    def revision(self) -> UUID:
        """The quoted RFQ, on which the buyer asked for a revised quote."""
        self.app.request_revision(self.quoted, "Two lots, please.")
        return self.quoted

    @cached_property
    def revised(self) -> UUID:
        """The quoted RFQ, with version 2 of its quote sent."""
        self.app.send_revised_quote(self.revision, eur("430000"),
                                    self.today + timedelta(days=20), 100)
        return self.revision

    @cached_property
    def covered(self) -> UUID:
        """A second RFQ, qualified, with every stage committed and no quote submitted yet."""
        bid = request_quote(self.app, self.formed.consortium)
        self.app.qualify_rfq(bid, "Fits our capacity.")
        due = self.today + timedelta(days=3)
        for n, stages in enumerate([["design", "engineering"], ["manufacturing"],
                                    ["logistics", "installation"]]):
            for stage in stages:
                self.app.request_contribution(bid, stage, self.formed.memberships[n], due)
                self.app.commit_contribution(bid, stage, self.formed.memberships[n],
                                             eur("10000"), 60)
        return bid

    @cached_property
    def contact_firm(self) -> UUID:
        """A joined membership of the formed consortium whose firm names a contact person."""
        company = self.app.register_company(
            tax_id="ESB99000003", name="Forjas Besaya", region="ES-CB", sector=METAL,
            employees=40, summary="Forgings.",
            contact={"name": "Marta Gil", "email": "marta@forjas.example"})
        membership = self.app.identify_prospect(self.formed.consortium, company, "Forges.")
        self.app.join_consortium(membership, agreement="MA.pdf", tier="standard")
        return membership

    @cached_property
    def other_buyer(self) -> UUID:
        """An RFQ to the formed consortium from another buyer's address."""
        return request_quote(self.app, self.formed.consortium,
                             contact_email="compras@naval-cl.example")

    @cached_property
    def buyer_key(self) -> str:
        """The requested RFQ's buyer as signed in to their space: their address's digest."""
        self.requested  # noqa: B018 - sends the RFQ
        self.other_buyer  # noqa: B018 - and another buyer's
        if self.projector is not None:
            self.projector.catch_up()  # the buyer's RFQs are found through the read models
        return self.app.vault.digest_of(email_address("lucia@acero-mx.example"))

    def shares(self, *amounts: str) -> dict[UUID, Money]:
        return {m: eur(a) for m, a in zip(self.formed.memberships, amounts, strict=True)}


def a(*args: Any, **kwargs: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return args, kwargs


def case(command: str, given: Callable[[World], Any], error: type[Exception], why: str) -> Any:
    return pytest.param(command, given, error, id=f"{command}: {why}")



GOOD_RFQ: dict[str, Any] = {
    "contact_name": "Lucía Hernández", "contact_email": "lucia@acero-mx.example",
    "organisation": "Astillero del Golfo", "country": "MX", "stages": ["design"],
    "specification": "Four steel hull blocks.", "quantity": "4", "unit": "blocks",
    "incoterm": "CIF", "named_place": "Veracruz", "currency": "EUR",
}


def rfq(w: World, consortium: UUID | None = None, **bad: Any) -> Any:
    values = {**GOOD_RFQ, "quote_needed_by": w.today + timedelta(days=30), **bad}
    return a(consortium or w.formed.consortium, **values)


def company(**bad: Any) -> Any:
    values = {"tax_id": "ESB39111111", "name": "Talleres Pas", "region": "ES-CB",
              "sector": METAL, "employees": 25, "summary": "Boilers.", **bad}
    return a(**values)


def consortium(**bad: Any) -> Any:
    values = {"slug": "wind", "name": "Wind Export", "agency": "SODERCAN", "region": "ES-CB",
              "sector": METAL, **bad}
    return a(**values)


NEGATIVE = Later(lambda: Money.of("-100", "EUR"))
NOT_ISO = Later(lambda: Money.of("100", "EUD"))
FLOAT = Later(lambda: Money(100.5, "EUR"))  # type: ignore[arg-type]
