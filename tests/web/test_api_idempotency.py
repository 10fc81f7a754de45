"""Idempotency-Key on the API's POSTs, and the RFQ form's one-time key, on both stores."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from marketplace.bidding import queries as bid_queries
from marketplace.bootstrap import Services, bootstrap
from marketplace.idempotency import idempotency_keys
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.story import form_consortium
from tests.web.conftest import TEST_CONFIG
from tests.web.rfq_helpers import log_position, typed_form
from web import create_app

KEY = "9f1c2e4a-6b0d-4c55-8a8e-3f7d2b1c0e99"


@pytest.fixture
def stored(store_url: str) -> Iterator[Services]:
    """Services on SQLite and on PostgreSQL, with a consortium that takes RFQs."""
    built = bootstrap(store_url, clock=SteppingClock(START))
    form_consortium(built.marketplace, slug="metal")
    yield built
    built.close()


@pytest.fixture
def api(stored: Services) -> FlaskClient:
    return create_app(services=stored, config=TEST_CONFIG).test_client()


def _body(services: Services, **overrides: Any) -> dict[str, Any]:
    body = {**typed_form(services), "consortium": "metal", **overrides}
    body.pop("website")
    return body


def _bids(services: Services) -> int:
    return len(bid_queries.list_bids(services.engine))


def test_the_same_key_and_body_make_one_rfq_and_the_same_answer(
        api: FlaskClient, stored: Services) -> None:
    body = _body(stored)
    first = api.post("/api/v1/rfqs", json=body, headers={"Idempotency-Key": KEY})
    # The same body written otherwise (keys in another order) is the same request.
    again = api.post("/api/v1/rfqs", json=dict(reversed(list(body.items()))),
                     headers={"Idempotency-Key": KEY})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.get_json() == first.get_json()
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert _bids(stored) == 1


def test_the_same_key_with_another_body_is_refused_and_stores_nothing(
        api: FlaskClient, stored: Services) -> None:
    assert api.post("/api/v1/rfqs", json=_body(stored),
                    headers={"Idempotency-Key": KEY}).status_code == 201
    before = log_position(stored)
    refused = api.post("/api/v1/rfqs", json=_body(stored, quantity="5"),
                       headers={"Idempotency-Key": KEY, "Accept-Language": "es"})
    assert refused.status_code == 422 and refused.mimetype == "application/problem+json"
    assert refused.get_json()["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in refused.get_json()["detail"]
    assert refused.get_json()["detail"] != refused.get_json()["title"]
    assert log_position(stored) == before and _bids(stored) == 1


def test_without_a_key_the_same_post_makes_two_rfqs(api: FlaskClient,
                                                    stored: Services) -> None:
    body = _body(stored)
    assert [api.post("/api/v1/rfqs", json=body).status_code for _ in range(2)] == [201, 201]
    assert _bids(stored) == 2


def test_a_refused_request_keeps_no_answer_so_the_key_serves_the_corrected_one(
        api: FlaskClient, stored: Services) -> None:
    refused = api.post("/api/v1/rfqs", json=_body(stored, email="nobody"),
                       headers={"Idempotency-Key": KEY})
    assert refused.status_code == 422 and "email" in refused.get_json()["errors"]
    fixed = api.post("/api/v1/rfqs", json=_body(stored), headers={"Idempotency-Key": KEY})
    assert fixed.status_code == 201 and _bids(stored) == 1


def test_keys_are_the_callers_own(api: FlaskClient, stored: Services) -> None:
    body = _body(stored)
    here = api.post("/api/v1/rfqs", json=body, headers={"Idempotency-Key": KEY})
    there = api.post("/api/v1/rfqs", json=body, headers={"Idempotency-Key": KEY},
                     environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert there.status_code == 201 and there.get_json()["token"] != here.get_json()["token"]
    assert _bids(stored) == 2


def test_the_store_keeps_digests_and_a_sealed_answer(api: FlaskClient,
                                                     stored: Services) -> None:
    created = api.post("/api/v1/rfqs", json=_body(stored), headers={"Idempotency-Key": KEY})
    with stored.engine.connect() as conn:
        [row] = conn.execute(idempotency_keys.select()).all()
    assert KEY not in row.key_digest and len(row.key_digest) == 64
    assert created.get_json()["token"].encode() not in bytes(row.answer)


@pytest.mark.parametrize("key", ["", "x" * 256, "clé", "tab\there"])
def test_a_malformed_key_is_a_400(api: FlaskClient, stored: Services, key: str) -> None:
    refused = api.post("/api/v1/rfqs", json=_body(stored),
                       headers={"Idempotency-Key": key.encode().decode("latin-1")})
    assert refused.status_code == 400
    assert refused.get_json()["code"] == "idempotency_key_invalid"
    assert _bids(stored) == 0


def test_back_then_send_again_on_the_form_makes_one_rfq(api: FlaskClient,
                                                        stored: Services) -> None:
    page = api.get("/consortia/metal/rfq").get_data(as_text=True)
    key = page.split('name="once" value="', 1)[1].split('"', 1)[0]
    assert len(key) >= 40
    form = typed_form(stored, once=key)
    first = api.post("/consortia/metal/rfq", data=form)
    again = api.post("/consortia/metal/rfq", data=form)
    assert (first.status_code, again.status_code) == (303, 303)
    assert again.headers["Location"] == first.headers["Location"]
    assert _bids(stored) == 1
    shown = api.get(again.headers["Location"]).get_data(as_text=True)
    assert "You had already sent this request" in shown
    # Back fetches the form again (it is never cached): it carries the same key.
    refetched = api.get("/consortia/metal/rfq").get_data(as_text=True)
    assert f'value="{key}"' in refetched
    assert api.post("/consortia/metal/rfq", data=form).headers["Location"] == \
        first.headers["Location"]
    assert _bids(stored) == 1
    # Another visitor's form has a key of its own.
    stranger = create_app(services=stored, config=TEST_CONFIG).test_client()
    assert key not in stranger.get("/consortia/metal/rfq").get_data(as_text=True)


def test_the_form_sent_again_with_other_values_warns_once_with_a_new_key(
        api: FlaskClient, stored: Services) -> None:
    first = api.post("/consortia/metal/rfq", data=typed_form(stored, once=KEY))
    assert first.status_code == 303
    changed = api.post("/consortia/metal/rfq", data=typed_form(stored, once=KEY, quantity="9"))
    page = changed.get_data(as_text=True)
    assert changed.status_code == 422 and "already sent this form" in page
    assert KEY not in page and 'value="9"' in page
    assert _bids(stored) == 1
    fresh = page.split('name="once" value="', 1)[1].split('"', 1)[0]
    again = api.post("/consortia/metal/rfq", data=typed_form(stored, once=fresh, quantity="9"))
    assert again.status_code == 303 and again.headers["Location"] != first.headers["Location"]
    assert _bids(stored) == 2
    assert f'value="{fresh}"' in api.get("/consortia/metal/rfq").get_data(as_text=True)


def test_a_refused_form_keeps_its_key(api: FlaskClient, stored: Services) -> None:
    refused = api.post("/consortia/metal/rfq", data=typed_form(stored, once=KEY, email="x"))
    assert refused.status_code == 422 and f'value="{KEY}"' in refused.get_data(as_text=True)
    assert api.post("/consortia/metal/rfq",
                    data=typed_form(stored, once=KEY)).status_code == 303
    assert _bids(stored) == 1
