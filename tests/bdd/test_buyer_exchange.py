"""Steps of features/buyer_exchange.feature: the buyer at the RFQ form and the request's page,
the manager on the desk, the members in their space, and every mail in the post."""

from __future__ import annotations

import io
import re
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from pytest_bdd import given, parsers, scenarios, then, when

from marketplace.application import Marketplace
from marketplace.bidding import queries as bid_queries
from marketplace.bootstrap import Services
from marketplace.documents.blobs import BlobStore
from tests import documents
from tests.bdd.desk_screens import Desk

# pytest-bdd finds steps in the test module: the members', the quote's and the mails' steps.
from tests.bdd.exchange_mail_steps import *  # noqa: F403
from tests.bdd.exchange_member_steps import *  # noqa: F403
from tests.bdd.exchange_quote_steps import *  # noqa: F403
from tests.bdd.exchange_world import DRAWING, LANGUAGES, Post, Request, signed_in
from tests.bdd.support import Cast, log_position, stage_list
from tests.blobs import stored_blobs
from tests.web.conftest import TEST_CONFIG
from tests.web.rfq_helpers import typed_form
from web import create_app

scenarios("buyer_exchange.feature")


@pytest.fixture
def site(services: Services) -> Flask:
    """The web application every browser of the scenario talks to (it renders mails' PDFs)."""
    return create_app(services=services, config=TEST_CONFIG)


@pytest.fixture
def post(services: Services, site: Flask) -> Post:
    kept = Post(services)
    services.outbox.transport = kept.kept
    return kept


@pytest.fixture
def buyer(site: Flask) -> Desk:
    """The buyer's browser: no account, only the private link of the request."""
    return Desk(site.test_client())


@pytest.fixture
def members(site: Flask, services: Services, cast: Cast) -> dict[str, Desk]:
    """Each member firm's person, signed in to the member space."""
    return {firm: signed_in(site, services, f"Person of {firm}", "member", str(membership))
            for firm, membership in cast.memberships.items()}


@pytest.fixture
def memo() -> dict[str, Any]:
    return {}


@given("Ana Ruiz is signed in to the bid desk as its manager", target_fixture="desk")
def manager_signed_in(site: Flask, services: Services, consortium: UUID, post: Post,
                      members: dict[str, Desk]) -> Desk:
    return signed_in(site, services, "Ana Ruiz", "manager", str(consortium))


# The buyer at the RFQ form


def _send_form(services: Services, buyer: Desk, organisation: str, stages: str, name: str,
               content: bytes, language: str = "en") -> Any:
    data = {**typed_form(services, organisation=organisation, stages=stage_list(stages)),
            "documents": [(io.BytesIO(content), name)]}
    return buyer.client.post("/consortia/metal/rfq", data=data,
                             content_type="multipart/form-data",
                             headers={"Accept-Language": language})


@given(parsers.re(r'"(?P<organisation>[^"]+)" sent the RFQ form for (?P<stages>.+) with the '
                  r'drawing "(?P<name>[^"]+)"'), target_fixture="rfq")
@when(parsers.re(r'"(?P<organisation>[^"]+)" sends the RFQ form (?:in (?P<language>\w+) )?for '
                 r'(?P<stages>.+) with the drawing "(?P<name>[^"]+)"'), target_fixture="rfq")
def rfq_sent(services: Services, buyer: Desk, organisation: str, stages: str, name: str,
             language: str | None = None) -> Request:
    code = LANGUAGES[language] if language else "en"
    sent = _send_form(services, buyer, organisation, stages, name, DRAWING, code)
    assert sent.status_code == 303, sent.get_data(as_text=True)[:600]
    path = sent.headers["Location"]
    [row] = [r for r in bid_queries.list_bids(services.engine)
             if r["organisation"] == organisation]
    assert buyer.open(path).status == 200
    return Request(path, UUID(str(row["bid_id"])), DRAWING, code)


@then(parsers.parse('the buyer\'s request page shows its reference and the drawing "{name}"'))
def page_shows(app: Marketplace, buyer: Desk, rfq: Request, name: str) -> None:
    reference = app.get_bid(rfq.bid).reference
    assert reference and re.fullmatch(r"[A-Z]{2,6}-\d{4}-\d{4}", reference), reference
    page = buyer.open(rfq.path)
    assert reference in page.text and name in page.text
    link = re.search(rf'href="({rfq.path}/documents/[^"]+)"', page.html)
    assert link, "no link to the drawing"
    assert buyer.client.get(link[1]).data == rfq.drawing


@when(parsers.re(r'"(?P<organisation>[^"]+)" sends the RFQ form for (?P<stages>.+) with a '
                 r'script named "(?P<name>[^"]+)"'))
def hostile_sent(services: Services, app: Marketplace, buyer: Desk, memo: dict[str, Any],
                 organisation: str, stages: str, name: str) -> None:
    memo["before"] = log_position(app)
    answer = _send_form(services, buyer, organisation, stages, name, documents.SCRIPT)
    memo["answer"] = (answer.status_code, answer.get_data(as_text=True))


@then(parsers.parse('the form comes back, saying the file "{said}", with everything as typed'))
def form_back(memo: dict[str, Any], said: str) -> None:
    status, page = memo["answer"]
    assert status == 422
    assert said in page
    assert 'value="Astillero del Golfo"' in page and "Four steel hull blocks" in page


@then("nothing is recorded, no file is stored and no mail is written")
def nothing_kept(app: Marketplace, services: Services, blob_store: BlobStore, post: Post,
                 memo: dict[str, Any]) -> None:
    assert log_position(app) == memo["before"]
    assert stored_blobs(blob_store) == []
    assert bid_queries.list_bids(services.engine) == []
    assert post.rows("rfq_received") == [] and post.rows("rfq_new") == []
