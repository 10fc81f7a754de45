"""Every route of the url_map, with hostile values in its path and its query: never a 5xx.

Each path variable in turn gets a number past every integer type, a day past the calendar,
an id that is not one, long or odd text, the other variables staying valid (the tables'
values of tests/web/authz/), so the hostile one reaches the lookup. The same for each query
parameter a view reads (routes.QUERY_PARAMS, checked complete against the source). Asked
anonymously and by a signed-in person the tables let through, so the view itself answers.

SQLite runs every value, and a Hypothesis test adds drawn text and numbers (profile `ci`,
fixed seed). PostgreSQL runs a smaller deterministic set: it refuses out-of-range integers
and dates that SQLite keeps, so that is where "integer out of range" shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.payments import fake_stripe, gateway_for
from tests.web import matrix
from tests.web.authz import World, load
from tests.web.fuzz import routes
from tests.web.fuzz.test_forms_fuzz import store

TABLES = load()


@dataclass
class Site:
    """The app on its world, and a client per person who asks."""

    app: Flask
    world: World
    clients: dict[str, FlaskClient]

    def askers(self, endpoint: str, method: str) -> list[tuple[str, FlaskClient]]:
        """Anonymous, and the first signed-in person the tables let through (if any)."""
        who = routes.asker(TABLES, endpoint, method)
        found = [("anonymous", self.clients["anonymous"])]
        return found + ([(who, self.clients[who])] if who else [])


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[Site]:
    with store(request.param) as url, fake_stripe() as fake, \
            matrix.built(tmp_path_factory.mktemp("routes"), TABLES, url,
                         payment_gateway=gateway_for(fake)) as built:
        _services, app, world = built
        clients = {who: matrix.person(app, world, who).client
                   for who in ("anonymous", *routes.SIGNED_IN)}
        yield Site(app, world, clients)


def _values(site: Site, full: list[str]) -> list[str]:
    """Every value on SQLite; the smaller set on PostgreSQL (the module's docstring)."""
    return full if site.app.extensions["consortia"].engine.dialect.name == "sqlite" \
        else routes.STORE_VALUES


def _server_errors(site: Site, requests: list[tuple[str, str, str]]) -> list[str]:
    """Send each (endpoint, method, path) as each asker; the answers of 500 and above."""
    failed = []
    for endpoint, method, path in requests:
        for who, client in site.askers(endpoint, method):
            response = matrix.send(client, method, path)
            if response.status_code >= 500:
                failed.append(f"{who} {method} {path[:160]} ({endpoint}): {response.status}")
    return failed


@pytest.mark.parametrize("site", ["sqlite"], indirect=True)  # the same url_map on both
def test_the_query_table_names_every_parameter_a_view_reads(site: Site) -> None:
    named = {name for names in routes.QUERY_PARAMS.values() for name in names}
    assert routes.read_in_source() - named == set()
    endpoints = {rule.endpoint for rule in site.app.url_map.iter_rules()}
    assert set(routes.QUERY_PARAMS) - endpoints == set()


def test_no_hostile_path_part_gets_a_server_error(site: Site) -> None:
    requests = []
    for rule, method in routes.routes(site.app):
        values = TABLES.url_values(rule.endpoint, site.world)
        for name in sorted(rule.arguments):
            requests += [(rule.endpoint, method, routes.path_with(rule, values, name, value))
                         for value in _values(site, routes.PATH_VALUES)]
    assert len(requests) > 500  # every route with a variable, not an empty url_map
    failed = _server_errors(site, requests)
    assert not failed, "\n".join(failed)


def test_no_hostile_query_value_gets_a_server_error(site: Site) -> None:
    requests = []
    for rule, method in routes.routes(site.app):
        for name in routes.QUERY_PARAMS.get(rule.endpoint, ()):
            requests += [(rule.endpoint, method,
                          routes.query_for(TABLES, site.world, rule, name, value))
                         for value in _values(site, routes.QUERY_VALUES)]
    assert len(requests) > 200
    failed = _server_errors(site, requests)
    assert not failed, "\n".join(failed)


HOSTILE = st.one_of(st.sampled_from(routes.PATH_VALUES),
                    st.integers(min_value=-(10**40), max_value=10**40).map(str),
                    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
                            min_size=1),
                    st.dates().map(lambda d: d.isoformat()))


@pytest.mark.parametrize("site", ["sqlite"], indirect=True)  # PostgreSQL: the fixed set
def test_drawn_values_in_any_path_part_or_query_parameter_get_no_server_error(
        site: Site) -> None:
    targets = []  # (rule, method, variable or None, query name or None)
    for rule, method in routes.routes(site.app):
        targets += [(rule, method, name, None) for name in sorted(rule.arguments)]
        targets += [(rule, method, None, name)
                    for name in routes.QUERY_PARAMS.get(rule.endpoint, ())]

    @settings(max_examples=max(20, settings.default.max_examples * 4))
    @given(target=st.sampled_from(targets), value=HOSTILE)
    def ask(target: tuple, value: str) -> None:
        rule, method, variable, query = target
        if variable is not None:
            path = routes.path_with(rule, TABLES.url_values(rule.endpoint, site.world),
                                    variable, value)
        else:
            path = routes.query_for(TABLES, site.world, rule, query, value)
        assert _server_errors(site, [(rule.endpoint, method, path)]) == []

    ask()
