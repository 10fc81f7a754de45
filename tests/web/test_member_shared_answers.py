"""Members asked to price read the answers the manager shared, and only those; during a
revision they see the request again and may commit a new price."""

from __future__ import annotations

from datetime import timedelta

from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import eur
from tests.web.member_helpers import as_member, commit_form, member_world


def test_a_member_sees_only_the_shared_answers(client: FlaskClient, services: Services) -> None:
    world = member_world(services)
    app = services.marketplace
    shared = app.ask_question(world.bid, "Is the steel S355?")
    kept = app.ask_question(world.bid, "Who pays the crane?")
    app.answer_question(world.bid, shared, "Yes, S355J2.", shared_with_members=True)
    app.answer_question(world.bid, kept, "The buyer does.")
    html = as_member(client, world).get(world.url()).get_data(as_text=True)
    assert "Is the steel S355?" in html and "Yes, S355J2." in html
    assert "Who pays the crane?" not in html and "The buyer does." not in html
    app.share_answer(world.bid, kept)
    assert "The buyer does." in client.get(world.url()).get_data(as_text=True)


def test_a_member_recommits_while_a_revision_is_asked(
        client: FlaskClient, services: Services) -> None:
    world = member_world(services)
    app = services.marketplace
    app.commit_contribution(world.bid, "design", world.mine, eur("20000"), 30)
    # Cover the other stage(s) of the request and quote it.
    for stage in app.get_bid(world.bid).uncovered_stages():
        owner = {"design": 0, "engineering": 0, "manufacturing": 1, "logistics": 2,
                 "installation": 2}[stage]
        member = world.formed.memberships[owner]
        app.request_contribution(world.bid, stage, member, app.clock.now().date())
        app.commit_contribution(world.bid, stage, member, eur("1000"), 10)
    app.submit_quote(world.bid, eur("50000"), app.clock.now().date() + timedelta(days=30), 60)
    as_member(client, world)
    assert "Naviera Austral" not in client.get(world.url()).get_data(as_text=True)
    app.request_revision(world.bid, "Cheaper, please.")
    html = client.get(world.url()).get_data(as_text=True)
    assert "Naviera Austral" in html and "The buyer asked for a revised quote" in html
    response = client.post(world.request_url("commit"),
                           data=commit_form(seen="committed", price="18000"))
    assert response.status_code == 303, response.get_data(as_text=True)[:600]
    assert app.get_bid(world.bid).contributions[f"design:{world.mine}"]["price"] == eur("18000")
