"""The receipt's number, issuer and tax lines, in the page's language; who may read it; and
the manager's page that sets what receipts name."""

from __future__ import annotations

from flask.testing import FlaskClient

from fakestripe import FakeStripe
from marketplace.bootstrap import Services
from tests.payments import FEE, deliver, fees_due
from tests.web.signin import sign_in

ISSUER = {"legal_name": "Cantabria Global Metal AIE", "address": "Calle Mayor 1, Santander",
          "tax_id": "V39000001", "contact": "fees@cgm.example"}


def member_receipt(world: object) -> str:
    return f"/workspace/payments/{world.membership}/fees/{FEE}/receipt"  # type: ignore[attr-defined]


def manager_receipt(world: object, membership: object = None) -> str:
    return (f"/workspace/fees/consortia/{world.formed.consortium}/members/"  # type: ignore[attr-defined]
            f"{membership or world.membership}/fees/{FEE}/receipt")  # type: ignore[attr-defined]


def settings(world: object) -> str:
    return f"/workspace/fees/consortia/{world.formed.consortium}/receipts"  # type: ignore[attr-defined]


def paid_by_card(client: FlaskClient, services: Services, fake: FakeStripe, world) -> None:
    sign_in(client, services, "member", str(world.membership))
    session = client.post(f"/workspace/payments/{world.membership}/fees/{FEE}/pay"
                          ).location.rsplit("/", 1)[1]
    [completed] = fake.pay(session)
    deliver(client, fake, completed)


def test_the_manager_sets_the_issuer_and_tax_and_the_card_payment_s_receipt_shows_them(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    sign_in(client, services, "manager", str(world.formed.consortium))
    page = client.get(settings(world)).get_data(as_text=True)
    assert "are not set" in page and "include no tax" in page
    version = services.marketplace.get_consortium(world.formed.consortium).version
    saved = client.post(f"{settings(world)}/issuer", data={**ISSUER, "version": version})
    assert saved.status_code == 303
    version += 1
    client.set_cookie("lang", "es")
    refused = client.post(f"{settings(world)}/tax", data={
        "tax_name": "IVA", "tax_rate": "100", "version": version})
    assert refused.status_code == 422 and 'value="100"' in refused.get_data(as_text=True)
    assert client.post(f"{settings(world)}/tax", data={
        "tax_name": "IVA", "tax_rate": "21", "version": version}).status_code == 303
    client.get("/logout")
    client.set_cookie("lang", "en")
    paid_by_card(client, services, fake, world)
    services.projector.catch_up()
    code = services.marketplace.get_consortium(world.formed.consortium).code

    text = client.get(member_receipt(world)).get_data(as_text=True)

    for fact in (f"Receipt {code}-R-2025-0001", "Cantabria Global Metal AIE", "V39000001",
                 "Calle Mayor 1, Santander", "fees@cgm.example", "Net amount", "€1,983.47",
                 "IVA at 21%", "€416.53", "€2,400.00"):
        assert fact in text, fact
    client.set_cookie("lang", "fr")
    french = client.get(member_receipt(world)).get_data(as_text=True)
    assert f"Reçu {code}-R-2025-0001" in french and "Montant net" in french
    assert "1\u202f983,47\xa0€" in french


def test_a_receipt_without_issuer_or_tax_says_so(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    paid_by_card(client, services, fake, world)
    text = client.get(member_receipt(world)).get_data(as_text=True)
    assert "were not set when this receipt was issued" in text
    assert "Net amount" not in text and "-R-2025-0001" in text


def test_an_old_payment_without_a_number_says_it_was_paid_before_numbering(
        client: FlaskClient, services: Services) -> None:
    world = fees_due(services)
    membership = services.marketplace.get_membership(world.membership)
    # A payment as recorded before receipts were numbered: no receipt fields at all.
    membership.pay_fee(FEE, membership.fees[FEE]["amount"], "pi_old")
    services.marketplace.save(membership)
    services.projector.catch_up()
    sign_in(client, services, "member", str(world.membership))
    text = client.get(member_receipt(world)).get_data(as_text=True)
    assert "paid before receipts were numbered" in text and "-R-" not in text


def test_the_manager_reads_their_members_receipts_and_no_one_else_s(
        client: FlaskClient, services: Services, fake: FakeStripe) -> None:
    world = fees_due(services)
    other = fees_due(services, slug="food")
    paid_by_card(client, services, fake, world)
    client.get("/logout")
    sign_in(client, services, "manager", str(world.formed.consortium))
    own = client.get(manager_receipt(world))
    assert own.status_code == 200 and "-R-2025-0001" in own.get_data(as_text=True)
    ledger = client.get(f"/workspace/fees/consortia/{world.formed.consortium}")
    assert manager_receipt(world) in ledger.get_data(as_text=True)
    # Another consortium's member under this consortium's address: not found.
    assert client.get(manager_receipt(world, other.membership)).status_code == 404
    assert client.get(manager_receipt(other)).status_code == 403
    client.get("/logout")
    sign_in(client, services, "member", str(other.membership))
    assert client.get(member_receipt(world)).status_code == 403
