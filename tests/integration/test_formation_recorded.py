"""What the formation records reaches the officer's read model: the agreement reference of
a join, the reason of a decline, and who was appointed manager (a name while not erased)."""

from __future__ import annotations

from marketplace.bootstrap import Services
from marketplace.formation.queries import consortium_formation, manager_name
from tests.story import METAL, form_consortium


def test_agreement_decline_reason_and_manager_are_in_the_formation(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    company = app.register_company(tax_id="ESB99000001", name="Metal Firm 9", region="ES-CB",
                                   sector=METAL, employees=12, summary="Welding.")
    declining = app.identify_prospect(formed.consortium, company, "Exports to Portugal.")
    app.decline_membership(declining, "No capacity this year")
    services.projector.catch_up()

    found = consortium_formation(services.engine, "metal")
    by_name = {p["company_name"]: p for p in found["prospects"]}
    assert by_name["Metal Firm 1"]["agreement"] == "MA-2025-signed.pdf"
    assert by_name["Metal Firm 1"]["decline_reason"] is None
    assert by_name["Metal Firm 9"]["decline_reason"] == "No capacity this year"
    assert by_name["Metal Firm 9"]["agreement"] is None
    assert manager_name(app.vault, found["governance"]) == "Ana Ruiz"

    app.erase_personal_data("ana.ruiz@example.com", "asked to be forgotten")
    services.projector.catch_up()
    erased = consortium_formation(services.engine, "metal")
    assert manager_name(app.vault, erased["governance"]) is None
