"""A fee corrected by a credit note is paid by card for what is left, not what was assessed."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from domain.errors import FeeAlreadyPaidError
from fakestripe import FakeStripe
from marketplace.bootstrap import Services
from tests.integration.fees_from_events import ledger_differences
from tests.payments import FEE, checkout, deliver, fee_events, fees_due
from tests.story import eur


def test_the_checkout_charges_what_is_due_after_the_credit_note(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    services.marketplace.issue_credit_note(world.membership, FEE, eur("400"), "Joined in March.")
    session = checkout(services, world.membership)
    assert fake.objects.sessions[session]["amount_total"] == 200000
    [completed] = fake.pay(session)
    assert deliver(client, fake, completed).get_json()["outcome"] == "paid"
    [paid] = fee_events(services, world.membership, "FeePaid")
    assert paid["amount"] == eur("2000")
    assert ledger_differences(services) == []


def test_a_fee_credited_in_full_has_nothing_to_pay(services: Services) -> None:
    world = fees_due(services)
    services.marketplace.issue_credit_note(world.membership, FEE, eur("2400"), "Not a member.")
    with pytest.raises(FeeAlreadyPaidError, match="credited in full"):
        checkout(services, world.membership)
