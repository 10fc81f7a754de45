"""Each workspace notice links to a page that exists, for the audience it is meant for."""

from __future__ import annotations

import pytest
from flask import Flask

from marketplace.outbox.kinds import KINDS_BY_NAME
from tests.unit.test_notice_texts import FACTS

ENDPOINTS = {
    "rfq_new": "desk.bid",
    "response_due": "desk.bid",
    "contribution_requested": "member.space",
    "work_share_awarded": "member.contracts",
    "rfq_overdue": "dashboard.consortium",
}


@pytest.mark.parametrize("kind", sorted(ENDPOINTS))
def test_the_notice_s_link_is_a_workspace_page(web_app: Flask, kind: str) -> None:
    path = KINDS_BY_NAME[kind].path({}, FACTS[kind])
    endpoint, _args = web_app.url_map.bind("localhost").match(path, method="GET")
    assert endpoint == ENDPOINTS[kind]


def test_the_agreement_mail_links_to_the_member_s_agreement_page(web_app: Flask) -> None:
    facts = {"consortium": "Cantabria Metal", "version": "2",
             "membership": "6949c8eb-6359-5c77-8ca6-41696016089f"}
    path = KINDS_BY_NAME["agreement_to_sign"].path({}, facts)
    endpoint, args = web_app.url_map.bind("localhost").match(path, method="GET")
    assert endpoint == "member.agreement"
    assert args == {"membership_id": facts["membership"]}


@pytest.mark.parametrize("kind", ["fee_assessed", "fee_reminder"])
def test_the_fee_mails_link_to_the_fees_of_the_member_s_space(web_app: Flask, kind: str) -> None:
    facts = {"membership": "6949c8eb-6359-5c77-8ca6-41696016089f"}
    path = KINDS_BY_NAME[kind].path({}, facts)
    page, anchor = path.split("#")
    endpoint, args = web_app.url_map.bind("localhost").match(page, method="GET")
    assert (endpoint, args, anchor) == ("member.space", {"membership_id": facts["membership"]},
                                        "fees-h")
