"""The demo's two agencies on the web: each officer, signed in with the demo login, sees and
opens their own agency's consortia only; the officer of all agencies and the auditor see all."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from marketplace.demo import DEMO_LOGINS

CANTABRIAN = {"cantabria-metal", "cantabria-agrifood", "cantabria-marine-energy"}
ASTURIAN = {"asturias-metal"}


def signed_in(app: Flask, email: str) -> FlaskClient:
    """A client signed in through the login form with the demo login's own password."""
    login = next(login for login in DEMO_LOGINS if login.email == email)
    client = app.test_client()
    response = client.post("/login", data={"email": login.email, "password": login.password})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return client


def formation_list(client: FlaskClient) -> set[str]:
    response = client.get("/workspace/agency/")
    assert response.status_code == 200
    return set(re.findall(r'href="/workspace/agency/([a-z0-9-]+)"',
                          response.get_data(as_text=True)))


@pytest.mark.parametrize(("email", "sees"), [
    ("officer@idepa.demo", ASTURIAN),
    ("officer@sodercan.demo", CANTABRIAN),
    ("admin@consortia.demo", CANTABRIAN | ASTURIAN),
    ("auditor@sodercan.demo", CANTABRIAN | ASTURIAN),
])
def test_each_demo_officer_lists_the_consortia_of_their_agency(
        demo_app: Flask, email: str, sees: set[str]) -> None:
    assert formation_list(signed_in(demo_app, email)) == sees


@pytest.mark.parametrize(("email", "own", "other"), [
    ("officer@idepa.demo", "asturias-metal", "cantabria-metal"),
    ("officer@sodercan.demo", "cantabria-marine-energy", "asturias-metal"),
])
def test_an_agency_officer_opens_their_consortium_and_not_the_other_agency_s(
        demo_app: Flask, email: str, own: str, other: str) -> None:
    client = signed_in(demo_app, email)
    assert client.get(f"/workspace/agency/{own}").status_code == 200
    assert client.get(f"/workspace/agency/{other}").status_code in (403, 404)


def test_the_agencies_page_shows_each_officer_their_agency_and_the_admin_both(
        demo_app: Flask) -> None:
    def page(email: str) -> str:
        return signed_in(demo_app, email).get("/workspace/agencies/").get_data(as_text=True)

    idepa, sodercan, admin = (page(email) for email in (
        "officer@idepa.demo", "officer@sodercan.demo", "admin@consortia.demo"))
    assert "Principado de Asturias" in idepa and "Desarrollo de Cantabria" not in idepa
    assert "Desarrollo de Cantabria" in sodercan and "Principado de Asturias" not in sodercan
    assert "Desarrollo de Cantabria" in admin and "Principado de Asturias" in admin
    # Only the officer of all agencies registers one.
    assert 'name="code"' in admin
    assert 'name="code"' not in idepa and 'name="code"' not in sodercan


def test_the_catalog_offers_both_demo_regions_and_filters_by_them(demo_app: Flask) -> None:
    client = demo_app.test_client()
    page = client.get("/").get_data(as_text=True)
    assert 'value="ES-AS"' in page and 'value="ES-CB"' in page

    def listed(region: str) -> set[str]:
        found = client.get(f"/?region={region}").get_data(as_text=True)
        return set(re.findall(r'href="/consortia/([a-z0-9-]+)"', found))

    assert listed("ES-AS") == ASTURIAN
    assert listed("ES-CB") == CANTABRIAN


ASTURIAN_RFQS = ("Hydrocarbures Est Ingénierie SPA", "Compañía Minera Andina del Sur S.A.C.")
CANTABRIAN_RFQS = ("Halifax Marine Structures Inc.", "Dublin Hospitality Supplies Ltd")


@pytest.mark.parametrize(("email", "shown", "hidden"), [
    ("manager@asturias-metal.demo", ASTURIAN_RFQS, CANTABRIAN_RFQS),
    ("officer@idepa.demo", ASTURIAN_RFQS, CANTABRIAN_RFQS),
    ("officer@sodercan.demo", CANTABRIAN_RFQS, ASTURIAN_RFQS),
])
def test_each_agency_s_desk_holds_its_own_consortia_s_rfqs(
        demo_app: Flask, email: str, shown: tuple[str, ...], hidden: tuple[str, ...]) -> None:
    desk = signed_in(demo_app, email).get("/workspace/desk/")
    assert desk.status_code == 200
    page = desk.get_data(as_text=True)
    assert all(organisation in page for organisation in shown)
    assert not any(organisation in page for organisation in hidden)
