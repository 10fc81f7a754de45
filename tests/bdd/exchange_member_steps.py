"""Steps of features/buyer_exchange.feature: the buyer's question, the manager's answer on the
desk, and the members asked to price, who open the drawing in their space."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from typing import Any

from pytest_bdd import given, parsers, then, when

from marketplace.application import Marketplace
from marketplace.bootstrap import Services
from marketplace.documents.queries import list_bid_documents
from tests.bdd.desk_screens import DESK, Desk
from tests.bdd.exchange_world import Request
from tests.bdd.support import Cast, money

# Questions and answers


@when(parsers.parse('the buyer asks on the request\'s page: "{question}"'))
def buyer_asks(buyer: Desk, rfq: Request, question: str) -> None:
    buyer.open(rfq.path)
    buyer.send(buyer.screen.form("/ask"), question=question)
    assert buyer.screen.status == 200 and question in buyer.screen.text


@when(parsers.parse('Ana Ruiz answers on the desk "{answer}" and shares the answer with the '
                    "members"))
def manager_answers(desk: Desk, rfq: Request, memo: dict[str, Any], answer: str) -> None:
    desk.open(f"{DESK}rfq/{rfq.bid}")
    desk.send(desk.screen.form("/answer"), answer=answer, shared="yes")
    assert desk.screen.status == 200 and "shared with the members" in desk.screen.text
    memo["answer"] = answer


@then("the buyer reads the answer on the request's page")
def buyer_reads(buyer: Desk, rfq: Request, memo: dict[str, Any]) -> None:
    assert memo["answer"] in buyer.open(rfq.path).text


# The manager takes the RFQ on and asks the members


def _ask_members(desk: Desk, app: Marketplace, cast: Cast, rfq: Request,
                 asked: list[tuple[str, str]]) -> None:
    desk.open(f"{DESK}rfq/{rfq.bid}")
    desk.send(desk.screen.form("/qualify"), note="Flanges and hull blocks are our trade.")
    assert desk.screen.status == 200, desk.screen.text[:300]
    due = (app.clock.now().date() + timedelta(days=3)).isoformat()
    boxes = [f"{stage}:{cast.membership(firm)}" for firm, stage in asked]
    form = desk.screen.form("/contributions")
    assert set(boxes) <= set(form.boxes), form.boxes
    desk.send(form, ask=boxes, due_on=due)
    assert desk.screen.status == 200, desk.screen.text[:300]


@given(parsers.parse('Ana Ruiz took the RFQ on and asked "{firm}" to price {stage}'))
def took_on(desk: Desk, app: Marketplace, cast: Cast, rfq: Request, firm: str,
            stage: str) -> None:
    _ask_members(desk, app, cast, rfq, [(firm, stage)])


@when(parsers.parse('Ana Ruiz takes the RFQ on and asks "{first}" to price {first_stage} and '
                    '"{second}" to price {second_stage}'))
def takes_on(desk: Desk, app: Marketplace, cast: Cast, rfq: Request, first: str,
             first_stage: str, second: str, second_stage: str) -> None:
    _ask_members(desk, app, cast, rfq, [(first, first_stage), (second, second_stage)])


def _drawing_link(space: Desk, cast: Cast, firm: str, rfq: Request) -> tuple[str, str]:
    page = space.open(f"/workspace/member/{cast.membership(firm)}/")
    assert page.status == 200
    found = re.search(rf'href="(/workspace/desk/rfq/{rfq.bid}/documents/[^"]+)"', page.html)
    return (found[1] if found else ""), page.text


@then(parsers.parse('"{firm}" opens the drawing from its space and gets the very file the '
                    "buyer sent"))
def member_opens(members: dict[str, Desk], cast: Cast, rfq: Request, firm: str) -> None:
    link, text = _drawing_link(members[firm], cast, firm, rfq)
    assert link, f"{firm}'s space has no link to the drawing"
    got = members[firm].client.get(link)
    assert got.status_code == 200 and got.mimetype == "application/pdf"
    assert hashlib.sha256(got.data).hexdigest() == hashlib.sha256(rfq.drawing).hexdigest()


@then(parsers.parse('"{firm}" is refused the drawing, and its space does not show it'))
def member_refused(services: Services, members: dict[str, Desk], cast: Cast, rfq: Request,
                   firm: str) -> None:
    [drawing] = list_bid_documents(services.engine, str(rfq.bid))
    url = f"/workspace/desk/rfq/{rfq.bid}/documents/{drawing['document_id']}"
    assert members[firm].client.get(url).status_code == 403
    link, text = _drawing_link(members[firm], cast, firm, rfq)
    assert link == "" and drawing["name"] not in text


@then(parsers.parse('"{firm}" reads the shared answer in its space'))
def member_reads_answer(members: dict[str, Desk], cast: Cast, rfq: Request, firm: str,
                        memo: dict[str, Any]) -> None:
    _, text = _drawing_link(members[firm], cast, firm, rfq)
    assert memo["answer"] in text


@when("the members commit their contributions:")
def members_commit(members: dict[str, Desk], cast: Cast, rfq: Request,
                   datatable: Any) -> None:
    for firm, stage, price, lead in datatable[1:]:
        space = members[firm]
        space.open(f"/workspace/member/{cast.membership(firm)}/")
        form = space.screen.form(f"/requests/{rfq.bid}/{stage}/commit")
        priced = money(price)
        space.send(form, price=str(priced.amount), currency=priced.currency,
                   lead_time_days=lead)
        assert space.screen.status == 200, space.screen.text[:400]
