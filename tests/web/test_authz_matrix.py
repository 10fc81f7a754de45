"""Every route of the url_map, asked by everyone: allowed, 403, or sent to sign in.

The expected answers are the tables of tests/web/authz/ (README.md there). A route that
no table classifies fails the test by name, and so does a table entry with no route.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from marketplace.bootstrap import Services
from tests.web import matrix
from tests.web.authz import OTHERS, WHO, Tables, World, load, problems
from tests.web.conftest import TEST_CONFIG
from web import create_app
from web.authz import PUBLIC, access_of


@pytest.fixture(scope="module")
def tables() -> Tables:
    return load()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory,
          tables: Tables) -> Iterator[tuple[Services, Flask, World]]:
    with matrix.built(tmp_path_factory.mktemp("matrix"), tables) as everything:
        yield everything


def unclassified(app: Flask, tables: Tables) -> list[str]:
    """Endpoint and method of each route that no table gives answers for."""
    return sorted({f"{rule.endpoint} {method} ({rule.rule})"
                   for rule in app.url_map.iter_rules() for method in matrix.methods(rule)
                   if tables.answers(rule.endpoint, method) is None})


def test_the_tables_are_well_formed(tables: Tables) -> None:
    assert problems(tables) == []


def test_every_route_is_classified(built: tuple[Services, Flask, World],
                                   tables: Tables) -> None:
    _services, app, _world = built
    missing = unclassified(app, tables)
    assert not missing, "routes no table in tests/web/authz/ classifies:\n" + "\n".join(missing)


def test_every_table_entry_is_a_route(built: tuple[Services, Flask, World],
                                      tables: Tables) -> None:
    _services, app, _world = built
    routes = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert sorted(set(tables.expected) - routes) == []


def test_a_new_route_nobody_classified_fails_the_matrix_and_is_closed(
        built: tuple[Services, Flask, World], tables: Tables) -> None:
    services, _app, world = built
    app = create_app(services=services, config={**TEST_CONFIG, "DEV_MODE": True})
    app.add_url_rule("/workspace/forgotten", "forgotten", lambda: "secrets")

    assert "forgotten GET (/workspace/forgotten)" in unclassified(app, tables)
    for who in ("anonymous", "officer"):
        response = matrix.person(app, world, who).client.get("/workspace/forgotten")
        assert response.status_code == 403, who
        assert b"secrets" not in response.data


@pytest.mark.parametrize("who", WHO + OTHERS)
def test_each_person_gets_the_answer_the_tables_give(
        who: str, built: tuple[Services, Flask, World], tables: Tables) -> None:
    _services, app, world = built
    asker = matrix.person(app, world, who)
    wrong, asked = [], 0
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule)):
        for method in matrix.methods(rule):
            expected = (tables.answers(rule.endpoint, method) or {}).get(who)
            if expected is None:
                continue  # unclassified (the test above names it) or no scope stated
            path = matrix.path_for(rule, tables.url_values(rule.endpoint, world))
            client = asker.fresh_client() if rule.endpoint in tables.ends_session \
                else asker.client
            try:
                got = matrix.answer_of(matrix.send(client, method, path))
            except Exception as error:  # noqa: BLE001 - report every route, not the first
                got = f"raised {type(error).__name__}: {error}"
            asked += 1
            if got != expected:
                wrong.append(f"{method} {path} ({rule.endpoint}): expected {expected}, "
                             f"got {got}")
    assert asked > 0
    assert not wrong, f"{who}:\n" + "\n".join(wrong)


def test_a_buyer_reaches_the_buyers_and_the_public_routes_only(
        built: tuple[Services, Flask, World], tables: Tables) -> None:
    _services, app, world = built
    buyer = matrix.person(app, world, "buyer")
    wrong, refused = [], 0
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule)):
        access = access_of(app, rule.endpoint)
        if access == PUBLIC or (access is not None and "buyer" in access):
            continue
        for method in matrix.methods(rule):
            path = matrix.path_for(rule, tables.url_values(rule.endpoint, world))
            got = matrix.answer_of(matrix.send(buyer.client, method, path))
            refused += 1
            if got != "403":
                wrong.append(f"{method} {path} ({rule.endpoint}): {got}")
    assert refused > 50  # the workspace's routes, every one of them
    assert not wrong, "a buyer got past:\n" + "\n".join(wrong)
    # Still signed in: the buyer's own page answers.
    assert buyer.client.get("/buyer/requests").status_code == 200


def test_an_anonymous_visitor_is_sent_to_ask_for_a_buyers_link(
        built: tuple[Services, Flask, World]) -> None:
    _services, app, _world = built
    answer = app.test_client().get("/buyer/requests")
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/buyer/")
