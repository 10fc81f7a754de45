"""Acceptance 8: bad input to every command gives a typed error, and nothing is stored.

The table of cases lives in tests/integration/bad_input/, one module per audience.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from domain.errors import DomainError
from marketplace.application import Marketplace
from marketplace.bootstrap import Services, bootstrap
from marketplace.documents.blobs import DiskBlobStore
from marketplace.ports import SteppingClock
from marketplace.vault import personal_data
from tests.blobs import stored_blobs
from tests.conftest import POSTGRES_URL, START, drop_schema, require_postgres
from tests.integration.bad_input import (
    accounts,
    agencies,
    bidding,
    buyers,
    desk,
    documents,
    fees,
    formation,
    mail,
    membership,
    privacy,
)
from tests.integration.bad_input.ids import ID_CASES, ID_COMMANDS
from tests.integration.bad_input.world import Later, World, rfq
from tests.story import eur

RULE_CASES = (formation.CASES + membership.CASES + bidding.CASES + privacy.CASES
              + accounts.CASES + desk.CASES + mail.CASES + fees.CASES + documents.CASES
              + buyers.CASES + agencies.CASES)


def stored(services: Services) -> tuple[int | None, int, int]:
    """The last event's position, how many rows the personal-data vault holds, and how many
    documents' blobs are kept."""
    with services.engine.connect() as conn:
        people = conn.execute(select(func.count()).select_from(personal_data)).scalar_one()
    blobs = len(stored_blobs(services.blobs))
    return services.marketplace.recorder.max_notification_id(), people, blobs


def refuse(services: Services, world: World, command: str,
           given: Callable[[World], Any], error: type[Exception]) -> None:
    args, kwargs = given(world)
    before = stored(services)
    with pytest.raises(error) as raised:
        # Arguments such as Money.of("-100", "EUR") are built here: typed in by a person.
        args = [x.build() if isinstance(x, Later) else x for x in args]
        kwargs = {k: v.build() if isinstance(v, Later) else v for k, v in kwargs.items()}
        getattr(services.marketplace, command)(*args, **kwargs)
    assert type(raised.value) is error, f"{type(raised.value).__name__}: {raised.value}"
    assert isinstance(raised.value, DomainError)
    assert len(str(raised.value)) > 10  # a sentence a person can read
    assert stored(services) == before


@pytest.mark.parametrize(("command", "given", "error"), RULE_CASES)
def test_a_broken_rule_is_refused_with_its_error_and_stores_nothing(
    services: Services, command: str, given: Callable[[World], Any], error: type[Exception],
) -> None:
    # The read models follow the event log; the log's position is what is checked here.
    services.marketplace.on_saved = None
    refuse(services, World(services.marketplace, services.projector), command, given, error)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def shared(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[Services, World]]:
    """One store for all the id cases: a refused id stores nothing, so they can share it."""
    schema = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('ids') / 'consortia.db'}"
    else:
        require_postgres()
        schema = f"t_{uuid.uuid4().hex[:12]}"
        url = f"{POSTGRES_URL}?schema={schema}"
    services = bootstrap(url, clock=SteppingClock(START), inline_projection=False,
                         blobs=DiskBlobStore(tmp_path_factory.mktemp("blobs")))
    yield services, World(services.marketplace, services.projector)
    services.close()
    if schema:
        drop_schema(schema)


@pytest.mark.parametrize(("command", "given", "error"), ID_CASES)
def test_an_unknown_or_malformed_id_is_refused_and_stores_nothing(
    shared: tuple[Services, World], command: str, given: Callable[[World], Any],
    error: type[Exception],
) -> None:
    refuse(*shared, command, given, error)


def commands_of(app_class: type) -> set[str]:
    """The Marketplace's commands: its methods wrapped by the @command decorator."""
    return {
        name for name in dir(app_class)
        if not name.startswith("_") and getattr(getattr(app_class, name), "is_command", False)
    }


def test_the_table_covers_every_command() -> None:
    commands = commands_of(Marketplace)
    assert len(commands) >= 40
    assert commands - {p.values[0] for p in RULE_CASES} == set()
    no_id = {"register_company", "propose_consortium", "erase_personal_data", "open_account",
             "invite_account", "register_agency"}
    assert commands - no_id == set(ID_COMMANDS)


def test_good_input_does_change_what_is_stored(services: Services) -> None:
    """Without this, the checks above would pass for commands that store nothing at all."""
    world = World(services.marketplace)
    args, kwargs = rfq(world)
    before = stored(services)
    services.marketplace.request_quote(*args, **kwargs)
    after = stored(services)
    assert after[0] > before[0]
    assert after[1] == before[1] + 1


def test_good_documents_links_invitations_and_terms_are_stored(services: Services) -> None:
    """The states the new cases start from take good input: only the bad part is refused."""
    world = World(services.marketplace, services.projector)
    app = services.marketplace
    world.covered, world.contact_firm, world.buyer_key  # noqa: B018 - the states, built first
    steps = [
        (lambda: app.attach_to_rfq(world.requested, [documents.good()]), (1, 0, 1)),
        (lambda: app.resend_tracking_link(world.buyer_key, world.requested), (1, 0, 0)),
        (lambda: app.invite_firm_contact(world.formed.consortium, world.contact_firm),
         (1, 2, 0)),
        (lambda: app.submit_quote(world.covered, eur("440000"),
                                  world.today + timedelta(days=30), 90,
                                  payment_terms="30% on order. " * 71, warranty="24 months",
                                  taxes="x" * 1000), (1, 0, 0)),
    ]
    for step, grows in steps:
        before = stored(services)
        step()
        after = stored(services)
        assert after[0] > before[0]
        assert (1, after[1] - before[1], after[2] - before[2]) == grows
