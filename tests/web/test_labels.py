"""One table of names: every state is named for each audience, stages and countries too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask_babel import force_locale

from domain.statuses import (
    BidStatus,
    ConsortiumStatus,
    ContributionStatus,
    FeeStatus,
    MembershipStatus,
)
from domain.values import Stage
from web import labels


@pytest.fixture
def page(web_app: Flask) -> Iterator[None]:
    with web_app.test_request_context():
        yield


def test_each_table_names_every_state_of_its_kind(page: None) -> None:
    assert set(labels.desk_bid_states()) == set(BidStatus)
    assert set(labels.buyer_steps()) == {"received"} | set(BidStatus) - {BidStatus.REQUESTED}
    assert set(labels.officer_membership_states()) == set(MembershipStatus)
    assert set(labels.officer_consortium_states()) == set(ConsortiumStatus)
    assert set(labels.manager_fee_states()) == set(FeeStatus)
    named = [(labels.member_bid_state, BidStatus), (labels.member_standing, MembershipStatus),
             (labels.member_fee_state, FeeStatus),
             (labels.member_contribution_state, ContributionStatus)]
    with force_locale("es"):  # in Spanish no name is the stored English word
        for name, states in named:
            for state in states:
                assert name(state) != state.value, (name, state)
                assert name(str(state.value)) == name(state)  # a read-model row's string


def test_a_state_is_named_in_the_words_of_its_audience(page: None) -> None:
    assert labels.desk_bid_states()[BidStatus.QUOTED] == "Quote sent; awaiting the buyer"
    assert labels.member_bid_state("qualified") == "being priced"
    assert labels.buyer_steps()["received"] == "Request received"
    assert labels.member_standing("joined") == "active member"
    assert labels.officer_states()["joined"] == "Joined"
    assert labels.officer_states()["proposed"] == "In formation"
    assert labels.member_fee_state("assessed") == "to pay"
    assert labels.manager_fee_states()["assessed"] == "Due"


def test_an_unknown_state_shows_as_stored(page: None) -> None:
    assert labels.member_bid_state("someday") == "someday"
    assert labels.member_standing("someday") == "someday"


def test_stages_in_value_chain_order_and_countries_in_the_pages_language(page: None) -> None:
    assert tuple(stage.value for stage in Stage) == labels.STAGES
    assert list(labels.stage_names()) == list(labels.STAGES)
    assert labels.stage_list(["design", "logistics"]) == "Design, Logistics and shipping"
    assert labels.stage_label("unheard-of") == "unheard-of"
    assert labels.country_name("MX") == "Mexico"
    assert labels.country_name("mx") == "Mexico"
    assert labels.country_name("ZZ") == "ZZ"
    with force_locale("es"):
        assert labels.country_name("MX") == "México"
        assert labels.stage_names()["design"] == "Diseño"
