"""Each dashboard figure lands in the month of the event that made it, on SQLite and
PostgreSQL: a revised quote sent in a later month moves the RFQ's wait there, the answer stays
in the month it was sent, a fee assessed in one month and paid in another counts in each,
and a rebuild from the log gives the same months."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from marketplace.bootstrap import Services
from marketplace.dashboard.bidrollups import answers, quote_waits
from marketplace.dashboard.months import Months
from marketplace.dashboard.queries import _bid_figures, dashboard
from tests.story import eur, form_consortium, quoted_bid

MARCH, MAY = Months("2025-03", "2025-03"), Months("2025-05", "2025-05")


def test_a_revised_quote_sent_in_a_later_month_moves_its_wait_there(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    bid = quoted_bid(app, formed)  # received, answered and quoted in March 2025
    march = _bid_figures(services.engine, formed.consortium, MARCH)
    assert (march["responses"], march["median_days_to_quote"]) == (1, Decimal("0.0"))
    app.request_revision(bid, "Could you deliver in two lots?")
    app.clock.advance(days=61)  # type: ignore[attr-defined]
    app.send_revised_quote(bid, eur("430000"), app.clock.now().date() + timedelta(days=30), 100)
    march = _bid_figures(services.engine, formed.consortium, MARCH)
    may = _bid_figures(services.engine, formed.consortium, MAY)
    # The answer was sent in March and stays there; the latest quote went out in May.
    assert (march["responses"], march["median_days_to_quote"]) == (1, None)
    assert (may["responses"], may["median_days_to_quote"]) == (0, Decimal("61.0"))
    with services.engine.connect() as conn:
        assert conn.execute(select(quote_waits.c.month)).scalars().all() == ["2025-05"]
        quoted = dict(conn.execute(select(answers.c.month, answers.c.quoted)).all())
    assert quoted == {"2025-03": 0, "2025-05": 1}
    # The counter of quotes submitted counts the submission, in March.
    assert dashboard(services.engine, formed.consortium, months=MARCH)["quotes_submitted"] == 1
    assert dashboard(services.engine, formed.consortium, months=MAY)["quotes_submitted"] == 0
    before = services.projector.table_rows()
    services.projector.rebuild()
    assert services.projector.table_rows() == before


def test_a_fee_counts_as_assessed_and_as_collected_in_the_months_each_happened(
        services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    assert app.assess_fees(formed.consortium, "2025", date(2025, 4, 30)) > 0  # in March
    app.clock.advance(days=40)  # type: ignore[attr-defined]  # to April
    membership = formed.memberships[0]
    fee_id, amount = next(iter(app.get_membership(membership).fees.items()))
    app.pay_fee(membership, fee_id, amount["amount"], "TRANSFER-1")
    march = dashboard(services.engine, formed.consortium, months=MARCH)
    april = dashboard(services.engine, formed.consortium, months=Months("2025-04", "2025-04"))
    assert march["fees"]["EUR"]["assessed"] > 0 and march["fees"]["EUR"]["collected"] == 0
    assert april["fees"]["EUR"] == {"assessed": 0, "collected": amount["amount"].amount}
    assert (march["trust"]["fees_paid"], april["trust"]["fees_paid"]) == (0, 1)
    assert dashboard(services.engine, formed.consortium, months=MAY)["fees"] == {}
