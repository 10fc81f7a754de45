"""The fake Stripe speaks Stripe's form encoding, error shapes and idempotency rules."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from fakestripe import FakeStripe
from fakestripe.encoding import EncodingError, decode


def test_nested_brackets_become_dicts_and_numbered_keys_lists() -> None:
    pairs = [("mode", "payment"), ("line_items[0][price_data][unit_amount]", "240000"),
             ("line_items[0][price_data][product_data][name]", "Fee"),
             ("line_items[1][quantity]", "2"), ("metadata[fee_id]", "annual-2025")]
    assert decode(pairs) == {
        "mode": "payment",
        "line_items": [{"price_data": {"unit_amount": "240000",
                                       "product_data": {"name": "Fee"}}},
                       {"quantity": "2"}],
        "metadata": {"fee_id": "annual-2025"}}


@pytest.mark.parametrize("name", ["a[b", "a]b[", "[x]"])
def test_a_malformed_parameter_name_is_refused(name: str) -> None:
    with pytest.raises(EncodingError):
        decode([(name, "1")])


@pytest.fixture
def fake() -> Iterator[FakeStripe]:
    with FakeStripe() as running:
        yield running


def call(fake: FakeStripe, method: str, path: str, form: dict[str, str] | None = None,
         key: str | None = "sk_test_fakestripe", **headers: str) -> tuple[int, Any]:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(fake.url + path, data=data, method=method,
                                     headers={k.replace("_", "-"): v for k, v in headers.items()})
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


SESSION = {"mode": "payment", "success_url": "http://x/ok",
           "line_items[0][quantity]": "1",
           "line_items[0][price_data][currency]": "eur",
           "line_items[0][price_data][unit_amount]": "240000",
           "line_items[0][price_data][product_data][name]": "Fee 2025"}


def test_a_missing_parameter_is_a_400_in_stripe_s_shape(fake: FakeStripe) -> None:
    status, body = call(fake, "POST", "/v1/checkout/sessions",
                        {k: v for k, v in SESSION.items() if k != "success_url"})
    assert status == 400
    assert body["error"]["type"] == "invalid_request_error"
    assert body["error"]["param"] == "success_url"


def test_an_unknown_session_is_a_404_and_no_key_a_401(fake: FakeStripe) -> None:
    status, body = call(fake, "GET", "/v1/checkout/sessions/cs_test_nope")
    assert (status, body["error"]["code"]) == (404, "resource_missing")
    assert call(fake, "GET", "/v1/checkout/sessions/cs_test_nope", key=None)[0] == 401
    assert call(fake, "GET", "/v1/checkout/sessions/x", key="sk_live_real")[0] == 401


def test_an_idempotency_key_replays_the_first_answer_and_refuses_other_params(
        fake: FakeStripe) -> None:
    first = call(fake, "POST", "/v1/checkout/sessions", SESSION, Idempotency_Key="k")
    again = call(fake, "POST", "/v1/checkout/sessions", SESSION, Idempotency_Key="k")
    other = call(fake, "POST", "/v1/checkout/sessions", {**SESSION, "mode": "setup"},
                 Idempotency_Key="k")
    assert first == again and first[1]["object"] == "checkout.session"
    assert first[1]["amount_total"] == 240000 and first[1]["url"].startswith(fake.url)
    assert other[0] == 400 and other[1]["error"]["type"] == "idempotency_error"
    assert len(fake.objects.sessions) == 1


def test_a_refund_beyond_the_charge_is_refused(fake: FakeStripe) -> None:
    _status, session = call(fake, "POST", "/v1/checkout/sessions", SESSION)
    fake.pay(session["id"])
    intent = fake.objects.sessions[session["id"]]["payment_intent"]
    status, body = call(fake, "POST", "/v1/refunds",
                        {"payment_intent": intent, "amount": "240001"})
    assert (status, body["error"]["param"]) == (400, "amount")
    assert call(fake, "POST", "/v1/refunds", {"payment_intent": intent})[1]["amount"] == 240000
    assert fake.events[-1]["type"] == "charge.refunded"
