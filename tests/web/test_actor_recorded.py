"""The web records who caused each event: a buyer, or the signed-in user and their roles."""

from __future__ import annotations

import io
import json

from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from marketplace.exports.jsonl import write_jsonl
from tests.story import form_consortium
from tests.web.rfq_helpers import typed_form
from tests.web.signin import sign_in


def _actors(services: Services) -> list[str]:
    out = io.StringIO()
    write_jsonl(services.marketplace, out)
    return [json.loads(line)["actor"] for line in out.getvalue().splitlines()]


def test_a_buyer_s_request_is_recorded_as_the_buyer_s(client: FlaskClient,
                                                      services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")
    before = len(_actors(services))
    assert client.post("/consortia/metal/rfq", data=typed_form(services)).status_code == 303
    # The first RFQ also opens the consortium's register of references: all the buyer's.
    recorded = _actors(services)[before:]
    assert recorded and set(recorded) == {"buyer"}


def test_a_signed_in_user_s_events_carry_their_account_and_roles(client: FlaskClient,
                                                                 services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")
    account = sign_in(client, services, "officer")
    before = len(_actors(services))
    client.post("/consortia/metal/rfq", data=typed_form(services))  # as anyone may
    recorded = _actors(services)[before:]
    assert recorded and set(recorded) == {f"user:{account} (officer)"}
