"""Steps of features/agency.feature: the officer forms a consortium through the screens.

Every step reads the page and submits its forms as a browser would: the hidden fields
(CSRF token, version) and the choices come from the HTML, never from the store.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pytest
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from marketplace.bootstrap import Services
from tests.story import METAL
from tests.web.agency_helpers import BASE, events
from tests.web.signin import sign_in

scenarios("agency.feature")


@dataclass
class Screen:
    """The officer's browser: the consortium at hand and the last answer."""

    client: FlaskClient
    services: Services
    slug: str = ""
    last: TestResponse | None = None
    events_before: int = 0
    registered: dict[str, str] = field(default_factory=dict)

    def page(self) -> str:
        response = self.client.get(f"{BASE}/{self.slug}")
        assert response.status_code == 200
        return response.get_data(as_text=True)

    def submit(self, action: str, data: dict[str, object], *, page: str | None = None) -> None:
        """Fill in the form posting to `action` on the page, keep its hidden fields, send it."""
        page = page if page is not None else self.page()
        form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', page,
                         re.S)
        assert form, f"the page has no form for {action}"
        hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">',
                                 form.group(1)))
        self.events_before = events(self.services)
        self.last = self.client.post(action, data={**hidden, **data}, follow_redirects=True)

    def text(self) -> str:
        assert self.last is not None
        return html.unescape(self.last.get_data(as_text=True))


def _choice(page: str, name: str, label: str) -> str:
    """The value of the checkbox named `name` whose label is `label`."""
    found = re.search(rf'name="{name}" value="([^"]+)"[^>]*> {re.escape(label)}</label>', page)
    assert found, f"no {name} choice labelled {label}"
    return found.group(1)


def _names(listed: str) -> list[str]:
    return [n.strip().strip('"') for n in re.split(r",| and ", listed) if n.strip()]


def _ok(screen: Screen) -> None:
    assert screen.last is not None
    assert screen.last.status_code == 200, screen.text()[:2000]
    assert "Saved." in screen.text()


@pytest.fixture
def screen(client: FlaskClient, services: Services) -> Screen:
    return Screen(client, services)


# Given


@given("I am signed in as an agency officer")
def officer(screen: Screen) -> None:
    sign_in(screen.client, screen.services, "officer")


@given(parsers.parse('the companies "{first}" and "{second}" are already registered'))
def registered(screen: Screen, first: str, second: str) -> None:
    for n, name in enumerate((first, second)):
        screen.services.marketplace.register_company(
            tax_id=f"ESB3900000{n}", name=name, region="ES-CB", sector=METAL,
            employees=40 + n, summary="Steelwork for ships and plants.")


# When


@when(parsers.parse('I propose "{name}" as "{slug}" for NACE {nace} "{sector}" in region {region}'))
def propose(screen: Screen, name: str, slug: str, nace: str, sector: str, region: str) -> None:
    listing = screen.client.get(f"{BASE}/").get_data(as_text=True)
    screen.submit(f"{BASE}/", {"name": name, "slug": slug, "sector_nace": nace,
                               "sector_name": sector, "region": region, "agency": "SODERCAN",
                               "programme_cap": "700000"}, page=listing)
    assert screen.last is not None and screen.last.status_code == 200, screen.text()[:2000]
    screen.slug = slug


@when(parsers.parse('I identify "{company}" as a prospect because "{note}"'))
def identify(screen: Screen, company: str, note: str) -> None:
    page = screen.page()
    option = re.search(rf'<option value="([^"]+)"[^>]*>{re.escape(company)} \(', page)
    assert option, f"{company} is not offered as a registered company"
    screen.submit(f"{BASE}/{screen.slug}/prospects",
                  {"company_id": option.group(1), "export_potential": note}, page=page)
    _ok(screen)


@when(parsers.parse('I register "{company}" and identify it as a prospect because "{note}"'))
def register_and_identify(screen: Screen, company: str, note: str) -> None:
    screen.submit(f"{BASE}/{screen.slug}/prospects", {
        "company_id": "", "company_name": company, "tax_id": "ESB39000099",
        "company_region": "ES-CB", "employees": "25", "summary": "Welding offshore.",
        "export_potential": note})
    _ok(screen)


@when(parsers.parse('I plan an introductory meeting on {day} about "{topic}"'))
def plan(screen: Screen, day: str, topic: str) -> None:
    screen.submit(f"{BASE}/{screen.slug}/meetings", {"on": day, "topic": topic})
    _ok(screen)


@when(parsers.parse('I record the meeting as held with {listed} attending'))
def hold(screen: Screen, listed: str) -> None:
    page = screen.page()
    action = re.search(rf'action="({BASE}/{screen.slug}/meetings/[^"]+/held)"', page)
    assert action, "no planned meeting waits to be recorded"
    attendees = [_choice(page, "attendees", name) for name in _names(listed)]
    screen.submit(action.group(1), {"attendees": attendees}, page=page)
    _ok(screen)


def _prospect_action(page: str, company: str, what: str) -> str:
    anchor = re.search(rf'<a href="#prospect-([0-9a-f-]+)">{re.escape(company)}</a>', page)
    assert anchor, f"{company} is not listed as a prospect"
    return f"{BASE}/{{slug}}/prospects/{anchor.group(1)}/{what}"


@when(parsers.parse('I record that "{company}" declares {stages}'))
def declare(screen: Screen, company: str, stages: str) -> None:
    page = screen.page()
    action = _prospect_action(page, company, "capabilities").format(slug=screen.slug)
    screen.submit(action, {"stages": _names(stages), "products": "Steel structures",
                           "certifications": "ISO 9001, 2030-01-01",
                           "capacity": "1,200 t a year"}, page=page)
    _ok(screen)


@when(parsers.parse("I record that {listed} join"))
def join(screen: Screen, listed: str) -> None:
    for company in _names(listed):
        page = screen.page()
        action = _prospect_action(page, company, "decision").format(slug=screen.slug)
        screen.submit(action, {"decision": "join", "agreement": "MA-2025-signed.pdf",
                               "tier": "standard"}, page=page)
        _ok(screen)


@when(parsers.parse("I grant EUR {amount} of seed funding"))
def grant(screen: Screen, amount: str) -> None:
    screen.submit(f"{BASE}/{screen.slug}/funding/grants", {"amount": amount})


@when(parsers.parse('I disburse EUR {amount} for "{purpose}"'))
def disburse(screen: Screen, amount: str, purpose: str) -> None:
    screen.submit(f"{BASE}/{screen.slug}/funding/disbursements",
                  {"amount": amount, "purpose": purpose})


@when(parsers.parse('I appoint "{name}" with "{email}" as the manager'))
def appoint(screen: Screen, name: str, email: str) -> None:
    screen.submit(f"{BASE}/{screen.slug}/manager",
                  {"manager_name": name, "manager_email": email})
    _ok(screen)


@when(parsers.parse('I adopt rules with a {days:d}-day response deadline, a "{tier}" fee of '
                    '{fee}, {rule} work shares and a {quorum:d}% quorum'))
def adopt(screen: Screen, days: int, tier: str, fee: str, rule: str, quorum: int) -> None:
    screen.submit(f"{BASE}/{screen.slug}/rules", {
        "quote_response_days": days, "annual_fees": f"{tier} {fee}", "fee_currency": "EUR",
        "success_fee_percent": "0", "work_share_rule": rule, "quorum_percent": quorum,
        "grace_days": "30", "suspend_on_arrears": "yes"})
    _ok(screen)


@when("I establish the consortium")
def establish(screen: Screen) -> None:
    screen.submit(f"{BASE}/{screen.slug}/establish", {})


@when(parsers.parse('I publish the offer for {stages}, saying "{summary}"'))
def publish(screen: Screen, stages: str, summary: str) -> None:
    screen.submit(f"{BASE}/{screen.slug}/offer", {"stages": _names(stages), "summary": summary})
    _ok(screen)


# Then


@then(parsers.parse('the list of consortia shows "{name}" waiting to "{step}"'))
def listed(screen: Screen, name: str, step: str) -> None:
    listing = html.unescape(screen.client.get(f"{BASE}/").get_data(as_text=True))
    row = re.search(rf"<tr>\s*<th scope=\"row\"><a [^>]*>{re.escape(name)}</a></th>(.*?)</tr>",
                    listing, re.S)
    assert row and f"<td>{step}</td>" in row.group(1)


@then(parsers.parse("the consortium shows {count:d} prospects, each invited"))
def prospects_invited(screen: Screen, count: int) -> None:
    page = screen.page()
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r'<a href="#prospect-[^"]+">([^<]+)</a></th>\s*<td>(\w+)', table)
    assert len(rows) == count and {status for _name, status in rows} == {"Invited"}


@then(parsers.parse("the meeting shows {count:d} attendees: {names}"))
def meeting_attendees(screen: Screen, count: int, names: str) -> None:
    page = " ".join(screen.page().split())
    assert f"Held, with {count} attendees: {names}</p>" in page


@then(parsers.parse("the heat map shows the gaps {stages}"))
def gaps(screen: Screen, stages: str) -> None:
    page = html.unescape(screen.page())
    assert f'id="matrix-gaps">Gaps: {stages}.</p>' in page
    # "Logistics and shipping" is one stage: split on commas only.
    gap_cells = re.findall(r'<td class="heat-0 is-gap" data-stage="(\w+)"', page)
    assert len(gap_cells) == len(stages.split(", "))


@then(parsers.parse("the ledger shows {granted} granted, {disbursed} disbursed and "
                    "{remaining} remaining"))
def ledger(screen: Screen, granted: str, disbursed: str, remaining: str) -> None:
    page = screen.page()
    for key, value in (("granted", granted), ("disbursed", disbursed),
                       ("remaining", remaining)):
        assert f'id="funding-{key}">{value}</dd>' in page


@then(parsers.parse('the screen refuses it, saying "{message}"'))
def refused(screen: Screen, message: str) -> None:
    assert screen.last is not None and screen.last.status_code == 422
    assert message in screen.text()


@then("nothing more is recorded")
def nothing_recorded(screen: Screen) -> None:
    assert events(screen.services) == screen.events_before


@then("the consortium is established with its offer published")
def established(screen: Screen) -> None:
    page = screen.page()
    assert 'id="formation-status">Established</span>' in page
    assert "Published: Design, Engineering, Manufacturing, Logistics and shipping, " \
           "Installation." in page


@then(parsers.parse('"{name}" appears in the public catalog'))
def in_catalog(screen: Screen, name: str) -> None:
    catalog = html.unescape(screen.client.get("/").get_data(as_text=True))
    assert name in catalog


@then(parsers.parse('"{name}" is not in the public catalog'))
def not_in_catalog(screen: Screen, name: str) -> None:
    catalog = html.unescape(screen.client.get("/").get_data(as_text=True))
    assert name not in catalog
