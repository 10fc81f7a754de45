"""Steps of features/agencies.feature: several agencies in one installation, through the
screens, on SQLite and on PostgreSQL."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from uuid import UUID

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.values import Sector
from marketplace.agencies.queries import agency_id_of
from marketplace.bootstrap import Services
from tests.bdd.support import log_position
from tests.story import form_consortium, register_agency, request_quote
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import PASSWORD, open_account
from web import create_app

scenarios("agencies.feature")

WOOD = Sector("16", "Manufacture of wood")


@dataclass
class World:
    services: Services
    site: Flask
    client: FlaskClient | None = None
    consortia: dict[str, UUID] = field(default_factory=dict)
    last: TestResponse | None = None
    before: int | None = None

    def url(self, endpoint: str, **values: object) -> str:
        with self.site.test_request_context():
            return url_for(endpoint, **values)

    def sign_in(self, role: str, scope: str = "") -> None:
        _account, email = open_account(self.services, role, scope)
        self.client = self.site.test_client()
        answer = self.client.post("/login", data={"email": email, "password": PASSWORD})
        assert answer.status_code == 303

    def page(self, endpoint: str, **values: object) -> str:
        assert self.client is not None
        answer = self.client.get(self.url(endpoint, **values))
        assert answer.status_code == 200, (endpoint, answer.status_code)
        return html.unescape(answer.get_data(as_text=True))

    def post(self, endpoint: str, data: dict[str, str], **options: object) -> str:
        assert self.client is not None
        self.before = log_position(self.services.marketplace)
        self.last = self.client.post(self.url(endpoint), data=data, **options)
        return html.unescape(self.last.get_data(as_text=True))


@pytest.fixture
def world(services: Services) -> World:
    return World(services, create_app(services=services, config=TEST_CONFIG))


def _scope(code: str) -> str:
    return "" if code == "the whole installation" else agency_id_of(code)


# Given


@given(parsers.parse('the installation serves SODERCAN in ES-CB, with the consortium '
                     '"{name}"'))
def sodercan(world: World, name: str) -> None:
    app = world.services.marketplace
    register_agency(app, "SODERCAN", "ES-CB")
    formed = form_consortium(app, "cantabria-metal", name=name)
    request_quote(app, formed.consortium)
    world.consortia[name] = formed.consortium


@given(parsers.parse('the agency IDEPA in ES-AS, with the consortium "{name}"'))
def idepa(world: World, name: str) -> None:
    app = world.services.marketplace
    register_agency(app, "IDEPA", "ES-AS")
    world.consortia[name] = app.propose_consortium(
        slug="asturias-wood", name=name, agency="IDEPA", region="ES-AS", sector=WOOD)


@given(parsers.re(r"I am signed in as an? (?P<role>officer|auditor) of "
                  r"(?P<code>the whole installation|\w+)"))
def signed_in(world: World, role: str, code: str) -> None:
    world.sign_in(role, _scope(code))


# When


@when(parsers.parse('I register the agency "{code}", "{name}", in {region} with a programme '
                    'cap of "{cap}" and a fee of "{fee}", in Spanish'))
def register(world: World, code: str, name: str, region: str, cap: str, fee: str) -> None:
    world.post("agencies.register", {
        "code": code, "name": name, "region": region, "currency": "EUR",
        "programme_cap": cap, "annual_fee": fee, "success_fee_percent": "2",
        "legal_name": name, "address": "Parque Tecnológico de Asturias, 33428 Llanera",
        "tax_id": "Q3300279A", "contact": "idepa@idepa.example"},
        headers={"Accept-Language": "es"})
    assert world.last is not None and world.last.status_code == 303


@when(parsers.re(r'I propose "(?P<name>[^"]+)" for (?P<code>\w+) in region (?P<region>[\w-]+)'
                 r'(?: with a seed-funding cap of (?P<cap>\d+))?$'))
def propose(world: World, name: str, code: str, region: str, cap: str | None) -> None:
    world.post("agency.propose", {
        "name": name, "slug": re.sub(r"[^a-z]+", "-", name.lower()).strip("-"),
        "sector_nace": "16", "sector_name": "Manufacture of wood", "region": region,
        "agency": code, "programme_cap": cap or ""})


# Then


@then("the list of agencies shows SODERCAN in Cantabria and IDEPA in Asturias")
def agencies_listed(world: World) -> None:
    page = world.page("agencies.index")
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    found = {(m.group(1), m.group(2)) for row in rows
             if (m := re.search(r"<td>(\w+)</td>\s*<td>([^<(]+?) \(", row))}
    assert found == {("SODERCAN", "Cantabria"), ("IDEPA", "Asturias, Principado de")}, found


@then(parsers.parse('the proposal is refused, saying "{words}", and nothing is kept'))
def refused(world: World, words: str) -> None:
    assert world.last is not None and world.last.status_code == 422
    assert words in html.unescape(world.last.get_data(as_text=True))
    assert log_position(world.services.marketplace) == world.before


@then(parsers.parse('the consortia I see are "{name}" only'))
def only(world: World, name: str) -> None:
    page = world.page("agency.index")
    listed = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', page)
    assert listed == [name]


@then(parsers.parse('opening the formation, desk, fees, dashboard and history of "{name}" '
                    'is refused'))
def refused_there(world: World, name: str) -> None:
    assert world.client is not None
    consortium = world.consortia[name]
    slug = "cantabria-metal"
    for url in (world.url("agency.consortium", slug=slug),
                world.url("desk.rates", consortium_id=consortium),
                world.url("fees.ledger", consortium_id=consortium),
                world.url("dashboard.consortium", slug=slug),
                world.url("audit.aggregate", aggregate_id=consortium)):
        assert world.client.get(url).status_code == 403, url


def _log_names(world: World) -> set[str]:
    """The consortia the log names, over all its pages."""
    page = world.page("audit.log", size="200")
    return {name for name in world.consortia if name in page}


@then(parsers.parse('the event log shows the events of "{mine}" and none of "{theirs}"'))
def log_of_mine(world: World, mine: str, theirs: str) -> None:
    assert _log_names(world) == {mine}


@then(parsers.parse('the event log shows the events of "{mine}" and of "{theirs}"'))
def log_of_both(world: World, mine: str, theirs: str) -> None:
    assert _log_names(world) == {mine, theirs}
