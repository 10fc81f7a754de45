"""Several agencies in one installation (issue 16): each a record with its region,
programme and legal details; officers act within their agency, auditors read one agency or
the whole installation; nobody reads another agency's consortia, on any page or download.

On SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient

from domain.agency import Agency
from domain.values import Sector
from marketplace.agencies.queries import agency, agency_id_of
from marketplace.bootstrap import Services, bootstrap
from marketplace.documents.blobs import BlobStore
from marketplace.outbox.kind import MailContext
from marketplace.outbox.notices import officers
from marketplace.ports import SteppingClock
from tests.story import Formed, form_consortium, register_agency, request_quote
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import PASSWORD, open_account
from tests.web.test_quotation import pdf_text
from web import create_app

WOOD = "Asturias Wood Export Consortium"
METAL = "Metal Export Consortium"


@pytest.fixture
def services(store_url: str, clock: SteppingClock, blob_store: BlobStore) -> Iterator[Services]:
    built = bootstrap(store_url, clock=clock, blobs=blob_store)
    yield built
    built.close()


@dataclass
class Two:
    """Two agencies: SODERCAN with a formed consortium and an RFQ, IDEPA with one proposed."""

    services: Services
    app: Flask
    cantabria: UUID
    asturias: UUID
    metal: Formed
    wood: UUID
    rfq: UUID

    def person(self, role: str, scope: str = "") -> FlaskClient:
        _account, email = open_account(self.services, role, scope)
        client = self.app.test_client()
        response = client.post("/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 303
        return client

    def url(self, endpoint: str, **values: object) -> str:
        with self.app.test_request_context():
            return url_for(endpoint, **values)


@pytest.fixture
def two(services: Services) -> Two:
    app = services.marketplace
    cantabria = register_agency(app, "SODERCAN", "ES-CB")
    asturias = register_agency(app, "IDEPA", "ES-AS")
    metal = form_consortium(app, "metal")
    rfq = request_quote(app, metal.consortium)
    wood = app.propose_consortium(slug="asturias-wood", name=WOOD, agency="IDEPA",
                                  region="ES-AS", sector=Sector("16", "Manufacture of wood"))
    return Two(services, create_app(services=services, config=TEST_CONFIG), cantabria,
               asturias, metal, wood, rfq)


LISTS = [("agency.index", {}), ("agencies.index", {}), ("agreements.index", {}),
         ("audit.log", {}), ("audit.log_download", {"fmt": "csv"}),
         ("dashboard.overview", {}), ("dashboard.overall_download", {"fmt": "csv"}),
         ("desk.index", {}), ("desk.pipeline_download", {"fmt": "csv"}),
         ("fees.index", {}), ("member.index", {}), ("payments.anomalies", {}),
         ("accounts.index", {})]


def _body(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["officer", "auditor"])
def test_an_agencys_officer_and_auditor_list_none_of_another_agencys_records(
        two: Two, role: str) -> None:
    asturian = two.person(role, str(two.asturias))
    cantabrian = two.person(role, str(two.cantabria))
    everywhere = two.person(role)
    metal_id = str(two.metal.consortium)
    for endpoint, values in LISTS:
        url = two.url(endpoint, **values)
        page = _body(asturian, url)
        assert METAL not in page and metal_id not in page, (role, endpoint)
        assert "Metal Firm" not in page, (role, endpoint)
    # Where consortia are listed by name, each agency's people find their own.
    for endpoint in ("agency.index", "audit.log"):
        url = two.url(endpoint)
        assert WOOD in _body(asturian, url)
        assert METAL in _body(cantabrian, url) and WOOD not in _body(cantabrian, url)
        assert METAL in _body(everywhere, url) and WOOD in _body(everywhere, url)
    agencies = _body(asturian, two.url("agencies.index"))
    assert "Instituto de Desarrollo" in agencies and "Sociedad para el Desarrollo" not in agencies
    assert "Sociedad para el Desarrollo" in _body(everywhere, two.url("agencies.index"))


def _rfqs_received(client: FlaskClient, url: str) -> tuple[str, int]:
    """The download's file name, and the RFQs received its pipeline's table counts."""
    response = client.get(url)
    assert response.status_code == 200, url
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    [count] = [int(row[2]) for row in rows
               if row[0] == "From RFQ to contract" and row[1] == "RFQs received"]
    disposition = response.headers["Content-Disposition"]
    return disposition.split('filename="')[1].rstrip('"'), count


@pytest.mark.parametrize("role", ["officer", "auditor"])
def test_an_agencys_officer_and_auditor_read_their_agencys_totals(two: Two, role: str) -> None:
    asturian = two.person(role, str(two.asturias))
    cantabrian = two.person(role, str(two.cantabria))
    everywhere = two.person(role)
    download = two.url("dashboard.overall_download", fmt="csv")
    # Metal (SODERCAN's) has the one RFQ; wood (IDEPA's) none.
    assert _rfqs_received(asturian, download) == ("kpis-IDEPA-all-time.csv", 0)
    assert _rfqs_received(cantabrian, download) == ("kpis-SODERCAN-all-time.csv", 1)
    assert _rfqs_received(everywhere, download) == ("kpis-all-all-time.csv", 1)
    year = two.url("dashboard.overall_download", fmt="csv", **{"from": "2001-01",
                                                                "to": "2001-12"})
    assert _rfqs_received(cantabrian, year) == ("kpis-SODERCAN-2001-01-to-2001-12.csv", 0)
    sheet = asturian.get(download).get_data(as_text=True)
    assert "Totals of,Agency,IDEPA,Instituto de Desarrollo" in sheet
    # The overview: the agency's totals under its name, and its consortia side by side.
    page = _body(asturian, two.url("dashboard.overview"))
    assert "All consortia of Instituto de Desarrollo Económico" in page
    assert f">{WOOD}</a></th>" in page and METAL not in page
    assert "Show this period" in page and 'id="figures"' in page
    spanish = asturian.get(two.url("dashboard.overview"), headers={"Accept-Language": "es"})
    assert "Todos los consorcios de Instituto de Desarrollo" in spanish.get_data(as_text=True)
    page = _body(cantabrian, two.url("dashboard.overview", **{"from": "2001-01"}))
    assert "All consortia of Sociedad para el Desarrollo de Cantabria" in page
    assert f">{METAL}</a></th>" in page and WOOD not in page
    whole = _body(everywhere, two.url("dashboard.overview"))
    assert "<h2 id=\"figures-heading\">All consortia\n" in whole
    # Someone of both agencies reads their totals together, the agencies named by name.
    both, email = open_account(two.services, role, str(two.asturias))
    two.services.marketplace.grant_role(both, role, str(two.cantabria))
    client = two.app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 303
    assert _rfqs_received(client, download) == ("kpis-IDEPA-SODERCAN-all-time.csv", 1)
    page = _body(client, two.url("dashboard.overview"))
    assert ("All consortia of Instituto de Desarrollo Económico del Principado de Asturias "
            "and Sociedad para el Desarrollo de Cantabria") in page
    assert f">{METAL}</a></th>" in page and f">{WOOD}</a></th>" in page
    # A manager keeps the list of their own consortia, with no totals.
    manager = two.person("manager", str(two.metal.consortium))
    mine = _body(manager, two.url("dashboard.overview"))
    assert "The dashboards of the consortia you manage" in mine and 'id="figures"' not in mine
    assert manager.get(download).status_code == 403


def test_another_agencys_records_are_refused(two: Two) -> None:
    officer = two.person("officer", str(two.asturias))
    auditor = two.person("auditor", str(two.asturias))
    metal = str(two.metal.consortium)
    for client in (officer, auditor):
        for url in (two.url("agency.consortium", slug="metal"),
                    two.url("desk.bid", bid_id=two.rfq),
                    two.url("dashboard.consortium", slug="metal"),
                    two.url("fees.ledger", consortium_id=metal),
                    two.url("member.space", membership_id=two.metal.memberships[0]),
                    two.url("audit.aggregate", aggregate_id=two.metal.consortium),
                    two.url("audit.as_of", aggregate_id=metal, version=1),
                    two.url("audit.export_jsonl"),
                    two.url("agencies.agency_page", agency_id=two.cantabria)):
            assert client.get(url).status_code == 403, url
        # The log's first event registers SODERCAN: not theirs either.
        assert client.get(two.url("audit.event", position=1)).status_code == 403
        # Asked by name, the as-of picker finds only their own records.
        found = _body(client, two.url("audit.as_of", q="Export Consortium"))
        assert WOOD in found and METAL not in found
    assert officer.post(two.url("agency.grant", slug="metal"),
                        data={"amount": "1000"}).status_code == 403
    assert officer.get(two.url("agency.consortium", slug="asturias-wood")).status_code == 200
    assert auditor.get(two.url("audit.aggregate", aggregate_id=two.wood)).status_code == 200


PROPOSAL = {"name": "Asturias Metal", "slug": "asturias-metal", "sector_nace": "25",
            "sector_name": "Fabricated metal products", "agency": "IDEPA"}


def test_an_officer_proposes_consortia_for_their_agency_within_its_region(two: Two) -> None:
    officer = two.person("officer", str(two.asturias))
    base = two.url("agency.index")
    other = officer.post(base, data={**PROPOSAL, "agency": "SODERCAN", "region": "ES-CB"})
    assert other.status_code == 403
    outside = officer.post(base, data={**PROPOSAL, "region": "ES-CB"})
    assert outside.status_code == 422
    assert "ES-CB is outside the region of Instituto de Desarrollo" in outside.get_data(
        as_text=True)
    assert 'value="asturias-metal"' in outside.get_data(as_text=True)  # kept as typed
    # Oviedo's province (ES-O) lies in Asturias (ES-AS).
    assert officer.post(base, data={**PROPOSAL, "region": "ES-O"}).status_code == 303
    form = _body(officer, base)
    assert '<option value="IDEPA"' in form and '<option value="SODERCAN"' not in form


def _registration(**changes: str) -> dict[str, str]:
    return {"code": "IGAPE", "name": "Instituto Galego de Promoción Económica",
            "region": "ES-GA", "currency": "EUR", "programme_cap": "600.000,00",
            "annual_fee": "1.800", "success_fee_percent": "1,5",
            "legal_name": "IGAPE", "address": "Complexo Administrativo San Lázaro, Santiago",
            "tax_id": "q1500001a", "contact": "igape@example.org", **changes}


def test_agencies_are_registered_kept_and_hold_their_programme(two: Two) -> None:
    es = {"Accept-Language": "es"}
    everywhere = two.person("officer")
    asturian = two.person("officer", str(two.asturias))
    register = two.url("agencies.register")

    assert asturian.post(register, data=_registration(), headers=es).status_code == 403
    refused = everywhere.post(register, data=_registration(region="XX-99"), headers=es)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert 'value="600.000,00"' in page and 'value="XX-99"' in page
    done = everywhere.post(register, data=_registration(), headers=es)
    assert done.status_code == 303
    galicia = agency(two.services.engine, agency_id_of("igape"))
    assert (galicia["code"], galicia["region"]) == ("IGAPE", "ES-GA")
    assert (galicia["programme_cap"], galicia["annual_fee"],
            galicia["success_fee_percent"]) == (Decimal("600000.00"), Decimal("1800"),
                                                Decimal("1.5"))
    assert galicia["legal"]["tax_id"] == "Q1500001A"
    again = everywhere.post(register, data=_registration(code="igape "), headers=es)
    assert again.status_code == 422
    assert "ya está registrada" in again.get_data(as_text=True)

    # An agency's officer keeps its details and programme, and not another's.
    mine = two.url("agencies.agency_page", agency_id=two.asturias)
    theirs = two.url("agencies.amend", agency_id=two.cantabria)
    details = {"name": "IDEPA Asturias", "legal_name": "IDEPA", "address": "Llanera",
               "tax_id": "Q3300001A", "contact": "idepa@example.org", "version": "1"}
    assert asturian.post(theirs, data=details).status_code == 403
    assert asturian.post(two.url("agencies.amend", agency_id=two.asturias),
                         data=details).status_code == 303
    assert "IDEPA Asturias" in _body(asturian, mine)
    changed = asturian.post(two.url("agencies.change_programme", agency_id=two.asturias),
                            data={"programme_cap": "300000", "annual_fee": "1200",
                                  "success_fee_percent": "1", "version": "2"})
    assert changed.status_code == 303
    kept = two.services.marketplace.repository.get(two.asturias)
    assert isinstance(kept, Agency)
    assert [type(e).__name__ for e in two.services.marketplace.repository.event_store.get(
        two.asturias)] == ["Registered", "DetailsAmended", "ProgrammeChanged"]
    # A consortium without rules starts from the programme's fees.
    rules_form = _body(asturian, two.url("agency.consortium", slug="asturias-wood"))
    assert ">standard 1200.00</textarea>" in rules_form
    # Consortia proposed from now on are held to the new cap.
    over = asturian.post(two.url("agency.index"),
                         data={**PROPOSAL, "region": "ES-AS", "programme_cap": "400000"})
    assert over.status_code == 422
    assert "would pass the programme cap of €300,000.00" in over.get_data(as_text=True)


def test_an_agencys_officer_looks_after_its_own_accounts_only(two: Two) -> None:
    services = two.services
    cantabrian, _ = open_account(services, "manager", str(two.metal.consortium))
    asturian_officer = two.person("officer", str(two.asturias))
    listed = _body(asturian_officer, two.url("accounts.index"))
    assert str(cantabrian) not in listed
    for endpoint in ("accounts.grant_form",):
        assert asturian_officer.get(two.url(endpoint, account_id=cantabrian)).status_code == 403
    assert asturian_officer.post(two.url("accounts.close", account_id=cantabrian),
                                 data={"confirm": "yes"}).status_code == 403
    invite = two.url("accounts.invite")
    whole = asturian_officer.post(invite, data={"name": "Eva Álvarez", "role": "auditor",
                                                "email": "eva@example.org", "agency": "",
                                                "language": "es"})
    assert whole.status_code == 422
    ours = asturian_officer.post(invite, data={"name": "Eva Álvarez", "role": "auditor",
                                               "email": "eva@example.org",
                                               "agency": str(two.asturias), "language": "es"})
    assert ours.status_code == 303
    assert "Eva Álvarez" in _body(asturian_officer, two.url("accounts.index"))
    form = _body(asturian_officer, two.url("accounts.index"))
    assert "Every agency: the whole installation" not in form
    assert "Every agency: the whole installation" in _body(two.person("officer"),
                                                           two.url("accounts.index"))


def test_overdue_rfqs_are_told_to_the_officers_of_their_consortiums_agency(two: Two) -> None:
    services = two.services
    vault = services.marketplace.vault

    def person(role: str, scope: str) -> UUID:
        account, _email = open_account(services, role, scope)
        return UUID(str(services.marketplace.get_account(account).person))

    everywhere = person("officer", "")
    cantabrian = person("officer", str(two.cantabria))
    asturian = person("officer", str(two.asturias))
    services.projector.catch_up()
    ctx = MailContext(services.marketplace, services.engine)

    class Overdue:
        consortium_id = two.metal.consortium

    told = officers(Overdue(), ctx)
    assert everywhere in told and cantabrian in told and asturian not in told
    assert vault is services.marketplace.vault


def test_the_member_agreement_names_the_agency_whose_programme_formed_the_consortium(
        two: Two) -> None:
    member = two.person("member", str(two.metal.memberships[0]))
    response = member.get(two.url("member.agreement_pdf",
                                  membership_id=two.metal.memberships[0], version=1))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.get_data()).split())
    assert ("Formed under the programme of Sociedad para el Desarrollo de Cantabria "
            "(Cantabria).") in text
    assert "info@sodercan.example" in text
