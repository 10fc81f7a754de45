"""Steps of features/fees.feature: assessing, paying by card through the fake Stripe, arrears."""

from __future__ import annotations

import re
import shlex
from typing import Any
from uuid import UUID

from click.testing import CliRunner, Result
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when

from consortia.cli import main
from marketplace.application import Marketplace
from marketplace.bootstrap import Services
from marketplace.fees.queries import fee_ledger

# pytest-bdd and pytest find the world's fixtures in the test module.
from tests.bdd.fees_steps import *  # noqa: F403
from tests.bdd.fees_world import *  # noqa: F403
from tests.bdd.fees_world import fee
from tests.bdd.support import Cast, log_position, money
from tests.story import Formed, awarded_bid

scenarios("fees.feature")


# The operator and the manager assess


@when(parsers.parse('the operator runs "{command}"'), target_fixture="cli")
def operator_runs(store_url: str, command: str) -> Result:
    words = shlex.split(command)
    assert words[0] == "consortia"
    return CliRunner().invoke(main, words[1:], env={"CONSORTIA_DATABASE_URL": store_url})


@then(parsers.parse('the command says "{text}"'))
def command_says(cli: Result, text: str) -> None:
    assert cli.exit_code == 0, cli.output
    assert cli.output.strip() == text


@then(parsers.parse('"{firm}" owes {amount} for its {period} annual fee, due on {due}'))
def owes_annual(app: Marketplace, cast: Cast, firm: str, amount: str, period: str,
                due: str) -> None:
    held = fee(app, cast, firm, f"annual-{period}")
    assert (held["amount"], held["status"], held["due_on"].isoformat()) == (
        money(amount), "assessed", due)


@given(parsers.parse("a contract was awarded with work shares of {first}, {second} and {third}"))
def contract_awarded(app: Marketplace, cast: Cast, consortium: UUID, memo: dict[str, Any],
                     first: str, second: str, third: str) -> None:
    formed = Formed(consortium, memberships=[cast.membership(f"Metal Firm {n}")
                                             for n in (1, 2, 3)])
    memo["bid"] = awarded_bid(app, formed)
    shares = app.get_bid(memo["bid"]).contract["shares"]
    assert [shares[str(m)] for m in formed.memberships] == [money(first), money(second),
                                                            money(third)]


def fee_screen(consortium: UUID) -> str:
    return f"/workspace/fees/consortia/{consortium}"


def assess_on_screen(client: FlaskClient, consortium: UUID, period: str, due: str) -> Any:
    page = client.get(fee_screen(consortium))
    found = re.search(r'name="version" value="(\d+)"', page.get_data(as_text=True))
    version = found.group(1) if found else ""
    return client.post(f"{fee_screen(consortium)}/assess",
                       data={"period": period, "due_on": due, "version": version})


@when(parsers.parse("the manager assesses the {period} fees on the fee screen, due on {due}"),
      target_fixture="screen")
def manager_assesses(clients: dict[str, FlaskClient], consortium: UUID, period: str,
                     due: str) -> str:
    manager = clients["manager:metal"]
    answer = assess_on_screen(manager, consortium, period, due)
    assert answer.status_code == 303, answer.get_data(as_text=True)[:500]
    return manager.get(answer.headers["Location"]).get_data(as_text=True)


@when(parsers.parse("the manager of the {slug} consortium tries to assess the {period} fees "
                    "of the {target} consortium"), target_fixture="screen")
def other_manager_assesses(app: Marketplace, clients: dict[str, FlaskClient], cast: Cast,
                           memo: dict[str, Any], slug: str, period: str, target: str) -> str:
    manager = clients[f"manager:{slug}"]  # signing in opens an account: an event
    memo["position"] = log_position(app)
    answer = assess_on_screen(manager, cast.consortia[target], period, "")
    assert answer.status_code == 403
    return answer.get_data(as_text=True)


@then(parsers.parse('the fee screen says "{text}"'))
@then(parsers.parse('the fee screen refuses, saying "{text}"'))
def screen_says(screen: str, text: str) -> None:
    assert text in screen, screen[:2000]


@then(parsers.parse('"{firm}" owes a success fee of {amount} for {period}'))
def owes_success(app: Marketplace, cast: Cast, memo: dict[str, Any], firm: str, amount: str,
                 period: str) -> None:
    held = fee(app, cast, firm, f"success-{memo['bid']}")
    assert (held["amount"], held["period"], held["status"]) == (money(amount), period,
                                                                "assessed")


@then("no fee is assessed")
def no_fee(services: Services, memo: dict[str, Any], consortium: UUID) -> None:
    assert log_position(services.marketplace) == memo["position"]
    assert fee_ledger(services.engine, consortium) == []
