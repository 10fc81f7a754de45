"""Fee receipts: numbered per consortium and year, with the issuer's details and the tax
that held when each was issued (domain/receipts.py, marketplace/fees/receipts.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain.errors import FeeAmountMismatchError, InvalidValueError, NothingToCorrectError
from domain.money import Money
from domain.receipts import tax_lines, tax_rate
from marketplace.bootstrap import Services
from marketplace.fees.queries import receipt_lines
from marketplace.membership import queries as member_queries
from marketplace.membership.commands import annual_fee_id
from marketplace.ports import SteppingClock
from tests.story import eur, form_consortium

ISSUER = {"legal_name": "Cantabria Global Metal AIE", "address": "Calle Mayor 1, 39001 Santander",
          "tax_id": "v39000001", "contact": "fees@cgm.example"}


def receipt(services: Services, membership, period: str) -> dict:
    services.projector.catch_up()
    fees = member_queries.fee_status(services.engine, membership, date(2025, 1, 1))["fees"]
    return receipt_lines(next(f for f in fees if f["fee_id"] == annual_fee_id(period)))


def pay(app, membership, period: str, amount: str = "2400") -> None:
    app.pay_fee(membership, annual_fee_id(period), eur(amount), f"pi_{membership}_{period}")


def test_receipts_are_numbered_per_consortium_and_year_and_restart_next_year(
    services: Services, clock: SteppingClock,
) -> None:
    app = services.marketplace
    metal = form_consortium(app, slug="metal", members=3)
    food = form_consortium(app, slug="food", members=3)
    app.assess_fees(metal.consortium, "2025", date(2025, 4, 30))
    app.assess_fees(food.consortium, "2025", date(2025, 4, 30))
    pay(app, metal.memberships[0], "2025")
    # A refused payment takes no number: the next receipt follows without a gap.
    with pytest.raises(FeeAmountMismatchError):
        pay(app, metal.memberships[1], "2025", amount="2000")
    for membership in metal.memberships[1:]:
        pay(app, membership, "2025")
    pay(app, food.memberships[0], "2025")
    code = app.get_consortium(metal.consortium).code
    assert [receipt(services, m, "2025")["number"] for m in metal.memberships] == [
        f"{code}-R-2025-0001", f"{code}-R-2025-0002", f"{code}-R-2025-0003"]
    other = app.get_consortium(food.consortium).code
    assert other != code
    assert receipt(services, food.memberships[0], "2025")["number"] == f"{other}-R-2025-0001"
    # A new year starts again at 1; RFQ references count apart.
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    app.assess_fees(metal.consortium, "2026", date(2026, 4, 30))
    pay(app, metal.memberships[1], "2026")
    assert receipt(services, metal.memberships[1], "2026")["number"] == f"{code}-R-2026-0001"


def test_payments_at_once_take_distinct_consecutive_numbers(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app, members=6)
    app.assess_fees(formed.consortium, "2025", date(2025, 4, 30))
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda m: pay(app, m, "2025"), formed.memberships))
    numbers = sorted(receipt(services, m, "2025")["number"] for m in formed.memberships)
    assert [int(n.rsplit("-", 1)[1]) for n in numbers] == [1, 2, 3, 4, 5, 6]


def test_a_receipt_keeps_the_issuer_and_tax_that_held_when_it_was_issued(
    services: Services,
) -> None:
    app = services.marketplace
    formed = form_consortium(app, members=3)
    first, second = formed.memberships[:2]
    app.assess_fees(formed.consortium, "2025", date(2025, 4, 30))
    pay(app, first, "2025")  # nothing set yet: no issuer, no tax lines
    plain = receipt(services, first, "2025")
    assert plain["issuer"] is None and plain["tax_rate"] is None and "tax" not in plain
    app.set_receipt_issuer(formed.consortium, **ISSUER)
    app.set_fee_tax(formed.consortium, "IVA", "21")
    pay(app, second, "2025")
    taxed = receipt(services, second, "2025")
    assert taxed["issuer"] == {**ISSUER, "tax_id": "V39000001"}
    assert (taxed["tax_name"], taxed["tax_rate"]) == ("IVA", Decimal(21))
    assert (taxed["net"], taxed["tax"], taxed["paid"]) == (eur("1983.47"), eur("416.53"),
                                                           eur("2400"))
    # A later change leaves both receipts as they were issued.
    app.set_fee_tax(formed.consortium, "IVA", "10")
    app.remove_fee_tax(formed.consortium)
    assert receipt(services, second, "2025")["tax_rate"] == Decimal(21)
    assert receipt(services, first, "2025")["tax_rate"] is None
    with pytest.raises(NothingToCorrectError):
        app.remove_fee_tax(formed.consortium)
    with pytest.raises(NothingToCorrectError):
        app.set_receipt_issuer(formed.consortium, **{**ISSUER, "tax_id": "V39000001"})
    types = [row["type"] for row in app.history(str(formed.consortium))]
    assert types[-4:] == ["Consortium.ReceiptIssuerSet", "Consortium.FeeTaxSet",
                          "Consortium.FeeTaxSet", "Consortium.FeeTaxRemoved"]


def test_the_issuer_and_rate_are_checked(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    for bad in ("0", "100", "-3", "21.005", "abc", "NaN"):
        with pytest.raises(InvalidValueError):
            app.set_fee_tax(formed.consortium, "IVA", bad)
    with pytest.raises(InvalidValueError):
        app.set_fee_tax(formed.consortium, "", "21")
    with pytest.raises(InvalidValueError):
        app.set_receipt_issuer(formed.consortium, **{**ISSUER, "address": " "})
    with pytest.raises(InvalidValueError):
        app.set_receipt_issuer(formed.consortium, **{**ISSUER, "legal_name": "x" * 201})


@pytest.mark.parametrize(("gross", "currency", "rate", "net", "tax"), [
    ("121", "EUR", "21", "100.00", "21.00"),
    ("100", "EUR", "21", "82.64", "17.36"),     # 82.6446... rounds down
    ("0.05", "EUR", "10", "0.05", "0.00"),      # 0.04545... rounds half up to 0.05
    ("1000", "EUR", "5.5", "947.87", "52.13"),
    ("2400", "JPY", "10", "2182", "218"),       # no minor unit
    ("10.01", "EUR", "0.5", "9.96", "0.05"),    # 9.96019...
])
def test_tax_lines_are_exact_and_add_up(gross, currency, rate, net, tax) -> None:
    lines = tax_lines(Money.of(gross, currency), tax_rate(rate))
    assert lines == (Money.of(net, currency), Money.of(tax, currency))
    assert lines[0].amount + lines[1].amount == Money.of(gross, currency).amount
