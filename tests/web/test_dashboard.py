"""The KPI dashboard on screen: charts with their tables, and who may see which consortium."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import Formed, awarded_bid, form_consortium, request_quote
from tests.web.signin import sign_in

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def metal(services: Services) -> Formed:
    """A consortium with two RFQs, one of them quoted, accepted and awarded (to Mexico)."""
    formed = form_consortium(services.marketplace, slug="metal")
    request_quote(services.marketplace, formed.consortium)
    awarded_bid(services.marketplace, formed)
    return formed


@pytest.fixture
def marine(services: Services) -> Formed:
    return form_consortium(services.marketplace, slug="marine")


def figures_of(page: str) -> list[ET.Element]:
    """Each chart's <figure>, parsed as XML (a figure is well-formed by design)."""
    return [ET.fromstring(block) for block in
            re.findall(r'<figure class="chart".*?</figure>', page, flags=re.S)]


def table_of(figure: ET.Element) -> dict[str, str]:
    return {row.find("th").text: row.find("td").text  # type: ignore[union-attr]
            for row in figure.iter("tr") if row.find("td") is not None}


def test_an_officer_sees_every_consortium_with_a_chart_and_table_per_figure(
        client: FlaskClient, services: Services, metal: Formed, marine: Formed) -> None:
    sign_in(client, services, "officer")
    response = client.get("/workspace/dashboard/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Metal Export Consortium" in page and "Marine Export Consortium" in page
    charts = figures_of(page)
    assert {f.get("id") for f in charts} == {
        "chart-pipeline", "chart-rates", "chart-contracts-eur", "chart-fees-eur", "chart-seed-eur",
        "chart-members", "chart-trust"}
    for figure in charts:
        svg = figure.find(f"{SVG}svg")
        assert svg is not None and svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text == figure.find("figcaption").text  # type: ignore[union-attr]
        assert desc is not None and desc.text
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert figure.find(".//table") is not None and table_of(figure)
    pipeline = next(f for f in charts if f.get("id") == "chart-pipeline")
    assert table_of(pipeline) == {"RFQs received": "2", "RFQs answered": "1",
                                  "Quotes submitted": "1", "Quotes won": "1",
                                  "Contracts awarded": "1"}
    contracts = next(f for f in charts if f.get("id") == "chart-contracts-eur")
    assert table_of(contracts) == {"Mexico": "€440,000.00"}
    # The bar of the largest figure is the longest; a figure of nothing draws no bar.
    widths = [float(r.get("width")) for r in pipeline.iter(f"{SVG}rect")]  # type: ignore[arg-type]
    assert widths[0] == max(widths) > widths[1] > 0


def test_a_consortiums_dashboard_shows_only_its_figures(
        client: FlaskClient, services: Services, metal: Formed, marine: Formed) -> None:
    sign_in(client, services, "auditor")
    page = client.get("/workspace/dashboard/marine").get_data(as_text=True)
    pipeline = next(f for f in figures_of(page) if f.get("id") == "chart-pipeline")
    assert table_of(pipeline)["RFQs received"] == "0"
    members = next(f for f in figures_of(page) if f.get("id") == "chart-members")
    assert table_of(members) == {"2025": "3"}


def test_htmx_gets_the_figures_alone(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    sign_in(client, services, "officer")
    response = client.get("/workspace/dashboard/metal", headers={"HX-Request": "true"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert page.lstrip().startswith('<section id="figures"') and "<html" not in page
    assert figures_of(page)


def test_a_manager_sees_their_consortium_and_is_refused_another(
        client: FlaskClient, services: Services, metal: Formed, marine: Formed) -> None:
    sign_in(client, services, "manager", str(metal.consortium))
    assert client.get("/workspace/dashboard/metal").status_code == 200
    refused = client.get("/workspace/dashboard/marine")
    assert refused.status_code == 403
    assert "a consortium you do not manage" in refused.get_data(as_text=True)
    overview = client.get("/workspace/dashboard/").get_data(as_text=True)
    assert "/workspace/dashboard/metal" in overview
    assert "Marine" not in overview and not figures_of(overview)


@pytest.mark.parametrize("path", ["/workspace/dashboard/", "/workspace/dashboard/metal"])
def test_members_are_refused_and_strangers_sent_to_sign_in(
        client: FlaskClient, services: Services, metal: Formed, path: str) -> None:
    assert client.get(path).headers["Location"].startswith("/login")
    sign_in(client, services, "member", str(metal.memberships[0]))
    assert client.get(path).status_code == 403


def test_an_unknown_consortium_is_not_found(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    sign_in(client, services, "officer")
    response = client.get("/workspace/dashboard/timber")
    assert response.status_code == 404
    assert "There is no consortium called" in response.get_data(as_text=True)
